"""`DensitySession`: a generative model (VAE or CVAE) and a classifier side by side, for the
"Generative vs discriminative" view: one input's log p(x) and p(y|x), and a summary over
held-out images (their log p(x) histogram, OOD AUROCs, the two classifiers' accuracies).

Qt-free; the window runs `load` and `summary` through its bridge and `evaluate` on an
interactive worker. Every model call is batched and goes through locks, so one worker and
one job may share a session.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.density.auroc import auroc
from core.density.bayes import class_log_likelihoods, label_log_prior, marginal_log_px, posterior
from core.density.evaluate import run_dataset
from core.density.likelihood import binarize, bits_per_dim, estimate_logpx, mean_image_probs
from core.density.model import DensityError, DensityModel
from core.density.ood import ClassifierScorer, flipped, noise_images
from core.progress import CancelledError, ProgressHandle

#: Importance samples per input in the view (the CLI's default).
VIEW_K = 64
#: Held-out images and samples the summary uses: enough for a histogram and AUROCs in seconds.
SUMMARY_IMAGES, SUMMARY_K = 300, 16


@dataclass(frozen=True)
class InputScores:
    """One input seen by both models."""

    log_px: float
    bits_per_dim: float
    classifier_probs: np.ndarray | None  # p(y|x) of the discriminative model
    generative_probs: np.ndarray | None  # p(y|x) by Bayes' rule (a CVAE only)


@dataclass
class Summary:
    """Held-out figures: log p(x) of each image, AUROCs per outside set and score, accuracies."""

    held_out_log_px: np.ndarray
    auroc: dict[str, dict[str, float]] = field(default_factory=dict)
    generative_accuracy: float | None = None
    classifier_accuracy: float | None = None
    n: int = 0


class DensitySession:
    """A loaded generative model (and optionally a classifier) with the data it was trained on."""

    def __init__(self, model: DensityModel, dataset: Any, classifier: ClassifierScorer | None = None) -> None:
        self.model, self.dataset, self.classifier = model, dataset, classifier
        self._lock = threading.RLock()
        self.log_prior = label_log_prior(np.asarray(dataset.y_train), model.num_classes) if model.conditional else None
        x_train = np.asarray(dataset.x_train)
        self.mean_image = x_train.mean(axis=0).astype(np.float32)
        self.mean_probs = mean_image_probs(x_train)

    @classmethod
    def load(cls, generative_run: str | Path, classifier_run: str | Path | None = None, *,
             handle: ProgressHandle | None = None) -> DensitySession:
        """Load both runs' models and the generative run's data (a bridge job)."""
        model = DensityModel.from_run(generative_run)
        dataset = run_dataset(generative_run)
        if tuple(dataset.image_shape) != tuple(model.image_shape):
            raise DensityError(f"{Path(generative_run).name}: its dataset no longer matches its model")
        classifier = ClassifierScorer.from_run(classifier_run) if classifier_run is not None else None
        return cls(model, dataset, classifier)

    @property
    def n_pixels(self) -> int:
        """Pixels (and channels) of one image."""
        return int(np.prod(self.model.image_shape))

    def _log_px(self, images: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray | None]:
        """(log p(x) per image, the CVAE's (N, C) log p(x|y) or None)."""
        with self._lock:
            if self.model.conditional and self.log_prior is not None:
                log_lik = class_log_likelihoods(self.model, images, k=k, seed=seed)
                return marginal_log_px(log_lik, self.log_prior), log_lik
            return -estimate_logpx(self.model, images, k=k, seed=seed).nll, None

    def evaluate(self, image: np.ndarray, k: int = VIEW_K) -> InputScores:
        """log p(x) (IWAE, `k` samples) and p(y|x) of one image of the model's shape."""
        x = np.asarray(image, np.float32).reshape(1, *self.model.image_shape)
        log_px, log_lik = self._log_px(x, k, seed=0)
        probs = None
        if self.classifier is not None:
            with self._lock:
                probs = self.classifier.probs(x)[0]
        generative = None if log_lik is None or self.log_prior is None else posterior(log_lik, self.log_prior)[0]
        value = float(log_px[0])
        return InputScores(value, bits_per_dim(-value, self.n_pixels), probs, generative)

    def mean_image_log_px(self, image: np.ndarray) -> float:
        """The exact log p(x) of the image under the mean-image model (binarized pixels)."""
        x = binarize(image).reshape(-1)
        p = self.mean_probs.reshape(-1)
        return float(np.sum(x * np.log(p) + (1 - x) * np.log1p(-p)))

    def summary(self, n: int = SUMMARY_IMAGES, k: int = SUMMARY_K, seed: int = 0, *,
                handle: ProgressHandle | None = None) -> Summary:
        """log p(x) of the first `n` held-out images; AUROCs against noise and their flips by
        log p(x) and by the classifier's max p(y|x); both classifiers' accuracies on them."""
        x = np.asarray(self.dataset.x_test)[:n]
        y = np.asarray(self.dataset.y_test)[:n]
        if not len(x):
            raise DensityError(f"{self.dataset.name}: the held-out split is empty")
        held_out, log_lik = self._log_px(x, k, seed)
        out = Summary(held_out_log_px=held_out, n=int(len(x)))
        if log_lik is not None and self.log_prior is not None:
            out.generative_accuracy = float(np.mean(np.argmax(log_lik + self.log_prior, axis=1) == y))
        probs_in = None
        if self.classifier is not None:
            with self._lock:
                probs_in = self.classifier.probs(x)
            out.classifier_accuracy = float(np.mean(np.argmax(probs_in, axis=1) == y))
        for name, images in (("noise", noise_images(len(x), tuple(x.shape[1:]), seed)), ("flip", flipped(x))):
            if handle is not None and handle.cancelled:
                raise CancelledError()
            scores = {"vae_logpx": auroc(held_out, self._log_px(images, k, seed + 1)[0])}
            if self.classifier is not None and probs_in is not None:
                with self._lock:
                    out_probs = self.classifier.probs(images)
                scores["classifier_maxprob"] = auroc(probs_in.max(axis=1), out_probs.max(axis=1))
            out.auroc[name] = scores
        return out
