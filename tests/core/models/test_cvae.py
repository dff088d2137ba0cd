"""The conditional VAE: shapes of its two halves, a few steps lowering the loss, the label's effect."""

from __future__ import annotations

import numpy as np

from core.models import build_model


def test_shapes_and_the_label_matters() -> None:
    bundle = build_model("cvae", (8, 6, 1), num_classes=4, latent_dim=3)
    encoder, decoder = bundle.roles["encoder"], bundle.roles["decoder"]
    x = np.random.default_rng(0).random((5, 8, 6, 1)).astype(np.float32)
    onehot = np.eye(4, dtype=np.float32)[[0, 1, 2, 3, 0]]
    z_mean, z_log_var, z = (np.asarray(a) for a in encoder([x, onehot]))
    assert z_mean.shape == z_log_var.shape == z.shape == (5, 3)
    images = np.asarray(decoder([z_mean, onehot]))
    assert images.shape == (5, 8, 6, 1) and 0.0 <= images.min() and images.max() <= 1.0
    other = np.asarray(decoder([z_mean, np.roll(onehot, 1, axis=1)]))
    assert not np.allclose(images, other)  # the same style with another label is another image
    assert {m.name for m in bundle.model.metrics} == {"loss", "reconstruction_loss", "kl_loss"}


def test_a_few_steps_reduce_the_loss() -> None:
    from core.data.sources import load_dataset_cached

    data = load_dataset_cached("digits")
    x, y = np.asarray(data.x_train[:256], np.float32), np.asarray(data.y_train[:256])
    bundle = build_model("cvae", data.image_shape, num_classes=10, latent_dim=2, seed=1)
    before = bundle.model.evaluate(x, y, batch_size=256, verbose=0, return_dict=True)
    bundle.model.fit(x, y, batch_size=32, epochs=3, verbose=0, shuffle=False)
    after = bundle.model.evaluate(x, y, batch_size=256, verbose=0, return_dict=True)
    assert set(after) >= {"loss", "reconstruction_loss", "kl_loss"}
    assert after["loss"] < 0.8 * before["loss"]
