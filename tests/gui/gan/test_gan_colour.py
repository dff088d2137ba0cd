"""The GAN tab on a colour (Mondrian) GAN: the sample grid, the enlarged sample, its nearest
real image, the interpolation strip and the mean image are painted in colour."""

from __future__ import annotations

TIMEOUT = 30_000


def test_gan_tab_shows_colour(errors, qtbot, mondrian_runs, colourful, make_gan_tab, show_gan_run) -> None:
    tab = make_gan_tab((1100, 850))
    run_dir = mondrian_runs["gan"]
    show_gan_run(tab, run_dir)
    assert tab.last_result.grid.shape[1:] == (32, 32, 3)
    assert tab.grid.image().ndim == 3 and tab.grid.image().shape[-1] == 3
    qtbot.waitUntil(lambda: tab.side.mean_view.image() is not None, timeout=TIMEOUT)
    assert colourful(tab.side.mean_view)
    before = tab.last_result
    tab.grid.cell_clicked.emit(3)
    qtbot.waitUntil(lambda: tab.last_result is not before and tab.sampling.idle, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.side.nearest_view.image() is not None, timeout=TIMEOUT)
    assert tab.side.nearest_view.image().shape[-1] == 3 and colourful(tab.side.nearest_view)
    assert tab.side.enlarged_view.image().shape[-1] == 3
    assert errors == []


def test_metrics_table_shows_the_rule_score_only_for_mondrian(qtbot) -> None:
    from gui.gan.quality_view import metrics_table_html

    part = {"score": 1.5, "frechet": 2.0, "class_entropy": 1.0}
    plain = metrics_table_html({"gan": dict(part), "real": dict(part)})
    assert "rule score" not in plain
    ruled = metrics_table_html({"gan": {**part, "rule_score": 0.42}, "real": {**part, "rule_score": 0.99}})
    assert "rule score" in ruled and "0.42" in ruled and "0.99" in ruled


def test_quality_plots_get_a_rule_score_panel_when_a_run_logs_it(qtbot) -> None:
    from gui.gan.quality_plot import QualityPlotWidget

    plot = QualityPlotWidget()
    qtbot.addWidget(plot)
    plot.set_series({"d_loss": [0.5, 0.4], "mnist_score": [1.2, 1.5]})
    assert "rule_score" not in plot.metrics()
    plot.set_series({"d_loss": [0.5, 0.4], "rule_score": [0.1, 0.3]})
    assert plot.metrics() == ["d_loss", "rule_score"]
    assert "Mondrian rule score (higher is better)" in plot.titles()
