"""log p(x) of binarized images: the IWAE estimate for a (conditional) VAE and the exact
density of the mean-image model.

Images are binarized (pixel > 0.5), the standard MNIST density benchmark, and the decoder's
outputs are read as Bernoulli means. For K samples z_k ~ q(z|x) the importance weights are
log w_k = log p(x|z_k) + log p(z_k) − log q(z_k|x); then

    −log p(x) ≈ −log (1/K Σ_k w_k)      (the IWAE bound, Burda et al. 2015; tight as K → ∞)
    −ELBO     ≈ −1/K Σ_k log w_k        (the same samples, so nll ≤ elbo image by image)

Every quantity is in nats, summed over all pixels (and channels) of an image; nothing here
assumes 28×28×1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

#: Decoder means are clipped to [EPS, 1 − EPS] before the log, as Keras' binary cross-entropy does.
DECODER_EPS = 1e-7
LOG_2PI = math.log(2.0 * math.pi)


class LatentVariableModel(Protocol):
    """What the estimator needs: q(z|x) as (mean, log variance) and p(x|z) as Bernoulli means."""

    latent_dim: int

    def encode(self, x: np.ndarray, labels: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(z_mean, z_log_var), each (N, D)."""

    def decode(self, z: np.ndarray, labels: np.ndarray | None = None) -> np.ndarray:
        """Bernoulli means (N, *image_shape) in [0, 1]."""


def binarize(images: np.ndarray) -> np.ndarray:
    """Pixels > 0.5 become 1, the rest 0 (float32, same shape)."""
    return (np.asarray(images, np.float32) > 0.5).astype(np.float32)


def bernoulli_log_prob(x: np.ndarray, means: np.ndarray, eps: float = DECODER_EPS) -> np.ndarray:
    """log p(x) of independent Bernoulli pixels, summed over every axis after the first."""
    p = np.clip(np.asarray(means, np.float64), eps, 1.0 - eps)
    x = np.asarray(x, np.float64)
    ll = x * np.log(p) + (1.0 - x) * np.log1p(-p)
    return ll.reshape(len(ll), -1).sum(axis=1)


def mean_image_probs(train_images: np.ndarray) -> np.ndarray:
    """The mean-image model: each pixel's rate of being on in the binarized training images,
    clipped to [½/n, 1 − ½/n] for n training images (half a count: a pixel never on in
    training is not given probability 0, which would make a test image's log p(x) −∞)."""
    x = binarize(train_images)
    n = len(x)
    if n == 0:
        raise ValueError("the mean-image model needs at least one training image")
    eps = 0.5 / n
    return np.clip(x.mean(axis=0, dtype=np.float64), eps, 1.0 - eps)


def mean_image_nll(images: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """−log p(x) in nats of each binarized image under the mean-image model (exact)."""
    x = binarize(images)
    return -bernoulli_log_prob(x, np.broadcast_to(probs, x.shape), eps=0.0)


def _gaussian_log_prob(z: np.ndarray, mean: np.ndarray | float, log_var: np.ndarray | float) -> np.ndarray:
    """log N(z; mean, exp(log_var)) summed over the last axis."""
    return -0.5 * np.sum(LOG_2PI + log_var + (z - mean) ** 2 / np.exp(log_var), axis=-1)


def log_weights(model: LatentVariableModel, x_bin: np.ndarray, k: int, *, labels: np.ndarray | None = None,
                seed: int = 0, max_rows: int = 8192) -> np.ndarray:
    """The (N, K) importance log-weights log p(x, z_k) − log q(z_k|x) of binarized images.

    Batched: each decoder call gets up to `max_rows` latent points (images × samples).
    `labels` (N,) condition a conditional model's encoder and decoder.
    """
    if k < 1:
        raise ValueError(f"K must be at least 1, not {k}")
    x_bin = np.asarray(x_bin, np.float32)
    rng = np.random.default_rng(seed)
    per_call = max(1, max_rows // k)
    out = np.empty((len(x_bin), k), np.float64)
    for start in range(0, len(x_bin), per_call):
        x = x_bin[start:start + per_call]
        y = None if labels is None else np.asarray(labels)[start:start + per_call]
        mean, log_var = (np.asarray(a, np.float64) for a in model.encode(x, y))
        eps = rng.standard_normal((len(x), k, mean.shape[-1]))
        z = mean[:, None, :] + np.exp(0.5 * log_var)[:, None, :] * eps
        means = model.decode(z.reshape(-1, mean.shape[-1]).astype(np.float32),
                             None if y is None else np.repeat(y, k))
        log_px_z = bernoulli_log_prob(np.repeat(x, k, axis=0), means).reshape(len(x), k)
        log_pz = _gaussian_log_prob(z, 0.0, 0.0)
        log_qz = _gaussian_log_prob(z, mean[:, None, :], log_var[:, None, :])
        out[start:start + len(x)] = log_px_z + log_pz - log_qz
    return out


def iwae_nll(log_w: np.ndarray) -> np.ndarray:
    """−log (1/K Σ exp log w) per image: the IWAE estimate of −log p(x)."""
    top = log_w.max(axis=1, keepdims=True)
    return -(top[:, 0] + np.log(np.mean(np.exp(log_w - top), axis=1)))


@dataclass(frozen=True)
class LogpxEstimate:
    """Per-image −log p(x) (IWAE) and −ELBO in nats, with K and the pixels per image."""

    nll: np.ndarray
    elbo: np.ndarray
    k: int
    n_pixels: int

    @property
    def nll_nats(self) -> float:
        """Mean −log p(x) over the images."""
        return float(np.mean(self.nll))

    @property
    def elbo_nats(self) -> float:
        """Mean negative ELBO over the images (≥ `nll_nats`)."""
        return float(np.mean(self.elbo))

    @property
    def bits_per_dim(self) -> float:
        """nll_nats / (n_pixels · ln 2)."""
        return bits_per_dim(self.nll_nats, self.n_pixels)


def bits_per_dim(nats: float, n_pixels: int) -> float:
    """Nats per image as bits per pixel."""
    return float(nats) / (int(n_pixels) * math.log(2.0))


def estimate_logpx(model: LatentVariableModel, images: np.ndarray, *, k: int = 64, labels: np.ndarray | None = None,
                   seed: int = 0, max_rows: int = 8192) -> LogpxEstimate:
    """The IWAE −log p(x) and −ELBO of each image (binarized here) under `model`."""
    x_bin = binarize(images)
    log_w = log_weights(model, x_bin, k, labels=labels, seed=seed, max_rows=max_rows)
    n_pixels = int(np.prod(x_bin.shape[1:]))
    return LogpxEstimate(nll=iwae_nll(log_w), elbo=-log_w.mean(axis=1), k=int(k), n_pixels=n_pixels)


def summary(estimate: LogpxEstimate, mean_nll: np.ndarray | None) -> dict[str, Any]:
    """The `main.py logpx --json` record."""
    return {
        "nll_nats": estimate.nll_nats,
        "elbo_nats": estimate.elbo_nats,
        "bits_per_dim": estimate.bits_per_dim,
        "mean_image_nll_nats": None if mean_nll is None else float(np.mean(mean_nll)),
        "n": int(len(estimate.nll)),
        "k": estimate.k,
        "n_pixels": estimate.n_pixels,
    }
