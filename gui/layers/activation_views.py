"""Fast views of one layer's output: heat-coloured unit strips and feature-map grids.

Everything is painted from a QImage built with NumPy (no matplotlib), so a whole model's
outputs refresh well within a frame while the user draws.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.images import tile
from gui.widgets.image_view import array_to_qimage

_ANCHORS = np.array([  # an inferno-like ramp: black -> purple -> red -> orange -> pale yellow
    [0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66],
    [245, 125, 21], [250, 193, 39], [252, 255, 164]], dtype=np.float32)
HEAT_LUT = np.stack([np.interp(np.linspace(0, 1, 256), np.linspace(0, 1, len(_ANCHORS)), _ANCHORS[:, c])
                     for c in range(3)], axis=1).astype(np.uint8)


def heat_rgb(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """Map values to heat colours (uint8 RGB, same leading shape)."""
    span = vmax - vmin if vmax > vmin else 1.0
    idx = np.clip((np.asarray(values, np.float32) - vmin) / span * 255.0, 0, 255).astype(np.uint8)
    return HEAT_LUT[idx]


def layout_output(out: np.ndarray, colour: bool = False) -> tuple[str, np.ndarray]:
    """How to show an output: ("strip", (N,)), ("maps", (H, W, C)), ("image", (H, W)) or, for
    the input's own pixels (`colour`: an input layer, or a Flatten/Reshape of the input) of a
    square RGB image in [0, 1], ("rgb", (H, W, 3))."""
    a = np.asarray(out, np.float32)
    if colour and a.size and np.nanmin(a) >= 0.0 and np.nanmax(a) <= 1.0:
        side = int(round((a.size / 3) ** 0.5))
        if a.ndim == 3 and a.shape[-1] == 3:
            return "rgb", a
        if a.ndim == 1 and side * side * 3 == a.size:
            return "rgb", a.reshape(side, side, 3)
    if a.ndim == 3 and a.shape[-1] == 1:
        return "image", a[..., 0]
    if a.ndim == 3:
        return "maps", a
    if a.ndim == 2:
        return "image", a
    return "strip", a.reshape(-1)


def maps_grid(maps: np.ndarray, cols: int, pad: int = 1) -> np.ndarray:
    """Tile (H, W, C) feature maps into one (rows*(H+pad)-pad, cols*(W+pad)-pad) array (NaN pads)."""
    return tile(np.moveaxis(maps, -1, 0), cols=cols, pad=pad, pad_value=np.nan)


class ActivationWidget(QWidget):
    """One layer: a title, its statistics and its output painted as a strip, grid or image.

    Emits `unit_clicked(int)` with the unit (strip) or channel (maps) index clicked.
    `sort_units` shows strip units in decreasing order (clicks still map to real units).
    """

    unit_clicked = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.stats_label = QLabel("")
        self.stats_label.setStyleSheet("color: #666")
        self.canvas = _Canvas(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(1)
        lay.addWidget(self.title_label)
        lay.addWidget(self.stats_label)
        lay.addWidget(self.canvas)
        self.sort_units = False
        #: The input's own pixels (an input layer, or a Flatten/Reshape right after the input):
        #: a colour image's are shown in its colours.
        self.shows_input = False
        self.kind = ""
        self.output: np.ndarray | None = None
        self.selected: int | None = None
        self._order: np.ndarray | None = None
        self._cols = 1
        self._cell = (1, 1)
        self._stats: dict[str, float] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """The statistics line in the current language."""
        st = self._stats
        self.stats_label.setText("" if st is None else self.tr(
            "mean {0}  std {1}  min {2}  max {3}  dead {4}%").format(
            f"{st['mean']:.3g}", f"{st['std']:.3g}", f"{st['min']:.3g}", f"{st['max']:.3g}",
            f"{st['dead_fraction'] * 100:.0f}"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_output(self, out: np.ndarray, stats: dict[str, float]) -> None:
        """Show a new output of this layer (no batch axis) with its statistics."""
        self.output = np.asarray(out)
        self._stats = dict(stats)
        self.retranslate()
        kind, arr = layout_output(self.output, colour=self.shows_input)
        self.kind = kind
        if kind == "rgb":
            self._cols, self._cell = 1, arr.shape[:2]
            self.canvas.set_qimage(array_to_qimage(arr), fixed_height=None)
            return
        vmin, vmax = min(0.0, float(np.nanmin(arr))), float(np.nanmax(arr))
        if kind == "strip":
            self._order = np.argsort(-arr, kind="stable") if self.sort_units else None
            shown = arr[self._order] if self._order is not None else arr
            per_row = 64 if shown.size > 64 else max(1, shown.size)
            rows = int(np.ceil(shown.size / per_row))
            padded = np.full(rows * per_row, np.nan, np.float32)
            padded[: shown.size] = shown
            grid = padded.reshape(rows, per_row)
            self._cols, self._cell = per_row, (1, 1)
            height = max(14, min(18 * rows, 60)) if rows > 1 else 18
        elif kind == "maps":
            c = arr.shape[-1]
            self._cols = min(c, 16)
            grid = maps_grid(arr, self._cols)
            self._cell = (arr.shape[0] + 1, arr.shape[1] + 1)
            height = None
        else:
            grid, self._cols, self._cell = arr, 1, arr.shape
            height = None
        rgb = heat_rgb(np.nan_to_num(grid, nan=vmin), vmin, vmax)
        rgb[np.isnan(grid)] = (235, 235, 235)
        self.canvas.set_qimage(array_to_qimage(rgb), fixed_height=height)

    def clear_output(self) -> None:
        """Show nothing (the input changed and this layer's output is not known yet)."""
        self.output, self.kind, self.selected, self._order = None, "", None, None
        self._stats = None
        self.stats_label.setText("")
        self.canvas.clear_image()

    def unit_at(self, px: int, py: int) -> int | None:
        """The unit/channel under image pixel (px, py), or None."""
        if self.output is None:
            return None
        if self.kind == "strip":
            i = py * self._cols + px
            n = self.output.size
            if i >= n:
                return None
            return int(self._order[i]) if self._order is not None else i
        if self.kind == "maps":
            i = (py // self._cell[0]) * self._cols + px // self._cell[1]
            return i if i < self.output.shape[-1] else None
        return 0

    def _on_canvas_clicked(self, px: int, py: int) -> None:
        unit = self.unit_at(px, py)
        if unit is not None:
            self.selected = unit
            self.unit_clicked.emit(unit)


class _Canvas(QWidget):
    """Paints a QImage with square-ish nearest-neighbour pixels, width-filling."""

    def __init__(self, owner: ActivationWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self._img: QImage | None = None
        self._fixed: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(14)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_qimage(self, img: QImage, fixed_height: int | None) -> None:
        changed = self._img is None or img.size() != self._img.size() or fixed_height != self._fixed
        self._img, self._fixed = img, fixed_height
        if changed:
            self.updateGeometry()
            self._fit_height()
        self.update()

    def clear_image(self) -> None:
        """Paint nothing."""
        self._img = None
        self.update()

    def image(self) -> QImage | None:
        """The image painted now (None when cleared)."""
        return self._img

    def _fit_height(self) -> None:
        if self._img is None:
            return
        if self._fixed is not None:
            self.setFixedHeight(self._fixed)
        else:
            w = max(self.width(), 200)
            h = w * self._img.height() / self._img.width()
            self.setFixedHeight(int(min(max(h, 24), 180)))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self._fixed is None:
            self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(320, self.height())

    def _rect(self) -> QRectF:
        assert self._img is not None
        iw, ih = self._img.width(), self._img.height()
        scale_x = self.width() / iw
        scale_y = self.height() / ih
        if self._fixed is None:
            s = min(scale_x, scale_y)
            scale_x = scale_y = s
        return QRectF(0, 0, iw * scale_x, ih * scale_y)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self._img is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self._rect(), self._img)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._img is None:
            return
        r = self._rect()
        pos = event.position()
        if r.contains(pos):
            px = int((pos.x() - r.x()) / r.width() * self._img.width())
            py = int((pos.y() - r.y()) / r.height() * self._img.height())
            self._owner._on_canvas_clicked(px, py)


class PredictionWidget(QWidget):
    """Class probabilities as labelled horizontal bars; the winner highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.probs: np.ndarray | None = None
        self.names: tuple[str, ...] = ()
        self.setMinimumHeight(60)

    def set_probabilities(self, probs: np.ndarray | None, names: tuple[str, ...] = ()) -> None:
        """Show `probs` (sums to 1) with class `names` (default 0..N-1); None hides."""
        self.probs = None if probs is None else np.asarray(probs, np.float64)
        self.names = names
        self.setVisible(probs is not None)
        if self.probs is not None:
            self.setFixedHeight(16 * len(self.probs) + 8)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.probs is None:
            return
        p = QPainter(self)
        best = int(np.argmax(self.probs))
        label_w, text_w = 60, 52
        bar_w = max(10, self.width() - label_w - text_w - 8)
        for i, v in enumerate(self.probs):
            y = 4 + 16 * i
            name = self.names[i] if i < len(self.names) else str(i)
            p.setPen(QColor(30, 30, 30))
            p.drawText(QRectF(0, y, label_w - 4, 14), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            p.fillRect(QRectF(label_w, y + 1, bar_w, 12), QColor(230, 230, 230))
            p.fillRect(QRectF(label_w, y + 1, bar_w * float(v), 12), QColor(214, 80, 40) if i == best else QColor(120, 120, 160))
            p.drawText(QRectF(label_w + bar_w + 4, y, text_w, 14), Qt.AlignmentFlag.AlignVCenter, f"{v * 100:.1f}%")


def as_probabilities(out: np.ndarray) -> np.ndarray | None:
    """Class probabilities from a classifier's final 1-D output (softmax of logits if needed)."""
    a = np.asarray(out, np.float64).reshape(-1) if np.ndim(out) == 1 else None
    if a is None or not 2 <= a.size <= 100 or not np.all(np.isfinite(a)):
        return None
    if a.min() >= 0 and abs(a.sum() - 1.0) < 1e-3:
        return a
    e = np.exp(a - a.max())
    return e / e.sum()
