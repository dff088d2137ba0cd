"""Live training curves: a matplotlib figure embedded in Qt, cheap enough to update while training.

One axes per metric (``val_<m>`` shares the axes of ``<m>``). Per-batch values are a light
line, per-epoch values markers, validation dashed. Matplotlib is imported only when the
first curve is drawn, so the window can appear before it is loaded. Redraws are throttled
(at most `max_fps` a second) and blitted: only the lines and the y axes (whose ranges change
live) are repainted, a few ms. The full figure (~30 ms) is redrawn only when the set of
metrics changes and on resize.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

KINDS = ("batch", "epoch", "val")


def base_metric(name: str) -> str:
    """`val_loss` -> `loss`; other names unchanged."""
    return name[4:] if name.startswith("val_") else name


class PlotCanvas(QWidget):
    """A grid of curve plots fed point by point (`add_batch`, `add_epoch`) or from a history."""

    max_batch_points = 600  # per-batch lines are decimated to about this many points

    def __init__(self, parent: QWidget | None = None, max_fps: float = 10.0) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel("Curves appear here when training starts.")
        self._layout.addWidget(self._placeholder)
        self._figure: Any = None
        self._canvas: Any = None
        self._data: dict[str, dict[str, tuple[list[float], list[float]]]] = {}
        self._axes: dict[str, Any] = {}
        self._lines: dict[str, dict[str, Any]] = {}
        self._background: Any = None  # the figure without lines and y axes
        self._background_y: Any = None  # ... with the y axes
        self._x_max = 1.0
        self._structure_dirty = False
        self._full_needed = False
        self.full_draws = 0
        self.blit_draws = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(1000 / max_fps))
        self._timer.timeout.connect(self.flush)

    # --- public API -------------------------------------------------------------------
    def reset(self, epochs: int = 1, metrics: list[str] | None = None) -> None:
        """Forget all curves; the x axis spans `epochs` epochs.

        With the `metrics` a run will report, the axes are built and drawn now (before the
        run starts competing for the CPU) instead of at the first data.
        """
        same = bool(metrics) and list(self._axes) == list(metrics or []) and self._x_max == float(max(epochs, 1))
        self._data.clear()
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
        self._x_max = max(self._x_max, math.ceil(x))
        self._schedule()

    def add_epoch(self, epoch: int, values: dict[str, float]) -> None:
        """End-of-epoch values (validation metrics start with `val_`)."""
        for name, value in values.items():
            self._append(base_metric(name), "val" if name.startswith("val_") else "epoch", float(epoch), value)
        self._x_max = max(self._x_max, float(epoch))
        self._schedule()

    def set_history(self, history: dict[str, list[float]]) -> None:
        """Replace the curves with a saved per-epoch history (`{metric: [values]}`)."""
        self._data.clear()
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
        """The metrics plotted (one axes each), in order of appearance."""
        return list(self._data)

    def series(self, metric: str, kind: str = "batch") -> tuple[np.ndarray, np.ndarray]:
        """All recorded (x, y) values of one metric's `kind` line ("batch", "epoch" or "val")."""
        xs, ys = self._data.get(metric, {}).get(kind, ([], []))
        return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)

    def line(self, metric: str, kind: str = "batch") -> Any:
        """The matplotlib Line2D drawn for a metric's `kind` line (None before the first draw)."""
        return self._lines.get(metric, {}).get(kind)

    def flush(self) -> None:
        """Draw pending changes now (normally called by the throttling timer)."""
        self._timer.stop()
        if not self._data and self._figure is None:
            return
        self._ensure_canvas()
        if self._structure_dirty or list(self._data) != list(self._axes):
            self._build_axes()
        self._update_lines()
        if self._full_needed or not self._limits_fit():
            self._fit_limits()
        if self._background is None:
            self._full_draw()
        else:
            self._blit()

    # --- internals --------------------------------------------------------------------
    def _append(self, metric: str, kind: str, x: float, value: Any) -> None:
        try:
            y = float(value)
        except (TypeError, ValueError):
            return
        if metric not in self._data:
            self._data[metric] = {k: ([], []) for k in KINDS}
            if "loss" == metric:  # keep the main loss first
                self._data = {"loss": self._data.pop("loss"), **self._data}
        series = self._data[metric]
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

        # No constrained layout: it doubles the cost of every full draw.
        self._figure = Figure(figsize=(6, 3), dpi=90)
        self._canvas = FigureCanvasQTAgg(self._figure)
        self._canvas.mpl_connect("draw_event", self._on_canvas_draw)
        self._layout.removeWidget(self._placeholder)
        self._placeholder.hide()
        self._layout.addWidget(self._canvas)

    def _build_axes(self) -> None:
        from matplotlib.ticker import MaxNLocator

        self._figure.clear()
        self._background = None
        self._axes.clear()
        self._lines.clear()
        names = list(self._data)
        cols = min(3, max(len(names), 1))
        rows = max(1, math.ceil(len(names) / cols))
        for i, name in enumerate(names):
            ax = self._figure.add_subplot(rows, cols, i + 1)
            ax.set_title(name.replace("_", " "), fontsize=9)
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.yaxis.set_animated(True)  # y ranges change live: redraw the y axis with the lines
            ax.grid(True, alpha=0.3)
            color = f"C{i % 10}"
            self._axes[name] = ax
            self._lines[name] = {
                "batch": ax.plot([], [], color=color, alpha=0.35, lw=1, animated=True, label="batch")[0],
                "epoch": ax.plot([], [], color=color, marker="o", ms=4, lw=1.5, animated=True, label="epoch")[0],
                "val": ax.plot([], [], color="k", marker="s", ms=3, ls="--", lw=1, animated=True, label="validation")[0],
            }
        if self._axes:
            first = next(iter(self._axes.values()))
            first.legend(handles=list(self._lines[names[0]].values()), fontsize=7, loc="upper right",
                         labels=["per batch", "epoch", "validation"], framealpha=0.6)
        self._figure.subplots_adjust(left=0.1 if cols == 1 else 0.07, right=0.98, bottom=0.12 / rows + 0.02,
                                     top=0.93 if rows == 1 else 0.95, wspace=0.3, hspace=0.45)
        self._structure_dirty = False
        self._full_needed = True

    def _update_lines(self) -> None:
        for name, lines in self._lines.items():
            for kind, line in lines.items():
                xs, ys = self._data[name][kind]
                step = max(1, len(xs) // self.max_batch_points) if kind == "batch" else 1
                line.set_data(xs[::step] + xs[-1:] if step > 1 else xs, ys[::step] + ys[-1:] if step > 1 else ys)

    def _data_range(self, name: str) -> tuple[float, float] | None:
        ys = [y for kind in KINDS for y in self._data[name][kind][1] if math.isfinite(y)]
        return (min(ys), max(ys)) if ys else None

    def _limits_fit(self) -> bool:
        for name, ax in self._axes.items():
            rng = self._data_range(name)
            lo, hi = ax.get_ylim()
            if rng is not None and (rng[0] < lo or rng[1] > hi or hi - lo > 20 * max(rng[1] - rng[0], 1e-9)):
                return False
            if ax.get_xlim()[1] < self._x_max:
                return False
        return True

    def _fit_limits(self) -> None:
        self._background_y = None
        for name, ax in self._axes.items():
            ax.set_xlim(0.0, self._x_max)
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
