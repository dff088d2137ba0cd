"""The GAN tab on a real tiny GAN run: sampling, locks, enlarging, interpolation, timeline,
live training events, step controls, metrics, export and error handling."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

TIMEOUT = 20_000


@pytest.fixture
def tab(errors, make_gan_tab):
    return make_gan_tab((1100, 850))


def _wait_new_result(qtbot, tab, action) -> object:
    before = tab.last_result
    action()
    qtbot.waitUntil(lambda: tab.last_result is not before and tab.sampling.idle, timeout=TIMEOUT)
    return tab.last_result


def _cell_center(tab, index: int) -> QPoint:
    return tab.grid._cell_rect(index).center().toPoint()


def test_run_listed_and_grid_deterministic_per_seed(qtbot, tab, gan_run, show_gan_run) -> None:
    with qtbot.waitSignal(tab.state.runs_changed, timeout=TIMEOUT):
        tab.state.refresh_runs()  # the shared scan, off the GUI thread
    assert tab.run_combo.findData(str(gan_run)) >= 0
    show_gan_run(tab, gan_run)
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


def test_locked_sample_survives_reseed(qtbot, tab, gan_run, show_gan_run) -> None:
    show_gan_run(tab, gan_run)
    before = tab.last_result.grid.copy()
    qtbot.mouseClick(tab.grid, Qt.MouseButton.RightButton, pos=_cell_center(tab, 2))
    assert tab.noise_grid.locked == {2}
    after = _wait_new_result(qtbot, tab, tab.reseed_button.click).grid
    np.testing.assert_array_equal(after[2], before[2])
    assert not np.allclose(after[0], before[0])


def test_click_enlarges_with_nearest_real(qtbot, tab, gan_run, show_gan_run) -> None:
    from core.gan.sampling import nearest_real

    show_gan_run(tab, gan_run)
    result = _wait_new_result(qtbot, tab, lambda: qtbot.mouseClick(
        tab.grid, Qt.MouseButton.LeftButton, pos=_cell_center(tab, 9)))
    assert tab.sampling.enlarged_index == 9
    np.testing.assert_array_equal(tab.side.enlarged_view.image(), result.grid[9])
    train = tab.dataset.x_train
    assert tab.dataset.source == "digits"  # the run's own dataset, not the Training tab's
    assert result.nearest_index == nearest_real(result.grid[9], train)
    np.testing.assert_array_equal(tab.side.nearest_view.image(), train[result.nearest_index])
    assert "nearest real #" in tab.side.nearest_label.text()


def test_interpolation_strip_ends_equal_samples(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    show_gan_run(tab, gan_run)
    grid = tab.last_result.grid
    a, b = tab.sampling.ends
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


def test_timeline_one_frame_per_epoch(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    show_gan_run(tab, gan_run)
    assert tab.timeline.frame_count() == 2 and tab.timeline.epochs() == [1, 2]
    last = tab.timeline.view.image().copy()
    tab.timeline.slider.setValue(0)
    assert "epoch 1 / 2" in tab.timeline.label.text()
    assert not np.array_equal(tab.timeline.view.image(), last)
    assert tab.timeline.export_gif(tmp_path / "t.gif").stat().st_size > 0
    assert set(tab.quality.history()) >= {"d_loss", "g_loss"}


def test_follows_live_training(qtbot, tab) -> None:
    """Driven through the app state as the Training tab drives it: the live run becomes current,
    the tab shows it, follows its epochs and counts them."""
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun
    from gui.bridge import start_job

    state = tab.state
    run_dir = runs_root() / "gan_tab_live"
    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=200, max_test=100,
                      latent_dim=8, gan_metrics=True)
    job = start_job(lambda handle: TrainingRun(cfg, run_dir=run_dir, handle=handle).train())
    state.begin_training(job)

    def on_event(ev) -> None:
        if ev.kind == "start":
            state.training_run_started(Path(ev.data["run_dir"]), "gan")
        state.training_event.emit(ev)

    job.event.connect(on_event)
    job.finished.connect(state.end_training)
    qtbot.waitUntil(lambda: tab.run_dir == run_dir, timeout=60_000)
    with qtbot.waitSignal(state.training_finished, timeout=60_000):
        pass
    # once training ends, the run is reloaded from its committed files on disk
    qtbot.waitUntil(lambda: tab.timeline.frame_count() == 2 and tab._loading is None, timeout=TIMEOUT)
    assert tab.run_combo.currentData() == str(run_dir)
    assert tab.epochs_done == 2 and tab.status.text().startswith("gan_tab_live: 2 epochs")
    assert "training now" not in tab.status.text()
    hist = tab.quality.history()
    assert len(hist["mnist_score"]) == 2 and np.all(np.isfinite(hist["frechet"]))
    assert tab.quality.plot.epochs() == 2
    qtbot.waitUntil(lambda: tab.last_result is not None and tab.sampling.shown_weights_key is None
                    and tab.sampling.idle, timeout=TIMEOUT)  # the saved generator of epoch 2
    assert tab.quality.histogram.histogram().sum() == pytest.approx(1.0, abs=1e-3)
    # the rescan after training lists the run with its real epoch count
    qtbot.waitUntil(lambda: tab.run_combo.findData(str(run_dir)) >= 0
                    and "2 epochs" in tab.run_combo.itemText(tab.run_combo.findData(str(run_dir))),
                    timeout=TIMEOUT)


@pytest.mark.parametrize("fixture_run", ["gan_run", "acgan_run"])  # an AC-GAN's steps need the labels
def test_step_controls_train_one_side(qtbot, tab, fixture_run, request, tmp_path, show_gan_run) -> None:
    run_dir = tmp_path / "stepped"
    shutil.copytree(request.getfixturevalue(fixture_run), run_dir)
    show_gan_run(tab, run_dir)
    before = tab.last_result.grid.copy()
    tab.steps.mode.setCurrentIndex(tab.steps.mode.findData("d"))
    tab.steps.batches.setValue(3)
    assert tab.sampling.shown_weights_key is None  # the saved generator
    with qtbot.waitSignal(tab.actions.weights_stepped, timeout=TIMEOUT) as stepped:
        tab.steps.button.click()
    d_key = stepped.args[0]
    assert "done" in tab.steps.status.text()
    # the grid drawn with the stepped weights has arrived (not just any result)
    qtbot.waitUntil(lambda: tab.sampling.shown_weights_key == d_key and tab.sampling.idle, timeout=TIMEOUT)
    np.testing.assert_allclose(tab.last_result.grid, before, atol=1e-6)  # generator untouched
    tab.steps.mode.setCurrentIndex(tab.steps.mode.findData("g"))
    with qtbot.waitSignal(tab.actions.weights_stepped, timeout=TIMEOUT) as stepped:
        tab.steps.button.click()
    g_key = stepped.args[0]
    assert g_key != d_key and tab.steps.status.text().startswith("3 batches (g)")
    qtbot.waitUntil(lambda: tab.sampling.shown_weights_key == g_key and tab.sampling.idle, timeout=TIMEOUT)
    assert not np.allclose(tab.last_result.grid, before)


def test_metrics_and_export(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    from PIL import Image

    show_gan_run(tab, gan_run)
    qtbot.waitUntil(lambda: tab.side.mean_view.image() is not None, timeout=TIMEOUT)
    assert tab.side.mean_view.image().shape == (8, 8, 1)
    tab.side.score_button.click()
    qtbot.waitUntil(lambda: tab.actions.metrics_result is not None, timeout=60_000)
    label = tab.side.metrics_label.text()
    assert "Mean image" in label and "GAN samples" in label
    assert tab.actions.metrics_result["real"]["score"] > tab.actions.metrics_result["mean_image"]["score"]
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


def test_mode_collapse_warning_offers_roll_back(qtbot, tab, gan_run, tmp_path, monkeypatch, show_gan_run) -> None:
    """A run whose last epoch looks collapsed shows the warning and rolls back to epoch 1."""
    import json

    import gui.gan.run_actions as gan_actions_module

    run_dir = tmp_path / "collapsed"
    shutil.copytree(gan_run, run_dir)
    records = [{"epoch": 1, "class_entropy": 3.0, "diversity": 0.3}, {"epoch": 2, "class_entropy": 0.2, "diversity": 0.02}]
    (run_dir / "quality.json").write_text(json.dumps({"epochs": records}))
    asked: list[int] = []
    monkeypatch.setattr(gan_actions_module, "confirm_rollback", lambda parent, name, epoch: asked.append(epoch) or True)
    show_gan_run(tab, run_dir)
    assert "mode collapse at epoch 2" in tab.quality.warning.text()
    assert not tab.quality.rollback_button.isHidden() and tab.quality.rollback_epoch == 1
    tab.quality.rollback_button.click()
    qtbot.waitUntil(lambda: json.loads((run_dir / "state.json").read_text())["epochs_done"] == 1, timeout=TIMEOUT)
    assert asked == [1]
    qtbot.waitUntil(lambda: tab.data is not None and len(tab.data.frames) == 1, timeout=TIMEOUT)
    assert tab.quality.rollback_button.isHidden()


def test_preselects_current_gan_run(qtbot, tab, gan_run) -> None:
    """`set_current_run` on a GAN run shows it; a current run of another kind leaves the tab."""
    tab.state.set_current_run(gan_run, "gan")
    qtbot.waitUntil(lambda: tab.run_dir == gan_run and tab.last_result is not None, timeout=TIMEOUT)
    assert tab.run_combo.currentData() == str(gan_run)
    tab.state.set_current_run(gan_run.parent / "some_vae", "vae")
    assert tab.run_dir == gan_run and tab.run_combo.currentData() == str(gan_run)


def test_tab_built_after_set_current_run_preselects_it(qtbot, errors, gan_run) -> None:
    from gui.app_state import AppState
    from gui.gan.tab import GanTab

    state = AppState()
    state.set_current_run(gan_run, "gan")
    tab = GanTab(state)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.run_dir == gan_run and tab.sampling.idle and tab.dataset is not None,
                    timeout=TIMEOUT)
    tab.shutdown(5.0)


def test_epoch_count_is_the_runs_not_its_snapshots(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    """A run without snapshot files still has its 2 epochs (the old status said "0 epoch(s)")."""
    run_dir = tmp_path / "no_snapshots"
    shutil.copytree(gan_run, run_dir)
    shutil.rmtree(run_dir / "snapshots", ignore_errors=True)
    show_gan_run(tab, run_dir)
    assert tab.timeline.frame_count() == 0
    assert tab.epochs_done == 2
    assert tab.status.text().startswith("no_snapshots: 2 epochs · trained on")
    assert "0 epoch" not in tab.status.text()


def test_lists_runs_from_state_without_scanning(qtbot, tab, gan_run, monkeypatch) -> None:
    """The combo follows `state.runs` / `runs_changed`; the tab never lists the folder itself."""
    import core.training.run_folder as run_folder

    def no_scan(*args, **kwargs):
        raise AssertionError("the GAN tab scanned the runs folder")

    monkeypatch.setattr(run_folder, "list_runs", no_scan)
    assert tab.run_combo.findData(str(gan_run)) < 0  # not in the (empty) shared list yet
    info = run_folder.load_run_info(gan_run)
    other = run_folder.RunInfo(path=gan_run.parent / "a_vae", config={"kind": "vae"}, state={}, history={})
    tab.state.runs = [info, other]
    tab.state.runs_changed.emit()
    index = tab.run_combo.findData(str(gan_run))
    assert index >= 0 and tab.run_combo.count() == 1  # GAN runs only
    assert "2 epochs" in tab.run_combo.itemText(index)


def test_switching_runs_clears_the_previous_runs_outputs(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    """Metrics, enlarged sample and step status of one run never stay beside another run."""
    other = tmp_path / "other"
    shutil.copytree(gan_run, other)
    show_gan_run(tab, gan_run)
    _wait_new_result(qtbot, tab, lambda: qtbot.mouseClick(
        tab.grid, Qt.MouseButton.LeftButton, pos=_cell_center(tab, 4)))
    assert tab.side.enlarged_view.image() is not None
    tab.side.metrics_label.setText("<table>old metrics</table>")
    tab.steps.status.setText("3 batches (d) done")
    show_gan_run(tab, other)
    assert tab.run_dir == other
    assert tab.side.enlarged_view.image() is None
    assert tab.side.nearest_label.text() == "nearest real training image"
    assert "old metrics" not in tab.side.metrics_label.text()
    assert tab.steps.status.text() == ""
    assert tab.status.text().startswith("other: 2 epochs")
