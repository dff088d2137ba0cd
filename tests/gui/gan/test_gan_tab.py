"""The GAN tab on a real tiny GAN run: sampling, locks, enlarging, interpolation, timeline,
live training events, step controls, metrics, export and error handling."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

TIMEOUT = 20_000


@pytest.fixture(scope="module")
def gan_run() -> Path:
    """A 2-epoch GAN on 300 digits in the session's runs folder."""
    from core.paths import runs_root
    from core.training.run import TrainConfig, TrainingRun

    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=300, max_test=100,
                      latent_dim=8, gan_metrics=False)
    run_dir = runs_root() / "gan_tab_fixture"
    result = TrainingRun(cfg, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir



@pytest.fixture
def tab(qtbot, errors):
    from gui.app_state import AppState
    from gui.gan.tab import GanTab

    state = AppState()
    widget = GanTab(state)
    widget.state_ref = state  # keep the state alive with the tab
    qtbot.addWidget(widget)
    widget.resize(1100, 850)
    widget.show()
    yield widget
    widget.shutdown(5.0)


def _load(qtbot, tab, run_dir: Path) -> None:
    tab.select_run(run_dir)
    qtbot.waitUntil(lambda: tab.last_result is not None, timeout=TIMEOUT)


def _wait_new_result(qtbot, tab, action) -> object:
    before = tab.last_result
    action()
    qtbot.waitUntil(lambda: tab.last_result is not before and tab._worker.idle, timeout=TIMEOUT)
    return tab.last_result


def _cell_center(tab, index: int) -> QPoint:
    return tab.grid._cell_rect(index).center().toPoint()


def test_run_listed_and_grid_deterministic_per_seed(qtbot, tab, gan_run) -> None:
    assert tab.run_combo.findData(str(gan_run)) >= 0
    _load(qtbot, tab, gan_run)
    first = tab.grid.image().copy()
    assert first.shape == (8 * 9 - 1, 8 * 9 - 1)
    assert tab.last_result.grid.shape == (64, 8, 8, 1)
    other = _wait_new_result(qtbot, tab, lambda: tab.seed_spin.setValue(5)).grid
    np.testing.assert_array_equal(tab.grid.image()[:8, :8], other[0, ..., 0])  # shown
    assert not np.allclose(tab.grid.image(), first)
    _wait_new_result(qtbot, tab, lambda: tab.seed_spin.setValue(0))
    np.testing.assert_array_equal(tab.grid.image(), first)
    small = _wait_new_result(qtbot, tab, lambda: tab.size_spin.setValue(3)).grid
    assert small.shape == (9, 8, 8, 1) and tab.grid.image().shape == (26, 26)


def test_locked_sample_survives_reseed(qtbot, tab, gan_run) -> None:
    _load(qtbot, tab, gan_run)
    before = tab.last_result.grid.copy()
    qtbot.mouseClick(tab.grid, Qt.MouseButton.RightButton, pos=_cell_center(tab, 2))
    assert tab.noise_grid.locked == {2}
    after = _wait_new_result(qtbot, tab, tab.reseed_button.click).grid
    np.testing.assert_array_equal(after[2], before[2])
    assert not np.allclose(after[0], before[0])


def test_click_enlarges_with_nearest_real(qtbot, tab, gan_run) -> None:
    from core.gan.sampling import nearest_real

    _load(qtbot, tab, gan_run)
    result = _wait_new_result(qtbot, tab, lambda: qtbot.mouseClick(
        tab.grid, Qt.MouseButton.LeftButton, pos=_cell_center(tab, 9)))
    assert tab.enlarged_index == 9
    np.testing.assert_array_equal(tab.enlarged_view.image(), result.grid[9])
    assert result.nearest_index == nearest_real(result.grid[9], tab.data.train_images)
    np.testing.assert_array_equal(tab.nearest_view.image(), tab.data.train_images[result.nearest_index])
    assert "nearest real #" in tab.nearest_label.text()


def test_interpolation_strip_ends_equal_samples(qtbot, tab, gan_run, tmp_path) -> None:
    _load(qtbot, tab, gan_run)
    grid = tab.last_result.grid
    a, b = tab.ends
    strip = tab.interp.strip_frames()
    assert strip is not None and len(strip) == 8
    np.testing.assert_allclose(strip[0], grid[a], atol=1e-6)
    np.testing.assert_allclose(strip[-1], grid[b], atol=1e-6)
    sph = _wait_new_result(qtbot, tab, lambda: tab.interp.method.setCurrentIndex(1)).strip
    assert not np.allclose(sph[3], strip[3])
    np.testing.assert_allclose(sph[0], grid[a], atol=1e-6)
    out = tab.interp.export_gif(tmp_path / "strip.gif")
    from PIL import Image

    assert Image.open(out).n_frames == 2 * 8 - 2
    walk = _wait_new_result(qtbot, tab, lambda: tab.interp.walk_check.setChecked(True)).walk
    assert walk.shape[0] == 60
    qtbot.waitUntil(lambda: tab.interp.walk_index() > 1, timeout=TIMEOUT)


def test_timeline_one_frame_per_epoch(qtbot, tab, gan_run, tmp_path) -> None:
    _load(qtbot, tab, gan_run)
    assert tab.timeline.frame_count() == 2 and tab.timeline.epochs() == [1, 2]
    last = tab.timeline.view.image().copy()
    tab.timeline.slider.setValue(0)
    assert "epoch 1 / 2" in tab.timeline.label.text()
    assert not np.array_equal(tab.timeline.view.image(), last)
    assert tab.timeline.export_gif(tmp_path / "t.gif").stat().st_size > 0
    assert set(tab.quality.history()) >= {"d_loss", "g_loss"}


def test_follows_live_training(qtbot, tab) -> None:
    from core.paths import runs_root
    from core.training.run import TrainConfig, TrainingRun
    from gui.bridge import start_job

    run_dir = runs_root() / "gan_tab_live"
    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=200, max_test=100,
                      latent_dim=8, gan_metrics=True)
    job = start_job(lambda handle: TrainingRun(cfg, run_dir=run_dir, handle=handle).train())
    job.event.connect(tab.state.training_event)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: tab.timeline.frame_count() == 2, timeout=TIMEOUT)
    assert tab.run_dir == run_dir
    hist = tab.quality.history()
    assert len(hist["mnist_score"]) == 2 and np.all(np.isfinite(hist["frechet"]))
    qtbot.waitUntil(lambda: tab.last_result is not None and tab._worker.idle, timeout=TIMEOUT)
    assert tab._weights is not None and tab._weights[0] == ("live", 2)
    assert tab.quality.histogram.histogram().sum() == pytest.approx(1.0, abs=1e-3)


