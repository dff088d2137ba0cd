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
from gui.app_state import AppState
from gui.engine import start_engine_loading
from gui.training import jobs
from gui.training.tab import TrainingTab


@pytest.fixture
def tab(qtbot: Any, latent_home: Path, errors: list[tuple[str, str]]) -> Any:
    """A shown Training tab on digits with the engine loaded and a tiny classifier configured."""
    state = AppState()
    state.settings.setValue("training/dataset", "digits")
    widget = TrainingTab(state)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.train_button.isEnabled()  # nothing to train with before the engine is ready
    loader = start_engine_loading(state)
    qtbot.waitUntil(lambda: state.engine_loaded and widget.form.source == "digits", timeout=90_000)
    assert loader.wait(1)
    widget.configure("classifier", epochs=1, batch_size=16, max_train=300)
    assert widget.train_button.isEnabled()
    yield widget
    widget.shutdown(5.0)


def wait_finished(qtbot: Any, tab: TrainingTab, timeout: int = 60_000) -> Any:
    qtbot.waitUntil(lambda: tab.job is not None and not tab.training and tab.train_button.isEnabled(),
                    timeout=timeout)
    return tab.last_result


def test_one_epoch_moves_curves_and_progress_and_reopens(qtbot: Any, tab: TrainingTab) -> None:
    tab.batch_throttle_ms = 0
    progress: list[int] = []
    curve_lengths: list[int] = []
    events: list[str] = []

    def on_event(ev: Any) -> None:
        events.append(ev.kind)
        if ev.kind == "batch":
            progress.append(tab.progress.value())
            curve_lengths.append(len(tab.curves.series("loss", "batch")[0]))

    tab.state.training_event.connect(on_event)
    tab.train_button.click()
    assert not tab.train_button.isEnabled() and tab.stop_button.isEnabled()
    assert not tab.form.epochs_spin.isEnabled()  # hyper-parameters locked while training
    result = wait_finished(qtbot, tab)
    assert result.status == "completed", result.message
    assert events[0] == "start" and "epoch" in events and events[-1] == "done"
    assert len(progress) >= 3 and progress == sorted(progress) and progress[-1] > progress[0] > 0
    assert curve_lengths[-1] > curve_lengths[0] >= 1
    assert re.match(r"Epoch 1/1 · batch \d+/\d+ · ETA \d+:\d\d", tab.log.toPlainText()) is None  # log holds epochs
    tab.curves.flush()
    line = tab.curves.line("loss", "batch")
    ys = np.asarray(line.get_ydata(), dtype=float)
    assert len(ys) >= 3 and np.all(np.isfinite(ys))
    assert len(tab.curves.series("loss", "epoch")[1]) == 1
    assert len(tab.curves.series("loss", "val")[1]) == 1  # classifier validation split
    acc = result.test_metrics["accuracy"]
    assert 0.0 <= acc <= 1.0 and f"{acc:.2%}" in tab.result_label.text()
    assert tab.state.live_run_dir is None and tab.opened_run == Path(result.run_dir)

    # The run is listed; double-clicking reopens it with curves from history.json.
    qtbot.waitUntil(lambda: Path(result.run_dir) in tab.run_list.run_paths(), timeout=5_000)
    tab.curves.reset(1)
    tab.run_list.itemActivated.emit(tab.run_list.item(tab.run_list.run_paths().index(Path(result.run_dir))))
    assert tab.curves.series("loss", "epoch")[1].tolist() == pytest.approx(result.history["loss"])
    assert tab.continue_button.isEnabled()
    assert tab.state.open_run_dir == Path(result.run_dir)


def test_stop_stops_and_resets_buttons(qtbot: Any, tab: TrainingTab) -> None:
    tab.configure(epochs=200)
    tab.train_button.click()
    qtbot.waitUntil(lambda: len(tab.curves.series("loss", "batch")[0]) > 0, timeout=60_000)
    tab.stop_button.click()
    assert not tab.stop_button.isEnabled()  # a second stop is not offered while stopping
    result = wait_finished(qtbot, tab)
    assert result.status == "stopped"
    assert result.epochs_done < 200
    assert tab.train_button.isEnabled() and not tab.stop_button.isEnabled() and not tab.pause_button.isEnabled()
    assert tab.form.epochs_spin.isEnabled()
    assert "Stopped" in tab.progress.format()


def test_pause_holds_training_and_resume_continues(qtbot: Any, tab: TrainingTab) -> None:
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
    assert wait_finished(qtbot, tab).status == "stopped"


def test_bad_dataset_file_shows_error_and_tab_keeps_working(
    qtbot: Any, tab: TrainingTab, tmp_path: Path, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "garbage.npz"
    bad.write_bytes(b"this is not a zip archive at all")
    monkeypatch.setattr(dialogs, "choose_npz_file", lambda parent: bad)
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
    result = wait_finished(qtbot, tab)
    assert result.status == "completed" and math.isfinite(result.history["loss"][-1])
    assert len(errors) == 1


def test_nan_loss_shows_a_clear_error_and_keeps_the_tab_usable(
    qtbot: Any, tab: TrainingTab, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A diverging run (learning rate far beyond the form's range) ends in one clear dialog."""
    from core.training.run import TrainConfig, TrainingRun

    def diverging(config: dict[str, Any], *, handle: Any, dataset: Any = None) -> Any:
        run = TrainingRun(TrainConfig.from_dict(config), handle=handle, dataset=dataset)
        run.bundle.model.optimizer.learning_rate.assign(1e30)
        return run.train()

    monkeypatch.setattr(jobs, "run_training", diverging)
    tab.train_button.click()
    result = wait_finished(qtbot, tab)
    assert result.status == "failed"
    assert errors and errors[-1][0] == "Training failed"
    assert "NaN" in errors[-1][1] or "infinite" in errors[-1][1]
    assert "\n" not in errors[-1][1] and "Traceback" not in errors[-1][1]
    assert tab.train_button.isEnabled() and tab.form.epochs_spin.isEnabled()
