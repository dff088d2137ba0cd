"""The latent tab's lower panels: manifold grid, interpolation, "where does my digit land" and
latent history. Thin views: they hold controls and images and emit requests; the tab does the
work (through its workers) and hands results back with the `show_*` methods.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.image_view import ImageView


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


class GridPanel(QWidget):
    """n x n decoded images over the visible bounds; `requested()` asks for a (re)decode."""

    requested = Signal()
    overlay_toggled = Signal(bool)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.n_spin = QSpinBox(minimum=2, maximum=40, value=15, prefix="n = ")
        self.spacing = QComboBox()
        self.spacing.addItems(["linear", "gaussian"])
        self.spacing.setToolTip("gaussian: grid lines at quantiles of N(0, 1), denser near the middle")
        self.overlay = QCheckBox("Overlay on map")
        self.decode_button = QPushButton("Decode grid")
        self.export_button = QPushButton("Export PNG…")
        self.view = ImageView(min_size=120)
        self.view.set_placeholder("The manifold grid appears here")
        self.info = QLabel("")
        lay = QVBoxLayout(self)
        lay.addLayout(_row(self.n_spin, self.spacing, self.overlay, self.decode_button, self.export_button))
        lay.addWidget(self.view, 1)
        lay.addWidget(self.info)
        self.decode_button.clicked.connect(self.requested)
        self.n_spin.valueChanged.connect(self.requested)
        self.spacing.currentIndexChanged.connect(self.requested)
        self.overlay.toggled.connect(self.overlay_toggled)
        self.export_button.clicked.connect(self.export_requested)

    def params(self) -> tuple[int, str]:
        """(n, spacing) as chosen."""
        return self.n_spin.value(), self.spacing.currentText()


class InterpolationPanel(QWidget):
    """Two end points (cursor or dataset images) and a strip of k decoded images between them."""

    end_requested = Signal(str, str)  # ("A"|"B", "cursor"|"image")
    requested = Signal()
    export_requested = Signal(str)  # "png" | "gif"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        self.index_spins: dict[str, QSpinBox] = {}
        self.end_labels: dict[str, QLabel] = {}
        for row, end in enumerate(("A", "B")):
            cursor = QPushButton(f"{end} = cursor")
            image = QPushButton(f"{end} = test image #")
            spin = QSpinBox(minimum=0, maximum=0)
            label = QLabel("not set")
            cursor.clicked.connect(lambda _=False, e=end: self.end_requested.emit(e, "cursor"))
            image.clicked.connect(lambda _=False, e=end: self.end_requested.emit(e, "image"))
            for col, w in enumerate((cursor, image, spin, label)):
                grid.addWidget(w, row, col)
            self.index_spins[end], self.end_labels[end] = spin, label
        grid.setColumnStretch(4, 1)
        self.spin_b = self.index_spins["B"]
        self.k_spin = QSpinBox(minimum=2, maximum=40, value=10, prefix="k = ")
        self.decode_button = QPushButton("Decode strip")
        self.png_button = QPushButton("Export PNG…")
        self.gif_button = QPushButton("Export GIF…")
        self.view = ImageView(min_size=60)
        self.view.set_placeholder("Set A and B, then decode the strip")
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(_row(self.k_spin, self.decode_button, self.png_button, self.gif_button))
        lay.addWidget(self.view, 1)
        self.decode_button.clicked.connect(self.requested)
        self.k_spin.valueChanged.connect(self.requested)
        self.png_button.clicked.connect(lambda: self.export_requested.emit("png"))
        self.gif_button.clicked.connect(lambda: self.export_requested.emit("gif"))

    def set_count(self, n: int) -> None:
        """Number of dataset images the index spin boxes can pick."""
        for spin in self.index_spins.values():
            spin.setMaximum(max(0, n - 1))
        if self.spin_b.value() == 0:
            self.spin_b.setValue(min(1, n - 1))


class DigitPanel(QWidget):
    """Draw a digit (or pick a test image) to see where it lands on the map."""

    image_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pad: QWidget | None = None
        self.index_spin = QSpinBox(minimum=0, maximum=0)
        self.pick_button = QPushButton("Use test image #")
        self.clear_button = QPushButton("Clear pad")
        self.reconstruction = ImageView(min_size=96)
        self.reconstruction.set_placeholder("reconstruction")
        self.info = QLabel("Draw a digit on the pad")
        self._pad_box = QVBoxLayout()
        right = QVBoxLayout()
        right.addLayout(_row(self.pick_button, self.index_spin, self.clear_button))
        right.addWidget(self.reconstruction, 1)
        right.addWidget(self.info)
        lay = QHBoxLayout(self)
        lay.addLayout(self._pad_box, 1)
        lay.addLayout(right, 1)
        self.clear_button.clicked.connect(self._on_clear_clicked)

    def set_image_size(self, side: int) -> None:
        """(Re)create the drawing pad for `side` x `side` images."""
        from gui.widgets.drawing_pad import DrawingPadWidget

        if self.pad is not None and getattr(self.pad, "pad_size", 0) == side:
            return
        if self.pad is not None:
            self.pad.setParent(None)
            self.pad.deleteLater()
        self.pad = DrawingPadWidget(size=side)
        self.pad.drawn.connect(self._on_pad_drawn)
        self._pad_box.addWidget(self.pad)

    def _on_pad_drawn(self, image: np.ndarray) -> None:
        if float(np.max(image)) > 0.0:
            self.image_chosen.emit(np.asarray(image, np.float32))

    def _on_clear_clicked(self) -> None:
        if self.pad is not None:
            self.pad.clear()  # type: ignore[attr-defined]


class HistoryPanel(QWidget):
    """An epoch slider replaying the probe set's positions; `frame_changed(index or -1)`."""

    frame_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox("Show history on the map")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.setMaximum(0)
        self.label = QLabel("no epochs recorded")
        self.export_button = QPushButton("Export GIF…")
        lay = QVBoxLayout(self)
        lay.addLayout(_row(self.enabled, self.export_button))
        lay.addWidget(self.slider)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.enabled.toggled.connect(lambda _on: self._emit())
        self.slider.valueChanged.connect(lambda _v: self._emit())
        self.export_button.clicked.connect(self.export_requested)

    def set_epochs(self, epochs: list[int], follow: bool = False) -> None:
        """The recorded epochs; `follow` moves the slider to the newest."""
        at_end = self.slider.value() == self.slider.maximum()
        self._epochs = list(epochs)
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(0, len(epochs) - 1))
        if follow and at_end:
            self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        epochs = getattr(self, "_epochs", [])
        i = self.slider.value()
        self.label.setText(f"epoch {epochs[i]} ({i + 1} of {len(epochs)} recorded)" if epochs else "no epochs recorded")
        self.frame_changed.emit(i if epochs and self.enabled.isChecked() else -1)
