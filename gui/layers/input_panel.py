"""The Layers tab's input chooser: a dataset image, a drawing, or a latent vector."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.drawing_pad import DrawingPadWidget
from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change

MODES = (QT_TRANSLATE_NOOP("LayersInputWidget", "Dataset image"), QT_TRANSLATE_NOOP("LayersInputWidget", "Draw"),
         QT_TRANSLATE_NOOP("LayersInputWidget", "Latent vector"))
MAX_SLIDERS = 8


class LayersInputWidget(QWidget):
    """Emits `input_changed(kind, array)`: kind "image" with an (H, W) or colour (H, W, 3) float
    array in [0, 1] (an empty pad is all zeros; a drawing is grey, repeated over colour channels),
    or "vector" with a 1-D latent vector; `input_cleared()` when there is no input any more
    (dataset images chosen while no dataset is loaded); `source_chosen(str)` when the user picks
    a dataset in the chooser (only offered for a user's own model file: a run's models use its data)."""

    input_changed = Signal(str, object)
    input_cleared = Signal()
    source_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: Any = None
        self.texts = LiveTexts()
        self._rng = np.random.default_rng(0)
        self.latent = np.zeros(2, np.float32)
        self.source_combo = QComboBox()
        self.mode_combo = QComboBox()
        self.mode_combo.addItems(list(MODES))
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_dataset_page())
        self.stack.addWidget(self._build_draw_page())
        self.stack.addWidget(self._build_latent_page())
        self.preview = ImageView(min_size=84)
        self.preview.setMaximumHeight(140)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        self.problem_label = QLabel("")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.problem_label.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading, self.data_label = QLabel(""), QLabel("")
        lay.addWidget(self.heading)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_label)
        data_row.addWidget(self.source_combo, 1)
        lay.addLayout(data_row)
        lay.addWidget(self.mode_combo)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.problem_label)
        lay.addWidget(self.preview)
        lay.addWidget(self.caption)
        self.mode_combo.currentIndexChanged.connect(self._on_mode_combo_changed)
        self.source_combo.activated.connect(self._on_source_combo_activated)
        self.texts.put(self.preview.set_placeholder, lambda: self.tr("no input"))
        self.texts.put(self.dataset_note.setText, self._no_dataset_note)
        self.retranslate()

    def retranslate(self) -> None:
        """Every label in the current language; state-made texts made again."""
        self.source_combo.setToolTip(self.tr("The data a model file is shown with; a run's models use the run's own data"))
        for i, mode in enumerate(MODES):
            self.mode_combo.setItemText(i, QCoreApplication.translate("LayersInputWidget", mode))
        self.heading.setText(self.tr("<b>Input</b>"))
        self.data_label.setText(self.tr("Data"))
        self.class_combo.setItemText(0, self.tr("any class"))
        self.random_button.setText(self.tr("Random"))
        self.index_label.setText(self.tr("Test image"))
        self.class_label.setText(self.tr("Class"))
        self.clear_button.setText(self.tr("Clear"))
        self.brush_label.setText(self.tr("Brush"))
        self.latent_random.setText(self.tr("Random normal"))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _no_dataset_note(self) -> str:
        return self.tr("No dataset loaded yet: draw instead.")

    # --- pages -----------------------------------------------------------------------
    def _build_dataset_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.index_spin = QSpinBox()
        self.index_spin.setRange(0, 0)
        self.class_combo = QComboBox()
        self.class_combo.addItem("", -1)
        self.random_button = QPushButton()
        self.index_label, self.class_label = QLabel(""), QLabel("")
        form.addRow(self.index_label, self.index_spin)
        form.addRow(self.class_label, self.class_combo)
        form.addRow(self.random_button)
        self.dataset_note = QLabel("")
        self.dataset_note.setWordWrap(True)
        form.addRow(self.dataset_note)
        self.index_spin.valueChanged.connect(self._on_index_spin_changed)
        self.class_combo.currentIndexChanged.connect(self._on_class_combo_changed)
        self.random_button.clicked.connect(self._on_random_button_clicked)
        return page

    def _build_draw_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.pad = DrawingPadWidget(28)
        self.clear_button = QPushButton()
        self.brush_slider = QSlider(Qt.Orientation.Horizontal)
        self.brush_slider.setRange(5, 50)
        self.brush_slider.setValue(int(self.pad.brush_width() * 10))
        row = QHBoxLayout()
        self.brush_label = QLabel("")
        row.addWidget(self.brush_label)
        row.addWidget(self.brush_slider, 1)
        row.addWidget(self.clear_button)
        lay.addWidget(self.pad, 1)
        lay.addLayout(row)
        self.pad.drawn.connect(self._on_pad_drawn)
        self.clear_button.clicked.connect(self.pad.clear)
        self.brush_slider.valueChanged.connect(self._on_brush_slider_changed)
        return page

    def _build_latent_page(self) -> QWidget:
        page = QWidget()
        self.latent_form = QFormLayout(page)
        self.latent_spins: list[QDoubleSpinBox] = []
        self.latent_random = QPushButton()
        self.latent_random.clicked.connect(self._on_latent_random_clicked)
        self.latent_form.addRow(self.latent_random)
        self.set_latent_dim(2)
        return page

    # --- public API ------------------------------------------------------------------
    def set_sources(self, sources: list[tuple[str, str]]) -> None:
        """Fill the dataset chooser with (source, label) pairs, keeping the current choice."""
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for source, label in sources:
            self.source_combo.addItem(label, source)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(current)))
        self.source_combo.blockSignals(False)

    def show_source(self, source: str | None, *, choosable: bool) -> None:
        """Show `source` in the chooser (added when missing); `choosable` False for a run's data."""
        if source is not None and self.source_combo.findData(source) < 0:
            self.source_combo.addItem(source, source)
        self.source_combo.setCurrentIndex(self.source_combo.findData(source) if source is not None else -1)
        self.source_combo.setEnabled(choosable)

    def set_problem(self, text: str) -> None:
        """One clear message beside the input (why the model cannot take it); "" hides it."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def problem(self) -> str:
        """The message shown beside the input ("" when none)."""
        return self.problem_label.text()

    def set_dataset(self, dataset: Any, note: str | Callable[[], str] = "") -> None:
        """Use `dataset`'s test split for dataset images (None: drawing only, `note` says why:
        a text, or a function making it in the current language)."""
        if dataset is self.dataset and dataset is not None:
            return
        first = self.dataset is None and dataset is not None
        self.dataset = dataset
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("any class"), -1)
        if dataset is not None:
            for i, name in enumerate(dataset.class_names):
                self.class_combo.addItem(str(name), i)
            self.index_spin.setRange(0, len(dataset.x_test) - 1)
            side = int(dataset.image_shape[0])
            name, n = dataset.name, len(dataset.x_test)
            self.texts.put(self.dataset_note.setText, lambda: self.tr("{0}: %n test image(s)", "", n).format(name))
            if side != self.pad.pad_size:
                self._replace_pad(side)
        else:
            made = note if callable(note) else (lambda: str(note)) if note else self._no_dataset_note
            self.texts.put(self.dataset_note.setText, made)
        self.class_combo.blockSignals(False)
        if first and self.mode_combo.currentIndex() == 1 and not np.any(self.pad.image()):
            self.set_mode(0)  # the pad was a stand-in while there was no data: show a real image
        elif self.mode() == "image":
            self.emit_current()

    def _replace_pad(self, side: int) -> None:
        old = self.pad
        self.pad = DrawingPadWidget(side)
        self.pad.set_brush_width(self.brush_slider.value() / 10 * max(side / 28, 0.55))
        self.pad.drawn.connect(self._on_pad_drawn)
        self.clear_button.clicked.disconnect()
        self.clear_button.clicked.connect(self.pad.clear)
        old.parentWidget().layout().replaceWidget(old, self.pad)
        old.deleteLater()
        self.pad.show()

    def set_latent_dim(self, dim: int) -> None:
        """Show up to `MAX_SLIDERS` spin boxes for a `dim`-D latent vector."""
        if dim == self.latent.size and self.latent_spins:
            return
        self.latent = np.zeros(dim, np.float32)
        for spin in self.latent_spins:
            self.latent_form.removeRow(spin)
        self.latent_spins = []
        for i in range(min(dim, MAX_SLIDERS)):
            spin = QDoubleSpinBox()
            spin.setRange(-4.0, 4.0)
            spin.setSingleStep(0.25)
            spin.valueChanged.connect(self._on_latent_spin_changed)
            self.latent_form.insertRow(i, f"z[{i}]", spin)
            self.latent_spins.append(spin)

    def set_mode(self, index: int) -> None:
        """0 dataset image, 1 draw, 2 latent vector."""
        self.mode_combo.setCurrentIndex(index)

    def mode(self) -> str:
        """"vector" in latent mode, else "image"."""
        return "vector" if self.mode_combo.currentIndex() == 2 else "image"

    def current(self) -> tuple[str, np.ndarray | None]:
        """The current (kind, array) without emitting."""
        i = self.mode_combo.currentIndex()
        if i == 2:
            return "vector", self.latent.copy()
        if i == 1:
            drawn = self.pad.image()
            colour = self.dataset is not None and self.dataset.image_shape[-1] == 3
            return "image", np.repeat(drawn[..., None], 3, axis=-1) if colour else drawn
        if self.dataset is None:
            return "image", None
        image = np.asarray(self.dataset.x_test[self.index_spin.value()], np.float32)
        return "image", image[..., 0] if image.shape[-1] == 1 else image

    def emit_current(self) -> None:
        """Show and emit the current input (`input_cleared` when there is none)."""
        kind, arr = self.current()
        self._show(kind, arr)
        if arr is not None:
            self.input_changed.emit(kind, arr)
        else:
            self.input_cleared.emit()

    def _show(self, kind: str, arr: np.ndarray | None) -> None:
        if kind == "image":
            self.preview.set_image(arr)
            if arr is not None and self.mode_combo.currentIndex() == 0 and self.dataset is not None:
                name, index = self.dataset.name, self.index_spin.value()
                label = self.dataset.class_names[int(self.dataset.y_test[index])]
                self.texts.put(self.caption.setText,
                               lambda: self.tr("{0} test image {1}, label {2}").format(name, index, label))
            elif arr is not None and np.any(arr):
                self.texts.put(self.caption.setText, lambda: self.tr("your drawing (centred like MNIST)"))
            else:  # nothing to show: no dataset yet, or an empty pad (an all-zero input)
                empty = arr is not None
                self.preview.set_image(None)
                self.texts.put(self.preview.set_placeholder, lambda: self.tr("empty pad") if empty else self.tr("no input"))
                self.texts.put(self.caption.setText,
                               lambda: self.tr("the empty pad (all zeros): draw a digit") if empty else "")
        else:
            self.preview.set_image(None)
            text = "z = [" + ", ".join(f"{v:.2f}" for v in arr[:8]) + (", …]" if arr.size > 8 else "]")
            self.texts.put(self.caption.setText, lambda: text)

    # --- slots -----------------------------------------------------------------------
    def _on_mode_combo_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.emit_current()

    def _on_index_spin_changed(self, _value: int) -> None:
        if self.mode_combo.currentIndex() == 0:
            self.emit_current()

    def _on_class_combo_changed(self, _index: int) -> None:
        self._on_random_button_clicked()

    def _on_random_button_clicked(self) -> None:
        if self.dataset is None:
            return
        wanted = self.class_combo.currentData()
        pool = np.arange(len(self.dataset.y_test)) if wanted in (None, -1) else np.nonzero(self.dataset.y_test == wanted)[0]
        if pool.size:
            self.mode_combo.setCurrentIndex(0)
            self.index_spin.setValue(int(self._rng.choice(pool)))

    def _on_pad_drawn(self, _arr: np.ndarray) -> None:
        if self.mode_combo.currentIndex() == 1:
            _, arr = self.current()
            self._show("image", arr)  # a cleared pad clears the preview
            self.input_changed.emit("image", arr)

    def _on_source_combo_activated(self, index: int) -> None:
        source = self.source_combo.itemData(index)
        if source:
            self.source_chosen.emit(str(source))

    def _on_brush_slider_changed(self, value: int) -> None:
        self.pad.set_brush_width(value / 10 * max(self.pad.pad_size / 28, 0.55))

    def _on_latent_spin_changed(self, _value: float) -> None:
        for i, spin in enumerate(self.latent_spins):
            self.latent[i] = spin.value()
        if self.mode_combo.currentIndex() == 2:
            self.emit_current()

    def _on_latent_random_clicked(self) -> None:
        self.latent = self._rng.standard_normal(self.latent.size).astype(np.float32)
        for spin, v in zip(self.latent_spins, self.latent, strict=False):
            spin.blockSignals(True)
            spin.setValue(float(v))
            spin.blockSignals(False)
        self.mode_combo.setCurrentIndex(2)
        self.emit_current()
