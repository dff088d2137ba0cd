"""Compare past runs: their curves overlaid per metric and a table of settings and results.

Everything comes from the app state's scanned `RunInfo` objects (config, state, history):
nothing is read from disk here. Settings that differ between the runs are highlighted
(bold on a tinted background), so the cause of two different curves is easy to spot.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.live_text import is_language_change
from gui.widgets.plot_canvas import base_metric, ordered_metrics
from gui.widgets.plot_labels import metric_title

#: The background of a setting that differs between the compared runs.
DIFF_COLOUR = QColor(255, 236, 179)


def run_name(info: Any) -> str:
    """The run's folder name (its legend entry and column title)."""
    return Path(info.path).name


def value_text(value: Any) -> str:
    """A setting or metric as a short cell text (floats with 4 significant digits)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return "—" if not math.isfinite(value) else f"{value:.4g}"
    return str(value)


def settings_rows(infos: list[Any]) -> list[tuple[str, list[str], bool]]:
    """One row per config key of any run: (key, one text per run, whether they differ)."""
    keys = list(dict.fromkeys(k for info in infos for k in info.config))
    rows = []
    for key in keys:
        texts = [value_text(info.config.get(key)) for info in infos]
        rows.append((key, texts, len(set(texts)) > 1))
    return rows


def final_metrics(info: Any) -> dict[str, float | None]:
    """Each history metric's last finite value, then the test metrics (as `test_<name>`)."""
    out: dict[str, float | None] = {}
    for name, values in info.history.items():
        finite = [float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)]
        out[name] = finite[-1] if finite else None
    for name, value in (info.state.get("test_metrics") or {}).items():
        key = name if name.startswith("test_") else f"test_{name}"
        out[key] = float(value) if isinstance(value, int | float) else None
    return out


def metric_rows(infos: list[Any]) -> list[tuple[str, list[str]]]:
    """One row per final metric of any run: (metric, one text per run)."""
    finals = [final_metrics(info) for info in infos]
    keys = list(dict.fromkeys(k for f in finals for k in f))
    return [(key, [value_text(f.get(key)) for f in finals]) for key in keys]


class CompareRunsDialog(QDialog):
    """Several runs side by side: one curve panel per metric (a line per run, validation
    dashed, legend by run name) above a table of settings (differences highlighted) and
    final metrics."""

    def __init__(self, infos: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.infos = list(infos)
        self.resize(1000, 720)
        self._figure: Any = None
        self._canvas: Any = None
        self._axes: dict[str, Any] = {}
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.note = QLabel("")
        self.curves = QWidget()
        self._curves_layout = QVBoxLayout(self.curves)
        self._curves_layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.curves)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.addWidget(self.note)
        lower_lay.addWidget(self.table, 1)
        split.addWidget(lower)
        split.setSizes([420, 300])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(buttons)
        self._settings = settings_rows(self.infos)
        self._metrics = metric_rows(self.infos)
        self._fill_table()
        self._draw_curves()
        self.retranslate()

    # --- public API (also what the tests read) -------------------------------------------
    def metrics(self) -> list[str]:
        """The metrics plotted, one panel each, in panel order."""
        return list(self._axes)

    def legend_labels(self, metric: str) -> list[str]:
        """The legend entries of one metric's panel (one per run that has the metric)."""
        ax = self._axes.get(metric)
        legend = None if ax is None else ax.get_legend()
        return [] if legend is None else [t.get_text() for t in legend.get_texts()]

    def differing_settings(self) -> list[str]:
        """The config keys whose values differ between the runs."""
        return [key for key, _texts, differs in self._settings if differs]

    def row_of(self, key: str) -> int:
        """The table row of a setting or metric key (-1 when not shown)."""
        for row in range(self.table.rowCount()):
            item = self.table.verticalHeaderItem(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                return row
        return -1

    def is_highlighted(self, key: str) -> bool:
        """Whether the row of `key` is drawn highlighted (bold, tinted)."""
        row = self.row_of(key)
        if row < 0 or self.table.columnCount() == 0:
            return False
        item = self.table.item(row, 0)
        return item is not None and item.font().bold() and item.background().color() == DIFF_COLOUR

    # --- language --------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text in the current language (titles, headers, legends stay run names)."""
        self.setWindowTitle(self.tr("Compare runs"))
        self.note.setText(self.tr("Settings that differ are highlighted; metrics are the last epoch's values."))
        for row in range(self.table.rowCount()):
            item = self.table.verticalHeaderItem(row)
            if item is None:
                continue
            key = str(item.data(Qt.ItemDataRole.UserRole))
            is_metric = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            item.setText(self.tr("final {0}").format(key) if is_metric else key)
        for name, ax in self._axes.items():
            ax.set_title(metric_title(name), fontsize=9)
        if self._canvas is not None:
            self._canvas.draw_idle()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    # --- construction ----------------------------------------------------------------
    def _fill_table(self) -> None:
        rows: list[tuple[str, list[str], bool, bool]] = [(k, t, d, False) for k, t, d in self._settings]
        rows += [(k, t, False, True) for k, t in self._metrics]
        self.table.setColumnCount(len(self.infos))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([run_name(info) for info in self.infos])
        for r, (key, texts, differs, is_metric) in enumerate(rows):
            header = QTableWidgetItem(key)
            header.setData(Qt.ItemDataRole.UserRole, key)
            header.setData(Qt.ItemDataRole.UserRole + 1, is_metric)
            self.table.setVerticalHeaderItem(r, header)
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if differs:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QBrush(DIFF_COLOUR))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _draw_curves(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from gui.i18n import register_matplotlib_font

        register_matplotlib_font()
        self._figure = Figure(figsize=(8, 4), dpi=90, layout="constrained")
        self._canvas = FigureCanvasQTAgg(self._figure)  # type: ignore[no-untyped-call]
        self._curves_layout.addWidget(self._canvas)
        names = ordered_metrics(base_metric(n) for info in self.infos for n in info.history)
        cols = min(3, max(len(names), 1))
        rows = max(1, math.ceil(len(names) / cols))
        for i, name in enumerate(names):
            ax = self._figure.add_subplot(rows, cols, i + 1)
            ax.tick_params(labelsize=7)
            ax.grid(True, alpha=0.3)
            self._axes[name] = ax
            for r, info in enumerate(self.infos):
                self._plot_run(ax, name, info, f"C{r % 10}")
            if ax.get_lines():
                ax.legend(fontsize=7, frameon=False)

    @staticmethod
    def _plot_run(ax: Any, name: str, info: Any, colour: str) -> None:
        """The run's per-epoch line (labelled with the run) and its validation line (dashed)."""
        train, val = info.history.get(name), info.history.get(f"val_{name}")
        if not train and not val:
            return
        for values, style, label in ((train, "-", run_name(info)), (val, "--", None)):
            if not values:
                continue
            ys = [math.nan if v is None else float(v) for v in values]
            kw: dict[str, Any] = {"label": label if label else "_nolegend_"}
            if not train and label is None:
                kw["label"] = run_name(info)  # only validation values: they carry the legend
            ax.plot(range(1, len(ys) + 1), ys, ls=style, marker="o", ms=3, color=colour, **kw)
