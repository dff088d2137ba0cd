"""The density view's input chooser: which kind of input, and which one of that kind.

It only holds choices and emits `changed()`; the tab turns them into an image.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from gui.density.images import INPUT_KINDS
from gui.widgets.drawing_pad import DrawingPadWidget


class InputChooser(QWidget):
    """Kind of input (test image, drawing, GAN sample, noise, other dataset, mean image,
    upside-down test image), its index or seed, and the drawing pad."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox()
        for kind in INPUT_KINDS:
            self.kind_combo.addItem(kind, kind)
        self.index_spin = QSpinBox()
        self.index_spin.setRange(0, 0)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 1_000_000)
        self.next_button = QPushButton()
        self.gan_combo = QComboBox()
        self.source_combo = QComboBox()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.pad = DrawingPadWidget(28)
        self.pad.setMinimumSize(140, 140)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.kind_label, self.index_label, self.seed_label = QLabel(), QLabel(), QLabel()
        self.gan_label, self.source_label = QLabel(), QLabel()
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.index_label, self.index_spin)
        form.addRow(self.seed_label, self.seed_spin)
        form.addRow("", self.next_button)
        form.addRow(self.gan_label, self.gan_combo)
        form.addRow(self.source_label, self.source_combo)
        form.addRow(self.note)
        form.addRow(self.pad)
        self._form = form
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.index_spin.valueChanged.connect(self.changed)
        self.seed_spin.valueChanged.connect(self.changed)
        self.gan_combo.activated.connect(self.changed)
        self.source_combo.activated.connect(self.changed)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.pad.drawn.connect(self._on_pad_drawn)
        self.retranslate()
        self._on_kind_changed()

    @property
    def kind(self) -> str:
        """The chosen input kind (one of `INPUT_KINDS`)."""
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        """Choose an input kind (emits `changed`)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def retranslate(self) -> None:
        labels = {
            "test": self.tr("Held-out test image"), "drawn": self.tr("Your drawing"),
            "gan": self.tr("GAN sample"), "noise": self.tr("Uniform noise"),
            "other": self.tr("Image from another dataset"), "mean": self.tr("Mean image"),
            "flip": self.tr("Test image upside down"),
        }
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, labels[str(self.kind_combo.itemData(i))])
        self.kind_label.setText(self.tr("Input"))
        self.index_label.setText(self.tr("Image"))
        self.seed_label.setText(self.tr("Seed"))
        self.next_button.setText(self.tr("Next"))
        self.gan_label.setText(self.tr("GAN run"))
        self.source_label.setText(self.tr("Dataset"))
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_gan_runs(self, runs: list[tuple[str, str]]) -> None:
        """(label, path) of the GAN runs to sample from."""
        current = self.gan_combo.currentData()
        self.gan_combo.clear()
        for label, path in runs:
            self.gan_combo.addItem(label, path)
        if current is not None and self.gan_combo.findData(current) >= 0:
            self.gan_combo.setCurrentIndex(self.gan_combo.findData(current))
        self._show_note()

    def set_sources(self, sources: list[tuple[str, str]]) -> None:
        """(source, label) of the datasets an outside image may come from."""
        current = self.source_combo.currentData()
        self.source_combo.clear()
        for source, label in sources:
            self.source_combo.addItem(label, source)
        if current is not None and self.source_combo.findData(current) >= 0:
            self.source_combo.setCurrentIndex(self.source_combo.findData(current))

    def _show_note(self) -> None:
        no_gan = self.kind == "gan" and self.gan_combo.count() == 0
        self.note.setText(self.tr("No GAN run yet: train one in the Training tab to compare its samples.")
                          if no_gan else "")
        self.note.setVisible(no_gan)

    def _on_kind_changed(self) -> None:
        kind = self.kind
        rows = {self.index_spin: kind in ("test", "other", "flip"), self.seed_spin: kind in ("noise", "gan"),
                self.next_button: kind in ("test", "other", "flip", "noise", "gan"),
                self.gan_combo: kind == "gan", self.source_combo: kind == "other", self.pad: kind == "drawn"}
        for widget, visible in rows.items():
            self._form.setRowVisible(widget, visible)
        self._show_note()
        self.changed.emit()

    def _on_next_clicked(self) -> None:
        spin = self.seed_spin if self.kind in ("noise", "gan") else self.index_spin
        spin.setValue(spin.value() + 1 if spin.value() < spin.maximum() else 0)

    def _on_pad_drawn(self, _image: object) -> None:
        if self.kind == "drawn":
            self.changed.emit()
