"""The default GAN on images of 16 px and more: an AC-GAN whose generator reads the class from its noise."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.errors import ConfigError
from core.gan.sampling import generator_classes, make_sampler, noise, with_class
from core.models import build_model, register_custom_objects, resolve_arch
from core.models.class_code import ClassCode
from core.tf_env import keras


def _two_class_images(n: int = 256, side: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Class 0: a bright top half; class 1: a bright bottom half (plus a little noise)."""
    rng = np.random.default_rng(0)
    y = np.arange(n) % 2
    x = rng.random((n, side, side, 1)).astype(np.float32) * 0.1
    x[y == 0, : side // 2] += 0.85
    x[y == 1, side // 2:] += 0.85
    return np.clip(x, 0, 1), y.astype(np.int64)


def test_the_class_code_is_the_one_hot_argmax_of_the_first_numbers_and_keeps_the_rest() -> None:
    z = np.array([[0.1, 2.0, -1.0, 0.5, 0.7], [3.0, 0.0, 1.0, -0.2, 0.3]], np.float32)
    out = np.asarray(ClassCode(3)(z))
    np.testing.assert_array_equal(out[:, :3], [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(out[:, 3:], z[:, 3:])


def test_with_class_asks_for_the_class_and_keeps_each_rows_numbers() -> None:
    z = noise(500, 12, seed=3)
    out = with_class(z, 7, 10)
    assert (np.argmax(out[:, :10], axis=1) == 7).all()
    np.testing.assert_array_equal(np.sort(out, axis=1), np.sort(z, axis=1))  # the same numbers, reordered
    np.testing.assert_array_equal(out[:, 10:], z[:, 10:])
    already = np.argmax(z[:, :10], axis=1) == 7
    np.testing.assert_array_equal(out[already], z[already])
    with pytest.raises(ValueError, match="out of range"):
        with_class(z, 10, 10)


def test_grey_images_of_16_px_and_more_get_the_acgan_unless_the_noise_is_too_short() -> None:
    from core.models import defaults_for

    assert resolve_arch("gan", "default", (28, 28, 1), num_classes=10, latent_dim=64) == "acgan"
    assert resolve_arch("gan", "default", (28, 28, 1), num_classes=100, latent_dim=64) == "dcgan"
    assert resolve_arch("gan", "default", (8, 8, 1), num_classes=10, latent_dim=64) == "dense"
    # colour (Mondrian's rules are obeyed better unconditionally) gets the DCGAN for 50 epochs
    assert resolve_arch("gan", "default", (32, 32, 3), num_classes=8, latent_dim=64) == "dcgan"
    assert resolve_arch("gan", "acgan", (32, 32, 3), num_classes=8, latent_dim=64) == "acgan"
    assert (defaults_for("gan", (32, 32, 3))["epochs"], defaults_for("gan", (28, 28, 1))["epochs"]) == (50, 30)
    with pytest.raises(ConfigError, match="more noise numbers than classes"):
        build_model("gan", (16, 16, 1), num_classes=10, latent_dim=10, arch="acgan")
    bundle = build_model("gan", (16, 16, 1), num_classes=3, latent_dim=8)
    logit, class_logits = bundle.roles["discriminator"].outputs
    assert tuple(logit.shape) == (None, 1) and tuple(class_logits.shape) == (None, 3)
    assert generator_classes(bundle.roles["generator"]) == 3
    assert generator_classes(build_model("gan", (16, 16, 1), latent_dim=8, arch="dcgan").roles["generator"]) == 0


def test_a_saved_acgan_generator_loads_and_draws_the_same_images(tmp_path: Path) -> None:
    generator = build_model("gan", (16, 16, 1), num_classes=4, latent_dim=8).roles["generator"]
    generator.save(tmp_path / "generator.keras")
    register_custom_objects()
    loaded = keras().saving.load_model(tmp_path / "generator.keras", compile=False)
    assert generator_classes(loaded) == 4
    z = with_class(noise(6, 8, seed=1), 2, 4)
    np.testing.assert_allclose(make_sampler(loaded)(z), make_sampler(generator)(z), atol=1e-6)


def test_training_teaches_the_generator_to_draw_the_class_its_noise_asks_for() -> None:
    keras().utils.set_random_seed(0)
    x, y = _two_class_images()
    gan = build_model("gan", (16, 16, 1), num_classes=2, latent_dim=8, learning_rate=2e-3).model
    with pytest.raises(ValueError, match="labels"):
        gan.train_step(x[:8])  # an AC-GAN needs the labels
    history = gan.fit(x, y, batch_size=32, epochs=12, verbose=0)
    assert np.isfinite(history.history["d_loss"]).all() and np.isfinite(history.history["g_loss"]).all()
    sampler = make_sampler(gan.ema_generator)
    top = [sampler(with_class(noise(100, 8, seed=5), c, 2))[:, :8].mean() for c in (0, 1)]
    bottom = [sampler(with_class(noise(100, 8, seed=5), c, 2))[:, 8:].mean() for c in (0, 1)]
    assert top[0] > bottom[0] + 0.2 and bottom[1] > top[1] + 0.2  # class 0 bright on top, class 1 below


def test_gan_runs_saved_before_the_acgan_default_still_continue(tmp_path: Path) -> None:
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun
    from core.training.run_folder import saved_gan_arch

    x, y = _two_class_images(96)
    source = tmp_path / "halves.npz"
    np.savez(source, x_train=x[:64, ..., 0], y_train=y[:64], x_test=x[64:, ..., 0], y_test=y[64:])
    settings = dict(kind="gan", dataset=f"npz:{source}", epochs=1, batch_size=32, latent_dim=8, gan_metrics=False)
    new = tmp_path / "new"
    assert TrainingRun(TrainConfig(**settings), run_dir=new).train().status == "completed"
    assert json.loads((new / "config.json").read_text())["arch"] == "acgan"  # what was built, by name
    assert saved_gan_arch(new) == "acgan" and saved_gan_arch(tmp_path) is None  # no generator there
    old = tmp_path / "old"  # an unconditional DCGAN whose config says only "default", as before
    assert TrainingRun(TrainConfig(**settings, arch="dcgan"), run_dir=old).train().status == "completed"
    config = json.loads((old / "config.json").read_text())
    (old / "config.json").write_text(json.dumps({**config, "arch": "default"}))
    assert saved_gan_arch(old) == "dcgan"
    result = TrainingRun.open(old).train(1)
    assert result.status == "completed", result.message
    assert json.loads((old / "state.json").read_text())["epochs_done"] == 2
    assert saved_gan_arch(old) == "dcgan"  # continued as what it was, not rebuilt as an AC-GAN
