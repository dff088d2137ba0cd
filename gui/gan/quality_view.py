"""GAN quality at a glance: per-epoch metric curves, the class histogram, the mode-collapse
warning, and a table of the GAN's metrics beside real images and the mean image."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.gan.quality_plot import PANELS, QualityPlotWidget, as_float

QUALITY_METRICS = tuple(PANELS)


class ClassHistogramWidget(QWidget):
    """Bars of the fraction of samples predicted as each class (mode coverage)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros(0)
        self._title = "Class histogram"
        self._empty_text = "no samples scored yet"
        self.setMinimumSize(180, 110)

    def set_histogram(self, values: Any, title: str = "Class histogram") -> None:
        """Show `values` (fractions per class)."""
        self._values = np.asarray(values, dtype=float).reshape(-1)
        self._title = title
        self.update()

    def clear(self, text: str = "no samples scored yet") -> None:
        """Show no bars, only `text`."""
        self.set_histogram(np.zeros(0), "Class histogram")
        self._empty_text = text

    def histogram(self) -> np.ndarray:
        """The fractions shown."""
        return self._values.copy()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(240, 130)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        p.setPen(text)
        p.drawText(QRectF(0, 0, self.width(), 16), Qt.AlignmentFlag.AlignCenter, self._title)
        n = len(self._values)
        if n == 0:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        top, bottom = 20.0, self.height() - 16.0
        width = self.width() / n
        peak = max(float(self._values.max()), 1e-9)
        for i, v in enumerate(self._values):
            h = (bottom - top) * float(v) / peak
            p.fillRect(QRectF(i * width + 2, bottom - h, width - 4, h), QColor(70, 130, 200))
            p.setPen(text)
            p.drawText(QRectF(i * width, bottom, width, 16), Qt.AlignmentFlag.AlignCenter, str(i))


def metrics_table_html(result: dict[str, Any]) -> str:
    """An HTML table of score / Fréchet / class entropy for each scored set."""
    rows = []
    for key, label in (("gan", "GAN samples"), ("real", "Real test images"), ("mean_image", "Mean image")):
        part = result.get(key)
        if not isinstance(part, dict):
            continue
        ent = part.get("class_entropy")
        rows.append(f"<tr><td>{label}</td><td align='right'>{part['score']:.2f}</td>"
                    f"<td align='right'>{part['frechet']:.2f}</td>"
                    f"<td align='right'>{'' if ent is None else f'{ent:.2f}'}</td></tr>")
    return ("<table cellspacing='4'><tr><th></th><th>MNIST score ↑</th><th>Fréchet ↓</th>"
            "<th>class bits</th></tr>" + "".join(rows) + "</table>")


class GanQualityWidget(QWidget):
    """Curves of the per-epoch GAN metrics, the latest class histogram and the warning line.

    When the warning names a healthy earlier epoch, a button offers to roll back to it
    (`rollback_requested(epoch)`).
    """

    rollback_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rollback_epoch: int | None = None
        self.rollback_button = QPushButton("", self)
        self.rollback_button.hide()
        self.rollback_button.clicked.connect(self._on_rollback_button_clicked)
        self.plot = QualityPlotWidget(self)
        self.histogram = ClassHistogramWidget(self)
        self.warning = QLabel("", self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning.hide()
        side = QVBoxLayout()
        side.addWidget(self.histogram)
        side.addWidget(self.warning)
        side.addWidget(self.rollback_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 3)
        layout.addLayout(side, 1)
        self._history: dict[str, list[float]] = {}

    def set_history(self, history: dict[str, list[float]], records: list[dict[str, Any]]) -> None:
        """Show a run's per-epoch history (history.json) and quality records (quality.json)."""
        self._history = {k: [as_float(x) for x in history.get(k) or []] for k in QUALITY_METRICS if k in history}
        self.plot.set_series(self._history)
        if not (records and "class_histogram" in records[-1]):
            self.histogram.clear("no quality records for this run")
        self._update_side(records)

    def add_epoch(self, epoch: int, logs: dict[str, float], records: list[dict[str, Any]]) -> None:
        """Add one finished epoch (live run)."""
        values = {k: as_float(v) for k, v in logs.items() if k in QUALITY_METRICS}
        for k, v in values.items():
            series = self._history.setdefault(k, [])
            series.extend([math.nan] * (epoch - 1 - len(series)))
            series[epoch - 1:] = [v]
        self.plot.set_series(self._history)
        self._update_side(records)

    def history(self) -> dict[str, list[float]]:
        """The per-epoch values shown."""
        return {k: list(v) for k, v in self._history.items()}

    def _update_side(self, records: list[dict[str, Any]]) -> None:
        from core.gan.quality import collapse_check

        if records and "class_histogram" in records[-1]:
            self.histogram.set_histogram(records[-1]["class_histogram"],
                                         f"Classes of samples, epoch {records[-1].get('epoch', '?')}")
        warning, self.rollback_epoch = collapse_check(records if records else self._history)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(warning))
        self.rollback_button.setText(f"Roll back to epoch {self.rollback_epoch}")
        self.rollback_button.setVisible(self.rollback_epoch is not None)

    def _on_rollback_button_clicked(self) -> None:
        if self.rollback_epoch is not None:
            self.rollback_requested.emit(self.rollback_epoch)
