"""Model builders: shapes for MNIST and digits images, and a few steps reduce the loss."""

from __future__ import annotations

import numpy as np
import pytest

from core.models import DEFAULTS, KINDS, ROLES, build_model, resolve_arch
from core.models.mirror import decoder_numpy_mirror


@pytest.fixture(scope="module")
def batch() -> np.ndarray:
    rng = np.random.default_rng(0)
    # Structured images (a bright square at a random place) so there is something to learn.
    x = np.zeros((64, 28, 28, 1), dtype=np.float32)
    for i in range(64):
        r, c = rng.integers(0, 20, size=2)
        x[i, r : r + 8, c : c + 8, 0] = 1.0
    return x


@pytest.mark.parametrize("shape", [(28, 28, 1), (8, 8, 1)])
@pytest.mark.parametrize("kind", KINDS)
def test_builders_adapt_to_image_shape(kind: str, shape: tuple[int, int, int]) -> None:
    bundle = build_model(kind, shape)
    assert set(bundle.roles) == set(ROLES[kind])
    pixels = shape[0] * shape[1]
    if kind == "classifier":
        clf = bundle.roles["classifier"]
        assert tuple(clf.input_shape) == (None, pixels)
        assert [layer.units for layer in clf.layers if type(layer).__name__ == "Dense"] == [64, 64, 10]
        assert clf(np.zeros((3, pixels), np.float32)).shape == (3, 10)
    elif kind in ("autoencoder", "vae"):
        latent = DEFAULTS[kind]["latent_dim"]
        enc, dec = bundle.roles["encoder"], bundle.roles["decoder"]
        out = enc(np.zeros((3, *shape), np.float32))
        z = out[0] if kind == "vae" else out
        assert tuple(z.shape) == (3, latent)
        assert tuple(dec(np.zeros((3, latent), np.float32)).shape) == (3, *shape)
        if kind == "vae":
            assert len(out) == 3
    elif kind == "cvae":
        latent, onehot = DEFAULTS[kind]["latent_dim"], np.eye(10, dtype=np.float32)[[0, 1, 2]]
        enc, dec = bundle.roles["encoder"], bundle.roles["decoder"]
        assert tuple(enc([np.zeros((3, *shape), np.float32), onehot])[0].shape) == (3, latent)
        assert tuple(dec([np.zeros((3, latent), np.float32), onehot]).shape) == (3, *shape)
    else:
        gen, disc = bundle.roles["generator"], bundle.roles["discriminator"]
        images = np.asarray(gen(np.zeros((3, DEFAULTS["gan"]["latent_dim"]), np.float32)))
        assert images.shape == (3, *shape)
        assert images.min() >= 0.0 and images.max() <= 1.0
        judged = disc(images)  # an AC-GAN's discriminator also names the class (28 px: the default)
        logit = judged[0] if isinstance(judged, list) else judged
        assert tuple(logit.shape) == (3, 1)
        if isinstance(judged, list):
            assert tuple(judged[1].shape) == (3, 10)


def _fit_losses(kind: str, x: np.ndarray, epochs: int = 6) -> dict[str, list[float]]:
    bundle = build_model(kind, x.shape[1:], seed=1)
    if kind == "classifier":
        flat = x.reshape(len(x), -1)
        y = (x.reshape(len(x), -1).argmax(axis=1) % 10).astype("int64")
        return bundle.model.fit(flat, y, epochs=epochs, batch_size=16, verbose=0).history
    if kind == "autoencoder":
        return bundle.model.fit(x, x, epochs=epochs, batch_size=16, verbose=0).history
    return bundle.model.fit(x, epochs=epochs, batch_size=16, verbose=0).history


@pytest.mark.parametrize("kind", ["classifier", "autoencoder", "vae"])
def test_a_few_steps_reduce_the_loss(kind: str, batch: np.ndarray) -> None:
    history = _fit_losses(kind, batch)
    assert history["loss"][-1] < history["loss"][0]
    if kind == "vae":
        assert {"reconstruction_loss", "kl_loss"} <= set(history)


@pytest.mark.parametrize("arch", ["acgan", "dcgan"])
def test_gan_reports_both_losses_and_train_mode_freezes_a_side(arch: str, batch: np.ndarray) -> None:
    bundle = build_model("gan", batch.shape[1:], seed=0, arch=arch)
    gan = bundle.model
    labels = np.arange(len(batch)) % 10
    fit_args = (batch, labels) if arch == "acgan" else (batch,)
    history = gan.fit(*fit_args, epochs=1, batch_size=16, verbose=0).history
    assert set(history) == {"d_loss", "g_loss"}
    assert all(np.isfinite(v[0]) for v in history.values())
    gen_before = [w.copy() for w in bundle.roles["generator"].get_weights()]
    disc_before = [w.copy() for w in bundle.roles["discriminator"].get_weights()]
    gan.train_mode = "d"
    gan.fit(*fit_args, epochs=1, batch_size=16, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(gen_before, bundle.roles["generator"].get_weights(), strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(disc_before, bundle.roles["discriminator"].get_weights(), strict=True))
    with pytest.raises(ValueError):
        gan.train_mode = "sideways"


def test_numpy_mirror_matches_the_dense_decoder() -> None:
    bundle = build_model("vae", (28, 28, 1))
    decoder = bundle.roles["decoder"]
    mirror = decoder_numpy_mirror(decoder)
    assert mirror is not None
    z = np.random.default_rng(3).normal(size=(7, 2)).astype(np.float32)
    np.testing.assert_allclose(mirror(z), np.asarray(decoder(z)), atol=1e-5)
    assert mirror(z[0]).shape == (28, 28, 1)
    conv = build_model("vae", (28, 28, 1), arch="conv")
    assert decoder_numpy_mirror(conv.roles["decoder"]) is None


def test_unknown_kind_and_arch_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown model kind"):
        build_model("transformer", (28, 28, 1))
    with pytest.raises(ValueError, match="architecture"):
        resolve_arch("gan", "stylegan", (28, 28, 1))
    assert resolve_arch("gan", "default", (7, 7, 1)) == "dense"


def test_small_images_get_the_dense_gan_and_more_smaller_batches() -> None:
    from core.models import defaults_for
    from core.training.config import TrainConfig

    assert resolve_arch("gan", "default", (8, 8, 1)) == "dense"
    assert resolve_arch("gan", "dcgan", (8, 8, 1)) == "dcgan"  # an explicit choice is kept
    assert resolve_arch("gan", "default", (28, 28, 1)) == "acgan"
    assert defaults_for("gan", (8, 8, 1))["batch_size"] == 16
    assert defaults_for("gan", (8, 8, 1))["learning_rate"] == 2e-4  # measured for the dense GAN on digits
    assert defaults_for("gan", (28, 28, 1)) == DEFAULTS["gan"]
    assert defaults_for("vae", (8, 8, 1)) == DEFAULTS["vae"]
    small = TrainConfig(kind="gan").resolved((8, 8, 1))
    assert (small.epochs, small.batch_size) == (50, 16)
    assert TrainConfig(kind="gan", batch_size=64).resolved((8, 8, 1)).batch_size == 64  # the user's value wins
