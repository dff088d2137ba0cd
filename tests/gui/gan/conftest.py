"""The tiny GAN run and the tab maker shared by the GAN tab tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="package")
def gan_run() -> Path:
    """A 2-epoch GAN on 300 digits in the session's runs folder."""
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=300, max_test=100,
                      latent_dim=8, gan_metrics=False)
    run_dir = runs_root() / "gan_tab_fixture"
    result = TrainingRun(cfg, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir


@pytest.fixture
def make_gan_tab(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Make a shown GanTab on a fresh AppState (kept alive with it), `size` or Qt's own size;
    every tab made is shut down at teardown."""
    from gui.app_state import AppState
    from gui.gan.tab import GanTab

    made: list[Any] = []

    def make(size: tuple[int, int] | None = None) -> Any:
        state = AppState()
        widget = GanTab(state)
        widget.state_ref = state  # keep the state alive with the tab
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
        widget.show()
        made.append(widget)
        return widget

    yield make
    for widget in made:
        widget.shutdown(5.0)
