"""GAN quality at a glance: per-epoch metric curves, the class histogram, the mode-collapse
warning, and a table of the GAN's metrics beside real images and the mean image."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.gan.quality_plot import PANELS, QualityPlotWidget, as_float

QUALITY_METRICS = tuple(PANELS)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "…") calls


class ClassHistogramWidget(QWidget):
    """Bars of the fraction of samples predicted as each class (mode coverage).

    The title and the empty text default to translated generic ones (None); a caller that
    sets its own re-sets them on LanguageChange.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros(0)
        self._title: str | None = None
        self._empty_text: str | None = None
        self.setMinimumSize(180, 110)
        self.retranslate()

    def retranslate(self) -> None:
        """Default texts are translated when painted: repaint in the current language."""
        self.setToolTip(self.tr("Fraction of samples the scorer assigns to each digit class"))
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_histogram(self, values: Any, title: str | None = None) -> None:
        """Show `values` (fractions per class) under `title` (None: the generic title)."""
        self._values = np.asarray(values, dtype=float).reshape(-1)
        self._title = title
        self.update()

    def clear(self, text: str | None = None) -> None:
        """Show no bars, only `text` (None: the generic "no samples scored yet")."""
        self.set_histogram(np.zeros(0))
        self._empty_text = text

    def histogram(self) -> np.ndarray:
        """The fractions shown."""
        return self._values.copy()

    def title(self) -> str:
        """The title shown, in the current language."""
        return self._title if self._title is not None else self.tr("Class histogram")

    def empty_text(self) -> str:
        """The text shown when there are no bars."""
        return self._empty_text if self._empty_text is not None else self.tr("no samples scored yet")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(240, 130)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        p.setPen(text)
        p.drawText(QRectF(0, 0, self.width(), 16), Qt.AlignmentFlag.AlignCenter, self.title())
        n = len(self._values)
        if n == 0:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text())
            return
        top, bottom = 20.0, self.height() - 16.0
        width = self.width() / n
        peak = max(float(self._values.max()), 1e-9)
        for i, v in enumerate(self._values):
            h = (bottom - top) * float(v) / peak
            p.fillRect(QRectF(i * width + 2, bottom - h, width - 4, h), QColor(70, 130, 200))
            p.setPen(text)
            p.drawText(QRectF(i * width, bottom, width, 16), Qt.AlignmentFlag.AlignCenter, str(i))


def scores_above_real(result: dict[str, Any]) -> bool:
    """Whether the GAN's samples got a higher score than the real test images."""
    gan, real = result.get("gan"), result.get("real")
    return isinstance(gan, dict) and isinstance(real, dict) and gan.get("score", 0.0) > real.get("score", math.inf)


def above_real_explanation() -> str:
    """Why samples can score above the real images (the metrics' tooltip when they do)."""
    return translate(
        "GanQualityWidget", "The samples score above the real images: the scorer finds each one more clearly "
        "one class than real images are, which a class-conditional GAN (AC-GAN) is trained for. The Fréchet "
        "distance also weighs their variety.")


def metrics_table_html(result: dict[str, Any]) -> str:
    """An HTML table of score / Fréchet / class entropy for each scored set (current language)."""
    headers = (translate("GanQualityWidget", "MNIST score ↑"), translate("GanQualityWidget", "Fréchet ↓"),
               translate("GanQualityWidget", "class bits"))
    rules = any(isinstance(p, dict) and "rule_score" in p for p in result.values())  # Mondrian data
    if rules:
        headers = (*headers, translate("GanQualityWidget", "rule score ↑"))
    rows = []
    for key, label in (("gan", translate("GanQualityWidget", "GAN samples")), ("real", translate("GanQualityWidget", "Real test images")),
                       ("mean_image", translate("GanQualityWidget", "Mean image"))):
        part = result.get(key)
        if not isinstance(part, dict):
            continue
        ent = part.get("class_entropy")
        rows.append(f"<tr><td>{label}</td><td align='right'>{part['score']:.2f}</td>"
                    f"<td align='right'>{part['frechet']:.2f}</td>"
                    f"<td align='right'>{'' if ent is None else f'{ent:.2f}'}</td>"
                    + (f"<td align='right'>{part.get('rule_score', math.nan):.2f}</td>" if rules else "")
                    + "</tr>")
    table = ("<table cellspacing='4'><tr><th></th>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>"
             + "".join(rows) + "</table>")
    if scores_above_real(result):
        table += "<p>" + translate("GanQualityWidget", "Above the real images: an AC-GAN makes each sample "
                                   "clearly one class (see the tooltip).") + "</p>"
    return table


