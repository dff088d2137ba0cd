"""Show NumPy images in Qt: array -> QImage conversion and a crisp, scaled image widget."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.images import tile, to_uint8


def array_to_qimage(image: np.ndarray) -> QImage:
    """Convert a float [0, 1] or uint8 image (grey or RGB) to a QImage that owns its pixels."""
    arr = to_uint8(image)
    h, w = arr.shape[:2]
    if arr.ndim == 2:
        qimg = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_Grayscale8)
    else:
        arr = np.ascontiguousarray(arr[..., :3])
        qimg = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_RGB888)
    return qimg.copy()  # detach from the NumPy buffer


def tile_images(images: np.ndarray, cols: int | None = None, pad: int = 1, pad_value: float = 1.0) -> np.ndarray:
    """Arrange (N, H, W[, 1]) images into one grid image (rows x cols) with `pad` pixels between."""
    return tile(images, cols=cols, pad=pad, pad_value=pad_value)


class ImageView(QWidget):
    """Displays one image scaled to fit with nearest-neighbour pixels, keeping its aspect ratio.

    Emits `clicked(x, y)` with the clicked pixel's column and row in image coordinates.
    """

    clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, min_size: int = 64) -> None:
        super().__init__(parent)
        self._qimage: QImage | None = None
        self._array: np.ndarray | None = None
        self._placeholder = ""
        self.setMinimumSize(min_size, min_size)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: np.ndarray | None) -> None:
        """Show `image` (float [0, 1] or uint8); None clears the view."""
        self._array = None if image is None else np.asarray(image)
        self._qimage = None if image is None else array_to_qimage(image)
        self.update()

    def set_placeholder(self, text: str) -> None:
        """Text shown while no image is set."""
        self._placeholder = text
        self.update()

    def image(self) -> np.ndarray | None:
        """The array currently shown."""
        return self._array

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(160, 160)

    def _target_rect(self) -> QRectF:
        assert self._qimage is not None
        iw, ih = self._qimage.width(), self._qimage.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._qimage is None:
            painter.setPen(QColor(128, 128, 128))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self._target_rect(), self._qimage)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._qimage is None:
            return
        rect = self._target_rect()
        pos = event.position()
        if rect.contains(pos):
            x = int((pos.x() - rect.x()) / rect.width() * self._qimage.width())
            y = int((pos.y() - rect.y()) / rect.height() * self._qimage.height())
            self.clicked.emit(x, y)
