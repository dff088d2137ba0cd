"""Out of distribution: how well log p(x) (a VAE or CVAE) and a classifier's max p(y|x) tell
held-out in-distribution images from another set (uniform noise, the same images upside
down, another dataset's held-out split), as AUROCs. Likelihoods can fail here: a VAE may
give some outside sets higher log p(x) than its own data (Nalisnick et al. 2019)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core.density.auroc import auroc
from core.density.bayes import class_log_likelihoods, label_log_prior, marginal_log_px
from core.density.likelihood import estimate_logpx
from core.density.model import DensityError, DensityModel

#: Outside sets made from the in-distribution images themselves.
SYNTHETIC_OUT = ("noise", "flip")


def noise_images(n: int, shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """`n` images of uniform noise in [0, 1)."""
    return np.random.default_rng(seed).random((n, *shape)).astype(np.float32)


def flipped(images: np.ndarray) -> np.ndarray:
    """The images turned upside down (rows reversed)."""
    return np.ascontiguousarray(np.asarray(images)[:, ::-1])


def out_images(out: str, x_in: np.ndarray, seed: int = 0, max_images: int | None = None) -> np.ndarray:
    """The outside set named `out`: "noise", "flip" or a dataset source (its held-out split)."""
    if out == "noise":
        return noise_images(len(x_in), tuple(x_in.shape[1:]), seed)
    if out == "flip":
        return flipped(x_in)
    from core.data.sources import load_dataset_cached

    x = np.asarray(load_dataset_cached(out).x_test)
    return x if max_images is None else x[:max_images]


def log_px(model: DensityModel, images: np.ndarray, *, k: int = 64, seed: int = 0,
           log_prior: np.ndarray | None = None) -> np.ndarray:
    """log p(x) per image: the IWAE estimate (a CVAE's marginal over labels by `log_prior`)."""
    if model.conditional:
        prior = log_prior if log_prior is not None else np.full(model.num_classes, -np.log(model.num_classes))
        return marginal_log_px(class_log_likelihoods(model, images, k=k, seed=seed), prior)
    return -estimate_logpx(model, images, k=k, seed=seed).nll


class ClassifierScorer:
    """A classifier run's p(y|x) in batched `tf.function` calls (logits or softmax output)."""

    def __init__(self, classifier: Any) -> None:
        from core.tf_env import tf

        self.input_shape = tuple(int(s) for s in classifier.inputs[0].shape[1:])
        act = classifier.layers[-1].get_config().get("activation", "linear")
        self._logits = act != "softmax"
        self._fn = tf().function(lambda x: classifier(x, training=False),
                                 input_signature=[tf().TensorSpec([None, *self.input_shape], tf().float32)])

    @classmethod
    def from_run(cls, run_dir: str | Path) -> ClassifierScorer:
        """The classifier of a classifier run; `DensityError` for another kind."""
        from core.training.run_folder import load_role, load_run_info

        info = load_run_info(run_dir)
        if info.kind != "classifier":
            raise DensityError(f"{run_dir}: a {info.kind} run is not a classifier run")
        return cls(load_role(run_dir, "classifier"))

    def probs(self, images: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """(N, C) class probabilities."""
        x = np.asarray(images, np.float32)
        if int(np.prod(x.shape[1:])) != int(np.prod(self.input_shape)):
            raise DensityError(f"the classifier takes {int(np.prod(self.input_shape))} pixels, "
                               f"the images have {int(np.prod(x.shape[1:]))}")
        x = x.reshape(-1, *self.input_shape)
        outs = [np.asarray(self._fn(x[i:i + batch_size]), np.float64) for i in range(0, len(x), batch_size)]
        p = np.concatenate(outs) if outs else np.zeros((0, 1))
        if self._logits:
            p = np.exp(p - p.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
        return p


def ood_aurocs(model: DensityModel, classifier: ClassifierScorer, x_in: np.ndarray, x_out: np.ndarray, *,
               k: int = 64, seed: int = 0, log_prior: np.ndarray | None = None) -> dict[str, Any]:
    """`{"auroc": {"vae_logpx", "classifier_maxprob"}, "n_in", "n_out"}`: in-distribution is
    the positive class, a higher score means "more like the training data"."""
    if not len(x_in) or not len(x_out):
        raise DensityError("both the in-distribution and the outside set need images")
    if tuple(x_out.shape[1:]) != tuple(x_in.shape[1:]):
        raise DensityError(f"the outside set has {'x'.join(map(str, x_out.shape[1:]))} images, the held-out "
                           f"set {'x'.join(map(str, x_in.shape[1:]))}")
    lp_in = log_px(model, x_in, k=k, seed=seed, log_prior=log_prior)
    lp_out = log_px(model, x_out, k=k, seed=seed + 1, log_prior=log_prior)
    mp_in, mp_out = classifier.probs(x_in).max(axis=1), classifier.probs(x_out).max(axis=1)
    return {"auroc": {"vae_logpx": auroc(lp_in, lp_out), "classifier_maxprob": auroc(mp_in, mp_out)},
            "n_in": int(len(x_in)), "n_out": int(len(x_out))}


def prior_of(model: DensityModel, train_labels: np.ndarray) -> np.ndarray | None:
    """A conditional model's log p(y) from its training labels (None for a plain VAE)."""
    return label_log_prior(train_labels, model.num_classes) if model.conditional else None
