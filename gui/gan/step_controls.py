"""GAN Lab-style step controls: which side to train and for how many batches."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from core.gan.stepper import MODES


class GanStepWidget(QWidget):
    """Mode combo, batch count and a Train button; emits `step_requested(mode, n_batches)`."""

    step_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(self)
        for key, label in MODES.items():
            self.mode.addItem(label, key)
        self.batches = QSpinBox(self)
        self.batches.setRange(1, 10_000)
        self.batches.setValue(20)
        self.batches.setSuffix(" batches")
        self.button = QPushButton("Train steps", self)
        self.status = QLabel("", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Train", self))
        layout.addWidget(self.mode)
        layout.addWidget(QLabel("for the next", self))
        layout.addWidget(self.batches)
        layout.addWidget(self.button)
        layout.addWidget(self.status, 1)
        self.button.clicked.connect(self._on_button_clicked)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Disable the button while a step job runs; show `text`."""
        self.button.setEnabled(not busy)
        self.status.setText(text)

    def _on_button_clicked(self) -> None:
        self.step_requested.emit(str(self.mode.currentData()), int(self.batches.value()))
