"""What the `logpx`, `ood` and `classify-generative` commands (and the density view) compute
for a run folder: the data it was trained on, its held-out log p(x), the mean-image model's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core.density.likelihood import estimate_logpx, mean_image_nll, mean_image_probs, summary
from core.density.model import DensityError, DensityModel


def run_dataset(run_dir: str | Path, source: str | None = None) -> Any:
    """The dataset a run was trained on (its subset too), or `source` when given."""
    from core.data.sources import load_dataset_cached
    from core.training.run_folder import load_run_info

    config = load_run_info(run_dir).config
    if source:
        return load_dataset_cached(source)
    dataset = load_dataset_cached(str(config.get("dataset", "digits")))
    if config.get("max_train") is not None or config.get("max_test") is not None:
        dataset = dataset.subset(config.get("max_train"), config.get("max_test"), seed=int(config.get("seed", 0)))
    return dataset


def check_shape(model: DensityModel, images: np.ndarray, what: str) -> None:
    """`DensityError` when `images` are not the model's image shape."""
    shape = tuple(int(s) for s in np.asarray(images).shape[1:])
    if shape != tuple(model.image_shape):
        raise DensityError(f"{what} has {'x'.join(map(str, shape))} images but the model takes "
                           f"{'x'.join(map(str, model.image_shape))}")


def limit(images: np.ndarray, labels: np.ndarray, n: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The first `n` images and labels (all of them for None)."""
    return (images, labels) if n is None else (images[:n], labels[:n])


def logpx_of_run(run_dir: str | Path, source: str | None = None, *, k: int = 64, seed: int = 0,
                 max_images: int | None = None) -> dict[str, Any]:
    """The `main.py logpx` record over the held-out split: IWAE −log p(x), −ELBO, bits/dim,
    and the mean-image model's exact −log p(x) (its mean from the run's training images).
    A conditional model's log p(x) here is log p(x|y) at each image's true label."""
    model = DensityModel.from_run(run_dir)
    data = run_dataset(run_dir, source)
    x, y = limit(np.asarray(data.x_test), np.asarray(data.y_test), max_images)
    if not len(x):
        raise DensityError(f"{data.name}: the held-out split is empty")
    check_shape(model, x, data.name)
    estimate = estimate_logpx(model, x, k=k, labels=y if model.conditional else None, seed=seed)
    train = np.asarray(run_dataset(run_dir).x_train)
    mean_nll = mean_image_nll(x, mean_image_probs(train)) if train.shape[1:] == x.shape[1:] else None
    return summary(estimate, mean_nll)


def classify_generative(run_dir: str | Path, source: str | None = None, *, k: int = 64, seed: int = 0,
                        max_images: int | None = None) -> dict[str, Any]:
    """`{"accuracy", "n"}` of a CVAE run as a classifier by Bayes' rule on the held-out split:
    argmax over y of log p(x|y) (IWAE, K samples) + log p(y) (the training label frequencies)."""
    from core.density.bayes import class_log_likelihoods, generative_accuracy, label_log_prior

    model = DensityModel.from_run(run_dir)
    if not model.conditional:
        raise DensityError(f"{run_dir}: Bayes' rule needs p(x|y); train a cvae run")
    data = run_dataset(run_dir, source)
    x, y = limit(np.asarray(data.x_test), np.asarray(data.y_test), max_images)
    if not len(x):
        raise DensityError(f"{data.name}: the held-out split is empty")
    check_shape(model, x, data.name)
    log_lik = class_log_likelihoods(model, x, k=k, seed=seed)
    prior = label_log_prior(np.asarray(run_dataset(run_dir).y_train), model.num_classes)
    return {"accuracy": generative_accuracy(log_lik, prior, y), "n": int(len(x))}
