"""The Training tab trains for real (tiny digits runs) and shows live numbers; stop, pause,
errors and reopening runs work, and the tab stays usable afterwards."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gui import dialogs
from gui.training import jobs
from gui.training.tab import TrainingTab


def test_one_epoch_moves_curves_and_progress_and_reopens(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    tab.batch_throttle_ms = 0
    progress: list[int] = []
    curve_lengths: list[int] = []
    events: list[str] = []

    def on_event(ev: Any) -> None:
        events.append(ev.kind)
        if ev.kind == "batch":
            progress.append(tab.progress.value())
            curve_lengths.append(len(tab.curves.series("loss", "batch")[0]))

    formats: list[str] = []

    def on_batch(ev: Any) -> None:  # connected after the tab: it sees the progress bar updated
        if ev.kind == "batch":
            formats.append(tab.progress.format())

    tab.state.training_event.connect(on_event)
    tab.state.training_event.connect(on_batch)
    tab.train_button.click()
    assert not tab.train_button.isEnabled() and tab.stop_button.isEnabled()
    assert not tab.form.epochs_spin.isEnabled()  # hyper-parameters locked while training
    result = wait_finished(tab)
    assert result.status == "completed", result.message
    assert events[0] == "start" and "epoch" in events and events[-1] == "done"
    assert len(progress) >= 3 and progress == sorted(progress) and progress[-1] > progress[0] > 0
    assert curve_lengths[-1] > curve_lengths[0] >= 1
    # The progress bar shows batches; the log holds one line per epoch and never a batch line.
    assert formats and all(re.fullmatch(r"Epoch 1/1 · batch \d+/\d+ · ETA (\d+:\d\d|\?)", f) for f in formats)
    log = tab.log.toPlainText()
    assert re.search(r"^Epoch 1: .*\bloss \d", log, re.MULTILINE) is not None
    assert re.search(r"^Epoch 1/1 · batch", log, re.MULTILINE) is None
    tab.curves.flush()
    line = tab.curves.line("loss", "batch")
    ys = np.asarray(line.get_ydata(), dtype=float)
    assert len(ys) >= 3 and np.all(np.isfinite(ys))
    assert len(tab.curves.series("loss", "epoch")[1]) == 1
    assert len(tab.curves.series("loss", "val")[1]) == 1  # classifier validation split
    acc = result.test_metrics["accuracy"]
    assert 0.0 <= acc <= 1.0 and f"{acc:.2%}" in tab.result_label.text()
    assert tab.state.live_run_dir is None and tab.state.current_run == Path(result.run_dir)

    # The run is listed; double-clicking reopens it with curves from history.json.
    info = lambda: tab.state.run_info(Path(result.run_dir))  # noqa: E731
    qtbot.waitUntil(lambda: info() is not None and info().status == "completed", timeout=5_000)
    tab.curves.reset(1)
    tab.run_list.itemActivated.emit(tab.run_list.item(tab.run_list.run_paths().index(Path(result.run_dir))))
    assert tab.curves.series("loss", "epoch")[1].tolist() == pytest.approx(result.history["loss"])
    assert tab.continue_button.isEnabled() and Path(result.run_dir).name in tab.continue_button.text()
    assert tab.state.current_run == Path(result.run_dir)
    assert tab.run_list.selected_run() == Path(result.run_dir)


def test_stop_in_the_first_epoch_says_nothing_was_saved(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    """Esc before the first epoch ends: one "Stopped", no claim that a checkpoint was kept, and the
    snapshot caption of the previous picture goes with it."""
    from core.training.run_folder import EpochSnapshot

    old = EpochSnapshot(epoch=16, logs={}, originals=np.zeros((2, 8, 8)), reconstructions=np.zeros((2, 8, 8)))
    assert tab.snapshot_panel.show_snapshot(old) and tab.snapshot_panel.caption_text().startswith("Epoch 16")
    tab.configure(epochs=200, batch_size=2, max_train=1000)  # 500 batches an epoch
    tab.train_button.click()
    assert tab.snapshot_panel.caption_text() == "" and tab.snapshot_view.image() is None
    qtbot.waitUntil(lambda: len(tab.curves.series("loss", "batch")[0]) > 0, timeout=60_000)
    tab.stop_action.trigger()  # Esc
    assert not tab.stop_button.isEnabled()  # a second stop is not offered while stopping
    result = wait_finished(tab)
    assert result.status == "stopped" and result.epochs_done == 0
    assert tab.train_button.isEnabled() and not tab.stop_button.isEnabled() and not tab.pause_button.isEnabled()
    assert tab.form.epochs_spin.isEnabled()
    text = tab.progress.format()
    assert text.startswith("Stopped") and text.lower().count("stopped") == 1
    assert "nothing was saved" in text
    assert "checkpoint is kept" not in tab.log.toPlainText() and "nothing was saved" in tab.log.toPlainText()


def test_pause_holds_training_and_resume_continues(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    tab.batch_throttle_ms = 0
    tab.configure(epochs=200)
    tab.train_button.click()
    qtbot.waitUntil(lambda: len(tab.curves.series("loss", "batch")[0]) > 2, timeout=60_000)
    tab.pause_button.click()
    assert tab.resume_button.isEnabled() and not tab.pause_button.isEnabled()
    qtbot.wait(300)  # let the batch in flight arrive
    held = len(tab.curves.series("loss", "batch")[0])
    qtbot.wait(700)  # a paused run must not produce batches
    assert len(tab.curves.series("loss", "batch")[0]) == held
    assert "(paused)" in tab.progress.format()
    tab.resume_button.click()
    qtbot.waitUntil(lambda: len(tab.curves.series("loss", "batch")[0]) > held + 2, timeout=30_000)
    tab.stop_button.click()
    assert wait_finished(tab).status == "stopped"


def test_bad_dataset_file_shows_error_and_tab_keeps_working(
    qtbot: Any, tab: TrainingTab, tmp_path: Path, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch,
    wait_finished: Any,
) -> None:
    bad = tmp_path / "garbage.npz"
    bad.write_bytes(b"this is not a zip archive at all")
    monkeypatch.setattr(dialogs, "choose_npz_file", lambda parent, settings=None: bad)
    combo = tab.form.dataset_combo
    index = combo.findData("__open_npz__")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    title, message = errors[0]
    assert title == "Cannot load the dataset" and "garbage.npz" in message and "\n" not in message
    assert tab.state.last_error == (title, message)
    assert tab.form.source == "digits" and combo.currentData() == "digits"
    qtbot.waitUntil(tab.train_button.isEnabled, timeout=5_000)
    tab.train_button.click()
    result = wait_finished(tab)
    assert result.status == "completed" and math.isfinite(result.history["loss"][-1])
    assert len(errors) == 1


def test_nan_loss_shows_a_clear_error_and_keeps_the_tab_usable(
    qtbot: Any, tab: TrainingTab, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch,
    wait_finished: Any,
) -> None:
    """A diverging run (learning rate far beyond the form's range) ends in one clear dialog."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    def diverging(config: dict[str, Any], *, handle: Any, dataset: Any = None) -> Any:
        run = TrainingRun(TrainConfig.from_dict(config), handle=handle, dataset=dataset)
        run.bundle.model.optimizer.learning_rate.assign(1e30)
        return run.train()

    monkeypatch.setattr(jobs, "run_training", diverging)
    tab.train_button.click()
    result = wait_finished(tab)
    assert result.status == "failed"
    assert errors and errors[-1][0] == "Training failed"
    assert "NaN" in errors[-1][1] or "infinite" in errors[-1][1]
    assert "\n" not in errors[-1][1] and "Traceback" not in errors[-1][1]
    assert tab.train_button.isEnabled() and tab.form.epochs_spin.isEnabled()


def test_cvae_trains_from_the_form_with_a_held_out_curve(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    tab.configure("cvae", epochs=1, batch_size=32, max_train=300)
    assert tab.form.kind == "cvae" and tab.form.config()["latent_dim"] == 2
    tab.train_button.click()
    result = wait_finished(tab)
    assert result.status == "completed", result.message
    tab.curves.flush()
    for name in ("loss", "reconstruction_loss", "kl_loss"):
        (held_out,) = tab.curves.series(name, "val")[1]  # the held-out split, dashed, every epoch
        assert held_out == pytest.approx(result.history[f"val_{name}"][0])
    assert (Path(result.run_dir) / "decoder.keras").is_file()


def test_the_architecture_chosen_in_the_form_is_the_one_trained(qtbot: Any, tab: TrainingTab,
                                                                 wait_finished: Any) -> None:
    import json
    import zipfile

    assert [tab.form.arch_combo.itemData(i) for i in range(tab.form.arch_combo.count())] == ["default", "mlp"]
    assert not tab.form.arch_combo.isEnabled()  # one architecture: nothing to choose
    tab.configure("gan", arch="dcgan", epochs=1, batch_size=32, max_train=300)
    archs = [tab.form.arch_combo.itemData(i) for i in range(tab.form.arch_combo.count())]
    assert archs == ["default", "acgan", "dcgan", "dense"] and tab.form.arch_combo.isEnabled()
    assert tab.form.config()["arch"] == "dcgan"
    tab.train_button.click()
    qtbot.waitUntil(lambda: tab.training, timeout=30_000)
    assert not tab.form.arch_combo.isEnabled()  # fixed while the run trains
    result = wait_finished(tab)
    assert result.status == "completed", result.message
    run_dir = Path(result.run_dir)
    assert json.loads((run_dir / "config.json").read_text())["arch"] == "dcgan"
    layers = zipfile.ZipFile(run_dir / "generator.keras").read("config.json").decode()
    assert "Conv2DTranspose" in layers  # not the dense GAN the 8 px digits get by default
    assert tab.form.arch_combo.isEnabled()
    from gui.training.form import TrainingFormWidget

    reopened = TrainingFormWidget()  # the next session's form remembers the choice with the kind
    qtbot.addWidget(reopened)
    reopened.restore(tab.state.settings)
    assert (reopened.kind, reopened.config()["arch"]) == ("gan", "dcgan")
    tab.configure("vae")
    assert tab.form.config()["arch"] == "default"  # another kind starts from the dataset's default
    assert [tab.form.arch_combo.itemData(i) for i in range(tab.form.arch_combo.count())] == ["default", "dense", "conv"]
