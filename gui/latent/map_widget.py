"""The latent map: a static scatter background (rendered once per data/size change) with a
cursor marker, extra markers and an optional manifold-grid overlay painted on top.

Pressing or dragging emits `point_picked(x, y)` in plane coordinates; moving without a button
emits `hovered(index)` for the data point under the cursor (-1 for none); the wheel zooms.
Only the marker's old and new rectangles are repainted while dragging.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.latent.scatter import ScatterScene, axes_rect, render_scatter
from gui.widgets.image_view import array_to_qimage
from gui.widgets.live_text import is_language_change

_MARK = 9  # marker radius in pixels
_HOVER_PX = 6.0


class LatentMapWidget(QWidget):
    """Shows a `ScatterScene` and turns mouse positions into plane coordinates."""

    point_picked = Signal(float, float)
    hovered = Signal(int)
    bounds_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene: ScatterScene | None = None
        self._background: QImage | None = None
        self._overlay: QImage | None = None
        self._marker: tuple[float, float] | None = None
        self._markers: dict[str, tuple[float, float, QColor]] = {}
        self._pixels: np.ndarray | None = None
        self._hover = -1
        self._dragging = False
        self.placeholder = ""
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(120)
        self._render_timer.timeout.connect(self.render_now)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.retranslate()

    def retranslate(self) -> None:
        """The placeholder in the current language (the scene's texts come with the scene)."""
        self.placeholder = self.tr("Choose an autoencoder or VAE run")
        self.setToolTip(self.tr("Click or drag to decode a point of the latent space; the wheel zooms"))
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    # --- public API ----------------------------------------------------------------
    def set_scene(self, scene: ScatterScene | None) -> None:
        """Show `scene` (re-renders the background now)."""
        self._scene = scene
        self._pixels = None
        self._hover = -1
        self.render_now()

    def scene(self) -> ScatterScene | None:
        """The scene shown."""
        return self._scene

    def bounds(self) -> tuple[float, float, float, float] | None:
        """Visible plane bounds (xmin, xmax, ymin, ymax)."""
        return None if self._scene is None else self._scene.bounds

    def render_now(self) -> None:
        """Render the background at the widget's current size."""
        self._render_timer.stop()
        if self._scene is None:
            self._background = None
        else:
            rgba = render_scatter(self._scene, self.width(), self.height())
            self._background = QImage(rgba.data, rgba.shape[1], rgba.shape[0], rgba.strides[0],
                                      QImage.Format.Format_RGBA8888).copy()
        self._pixels = None
        self.update()

    def background(self) -> QImage | None:
        """The rendered background image (for tests and exports)."""
        return self._background

    def set_marker(self, point: tuple[float, float] | None) -> None:
        """Move the cursor marker to `point` (plane coordinates); repaint only what changed."""
        old = self._marker_rect(self._marker)
        self._marker = None if point is None else (float(point[0]), float(point[1]))
        new = self._marker_rect(self._marker)
        for r in (old, new):
            if r is not None:
                self.update(r)

    def marker(self) -> tuple[float, float] | None:
        """The cursor marker's plane position."""
        return self._marker

    def set_named_marker(self, name: str, point: tuple[float, float] | None, colour: QColor) -> None:
        """Show (or with None remove) a labelled marker, e.g. interpolation ends or a drawn digit."""
        if point is None:
            self._markers.pop(name, None)
        else:
            self._markers[name] = (float(point[0]), float(point[1]), colour)
        self.update()

    def named_marker(self, name: str) -> tuple[float, float] | None:
        """Where the labelled marker `name` is (None when not shown)."""
        marker = self._markers.get(name)
        return None if marker is None else (marker[0], marker[1])

    def set_overlay(self, image: np.ndarray | None) -> None:
        """Overlay an image (e.g. the manifold grid) over the plot area; None removes it."""
        self._overlay = None if image is None else array_to_qimage(image)
        self.update()

    def plane_to_widget(self, x: float, y: float) -> QPointF:
        """Plane coordinates -> widget pixel position."""
        ax, ay, aw, ah = axes_rect(self.width(), self.height())
        xmin, xmax, ymin, ymax = self._scene.bounds if self._scene else (0.0, 1.0, 0.0, 1.0)
        return QPointF(ax + (x - xmin) / (xmax - xmin) * aw, ay + (ymax - y) / (ymax - ymin) * ah)

    def widget_to_plane(self, pos: QPointF) -> tuple[float, float]:
        """Widget pixel position -> plane coordinates."""
        ax, ay, aw, ah = axes_rect(self.width(), self.height())
        xmin, xmax, ymin, ymax = self._scene.bounds if self._scene else (0.0, 1.0, 0.0, 1.0)
        return (xmin + (pos.x() - ax) / aw * (xmax - xmin), ymax - (pos.y() - ay) / ah * (ymax - ymin))

    def plot_rect(self) -> QRectF:
        """The axes area in widget pixels."""
        return QRectF(*axes_rect(self.width(), self.height()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(560, 460)

    # --- helpers -------------------------------------------------------------------
    def _marker_rect(self, point: tuple[float, float] | None) -> QRect | None:
        if point is None or self._scene is None:
            return None
        c = self.plane_to_widget(*point)
        r = _MARK + 3
        return QRect(int(c.x()) - r, int(c.y()) - r, 2 * r + 2, 2 * r + 2)

    def _nearest_point(self, pos: QPointF) -> int:
        if self._scene is None or len(self._scene.points) == 0:
            return -1
        if self._pixels is None:
            ax, ay, aw, ah = axes_rect(self.width(), self.height())
            xmin, xmax, ymin, ymax = self._scene.bounds
            p = self._scene.points
            self._pixels = np.stack([ax + (p[:, 0] - xmin) / (xmax - xmin) * aw,
                                     ay + (ymax - p[:, 1]) / (ymax - ymin) * ah], axis=1)
        d2 = (self._pixels[:, 0] - pos.x()) ** 2 + (self._pixels[:, 1] - pos.y()) ** 2
        i = int(np.argmin(d2))
        return i if d2[i] <= _HOVER_PX**2 else -1

    def _in_plot(self, pos: QPointF) -> bool:
        return self._scene is not None and self.plot_rect().contains(pos)

    # --- Qt overrides ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        dirty = event.rect()
        if self._background is None:
            painter.fillRect(self.rect(), self.palette().base())
            painter.setPen(QColor(128, 128, 128))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        if self._background.size() == self.size():
            painter.drawImage(dirty, self._background, dirty)
        else:  # resizing: stretch the old render until the new one is ready
            painter.drawImage(QRectF(self.rect()), self._background)
        if self._overlay is not None:
            painter.setOpacity(0.55)
            painter.drawImage(self.plot_rect(), self._overlay)
            painter.setOpacity(1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for name, (x, y, colour) in self._markers.items():
            c = self.plane_to_widget(x, y)
            painter.setPen(QPen(QColor(0, 0, 0), 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(c, 6.0, 6.0)
            painter.drawText(c + QPointF(8, -6), name)
        if self._marker is not None:
            c = self.plane_to_widget(*self._marker)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(255, 255, 255), 4.0))
            painter.drawEllipse(c, _MARK - 2, _MARK - 2)
            painter.setPen(QPen(QColor(220, 0, 0), 2.0))
            painter.drawEllipse(c, _MARK - 2, _MARK - 2)
            painter.drawLine(c + QPointF(-_MARK, 0), c + QPointF(-3, 0))
            painter.drawLine(c + QPointF(3, 0), c + QPointF(_MARK, 0))
            painter.drawLine(c + QPointF(0, -_MARK), c + QPointF(0, -3))
            painter.drawLine(c + QPointF(0, 3), c + QPointF(0, _MARK))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._pixels = None
        if self._scene is not None:
            self._render_timer.start()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self._in_plot(event.position()):
            self._dragging = True
            self.point_picked.emit(*self.widget_to_plane(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position()
        if self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
            if self._in_plot(pos):
                self.point_picked.emit(*self.widget_to_plane(pos))
            return
        index = self._nearest_point(pos) if self._in_plot(pos) else -1
        if index != self._hover:
            self._hover = index
            self.hovered.emit(index)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self._scene is None or not self._in_plot(event.position()):
            return
        factor = 0.8 if event.angleDelta().y() > 0 else 1.25
        cx, cy = self.widget_to_plane(event.position())
        xmin, xmax, ymin, ymax = self._scene.bounds
        bounds = (cx + (xmin - cx) * factor, cx + (xmax - cx) * factor,
                  cy + (ymin - cy) * factor, cy + (ymax - cy) * factor)
        self.bounds_changed.emit(bounds)
