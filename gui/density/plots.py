"""The density view's two plots: p(y|x) bars (the classifier's, and a CVAE's by Bayes' rule)
and the held-out log p(x) histogram with the current input's marker."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class DensityPlots(QWidget):
    """Two matplotlib axes, redrawn on each input (a few ms: ten bars and one histogram).

    The figure is built when the widget is first shown: importing matplotlib takes about half a
    second, which the window's start must not wait for (its tab is not the first one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.figure: Any = None
        self.canvas: Any = None
        self.bars_ax: Any = None
        self.hist_ax: Any = None
        self.probs: np.ndarray | None = None
        self.generative: np.ndarray | None = None
        self.held_out: np.ndarray | None = None
        self.marker: float | None = None
        self.texts: dict[str, str] = {}

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self.canvas is None:
            self._build()
        super().showEvent(event)

    def _build(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from gui.i18n import register_matplotlib_font

        register_matplotlib_font()  # Hangul titles need the bundled font
        self.figure = Figure(figsize=(7, 3), dpi=90)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self._layout.addWidget(self.canvas)
        self.bars_ax, self.hist_ax = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(left=0.07, right=0.98, bottom=0.17, top=0.88, wspace=0.3)
        self.redraw()

    def set_texts(self, texts: dict[str, str]) -> None:
        """Translated titles and legends: keys bars, hist, classifier, bayes, held_out, input, log_px, class."""
        self.texts = dict(texts)
        self.redraw()

    def show_scores(self, probs: np.ndarray | None, generative: np.ndarray | None, log_px: float | None) -> None:
        """The input's p(y|x) (each may be None) and log p(x)."""
        self.probs, self.generative, self.marker = probs, generative, log_px
        self.redraw()

    def set_held_out(self, log_px: np.ndarray | None) -> None:
        """The held-out set's log p(x), drawn as the histogram."""
        self.held_out = None if log_px is None else np.asarray(log_px, np.float64)
        self.redraw()

    def marker_percentile(self) -> float | None:
        """The share of held-out images (in %) with a lower log p(x) than the input."""
        if self.held_out is None or self.marker is None or not len(self.held_out):
            return None
        return float(100.0 * np.mean(self.held_out < self.marker))

    def redraw(self) -> None:
        if self.canvas is None:  # not shown yet: drawn from the kept data when it is
            return
        t = self.texts.get
        ax = self.bars_ax
        ax.clear()
        ax.set_title(t("bars", "p(y|x)"), fontsize=10)
        ax.set_ylim(0, 1)
        ax.set_xlabel(t("class", "class"), fontsize=9)
        bars: list[tuple[np.ndarray, str, Any]] = []
        if self.probs is not None:
            bars.append((self.probs, t("classifier", "classifier"), "tab:blue"))
        if self.generative is not None:
            bars.append((self.generative, t("bayes", "Bayes"), "tab:orange"))
        width = 0.8 / max(1, len(bars))
        for i, (values, label, colour) in enumerate(bars):
            xs = np.arange(len(values)) + (i - (len(bars) - 1) / 2) * width
            ax.bar(xs, values, width=width, color=colour, label=label)
            ax.set_xticks(np.arange(len(values)))
        if bars:
            ax.legend(fontsize=8, loc="upper right")
        self._draw_histogram()
        self.canvas.draw_idle()

    def _draw_histogram(self) -> None:
        t = self.texts.get
        ax = self.hist_ax
        ax.clear()
        ax.set_title(t("hist", "log p(x)"), fontsize=10)
        ax.set_xlabel(t("log_px", "log p(x) (nats)"), fontsize=9)
        values = [] if self.held_out is None else list(self.held_out)
        if values:
            ax.hist(values, bins=30, color="0.6", label=t("held_out", "held-out"))
        if self.marker is not None and np.isfinite(self.marker):
            ax.axvline(self.marker, color="tab:red", lw=2, label=t("input", "this input"))
            low = min([*values, self.marker])
            high = max([*values, self.marker])
            pad = 0.05 * (high - low or 1.0)
            ax.set_xlim(low - pad, high + pad)
        if values or self.marker is not None:
            ax.legend(fontsize=8, loc="upper left")
