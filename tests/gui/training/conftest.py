"""The Training tab fixture: a shown tab on digits, engine loaded, a tiny classifier configured."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gui.app_state import AppState
from gui.engine import start_engine_loading
from gui.training.tab import TrainingTab


@pytest.fixture
def tab(qtbot: Any, latent_home: Path, errors: list[tuple[str, str]]) -> Iterator[TrainingTab]:
    """A shown Training tab on digits with the engine loaded and a tiny classifier configured."""
    state = AppState()
    state.settings.setValue("training/dataset", "digits")
    widget = TrainingTab(state)
    qtbot.addWidget(widget)
    widget.show()
    assert not state.engine_loaded and widget.train_button.isEnabled()  # a click now waits for the engine
    loader = start_engine_loading(state)
    qtbot.waitUntil(lambda: state.engine_loaded and widget.form.source == "digits", timeout=90_000)
    assert loader.wait(1)
    widget.configure("classifier", epochs=1, batch_size=16, max_train=300)
    assert widget.train_button.isEnabled()
    yield widget
    widget.shutdown(5.0)
    state.wait_for_scan(5.0)


@pytest.fixture
def wait_finished(qtbot: Any) -> Callable[..., Any]:
    """`wait_finished(tab)`: wait until the tab's run ended and the tab is ready again; its result."""

    def wait(tab: TrainingTab, timeout: int = 60_000) -> Any:
        qtbot.waitUntil(lambda: tab.job is not None and not tab.training and tab.train_button.isEnabled(),
                        timeout=timeout)
        return tab.last_result

    return wait
