"""The tiny GAN run and the tab maker shared by the GAN tab tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def _fixture_run(name: str, **settings: Any) -> Path:
    """A GAN run trained with `settings` (gan_metrics off) in the session's runs folder."""
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    run_dir = runs_root() / name
    result = TrainingRun(TrainConfig(kind="gan", gan_metrics=False, **settings), run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir


@pytest.fixture(scope="package")
def gan_run() -> Path:
    """A 2-epoch GAN on 300 digits (8 px: the dense, unconditional GAN)."""
    return _fixture_run("gan_tab_fixture", dataset="digits", epochs=2, max_train=300, max_test=100, latent_dim=8)


@pytest.fixture(scope="package")
def acgan_run() -> Path:
    """One epoch of an AC-GAN on 160 Mondrian paintings (32 px RGB, 8 classes)."""
    return _fixture_run("acgan_tab_fixture", dataset="mondrian", arch="acgan", epochs=1, batch_size=32,
                        max_train=160, max_test=40, latent_dim=16)


@pytest.fixture
def show_gan_run(qtbot: Any) -> Callable[..., None]:
    """`show(tab, run_dir, dataset=True)`: select a run and wait until its samples (and, with
    `dataset`, its dataset) are shown and the sampler is idle."""

    def show(tab: Any, run_dir: Path, dataset: bool = True) -> None:
        tab.select_run(run_dir)
        qtbot.waitUntil(lambda: tab.run_dir == run_dir and tab.last_result is not None
                        and (tab.dataset is not None or not dataset) and tab.sampling.idle, timeout=30_000)

    return show


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
