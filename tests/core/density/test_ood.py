"""Outside sets and Bayes' rule helpers, on arrays with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.density.bayes import generative_accuracy, label_log_prior, marginal_log_px, posterior
from core.density.ood import flipped, noise_images


def test_outside_sets_keep_the_shape() -> None:
    x = np.arange(2 * 3 * 2 * 1, dtype=np.float32).reshape(2, 3, 2, 1)
    np.testing.assert_array_equal(flipped(x)[0, 0], x[0, 2])
    noise = noise_images(5, (3, 2, 3), seed=4)
    assert noise.shape == (5, 3, 2, 3) and 0.0 <= noise.min() and noise.max() < 1.0
    np.testing.assert_array_equal(noise, noise_images(5, (3, 2, 3), seed=4))


def test_bayes_rule_by_hand() -> None:
    log_prior = label_log_prior(np.array([0, 0, 1]), 3)  # counts +1: 3, 2, 1 of 6
    np.testing.assert_allclose(np.exp(log_prior), [0.5, 1 / 3, 1 / 6])
    log_lik = np.log(np.array([[0.1, 0.2, 0.9], [0.3, 0.1, 0.1]]))
    post = posterior(log_lik, log_prior)
    joint = np.array([[0.05, 0.2 / 3, 0.15], [0.15, 0.1 / 3, 0.1 / 6]])
    np.testing.assert_allclose(post, joint / joint.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(marginal_log_px(log_lik, log_prior), np.log(joint.sum(axis=1)))
    assert generative_accuracy(log_lik, log_prior, np.array([2, 1])) == pytest.approx(0.5)
    assert math.isfinite(marginal_log_px(np.array([[-900.0, -901.0]]), np.log([0.5, 0.5]))[0])
