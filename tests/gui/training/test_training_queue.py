"""Before the engine is ready: the first-steps hint, and a Train click that waits for the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui.app_state import AppState
from gui.engine import start_engine_loading
from gui.training.first_steps import queued_text
from gui.training.tab import TrainingTab


def test_train_pressed_while_the_engine_loads_starts_once_it_is_ready(
        qtbot: Any, latent_home: Path, errors: list[tuple[str, str]]) -> None:
    state = AppState()
    state.settings.setValue("training/dataset", "digits")
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.form.source == "digits", timeout=30_000)
    assert tab.hint.isVisible() and "Train" in tab.hint.text()  # no runs yet: it says what to do first
    tab.configure("classifier", epochs=1, batch_size=16, max_train=200)
    assert not state.engine_loaded and tab.train_button.isEnabled()
    tab.train_button.click()
    assert tab.job is None and not tab.training  # queued, not started
    assert tab.progress.format() == queued_text() and not tab.train_button.isEnabled()
    events: list[str] = []
    state.training_event.connect(lambda ev: events.append(ev.kind))
    loader = start_engine_loading(state)
    qtbot.waitUntil(lambda: tab.job is not None and not tab.training, timeout=120_000)
    assert loader.wait(1) and not errors
    assert tab.last_result.status == "completed", tab.last_result.message
    assert events[0] == "start" and events[-1] == "done"
    qtbot.waitUntil(lambda: bool(state.runs), timeout=5_000)
    assert not tab.hint.isVisible() and tab.train_button.isEnabled()
    tab.shutdown(5.0)
    state.wait_for_scan(5.0)
