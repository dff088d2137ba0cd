"""The Layers tab's top row: the model picker, open and recent buttons, unit sorting, export."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from gui.layers.model_picker import ModelPickerWidget
from gui.widgets.live_text import is_language_change


class LayersTopBar(QWidget):
    """Thin view: the tab connects to its buttons and fills its picker and recent menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_label = QLabel("")
        self.model_combo = ModelPickerWidget()
        self.open_button = QPushButton()
        self.recent_button = QToolButton()
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self)
        self.recent_button.setMenu(self.recent_menu)
        self.sort_check = QCheckBox()
        self.export_button = QPushButton()
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        for w in (self.model_label, self.model_combo, self.open_button, self.recent_button, self.sort_check,
                  self.export_button):
            top.addWidget(w)
        top.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every label in the current language."""
        self.model_label.setText(self.tr("Model"))
        self.open_button.setText(self.tr("Open model…"))
        self.recent_button.setText(self.tr("Recent models"))
        self.sort_check.setText(self.tr("Sort units"))
        self.sort_check.setToolTip(self.tr("Show each dense layer's units from the strongest to the weakest"))
        self.export_button.setText(self.tr("Export PNG…"))
        self.export_button.setToolTip(self.tr("Save every layer's output, as shown, as one PNG image"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
