"""A conditional VAE as a generative classifier: Bayes' rule over log p(x|y) + log p(y).

log p(x|y) is the IWAE estimate at each label; the label prior p(y) is the training split's
label frequencies. The marginal log p(x) = logsumexp_y [log p(x|y) + log p(y)] is the CVAE's
out-of-distribution score.
"""

from __future__ import annotations

import numpy as np

from core.density.likelihood import binarize, iwae_nll, log_weights
from core.density.model import DensityError, DensityModel


def label_log_prior(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """log p(y) from label counts, with one extra count per class (no label gets −∞)."""
    counts = np.bincount(np.asarray(labels, np.int64).reshape(-1), minlength=num_classes)[:num_classes] + 1.0
    return np.log(counts / counts.sum())


def class_log_likelihoods(model: DensityModel, images: np.ndarray, *, k: int = 64, seed: int = 0,
                          max_rows: int = 8192) -> np.ndarray:
    """(N, C): the IWAE estimate of log p(x|y) of each binarized image at every label y."""
    if not model.conditional:
        raise DensityError("Bayes' rule needs a conditional model (a CVAE run)")
    x_bin = binarize(images)
    out = np.empty((len(x_bin), model.num_classes), np.float64)
    for y in range(model.num_classes):
        labels = np.full(len(x_bin), y, np.int64)
        out[:, y] = -iwae_nll(log_weights(model, x_bin, k, labels=labels, seed=seed + y, max_rows=max_rows))
    return out


def logsumexp(a: np.ndarray, axis: int = 1) -> np.ndarray:
    """log Σ exp(a) along `axis`, without overflow."""
    top = a.max(axis=axis, keepdims=True)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(a - top), axis=axis))


def posterior(log_likelihoods: np.ndarray, log_prior: np.ndarray) -> np.ndarray:
    """p(y|x) by Bayes' rule from (N, C) log p(x|y) and (C,) log p(y)."""
    joint = log_likelihoods + log_prior[None, :]
    return np.exp(joint - logsumexp(joint)[:, None])


def marginal_log_px(log_likelihoods: np.ndarray, log_prior: np.ndarray) -> np.ndarray:
    """log p(x) = logsumexp_y [log p(x|y) + log p(y)] per image."""
    return logsumexp(log_likelihoods + log_prior[None, :])


def generative_accuracy(log_likelihoods: np.ndarray, log_prior: np.ndarray, labels: np.ndarray) -> float:
    """The fraction of images whose argmax_y log p(x|y) + log p(y) is their label."""
    predictions = np.argmax(log_likelihoods + log_prior[None, :], axis=1)
    return float(np.mean(predictions == np.asarray(labels).reshape(-1)))
