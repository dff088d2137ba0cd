"""How an attribution map is drawn: coloured, blended over the input, with a colour bar.

Positive-only maps (saliency, SmoothGrad, Grad-CAM) use the heat ramp of the layer views
from 0 to their maximum; gradient × input is signed and uses a blue-white-red ramp
symmetric about 0, so negative evidence shows as blue.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.layers.activation_views import HEAT_LUT

_DIVERGING_ANCHORS = np.array([[33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130],
                               [178, 24, 43]], dtype=np.float32)
DIVERGING_LUT = np.stack([np.interp(np.linspace(0, 1, 256), np.linspace(0, 1, len(_DIVERGING_ANCHORS)),
                                    _DIVERGING_ANCHORS[:, c]) for c in range(3)], axis=1).astype(np.uint8)
#: How much of the colour covers the input in the overlay.
ALPHA = 0.6


def map_range(amap: np.ndarray, signed: bool) -> tuple[float, float]:
    """The colour bar's (low, high): (-m, m) for signed maps, else (0, max) (never empty)."""
    a = np.nan_to_num(np.asarray(amap, np.float32))
    if signed:
        m = float(np.abs(a).max()) or 1.0
        return -m, m
    return 0.0, float(a.max()) or 1.0


def colour_map(amap: np.ndarray, signed: bool) -> np.ndarray:
    """The map's colours, uint8 (H, W, 3), on the range `map_range` gives."""
    lo, hi = map_range(amap, signed)
    idx = np.clip((np.nan_to_num(np.asarray(amap, np.float32)) - lo) / (hi - lo) * 255.0, 0, 255)
    lut: np.ndarray = DIVERGING_LUT if signed else HEAT_LUT
    return np.asarray(lut[idx.astype(np.uint8)])


def overlay(image: np.ndarray, amap: np.ndarray, signed: bool, alpha: float = ALPHA) -> np.ndarray:
    """The map's colours blended over the input (grey or RGB in [0, 1]): uint8 (H, W, 3)."""
    img = np.asarray(image, np.float32)
    rgb = np.repeat(img[..., None], 3, axis=-1) if img.ndim == 2 else img[..., :3]
    out = (1.0 - alpha) * rgb * 255.0 + alpha * colour_map(amap, signed).astype(np.float32)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


class ColourBar(QWidget):
    """A vertical colour ramp with its high, middle and low values written beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high, self.signed = 0.0, 1.0, False
        self.shown = False
        self.setFixedWidth(64)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_range(self, low: float, high: float, signed: bool) -> None:
        """Show a ramp for values from `low` to `high` (the diverging one when `signed`)."""
        self.low, self.high, self.signed, self.shown = float(low), float(high), signed, True
        self.update()

    def clear(self) -> None:
        """Show nothing."""
        self.shown = False
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(64, 160)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.shown:
            return
        lut = DIVERGING_LUT if self.signed else HEAT_LUT
        ramp = np.ascontiguousarray(lut[::-1][:, None, :].repeat(8, axis=1))  # high at the top
        img = QImage(ramp.data, 8, 256, ramp.strides[0], QImage.Format.Format_RGB888).copy()
        p = QPainter(self)
        top, bottom = 8.0, max(self.height() - 8.0, 16.0)
        bar = QRectF(2, top, 14, bottom - top)
        p.drawImage(bar, img)
        p.setPen(QColor(60, 60, 60))
        p.drawRect(bar)
        mid = (self.low + self.high) / 2
        for value, y in ((self.high, top), (mid, (top + bottom) / 2), (self.low, bottom)):
            p.drawText(QRectF(19, y - 8, self.width() - 19, 16), Qt.AlignmentFlag.AlignVCenter, f"{value:.3g}")
