"""The GAN sample grid: n x n samples, click to enlarge, right-click (or Ctrl+click) to lock."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from gui.widgets.image_view import ImageView, tile_images

PAD = 1


class GanGridWidget(ImageView):
    """Shows samples tiled in a square grid with lock and selection marks.

    Signals: `cell_clicked(int)` (left click: enlarge / pick for interpolation) and
    `lock_requested(int)` (right click or Ctrl+click: keep this sample when reseeding).
    """

    cell_clicked = Signal(int)
    lock_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, min_size=200)
        self._n = 0
        self._cell = (0, 0)
        self._locked: set[int] = set()
        self._marks: dict[int, str] = {}
        self._placeholder_state = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Placeholder and tooltip in the current language."""
        self.set_placeholder(self.placeholder_text())
        self.setToolTip(self.tr("Click a sample to enlarge it; right-click (or Ctrl+click) to lock it "
                                "when reseeding"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def placeholder_text(self) -> str:
        """What an empty grid says, in the current language."""
        if self._placeholder_state == "sampling":
            return self.tr("Sampling…")
        if self._placeholder_state == "no_generator":
            return self.tr("No generator saved yet: samples appear after the first epoch.")
        return self.tr("Choose a GAN run to see samples.")

    def set_samples(self, images: np.ndarray) -> None:
        """Show (n*n, H, W, 1) samples as an n x n grid."""
        imgs = np.asarray(images)
        self._n = int(round(np.sqrt(len(imgs))))
        self._cell = (int(imgs.shape[1]), int(imgs.shape[2]))
        self.set_image(tile_images(imgs, cols=self._n, pad=PAD))

    def clear(self, state: str = "") -> None:
        """Show no samples, only a placeholder for `state`: "sampling", "no_generator" or ""
        (no run chosen)."""
        self._n = 0
        self._placeholder_state = state
        self.set_placeholder(self.placeholder_text())
        self.set_image(None)

    def set_marks(self, locked: set[int], marks: dict[int, str]) -> None:
        """Outline `locked` cells and label cells in `marks` (e.g. {3: "A", 7: "B"})."""
        self._locked = set(locked)
        self._marks = dict(marks)
        self.update()

    def cell_at(self, x: int, y: int) -> int | None:
        """The cell index under image pixel (x, y), None on padding or outside."""
        h, w = self._cell
        if self._n == 0 or h == 0:
            return None
        col, row = x // (w + PAD), y // (h + PAD)
        if x % (w + PAD) >= w or y % (h + PAD) >= h or not (0 <= col < self._n and 0 <= row < self._n):
            return None
        return int(row * self._n + col)

    def _cell_rect(self, index: int) -> QRectF:
        target = self._target_rect()
        img = self.image()
        assert img is not None
        sx, sy = target.width() / img.shape[1], target.height() / img.shape[0]
        h, w = self._cell
        row, col = divmod(index, self._n)
        return QRectF(target.x() + col * (w + PAD) * sx, target.y() + row * (h + PAD) * sy, w * sx, h * sy)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.image() is None or self._n == 0:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(255, 170, 0), 2))
        for i in self._locked:
            if i < self._n * self._n:
                painter.drawRect(self._cell_rect(i).adjusted(1, 1, -1, -1))
        painter.setPen(QPen(QColor(40, 140, 255), 2))
        for i, label in self._marks.items():
            if i < self._n * self._n:
                rect = self._cell_rect(i)
                painter.drawRect(rect.adjusted(3, 3, -3, -3))
                painter.drawText(rect.adjusted(5, 3, 0, 0), Qt.AlignmentFlag.AlignLeft, label)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        img = self.image()
        if img is None:
            return
        rect, pos = self._target_rect(), event.position()
        if not rect.contains(pos):
            return
        x = int((pos.x() - rect.x()) / rect.width() * img.shape[1])
        y = int((pos.y() - rect.y()) / rect.height() * img.shape[0])
        index = self.cell_at(x, y)
        if index is None:
            return
        lock = (event.button() == Qt.MouseButton.RightButton
                or bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
        (self.lock_requested if lock else self.cell_clicked).emit(index)
