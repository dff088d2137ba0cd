"""What the Training tab says before anything happened: the first step, and a queued Train.

`FirstStepsHint` is shown while there is no past run, none is open and none is training.
`queued_text` is the progress line after Train was pressed while the engine still loads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget


def queued_text() -> str:
    """The progress line while a Train click waits for the engine."""
    return QCoreApplication.translate("TrainingTab", "Waiting for the engine: training starts when it is ready…")


class FirstStepsHint(QLabel):
    """A short "start here" note for a window with no runs yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #eef4fb; border: 1px solid #b9cde5; border-radius: 4px; padding: 8px; }")
        self.retranslate()

    def retranslate(self) -> None:
        """Set the text in the current language."""
        self.setText(self.tr("First step: choose a model kind and a dataset on the left, then press Train "
                             "(you may press it while the engine loads). Curves and samples appear here as it "
                             "learns; finished runs are listed under Past runs, and the other tabs open them."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