COLLAPSE_RE = re.compile(r"Possible mode collapse at epoch (\d+): (.*); (?:roll back to the epoch (\d+) checkpoint"
                         r"|(no earlier healthy checkpoint to roll back to))\.$")
ENTROPY_RE = re.compile(r"class entropy (\S+) bits \(< 1 bit\)$")
DROP_RE = re.compile(r"(class entropy|diversity) (\S+) \(< 50 % of best (\S+)\)$")


def collapse_warning_text(warning: str) -> str:
    """`core.gan.quality.collapse_check`'s English warning in the current language (as is when
    its wording is not recognised)."""
    match = COLLAPSE_RE.match(warning)
    if match is None:
        return warning
    found = []
    for item in match.group(2).split("; "):
        if m := ENTROPY_RE.match(item):
            found.append(translate("GanQualityWidget", "class entropy {0} bits (< 1 bit)").format(m.group(1)))
        elif m := DROP_RE.match(item):
            name = translate("GanQualityWidget", "class entropy") if m.group(1) == "class entropy" else translate("GanQualityWidget", "diversity")
            found.append(translate("GanQualityWidget", "{0} {1} (< 50 % of best {2})").format(name, m.group(2), m.group(3)))
        else:
            return warning
    advice = (translate("GanQualityWidget", "roll back to the epoch {0} checkpoint").format(match.group(3)) if match.group(3)
              else translate("GanQualityWidget", "no earlier healthy checkpoint to roll back to"))
    return translate("GanQualityWidget", "Possible mode collapse at epoch {0}: {1}; {2}.").format(match.group(1), "; ".join(found), advice)


class GanQualityWidget(QWidget):
    """Curves of the per-epoch GAN metrics, the latest class histogram and the warning line.

    When the warning names a healthy earlier epoch, a button offers to roll back to it
    (`rollback_requested(epoch)`).
    """

    rollback_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rollback_epoch: int | None = None
        self._warning: str | None = None  # the core's English warning; shown translated
        self._records: list[dict[str, Any]] = []
        self._has_run = False
        self._scored: np.ndarray | None = None  # the saved generator's scored histogram
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
        self.retranslate()

    def retranslate(self) -> None:
        """Re-render the histogram title, warning and roll-back button from the stored state."""
        self.rollback_button.setToolTip(self.tr("Return the run to this epoch's checkpoint (roll back)"))
        if self._scored is not None:
            self.histogram.set_histogram(self._scored, self.tr("Classes of saved generator's samples"))
        elif self._records and "class_histogram" in self._records[-1]:
            self.histogram.set_histogram(self._records[-1]["class_histogram"], self.tr(
                "Classes of samples, epoch {0}").format(self._records[-1].get("epoch", "?")))
        else:
            self.histogram.clear(self.tr("no quality records for this run") if self._has_run else None)
        self.warning.setText(self.tr("⚠ {0}").format(collapse_warning_text(self._warning)) if self._warning else "")
        self.warning.setVisible(bool(self._warning))
        self.rollback_button.setText(self.tr("Roll back to epoch {0}").format(self.rollback_epoch))
        self.rollback_button.setVisible(self.rollback_epoch is not None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_history(self, history: dict[str, list[float]], records: list[dict[str, Any]]) -> None:
        """Show a run's per-epoch history (history.json) and quality records (quality.json)."""
        self._history = {k: [as_float(x) for x in history.get(k) or []] for k in QUALITY_METRICS if k in history}
        self.plot.set_series(self._history)
        self._scored, self._has_run = None, True
        self._update_side(records)

    def add_epoch(self, epoch: int, logs: dict[str, float], records: list[dict[str, Any]]) -> None:
        """Add one finished epoch (live run)."""
        values = {k: as_float(v) for k, v in logs.items() if k in QUALITY_METRICS}
        for k, v in values.items():
            series = self._history.setdefault(k, [])
            series.extend([math.nan] * (epoch - 1 - len(series)))
            series[epoch - 1:] = [v]
        self.plot.set_series(self._history)
        self._scored = None
        self._update_side(records)

    def show_scored_histogram(self, values: Any) -> None:
        """Show the class histogram of the saved generator's scored samples."""
        self._scored = np.asarray(values, dtype=float).reshape(-1)
        self.retranslate()

    def history(self) -> dict[str, list[float]]:
        """The per-epoch values shown."""
        return {k: list(v) for k, v in self._history.items()}

    def _update_side(self, records: list[dict[str, Any]]) -> None:
        from core.gan.quality import collapse_check

        self._records = list(records)
        self._warning, self.rollback_epoch = collapse_check(records if records else self._history)
        self.retranslate()

    def _on_rollback_button_clicked(self) -> None:
        if self.rollback_epoch is not None:
            self.rollback_requested.emit(self.rollback_epoch)
