"""GAN Lab-style step controls: which side to train and for how many batches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from core.gan.stepper import MODES


class GanStepWidget(QWidget):
    """Mode combo, batch count and a Train button; emits `step_requested(mode, n_batches)`.

    The status line is kept as state (`show_started`, `show_batch`, `show_done`) and rendered
    in the current language.
    """

    step_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(self)
        for key, label in MODES.items():
            self.mode.addItem(label, key)
        self.batches = QSpinBox(self)
        self.batches.setRange(1, 10_000)
        self.batches.setValue(20)
        self.button = QPushButton(self)
        self.status = QLabel("", self)
        self._status: tuple[str, dict[str, Any]] = ("", {})
        self.train_label, self.next_label = QLabel(self), QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.train_label)
        layout.addWidget(self.mode)
        layout.addWidget(self.next_label)
        layout.addWidget(self.batches)
        layout.addWidget(self.button)
        layout.addWidget(self.status, 1)
        self.button.clicked.connect(self._on_button_clicked)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language, re-rendering the status line."""
        labels = {"both": self.tr("Both"), "d": self.tr("Discriminator only"), "g": self.tr("Generator only")}
        for i in range(self.mode.count()):
            key = self.mode.itemData(i)
            self.mode.setItemText(i, labels.get(key, MODES.get(key, str(key))))
        self.mode.setToolTip(self.tr("Which network to update: the discriminator, the generator or both"))
        self.batches.setSuffix(self.tr(" batches"))
        self.button.setText(self.tr("Train steps"))
        self.train_label.setText(self.tr("Train"))
        self.next_label.setText(self.tr("for the next"))
        self.status.setText(self.status_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def status_text(self) -> str:
        """The status line for the stored state, in the current language."""
        kind, data = self._status
        logs = " · ".join(f"{k} {v:.3f}" for k, v in data.get("logs", {}).items())
        if kind == "started":
            return self.tr("training {0} batches…").format(data["n"])
        if kind == "batch":
            return self.tr("batch {0}/{1} · {2}").format(data["batch"], data["steps"], logs)
        if kind == "done":
            return self.tr("{0} batches ({1}) done · {2}").format(data["steps"], data["mode"], logs)
        return ""

    def _set_status(self, kind: str, **data: Any) -> None:
        self._status = (kind, data)
        self.status.setText(self.status_text())

    def set_busy(self, busy: bool) -> None:
        """Disable the button while a step job runs (and clear the status line when idle)."""
        self.button.setEnabled(not busy)
        if not busy:
            self._set_status("")

    def show_started(self, n: int) -> None:
        """A step job of `n` batches started: busy."""
        self.button.setEnabled(False)
        self._set_status("started", n=n)

    def show_batch(self, batch: Any, steps: Any, logs: dict[str, float]) -> None:
        """Progress of the running step job."""
        self._set_status("batch", batch=batch, steps=steps, logs=dict(logs))

    def show_done(self, steps: Any, mode: str, logs: dict[str, float]) -> None:
        """The step job finished: idle again, with its last losses."""
        self.button.setEnabled(True)
        self._set_status("done", steps=steps, mode=mode, logs=dict(logs))

    def _on_button_clicked(self) -> None:
        self.step_requested.emit(str(self.mode.currentData()), int(self.batches.value()))
