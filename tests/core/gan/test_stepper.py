"""`GanStepper`: a trainer like any other (holds the run's lock) that always steps the run's
latest committed models, reloading them when another trainer changed the run meanwhile."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from core.errors import ConfigError
from core.gan.stepper import GanStepper, disk_fingerprint
from core.progress import ProgressHandle
from core.training.config import TrainConfig
from core.training.lock import RunLock, RunLockedError, is_locked
from core.training.run import TrainingRun
from core.training.run_folder import load_role, load_run_info

CONFIG = TrainConfig(kind="gan", dataset="digits", epochs=1, batch_size=50, max_train=200, max_test=50,
                     gan_metrics=False)


@pytest.fixture(scope="module")
def gan_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run_dir = tmp_path_factory.mktemp("stepper") / "run"
    assert TrainingRun(CONFIG, run_dir=run_dir).train().status == "completed"
    return run_dir


def _kernels(weights: list[np.ndarray]) -> list[np.ndarray]:
    """The kernels only (BatchNorm statistics move in every forward pass in training mode)."""
    return [w for w in weights if w.ndim >= 2]


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_stepping_is_refused_while_a_trainer_holds_the_run(gan_run: Path) -> None:
    before = disk_fingerprint(gan_run)
    stepper = GanStepper(gan_run)
    with RunLock(gan_run, "training"):
        with pytest.raises(RunLockedError, match=f"another trainer holds this run: pid {os.getpid()}"):
            stepper.train("both", 2, handle=ProgressHandle())
    assert disk_fingerprint(gan_run) == before  # nothing written
    with pytest.raises(ConfigError, match="unknown step mode"):
        stepper.train("x", 1, handle=ProgressHandle())


def test_stepping_holds_the_lock_and_reloads_what_another_trainer_committed(gan_run: Path) -> None:
    stepper = GanStepper(gan_run)
    seen_locked: list[bool] = []
    handle = ProgressHandle(lambda ev: seen_locked.append(is_locked(gan_run)) if ev.kind == "batch" else None)
    first = stepper.train("g", 2, handle=handle)
    assert seen_locked and all(seen_locked) and not is_locked(gan_run)  # held while stepping only
    assert first["steps"] == 2 and set(first["logs"]) >= {"d_loss", "g_loss"}
    assert not stepper.is_stale and stepper.reloads == 0  # its own save is not a change by someone else
    stale = _kernels(first["generator_weights"])
    assert _same(stale, _kernels(load_role(gan_run, "generator").get_weights()))  # saved back

    other = TrainingRun.open(gan_run)  # Continue / --resume: trains the run one epoch further
    assert other.train(1).status == "completed" and load_run_info(gan_run).epochs_done == 2
    newer = _kernels(load_role(gan_run, "generator").get_weights())
    assert not _same(newer, stale)
    assert stepper.is_stale

    second = stepper.train("d", 1, handle=ProgressHandle())  # "d": the generator is not trained
    assert stepper.reloads == 1
    assert _same(_kernels(second["generator_weights"]), newer)  # stepped the newer models, not the stale copy
    assert _same(_kernels(load_role(gan_run, "generator").get_weights()), newer)  # nothing stale saved over them
    assert load_run_info(gan_run).epochs_done == 2