def test_step_controls_train_one_side(qtbot, tab, gan_run, tmp_path) -> None:
    run_dir = tmp_path / "stepped"
    shutil.copytree(gan_run, run_dir)
    _load(qtbot, tab, run_dir)
    before = tab.last_result.grid.copy()
    tab.steps.mode.setCurrentIndex(tab.steps.mode.findData("d"))
    tab.steps.batches.setValue(3)
    tab.steps.button.click()
    qtbot.waitUntil(lambda: "done" in tab.steps.status.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.last_result.grid is not before and tab._worker.idle, timeout=TIMEOUT)
    np.testing.assert_allclose(tab.last_result.grid, before, atol=1e-6)  # generator untouched
    assert tab._weights is not None
    tab.steps.mode.setCurrentIndex(tab.steps.mode.findData("g"))
    tab.steps.button.click()
    qtbot.waitUntil(lambda: tab.steps.status.text().startswith("3 batches (g)"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab._worker.idle and not np.allclose(tab.last_result.grid, before),
                    timeout=TIMEOUT)


def test_metrics_and_export(qtbot, tab, gan_run, tmp_path) -> None:
    from PIL import Image

    _load(qtbot, tab, gan_run)
    assert tab.mean_view.image().shape == (8, 8, 1)
    tab.score_button.click()
    qtbot.waitUntil(lambda: tab.metrics_result is not None, timeout=60_000)
    assert "Mean image" in tab.metrics_label.text() and "GAN samples" in tab.metrics_label.text()
    assert tab.metrics_result["real"]["score"] > tab.metrics_result["mean_image"]["score"]
    out = tab.export_grid_png(tmp_path / "grid.png")
    assert Image.open(out).size == (4 * 71, 4 * 71)
    with pytest.raises(ValueError, match="click a sample"):
        tab.export_sample_png(tmp_path / "one.png")


def test_bad_run_reports_one_line_error(qtbot, tab, errors, tmp_path) -> None:
    job = tab.select_run(tmp_path)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT):
        pass
    assert errors and "\n" not in errors[-1][1]
    assert tab.data is None
    tab.steps.button.click()
    assert "Choose a GAN run" in errors[-1][1]


def test_mode_collapse_warning_offers_roll_back(qtbot, tab, gan_run, tmp_path, monkeypatch) -> None:
    """A run whose last epoch looks collapsed shows the warning and rolls back to epoch 1."""
    import json

    import gui.gan.tab as gan_tab_module

    run_dir = tmp_path / "collapsed"
    shutil.copytree(gan_run, run_dir)
    records = [{"epoch": 1, "class_entropy": 3.0, "diversity": 0.3}, {"epoch": 2, "class_entropy": 0.2, "diversity": 0.02}]
    (run_dir / "quality.json").write_text(json.dumps({"epochs": records}))
    asked: list[int] = []
    monkeypatch.setattr(gan_tab_module, "confirm_rollback", lambda parent, name, epoch: asked.append(epoch) or True)
    _load(qtbot, tab, run_dir)
    assert "mode collapse at epoch 2" in tab.quality.warning.text()
    assert not tab.quality.rollback_button.isHidden() and tab.quality.rollback_epoch == 1
    tab.quality.rollback_button.click()
    qtbot.waitUntil(lambda: json.loads((run_dir / "state.json").read_text())["epochs_done"] == 1, timeout=TIMEOUT)
    assert asked == [1]
    qtbot.waitUntil(lambda: tab.data is not None and len(tab.data.frames) == 1, timeout=TIMEOUT)
    assert tab.quality.rollback_button.isHidden()
