"""Training curves: a matplotlib figure embedded in Qt, cheap enough to update while training.

One axes per metric (``val_<m>`` shares the axes of ``<m>``). Live runs (`add_batch`,
`add_epoch`) and saved histories (`set_history`) go through the same drawing path: panels in
one canonical order (the declared metrics first, then "loss", then the others by name), each
panel's colour fixed by its place in that order, and a legend listing only the lines the run
has (or, live, will have). Per-batch values are a light unlabelled trace (saved histories have
none); validation values are dashed. The x axis spans at least the epochs
announced (`reset`, `extend_x`) and grows with the data, with a margin so the last point is
never cut; margins are kept in pixels so titles and tick labels fit at any size.

Matplotlib is imported at the first curve. Redraws are throttled (`max_fps`) and blitted:
only the lines and y axes are repainted (a few ms); the full figure (~30 ms) only when the
panels, legend or x range change, on resize and on a language change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.widgets.plot_labels import legend_label, metric_title, placeholder_text

KINDS = ("batch", "epoch", "val")
#: Line kinds that get a legend entry (the per-batch trace has none); texts: `legend_label`.
LEGEND_KINDS = ("epoch", "val")
# Margins in pixels: room for the legend row, axes titles and tick labels.
_LEGEND_PX, _TITLE_PX, _XTICKS_PX, _YTICKS_PX, _RIGHT_PX = 16, 18, 20, 40, 10


def base_metric(name: str) -> str:
    """`val_loss` -> `loss`; other names unchanged."""
    return name[4:] if name.startswith("val_") else name


def ordered_metrics(names: Iterable[str], preferred: Sequence[str] = ()) -> list[str]:
    """The canonical panel order: `preferred` first (in its order), then "loss", then by name."""
    names = list(dict.fromkeys(names))
    head = [n for n in preferred if n in names]
    rest = sorted(n for n in names if n not in head)
    if "loss" in rest:
        rest.remove("loss")
        head.append("loss")
    return head + rest


class PlotCanvas(QWidget):
    """A grid of curve plots fed point by point (`add_batch`, `add_epoch`) or from a history."""

    max_batch_points = 600  # per-batch lines are decimated to about this many points

    def __init__(self, parent: QWidget | None = None, max_fps: float = 10.0,
                 order: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel()
        self._layout.addWidget(self._placeholder)
        self._figure: Any = None
        self._canvas: Any = None
        self._default_order = list(order)
        self._order = list(order)
        self._data: dict[str, dict[str, tuple[list[float], list[float]]]] = {}
        self._axes: dict[str, Any] = {}
        self._lines: dict[str, dict[str, Any]] = {}
        self._legend: Any = None
        self._expected: tuple[str, ...] = ()  # legend kinds a live run will draw (see reset)
        self._legend_kinds: tuple[str, ...] = ()
        self._background: Any = None  # the figure without lines and y axes
        self._background_y: Any = None  # ... with the y axes
        self._grid = (1, 1)
        self._x_max = 1.0
        self._structure_dirty = False
        self._full_needed = False
        self.full_draws = 0
        self.blit_draws = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(1000 / max_fps))
        self._timer.timeout.connect(self.flush)
        self.retranslate()

    # --- public API -------------------------------------------------------------------
    def reset(self, epochs: int = 1, metrics: list[str] | None = None, lines: tuple[str, ...] = ()) -> None:
        """Forget all curves; the x axis spans `epochs` epochs; `metrics` set the panel order;
        `lines`: the legend's line kinds the run will draw ("epoch", "val"). Axes and legend
        are drawn now, before the run competes for the CPU: a legend appearing mid-run would
        force a full redraw on the GUI thread (~75 ms)."""
        self._expected = tuple(k for k in LEGEND_KINDS if k in lines)
        order = list(metrics) if metrics else list(self._default_order)
        same = bool(metrics) and list(self._axes) == order and self._x_max == float(max(epochs, 1))
        self._data.clear()
        self._order = order
        self._x_max = float(max(epochs, 1))
        self._structure_dirty = not same  # same axes: just clear the lines (a cheap blit)
        for name in metrics or []:
            self._data[name] = {k: ([], []) for k in KINDS}
        if metrics:
            self.flush()
        else:
            self._schedule()

    def add_batch(self, x: float, values: dict[str, float]) -> None:
        """Per-batch values at fractional epoch `x` (e.g. 1.5 = half-way through epoch 2)."""
        for name, value in values.items():
            self._append(name, "batch", x, value)
        self.extend_x(math.ceil(x))

    def add_epoch(self, epoch: int, values: dict[str, float]) -> None:
        """End-of-epoch values (validation metrics start with `val_`)."""
        for name, value in values.items():
            self._append(base_metric(name), "val" if name.startswith("val_") else "epoch", float(epoch), value)
        self.extend_x(epoch)

    def extend_x(self, epochs: float) -> None:
        """Make the x axis span at least `epochs` epochs (it never shrinks until a reset)."""
        self._x_max = max(self._x_max, float(epochs))
        self._schedule()

    def set_history(self, history: dict[str, list[float]], metrics: list[str] | None = None) -> None:
        """Replace the curves with a saved per-epoch history (`{metric: [values]}`).

        `metrics` sets the panel order as in `reset`, so a reopened run looks like it did live.
        """
        self._expected = ()
        self._data.clear()
        self._order = list(metrics) if metrics else list(self._default_order)
        n = max((len(v) for v in history.values()), default=1)
        self._x_max = float(max(n, 1))
        for name, values in history.items():
            kind = "val" if name.startswith("val_") else "epoch"
            for i, value in enumerate(values):
                self._append(base_metric(name), kind, float(i + 1), value)
        self._structure_dirty = True
        self._schedule()

    def refit(self) -> None:
        """Fit every axis tightly to its data at the next redraw (e.g. when a run ends)."""
        self._full_needed = True
        self._schedule()

    def warm_up(self) -> None:
        """Import matplotlib and draw an empty canvas once, so the first live draw is cheap."""
        self._ensure_canvas()
        self._canvas.draw()

    def metrics(self) -> list[str]:
        """The metrics plotted (one axes each), in panel order."""
        return ordered_metrics(self._data, self._order)

    def series(self, metric: str, kind: str = "batch") -> tuple[np.ndarray, np.ndarray]:
        """All recorded (x, y) values of one metric's `kind` line ("batch", "epoch" or "val")."""
        xs, ys = self._data.get(metric, {}).get(kind, ([], []))
        return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)

    def line(self, metric: str, kind: str = "batch") -> Any:
        """The matplotlib Line2D drawn for a metric's `kind` line (None before the first draw)."""
        return self._lines.get(metric, {}).get(kind)

    def titles(self) -> list[str]:
        """The panel titles as drawn, in panel order."""
        return [ax.get_title() for ax in self._axes.values()]

    def retranslate(self) -> None:
        """Re-set the placeholder, panel titles and legend in the current language."""
        self._placeholder.setText(placeholder_text())
        if self._figure is None:
            return
        for name, ax in self._axes.items():
            ax.set_title(metric_title(name), fontsize=9)
        self._legend_kinds = ()  # rebuilt with the new texts
        self._update_legend()
        if self._axes:
            self._full_draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def legend_labels(self) -> list[str]:
        """The legend's entries as drawn (only lines holding data are listed)."""
        if self._legend is None:
            return []
        return [t.get_text() for t in self._legend.get_texts()]

    def x_range(self, metric: str) -> tuple[float, float]:
        """The x limits of a metric's axes as drawn ((0, 0) before the first draw)."""
        ax = self._axes.get(metric)
        return (0.0, 0.0) if ax is None else tuple(float(v) for v in ax.get_xlim())  # type: ignore[return-value]

    def flush(self) -> None:
        """Draw pending changes now (normally called by the throttling timer)."""
        self._timer.stop()
        if not self._data and self._figure is None:
            return
        self._ensure_canvas()
        if self._structure_dirty or self.metrics() != list(self._axes):
            self._build_axes()
        self._update_lines()
        self._update_legend()
        if self._full_needed or not self._limits_fit():
            self._fit_limits()
        if self._background is None:
            self._full_draw()
        else:
            self._blit()

    # --- internals --------------------------------------------------------------------
    def _append(self, metric: str, kind: str, x: float, value: Any) -> None:
        try:
            y = math.nan if value is None else float(value)  # None/NaN: a gap in the curve
        except (TypeError, ValueError):
            y = math.nan
        series = self._data.setdefault(metric, {k: ([], []) for k in KINDS})
        series[kind][0].append(x)
        series[kind][1].append(y)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _ensure_canvas(self) -> None:
        if self._canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from gui.i18n import register_matplotlib_font

        register_matplotlib_font()  # Hangul titles and legends need the bundled font

        # No constrained layout: it doubles the cost of every full draw; margins are set in pixels.
        self._figure = Figure(figsize=(6, 3), dpi=90)
        self._canvas = FigureCanvasQTAgg(self._figure)
        self._canvas.mpl_connect("draw_event", self._on_canvas_draw)
        self._canvas.mpl_connect("resize_event", self._on_canvas_resize)
        self._layout.removeWidget(self._placeholder)
        self._placeholder.hide()
        self._layout.addWidget(self._canvas)

    def _build_axes(self) -> None:
        from matplotlib.ticker import MaxNLocator

        self._figure.clear()
        self._background = None
        self._legend, self._legend_kinds = None, ()
        self._axes.clear()
        self._lines.clear()
        names = self.metrics()
        cols = min(3, max(len(names), 1))
        rows = max(1, math.ceil(len(names) / cols))
        for i, name in enumerate(names):
            ax = self._figure.add_subplot(rows, cols, i + 1)
            ax.set_title(metric_title(name), fontsize=9)
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.yaxis.set_animated(True)  # y ranges change live: redraw the y axis with the lines
            ax.grid(True, alpha=0.3)
            color = f"C{i % 10}"
            self._axes[name] = ax
            self._lines[name] = {
                "batch": ax.plot([], [], color=color, alpha=0.35, lw=1, animated=True)[0],
                "epoch": ax.plot([], [], color=color, marker="o", ms=4, lw=1.5, animated=True)[0],
                "val": ax.plot([], [], color="k", marker="s", ms=3, ls="--", lw=1, animated=True)[0],
            }
        self._grid = (rows, cols)
        self._apply_margins()
        self._structure_dirty = False
        self._full_needed = True

    def _update_legend(self) -> None:
        """One figure legend above the panels, listing only the line kinds that hold data."""
        kinds = tuple(k for k in LEGEND_KINDS if k in self._expected or any(self._data[n][k][0] for n in self._axes))
        if kinds == self._legend_kinds:
            return
        from matplotlib.lines import Line2D

        if self._legend is not None:
            self._legend.remove()
            self._legend = None
        proxies = {"epoch": Line2D([], [], color="0.35", marker="o", ms=4, lw=1.5), "val": Line2D([], [], color="k", marker="s", ms=3, ls="--", lw=1)}
        if kinds:
            self._legend = self._figure.legend([proxies[k] for k in kinds], [legend_label(k) for k in kinds],
                                               loc="upper right", ncol=len(kinds), fontsize=7, frameon=False,
                                               borderaxespad=0.1, handlelength=2.2)
        self._legend_kinds = kinds
        self._background = None  # the legend is part of the background

    def _apply_margins(self) -> None:
        """Set the subplot margins from fixed pixel sizes, so nothing is cut at any size."""
        if self._figure is None or not self._axes:
            return
        rows, cols = self._grid
        width, height = (float(v) * self._figure.dpi for v in self._figure.get_size_inches())
        width, height = max(width, 50.0), max(height, 50.0)
        top_px = _LEGEND_PX + _TITLE_PX
        top = 1.0 - top_px / height
        bottom = _XTICKS_PX / height
        left, right = _YTICKS_PX / width, 1.0 - _RIGHT_PX / width
        if top - bottom < 0.2:
            bottom, top = 0.1, 0.85
        if right - left < 0.2:
            left, right = 0.1, 0.95
        gap_h = _TITLE_PX + _XTICKS_PX
        gap_w = _YTICKS_PX + 8
        axes_h = max(((top - bottom) * height - (rows - 1) * gap_h) / rows, 10.0)
        axes_w = max(((right - left) * width - (cols - 1) * gap_w) / cols, 10.0)
        self._figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top,
                                     hspace=gap_h / axes_h, wspace=gap_w / axes_w)

    def _on_canvas_resize(self, _event: Any) -> None:
        self._apply_margins()
        self._background = None

    def _update_lines(self) -> None:
        for name, lines in self._lines.items():
            for kind, line in lines.items():
                xs, ys = self._data[name][kind]
                step = max(1, len(xs) // self.max_batch_points) if kind == "batch" else 1
                line.set_data(xs[::step] + xs[-1:] if step > 1 else xs, ys[::step] + ys[-1:] if step > 1 else ys)

    def _data_range(self, name: str) -> tuple[float, float] | None:
        ys = [y for kind in KINDS for y in self._data[name][kind][1] if math.isfinite(y)]
        return (min(ys), max(ys)) if ys else None

    def _x_limit(self) -> float:
        """The right end of the x axes: the epochs plus a margin for the last marker."""
        return self._x_max + max(0.25, 0.03 * self._x_max)

    def _limits_fit(self) -> bool:
        for name, ax in self._axes.items():
            rng = self._data_range(name)
            lo, hi = ax.get_ylim()
            if rng is not None and (rng[0] < lo or rng[1] > hi or hi - lo > 20 * max(rng[1] - rng[0], 1e-9)):
                return False
            if ax.get_xlim()[1] != self._x_limit():
                return False
        return True

    def _fit_limits(self) -> None:
        self._background_y = None
        for name, ax in self._axes.items():
            if ax.get_xlim() != (0.0, self._x_limit()):
                ax.set_xlim(0.0, self._x_limit())
                self._background = None  # the x axis is part of the background: redraw it all
            rng = self._data_range(name)
            if rng is None:
                continue
            lo, hi = rng
            if "acc" in name and lo >= 0.0 and hi <= 1.0:
                ax.set_ylim(0.0, 1.02)
                continue
            span = hi - lo if hi > lo else max(abs(hi) * 0.1, 1e-3)
            if self._full_needed:  # a tight fit (run ended, history shown)
                ax.set_ylim(lo - 0.1 * span, hi + 0.1 * span)
            elif lo >= 0.0 and ("loss" in name or lo < 0.5 * hi):
                ax.set_ylim(0.0, 1.6 * hi)  # live: head-room so redraws stay rare
            else:
                ax.set_ylim(lo - 0.6 * span, hi + 0.6 * span)
        self._full_needed = False

    def _full_draw(self) -> None:
        self._canvas.draw()  # the draw_event handler captures the background and draws the lines
        self.full_draws += 1

    def _on_canvas_draw(self, _event: Any) -> None:
        self._background = self._canvas.copy_from_bbox(self._figure.bbox)
        self._draw_y_axes()
        self._draw_lines()

    def _draw_y_axes(self) -> None:
        """Draw the y axes over the plain background and keep that as the lines' background."""
        for ax in self._axes.values():
            self._figure.draw_artist(ax.yaxis)
        self._background_y = self._canvas.copy_from_bbox(self._figure.bbox)

    def _draw_lines(self) -> None:
        for lines in self._lines.values():
            for line in lines.values():
                self._figure.draw_artist(line)

    def _blit(self) -> None:
        if self._background is None:
            self._full_draw()
            return
        if self._background_y is None:  # a y range changed: redraw the y axes (text is costly)
            self._canvas.restore_region(self._background)
            self._draw_y_axes()
        else:
            self._canvas.restore_region(self._background_y)
        self._draw_lines()
        self._canvas.blit(self._figure.bbox)
        self.blit_draws += 1
