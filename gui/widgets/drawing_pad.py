"""A mouse drawing pad that produces MNIST-like input arrays.

Strokes are painted thick, anti-aliased and white on black on a canvas ten times the
output size, then block-averaged down to `size` x `size`. With `centre=True` (default)
the drawing is also prepared the way MNIST digits were: its bounding box is scaled to fit
a box of 20/28 of the side and the result is shifted so its centre of mass sits in the
middle.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

_SCALE = 10  # canvas pixels per output pixel


def centre_like_mnist(image: np.ndarray) -> np.ndarray:
    """Fit the ink's bounding box into a 20/28 box and centre it by centre of mass.

    `image` is a square float array in [0, 1]; the result has the same shape. A blank
    image is returned unchanged.
    """
    size = image.shape[0]
    ys, xs = np.nonzero(image > 0.02)
    if ys.size == 0:
        return image
    crop = image[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]
    box = max(1, int(round(size * 20 / 28)))
    h, w = crop.shape
    scale = box / max(h, w)
    nh, nw = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    from PIL import Image

    small = np.asarray(
        Image.fromarray(np.ascontiguousarray(crop, dtype=np.float32)).resize((nw, nh), Image.Resampling.BOX),
        dtype=np.float32,
    )
    out = np.zeros_like(image, dtype=np.float32)
    total = float(small.sum())
    cy = float((small.sum(axis=1) * np.arange(nh)).sum() / total)
    cx = float((small.sum(axis=0) * np.arange(nw)).sum() / total)
    top = int(round((size - 1) / 2 - cy))
    left = int(round((size - 1) / 2 - cx))
    top = min(max(top, 0), size - nh)
    left = min(max(left, 0), size - nw)
    out[top: top + nh, left: left + nw] = small
    return np.clip(out, 0.0, 1.0)


class DrawingPadWidget(QWidget):
    """Draw with the mouse; emits `drawn(np.ndarray)` with the (size, size) float32 image.

    `drawn` is emitted at most about 30 times a second while drawing, and always on
    release, on `clear()` and on `set_image()`. `brush_width` is in output pixels.
    """

    drawn = Signal(object)

    def __init__(self, size: int = 28, parent: QWidget | None = None, *, centre: bool = True) -> None:
        super().__init__(parent)
        self._size = int(size)
        self._canvas = QImage(self._size * _SCALE, self._size * _SCALE, QImage.Format.Format_Grayscale8)
        self._canvas.fill(0)
        self._brush_width = max(1.2, 2.2 * self._size / 28)
        self.centre = centre
        self._last_point: QPointF | None = None
        self._last_emit = 0.0
        self.throttle_ms = 33
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setMinimumSize(112, 112)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the tooltip in the current language."""
        self.setToolTip(self.tr("Draw with the left mouse button; right click clears"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # --- public API ----------------------------------------------------------------
    @property
    def pad_size(self) -> int:
        """Side of the produced array in pixels."""
        return self._size

    def brush_width(self) -> float:
        """Brush diameter in output pixels."""
        return self._brush_width

    def set_brush_width(self, width: float) -> None:
        """Set the brush diameter in output pixels (clamped to 0.5..size/2)."""
        self._brush_width = float(min(max(width, 0.5), self._size / 2))

    def clear(self) -> None:
        """Erase the drawing and emit the blank image."""
        self._canvas.fill(0)
        self.update()
        self._emit_now()

    def image(self) -> np.ndarray:
        """The current (size, size) float32 array in [0, 1] (centred when `centre`)."""
        ptr = self._canvas.constBits()
        raw = np.frombuffer(ptr, dtype=np.uint8, count=self._canvas.sizeInBytes())
        side = self._size * _SCALE
        arr = raw.reshape(side, self._canvas.bytesPerLine())[:, :side].astype(np.float32) / 255.0
        small = arr.reshape(self._size, _SCALE, self._size, _SCALE).mean(axis=(1, 3))
        out = centre_like_mnist(small) if self.centre else small
        return np.ascontiguousarray(out, dtype=np.float32)

    def set_image(self, arr: np.ndarray) -> None:
        """Show `arr` ((size, size) in [0, 1]) as the drawing and emit it."""
        a = np.clip(np.asarray(arr, dtype=np.float32).reshape(self._size, self._size), 0.0, 1.0)
        big = np.kron(a, np.ones((_SCALE, _SCALE), dtype=np.float32))
        data = np.ascontiguousarray(np.rint(big * 255).astype(np.uint8))
        side = self._size * _SCALE
        self._canvas = QImage(data.data, side, side, side, QImage.Format.Format_Grayscale8).copy()
        self.update()
        self._emit_now()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(196, 196)

    # --- drawing -------------------------------------------------------------------
    def _target_rect(self) -> QRectF:
        side = float(min(self.width(), self.height()))
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_canvas(self, pos: QPointF) -> QPointF:
        rect = self._target_rect()
        k = self._canvas.width() / rect.width()
        return QPointF((pos.x() - rect.x()) * k, (pos.y() - rect.y()) * k)

    def _stroke_to(self, point: QPointF) -> None:
        painter = QPainter(self._canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(QColor(255, 255, 255), self._brush_width * _SCALE)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        start = self._last_point
        if start is None or start == point:
            r = self._brush_width * _SCALE / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(point, r, r)
        else:
            painter.drawLine(start, point)
        painter.end()
        self._last_point = point
        self.update()

    def _emit_throttled(self) -> None:
        elapsed_ms = (time.monotonic() - self._last_emit) * 1000.0
        if elapsed_ms >= self.throttle_ms:
            self._emit_now()
        elif not self._timer.isActive():
            self._timer.start(int(self.throttle_ms - elapsed_ms) + 1)

    def _emit_now(self) -> None:
        self._timer.stop()
        self._last_emit = time.monotonic()
        self.drawn.emit(self.image())

    def _on_timer_timeout(self) -> None:
        self._emit_now()

    # --- Qt overrides --------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.RightButton:
            self.clear()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._last_point = None
            self._stroke_to(self._to_canvas(event.position()))
            self._emit_throttled()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._stroke_to(self._to_canvas(event.position()))
            self._emit_throttled()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._last_point = None
            self._emit_now()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        rect = self._target_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(rect, self._canvas)
        painter.setPen(QColor(90, 90, 90))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
