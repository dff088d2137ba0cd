"""Small multiples of the per-epoch GAN quality metrics, painted with QPainter.

One panel per metric, in a fixed order and colour, each with its full title (and which way is
better), the y range at its left, epochs along the bottom and the x axis growing with the
epochs. Only per-epoch values exist for these metrics, so there is no legend to cover the
curves; saved and live runs go through the same `set_series` path. A repaint is a few ms.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

#: metric key -> (English panel title, colour); the panel order is this order.
PANELS: dict[str, tuple[str, str]] = {
    "d_loss": ("discriminator loss", "#1f77b4"),
    "g_loss": ("generator loss", "#ff7f0e"),
    "mnist_score": ("MNIST score (higher is better)", "#2ca02c"),
    "frechet": ("Fréchet distance (lower is better)", "#d62728"),
    "class_entropy": ("class entropy, bits", "#9467bd"),
    "diversity": ("diversity", "#8c564b"),
    "rule_score": ("Mondrian rule score (higher is better)", "#17becf"),
}
COLUMNS = 3
TITLE_H, LEFT_W, BOTTOM_H, GAP = 16.0, 44.0, 16.0, 10.0


def panel_title(metric: str) -> str:
    """The panel title of `metric` in the current language (the key itself when unknown)."""
    titles = {
        "d_loss": QCoreApplication.translate("QualityPlotWidget", "discriminator loss"),
        "g_loss": QCoreApplication.translate("QualityPlotWidget", "generator loss"),
        "mnist_score": QCoreApplication.translate("QualityPlotWidget", "MNIST score (higher is better)"),
        "frechet": QCoreApplication.translate("QualityPlotWidget", "Fréchet distance (lower is better)"),
        "class_entropy": QCoreApplication.translate("QualityPlotWidget", "class entropy, bits"),
        "diversity": QCoreApplication.translate("QualityPlotWidget", "diversity"),
        "rule_score": QCoreApplication.translate("QualityPlotWidget", "Mondrian rule score (higher is better)"),
    }
    return titles.get(metric, metric)


def as_float(value: object) -> float:
    """`value` as a float; None or anything unreadable is NaN (drawn as a gap)."""
    try:
        return math.nan if value is None else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def format_value(value: float) -> str:
    """A short tick label: 3 significant digits."""
    return f"{value:.3g}"


class QualityPlotWidget(QWidget):
    """Per-epoch curves of the quality metrics (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: dict[str, list[float]] = {}
        self.setMinimumSize(360, 180)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles are translated when painted: repaint in the current language."""
        self.setToolTip(self.tr("Per-epoch quality metrics; epochs along the bottom"))
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def titles(self) -> list[str]:
        """The panel titles shown, in panel order and the current language."""
        return [panel_title(k) for k in self._series]

    def set_series(self, series: dict[str, list[float]]) -> None:
        """Show `{metric: [value per epoch]}` (epoch i + 1 at index i; NaN = missing)."""
        self._series = {k: [as_float(v) for v in series[k]] for k in PANELS if k in series and series[k]}
        self.update()

    def metrics(self) -> list[str]:
        """The metrics with a panel, in panel order."""
        return list(self._series)

    def epochs(self) -> int:
        """The x axis extent: the longest series."""
        return max((len(v) for v in self._series.values()), default=0)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(720, 260)

    def panel_rects(self) -> dict[str, QRectF]:
        """Each metric's plot area (inside its title and axis labels), in widget pixels."""
        names = list(self._series)
        if not names:
            return {}
        cols = min(COLUMNS, len(names))
        rows = math.ceil(len(names) / cols)
        cell_w, cell_h = self.width() / cols, self.height() / rows
        rects = {}
        for i, name in enumerate(names):
            row, col = divmod(i, cols)
            x, y = col * cell_w, row * cell_h
            rects[name] = QRectF(x + LEFT_W, y + TITLE_H + 4, cell_w - LEFT_W - GAP, cell_h - TITLE_H - BOTTOM_H - 8)
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        if not self._series:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("No quality curves: this run has no epochs yet."))
            return
        font = p.font()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        p.setFont(font)
        n = max(self.epochs(), 1)
        for name, rect in self.panel_rects().items():
            self._paint_panel(p, name, rect, n, text)

    def _paint_panel(self, p: QPainter, name: str, rect: QRectF, n: int, text: QColor) -> None:
        title, colour = panel_title(name), PANELS[name][1]
        values = self._series[name]
        finite = [v for v in values if math.isfinite(v)]
        lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
        if hi - lo < 1e-12:
            lo, hi = lo - 0.5 * max(abs(lo), 1e-3), hi + 0.5 * max(abs(hi), 1e-3)
        pad = 0.08 * (hi - lo)
        lo, hi = (lo - pad if lo < 0 or lo - pad >= 0 else 0.0), hi + pad  # no negative axis for >= 0 data
        p.setPen(text)
        p.drawText(QRectF(rect.x() - LEFT_W, rect.y() - TITLE_H - 4, rect.width() + LEFT_W, TITLE_H),
                   Qt.AlignmentFlag.AlignCenter, title)
        p.setPen(QPen(QColor(128, 128, 128, 110), 1))
        p.drawRect(rect)
        p.setPen(text)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        p.drawText(QRectF(rect.x() - LEFT_W, rect.y() - 6, LEFT_W - 4, 12), right, format_value(hi))
        p.drawText(QRectF(rect.x() - LEFT_W, rect.bottom() - 6, LEFT_W - 4, 12), right, format_value(lo))

        def x_of(epoch: float) -> float:  # epoch 1 .. n inside the rect, with a half-epoch margin
            return rect.x() + (epoch - 0.5) / n * rect.width()

        def y_of(value: float) -> float:
            return rect.bottom() - (value - lo) / (hi - lo) * rect.height()

        step = max(1, math.ceil(n / 6))
        for epoch in range(1, n + 1, step):
            p.drawText(QRectF(x_of(epoch) - 20, rect.bottom() + 2, 40, BOTTOM_H), Qt.AlignmentFlag.AlignCenter,
                       str(epoch))
        pen = QPen(QColor(colour), 1.6)
        p.setPen(pen)
        p.setBrush(QColor(colour))
        points = [QPointF(x_of(i + 1), y_of(v)) for i, v in enumerate(values) if math.isfinite(v)]
        if len(points) > 1:
            p.drawPolyline(QPolygonF(points))
        for point in points:
            p.drawEllipse(point, 2.5, 2.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
