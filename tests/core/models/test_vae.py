"""`heldout_loss`: the VAE's per-image loss on images it did not train on, from the posterior mean."""

from __future__ import annotations

import numpy as np
import pytest

from core.models import build_model
from core.models.vae import heldout_loss


def test_heldout_loss_is_bce_from_the_posterior_mean_plus_kl_and_pure() -> None:
    bundle = build_model("vae", (8, 8, 1), seed=0)
    encoder, decoder = bundle.roles["encoder"], bundle.roles["decoder"]
    x = np.random.default_rng(1).random((37, 8, 8, 1)).astype(np.float32)
    weights = [w.copy() for w in bundle.model.get_weights()]
    got = heldout_loss(encoder, decoder, x, batch_size=10)  # batches of 10: the last one is short
    z_mean, z_log_var, _ = (np.asarray(t) for t in encoder(x, training=False))
    p = np.clip(np.asarray(decoder(z_mean, training=False)), 1e-7, 1 - 1e-7)
    bce = -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(axis=(1, 2, 3)).mean()
    kl = (-0.5 * (1 + z_log_var - z_mean**2 - np.exp(z_log_var))).sum(axis=1).mean()
    assert got["reconstruction_loss"] == pytest.approx(bce, rel=1e-4)
    assert got["kl_loss"] == pytest.approx(kl, rel=1e-4)
    assert got["loss"] == pytest.approx(bce + kl, rel=1e-4)
    assert heldout_loss(encoder, decoder, x)["loss"] == pytest.approx(got["loss"], rel=1e-5)
    assert all(np.array_equal(a, b) for a, b in zip(weights, bundle.model.get_weights(), strict=True))
    with pytest.raises(ValueError, match="at least one image"):
        heldout_loss(encoder, decoder, x[:0])
