"""The log p(x) estimators against exact answers: a 1-D latent model integrated numerically,
the mean-image model by hand, and the IWAE ≤ ELBO ordering."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.density.likelihood import (
    bernoulli_log_prob,
    binarize,
    bits_per_dim,
    estimate_logpx,
    iwae_nll,
    mean_image_nll,
    mean_image_probs,
)


class TinyModel:
    """z ~ N(0, 1) in 1-D; 2×2 binary pixels with p_i(z) = sigmoid(w_i z + b_i); an encoder
    that is deliberately not the true posterior (so ELBO and IWAE differ)."""

    latent_dim = 1
    w = np.array([2.0, -1.5, 0.7, 3.0])
    b = np.array([0.3, -0.2, 1.0, -1.0])

    def encode(self, x: np.ndarray, labels: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        flat = x.reshape(len(x), -1)
        mean = (flat @ np.array([0.5, -0.4, 0.1, 0.6]) - 0.3)[:, None]
        return mean, np.full_like(mean, math.log(0.6))

    def decode(self, z: np.ndarray, labels: np.ndarray | None = None) -> np.ndarray:
        return (1.0 / (1.0 + np.exp(-(z * self.w + self.b)))).reshape(-1, 2, 2, 1)


def exact_log_px(model: TinyModel, x: np.ndarray) -> np.ndarray:
    """log ∫ N(z; 0, 1) p(x|z) dz on a fine grid (trapezoid rule over [-12, 12])."""
    z = np.linspace(-12.0, 12.0, 48001)
    means = model.decode(z[:, None]).reshape(len(z), -1)
    out = []
    for image in x.reshape(len(x), -1):
        log_px_z = (image * np.log(means) + (1 - image) * np.log1p(-means)).sum(axis=1)
        integrand = np.exp(log_px_z - 0.5 * z ** 2) / math.sqrt(2 * math.pi)
        out.append(math.log(np.trapezoid(integrand, z)))
    return np.array(out)


ALL_IMAGES = np.array([[int(c) for c in f"{i:04b}"] for i in range(16)], np.float32).reshape(16, 2, 2, 1)


def test_iwae_matches_numeric_integration() -> None:
    model = TinyModel()
    exact = -exact_log_px(model, ALL_IMAGES)
    assert np.exp(-exact).sum() == pytest.approx(1.0, abs=1e-6)  # a density over all 16 images
    est = estimate_logpx(model, ALL_IMAGES, k=20000, seed=1)
    np.testing.assert_allclose(est.nll, exact, atol=0.02)
    assert (est.elbo - exact).mean() > 0.05  # the loose encoder leaves a real ELBO gap
    one = estimate_logpx(model, np.repeat(ALL_IMAGES, 500, axis=0), k=1, seed=1)
    assert np.mean(one.nll) > np.mean(est.nll) + 0.05  # K = 1 is the ELBO: looser than K = 20000


def test_nll_never_exceeds_elbo() -> None:
    rng = np.random.default_rng(0)
    images = rng.random((40, 2, 2, 1)).astype(np.float32)
    est = estimate_logpx(TinyModel(), images, k=16, seed=3, max_rows=50)  # several batches
    assert est.nll.shape == est.elbo.shape == (40,)
    assert np.all(est.nll <= est.elbo + 1e-12)
    assert est.nll_nats <= est.elbo_nats and est.n_pixels == 4 and est.k == 16
    assert est.bits_per_dim == pytest.approx(est.nll_nats / (4 * math.log(2)))


def test_iwae_of_equal_weights_is_their_value() -> None:
    log_w = np.full((3, 5), -7.25)
    np.testing.assert_allclose(iwae_nll(log_w), 7.25)
    np.testing.assert_allclose(iwae_nll(np.log([[1.0, 3.0]])), -math.log(2.0))


def test_mean_image_density_by_hand() -> None:
    train = np.array([[[0.9, 0.1], [0.6, 0.0]],
                      [[0.7, 0.2], [0.4, 0.0]],
                      [[0.8, 0.9], [0.3, 0.0]],
                      [[0.2, 0.0], [0.55, 0.0]]], np.float32)[..., None]
    probs = mean_image_probs(train)
    # on-rates 3/4, 1/4, 2/4, 0/4 -> the last is clipped to half a count, 0.5/4
    np.testing.assert_allclose(probs[..., 0], [[0.75, 0.25], [0.5, 0.125]])
    test = np.array([[[1.0, 0.0], [0.0, 1.0]]], np.float32)[..., None]
    by_hand = -(math.log(0.75) + math.log(0.75) + math.log(0.5) + math.log(0.125))
    assert mean_image_nll(test, probs)[0] == pytest.approx(by_hand)
    assert bits_per_dim(by_hand, 4) == pytest.approx(by_hand / (4 * math.log(2)))


def test_binarize_and_bernoulli_shapes_follow_the_images() -> None:
    x = np.array([[[[0.5, 0.51, 0.0]]]], np.float32)  # 1×1×3 colour: nothing assumes 28×28×1
    np.testing.assert_array_equal(binarize(x), [[[[0, 1, 0]]]])
    assert bernoulli_log_prob(binarize(x), np.full(x.shape, 0.5))[0] == pytest.approx(3 * math.log(0.5))
