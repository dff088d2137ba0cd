"""PlotCanvas draws live and saved curves alike: panel order, colours, legend entries only for
lines that exist, an x axis that grows (redrawn, not just blitted) with room for the last point."""

from __future__ import annotations

from typing import Any

from gui.widgets.plot_canvas import PlotCanvas, ordered_metrics


def make_canvas(qtbot: Any) -> PlotCanvas:
    canvas = PlotCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 300)
    canvas.show()
    return canvas


def test_order_is_canonical() -> None:
    assert ordered_metrics(["kl_loss", "reconstruction_loss", "loss"], ["loss", "reconstruction_loss"]) == [
        "loss", "reconstruction_loss", "kl_loss"]
    assert ordered_metrics(["b", "loss", "a"]) == ["loss", "a", "b"]


def test_live_and_saved_curves_share_panels_colours_and_legend(qtbot: Any) -> None:
    order = ["loss", "reconstruction_loss", "kl_loss"]
    live = make_canvas(qtbot)
    live.reset(2, order)
    for epoch in (1, 2):
        live.add_batch(epoch - 0.5, {"loss": 1.0, "reconstruction_loss": 0.8, "kl_loss": 0.2})
        live.add_epoch(epoch, {"kl_loss": 0.2, "loss": 1.0, "reconstruction_loss": 0.8})
    live.flush()
    saved = make_canvas(qtbot)
    saved.set_history({"kl_loss": [0.2, 0.2], "loss": [1.0, 1.0], "reconstruction_loss": [0.8, 0.8]}, order)
    saved.flush()
    assert live.metrics() == saved.metrics() == order
    for m in order:
        assert live.line(m, "epoch").get_color() == saved.line(m, "epoch").get_color()
    # No validation line exists, and the per-batch trace is never a legend entry.
    assert live.legend_labels() == saved.legend_labels() == ["per epoch"]


def test_legend_lists_validation_only_when_it_exists(qtbot: Any) -> None:
    canvas = make_canvas(qtbot)
    canvas.reset(3, ["loss", "accuracy"])
    canvas.add_batch(0.5, {"loss": 1.0})
    canvas.flush()
    assert canvas.legend_labels() == []  # nothing per epoch yet
    canvas.add_epoch(1, {"loss": 0.9, "accuracy": 0.5, "val_loss": 1.0, "val_accuracy": 0.4})
    canvas.flush()
    assert canvas.legend_labels() == ["per epoch", "validation"]


def test_x_axis_grows_with_a_margin_and_is_redrawn(qtbot: Any) -> None:
    canvas = make_canvas(qtbot)
    canvas.set_history({"loss": [float(10 - i) for i in range(10)]})
    canvas.flush()
    lo, hi = canvas.x_range("loss")
    assert lo == 0.0 and 10.0 < hi < 11.0  # room for the last marker, not a whole extra epoch
    full = canvas.full_draws
    canvas.extend_x(16)  # a continued run announces 16 epochs in all
    canvas.add_batch(10.5, {"loss": 0.5})
    canvas.flush()
    assert canvas.x_range("loss")[1] > 16.0
    assert canvas.full_draws > full  # the x tick labels are redrawn, not a stale 0-10 background
    canvas.add_epoch(16, {"loss": 0.4})
    canvas.flush()
    assert canvas.series("loss", "epoch")[0].max() == 16.0 < canvas.x_range("loss")[1]
