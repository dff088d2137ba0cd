"""The GAN tab acts on a run's latest committed models: reload after a roll-back, refusal
while another trainer holds the run, and a history with null values drawn as gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

TIMEOUT = 20_000


@pytest.fixture
def tab(errors, make_gan_tab):
    return make_gan_tab((1000, 800))


def _sample_saved_generator(run_dir: Path, z: np.ndarray) -> np.ndarray:
    from core.gan.sampling import make_sampler
    from core.training.run_folder import load_role

    return np.asarray(make_sampler(load_role(run_dir, "generator"))(np.asarray(z, np.float32)))


def test_roll_back_samples_the_rolled_back_generator(qtbot, tab, gan_run, tmp_path, monkeypatch, show_gan_run) -> None:
    import gui.gan.run_actions as gan_actions_module

    run_dir = tmp_path / "rollback"
    shutil.copytree(gan_run, run_dir)
    monkeypatch.setattr(gan_actions_module, "confirm_rollback", lambda parent, name, epoch: True)
    show_gan_run(tab, run_dir, dataset=False)
    z = tab.noise_grid.z.copy()
    before = tab.last_result.grid.copy()
    np.testing.assert_allclose(before, _sample_saved_generator(run_dir, z), atol=1e-5)  # epoch 2's
    tab.quality.rollback_requested.emit(1)
    qtbot.waitUntil(lambda: tab.epochs_done == 1 and tab._loading is None and tab.last_result is not None
                    and tab.sampling.idle, timeout=TIMEOUT)
    assert json.loads((run_dir / "state.json").read_text())["epochs_done"] == 1
    after = tab.last_result.grid
    np.testing.assert_allclose(after, _sample_saved_generator(run_dir, z), atol=1e-5)  # epoch 1's now
    assert not np.allclose(after, before)


def test_run_changed_on_disk_is_reloaded(qtbot, tab, gan_run, tmp_path, show_gan_run) -> None:
    """Another trainer (here: a roll-back outside the tab) changed the run: the next run-list
    change reloads it, so samples come from the models on disk."""
    from core.training.run_folder import rollback_run

    run_dir = tmp_path / "changed"
    shutil.copytree(gan_run, run_dir)
    show_gan_run(tab, run_dir, dataset=False)
    before = tab.last_result.grid.copy()
    rollback_run(run_dir, 1, force=True)
    tab.state.runs_changed.emit()
    qtbot.waitUntil(lambda: tab.epochs_done == 1 and tab._loading is None and tab.sampling.idle
                    and tab.last_result is not None  # cleared while the reload samples anew
                    and not np.allclose(tab.last_result.grid, before), timeout=TIMEOUT)
    np.testing.assert_allclose(tab.last_result.grid, _sample_saved_generator(run_dir, tab.noise_grid.z), atol=1e-5)


def test_steps_refused_while_another_trainer_holds_the_run(qtbot, tab, gan_run, tmp_path, errors, show_gan_run) -> None:
    from core.training.lock import RunLock

    run_dir = tmp_path / "locked"
    shutil.copytree(gan_run, run_dir)
    show_gan_run(tab, run_dir, dataset=False)
    before = (run_dir / "generator.keras").read_bytes()
    with RunLock(run_dir, "test trainer"):
        tab.steps.batches.setValue(2)
        tab.steps.button.click()
        qtbot.waitUntil(lambda: bool(errors) and tab.steps.button.isEnabled(), timeout=TIMEOUT)
    title, message = errors[-1]
    assert "\n" not in message and "Traceback" not in message
    assert "holds" in message or "lock" in message.lower()
    assert (run_dir / "generator.keras").read_bytes() == before  # nothing was written


def write_run_with_nulls(run_dir: Path, kind: str) -> Path:
    """A run folder written by hand: config, state, a history holding nulls, no models."""
    run_dir.mkdir(parents=True)
    config = {"kind": kind, "dataset": "digits", "epochs": 3, "latent_dim": 8 if kind != "classifier" else None}
    (run_dir / "config.json").write_text(json.dumps(config))
    (run_dir / "state.json").write_text(json.dumps({"status": "stopped", "epochs_done": 3, "message": ""}))
    if kind == "gan":
        history = {"d_loss": [0.7, None, 0.6], "g_loss": [None, 0.9, float("nan")],
                   "class_entropy": [2.0, None, 2.5], "diversity": [None, None, 0.3], "frechet": [None, 5.0, None]}
    else:
        history = {"loss": [1.0, None, 0.5], "accuracy": [None, 0.5, 0.8], "val_loss": [None, None, None]}
    (run_dir / "history.json").write_text(json.dumps(history).replace("NaN", "null"))
    return run_dir


def test_history_with_nulls_loads_fully(qtbot, tab, tmp_path, errors) -> None:
    run_dir = write_run_with_nulls(tmp_path / "nulls_gan", "gan")
    job = tab.select_run(run_dir)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT):
        pass
    qtbot.waitUntil(lambda: tab.run_dir == run_dir and tab._loading is None, timeout=TIMEOUT)
    assert errors == []
    history = tab.quality.history()
    assert history["d_loss"][0] == 0.7 and np.isnan(history["d_loss"][1])
    assert np.isnan(history["frechet"][0]) and history["frechet"][1] == 5.0
    tab.quality.plot.grab()  # paints the gaps without raising
    assert "3 epochs" in tab.status.text()
