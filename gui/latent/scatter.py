"""Render the latent map's static background (scatter, legend, prior contours, heat map) once
to an RGBA array with matplotlib's Agg backend; the widget then paints it as a plain image and
draws only the moving marker on top.

No Qt here: `render_scatter` returns pixels plus the axes box, so the same function also
renders the frames of the latent-history GIF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: (left, bottom, width, height) of the axes as figure fractions: fixed, so the
#: pixel <-> plane mapping is known without asking matplotlib.
AXES_BOX = (0.09, 0.08, 0.72, 0.86)


@dataclass(frozen=True)
class ScatterScene:
    """What the background shows. Coordinates are plane coordinates."""

    points: np.ndarray
    labels: np.ndarray
    bounds: tuple[float, float, float, float]
    class_names: Sequence[str] = ()
    prior_centre: tuple[float, float] | None = None
    heat: np.ndarray | None = None
    title: str = ""
    x_label: str = "z[0]"
    y_label: str = "z[1]"
    prior_label: str = "prior N(0, I)"  # the caller passes it in the user's language


def axes_rect(width: int, height: int) -> tuple[float, float, float, float]:
    """The axes box in widget pixels (x, y from top-left, w, h) for a `width` x `height` render."""
    left, bottom, w, h = AXES_BOX
    return (left * width, (1.0 - bottom - h) * height, w * width, h * height)


def render_scatter(scene: ScatterScene, width: int, height: int, dpi: float = 100.0) -> np.ndarray:
    """Draw `scene` into a (height, width, 4) uint8 RGBA array."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from gui.i18n import register_matplotlib_font

    register_matplotlib_font()  # Hangul in titles and legends, however this scatter is drawn
    from matplotlib.lines import Line2D

    width, height = max(int(width), 80), max(int(height), 80)
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES_BOX)
    xmin, xmax, ymin, ymax = scene.bounds
    if scene.heat is not None:
        ax.imshow(scene.heat, extent=(xmin, xmax, ymin, ymax), origin="upper", cmap="RdYlGn",
                  vmin=0.0, vmax=1.0, alpha=0.45, aspect="auto", interpolation="bilinear", zorder=0)
    if scene.prior_centre is not None:
        cx, cy = scene.prior_centre
        xs, ys = np.linspace(xmin, xmax, 120), np.linspace(ymin, ymax, 120)
        gx, gy = np.meshgrid(xs, ys)
        r = np.sqrt((gx - cx) ** 2 + (gy - cy) ** 2)
        cs = ax.contour(gx, gy, r, levels=[1.0, 2.0, 3.0], colors="0.35", linewidths=0.8,
                        linestyles="--", zorder=1)
        ax.clabel(cs, fmt={1.0: "1σ", 2.0: "2σ", 3.0: "3σ"}, fontsize=7)
    cmap = label_colours(tuple(scene.class_names))
    labels = np.asarray(scene.labels, dtype=np.int64)
    if len(scene.points):
        size = 4.0 if len(scene.points) > 3000 else 9.0
        ax.scatter(scene.points[:, 0], scene.points[:, 1], c=cmap[labels % 10], s=size,
                   linewidths=0, alpha=0.8, zorder=2, rasterized=True)
    names = list(scene.class_names) or [str(i) for i in range(int(labels.max(initial=9)) + 1)]
    handles = [Line2D([], [], marker="o", ls="", color=cmap[i % 10], label=names[i])
               for i in range(len(names))]
    if scene.prior_centre is not None:
        handles.append(Line2D([], [], ls="--", color="0.35", label=scene.prior_label))
    fig.legend(handles=handles, loc="center left", bbox_to_anchor=(AXES_BOX[0] + AXES_BOX[2] + 0.01, 0.5),
               fontsize=8, frameon=False, handletextpad=0.2)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel(scene.x_label, fontsize=8, labelpad=1)
    ax.set_ylabel(scene.y_label, fontsize=8, labelpad=1)
    ax.tick_params(labelsize=7)
    if scene.title:
        ax.set_title(scene.title, fontsize=9, pad=3)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


#: Mondrian classes (which primaries appear) drawn in those colours, mixed like paint.
MONDRIAN_COLOURS = {"white only": "#8c8c8c", "red": "#dc1414", "yellow": "#e6b800", "blue": "#1433a0",
                    "red+yellow": "#ff7f0e", "red+blue": "#7b1fa2", "yellow+blue": "#2e9e3a",
                    "red+yellow+blue": "#4a2a12"}


def label_colours(class_names: tuple[str, ...] = ()) -> np.ndarray:
    """One RGB colour per class (tab10, cycled); the Mondrian classes get their own colours."""
    from matplotlib import colormaps
    from matplotlib.colors import to_rgb

    if class_names and all(name in MONDRIAN_COLOURS for name in class_names):
        colours = [to_rgb(MONDRIAN_COLOURS[name]) for name in class_names]
        return np.asarray((colours * 10)[:10])
    return np.asarray(colormaps["tab10"].colors)
