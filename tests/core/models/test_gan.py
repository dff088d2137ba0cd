"""The GAN's sampled generator: a moving average of the trained one's weights, in the train state."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.gan.stepper import GanStepper
from core.models import build_model
from core.progress import ProgressHandle
from core.training import train_state as ts
from core.training.config import TrainConfig
from core.training.run import TrainingRun
from core.training.run_folder import load_role


def _images(n: int = 64, shape: tuple[int, ...] = (8, 8, 1)) -> np.ndarray:
    return np.random.default_rng(0).random((n, *shape)).astype(np.float32)


def test_the_sampled_generator_is_a_moving_average_of_the_trained_one() -> None:
    bundle = build_model("gan", (8, 8, 1), latent_dim=4, seed=0)
    gan = bundle.model
    assert bundle.roles["generator"] is gan.ema_generator and gan.ema_generator is not gan.generator
    before = [w.copy() for w in gan.ema_generator.get_weights()]
    gan.fit(_images(), batch_size=16, epochs=3, verbose=0)
    trained, averaged = gan.generator.get_weights(), gan.ema_generator.get_weights()
    kernel = max(range(len(before)), key=lambda i: before[i].size)
    moved = np.abs(averaged[kernel] - before[kernel]).max()
    gap = np.abs(averaged[kernel] - trained[kernel]).max()
    assert moved > 0 and gap > 0  # it follows the trained weights, but lags behind them
    ids = {id(v) for v in ts.state_variables(gan)}
    assert all(id(v) in ids for v in gan.ema_generator.weights)  # saved with the train state


def test_a_zero_decay_makes_the_sampled_generator_follow_each_step() -> None:
    gan = build_model("gan", (8, 8, 1), latent_dim=4, seed=0).model
    gan.fit(_images(), batch_size=16, epochs=1, verbose=0)
    gan.ema_decay = 0.0
    gan.fit(_images(), batch_size=16, epochs=1, verbose=0)
    for a, b in zip(gan.generator.get_weights(), gan.ema_generator.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_steps_saved_by_the_stepper_reach_the_trained_generator_on_reopen(tmp_path: Path) -> None:
    config = TrainConfig(kind="gan", dataset="digits", epochs=1, batch_size=50, max_train=200, max_test=50,
                         gan_metrics=False)
    run_dir = tmp_path / "run"
    assert TrainingRun(config, run_dir=run_dir).train().status == "completed"
    GanStepper(run_dir).train("g", 2, handle=ProgressHandle())
    stepped = load_role(run_dir, "generator").get_weights()
    reopened = TrainingRun.open(run_dir).bundle.model
    for a, b, c in zip(stepped, reopened.ema_generator.get_weights(), reopened.generator.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
