"""Resume equals uninterrupted: 2 epochs, reopen, 2 more == 4 straight epochs, for every kind."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from core.training.config import TrainConfig
from core.training.run import TrainingRun


def _config(kind: str) -> TrainConfig:
    return TrainConfig(kind=kind, dataset="digits", epochs=4, batch_size=32, max_train=320, max_test=64,
                       seed=3, gan_metrics=False)


def max_rel_diff(a: dict[str, list[float]], b: dict[str, list[float]]) -> float:
    """Largest relative difference between the per-epoch values of two histories."""
    assert set(a) == set(b)
    worst = 0.0
    for name in a:
        assert len(a[name]) == len(b[name]), name
        for x, y in zip(a[name], b[name], strict=True):
            if math.isfinite(x) or math.isfinite(y):
                worst = max(worst, abs(x - y) / max(abs(x), abs(y), 1e-12))
    return worst


@pytest.mark.parametrize("kind", ["classifier", "vae", "gan"])
def test_two_plus_two_epochs_equal_four(tmp_path: Path, kind: str) -> None:
    straight = TrainingRun(_config(kind), run_dir=tmp_path / "straight")
    assert straight.train(4).status == "completed"

    first = TrainingRun(_config(kind), run_dir=tmp_path / "resumed")
    assert first.train(2).status == "completed"
    del first
    np.random.seed(12345)  # process history must not matter
    again = TrainingRun.open(tmp_path / "resumed")
    assert again.train(2).status == "completed"

    assert again.epochs_done == 4
    loss_names = [k for k in straight.history if "loss" in k]
    assert loss_names
    assert max_rel_diff(straight.history, again.history) <= 1e-3
    # the two first epochs are not the same as the two last: the check can fail
    assert max_rel_diff({k: straight.history[k][:2] for k in loss_names},
                        {k: straight.history[k][2:] for k in loss_names}) > 1e-3


def test_without_train_state_resume_is_not_exact(tmp_path: Path) -> None:
    """The train state is what makes the resume exact: without it the optimizer starts fresh."""
    straight = TrainingRun(_config("vae"), run_dir=tmp_path / "straight")
    straight.train(4)
    first = TrainingRun(_config("vae"), run_dir=tmp_path / "resumed")
    first.train(2)
    (tmp_path / "resumed" / "train_state.npz").unlink()
    again = TrainingRun.open(tmp_path / "resumed")
    again.train(2)
    assert max_rel_diff(straight.history, again.history) > 1e-3
