"""GAN quality metrics computed offline with the app's own small CNN classifier.

- `mnist_score`: the Inception Score with that classifier, exp(E_x KL(p(y|x) || p(y))).
- `frechet_distance`: Fréchet distance between Gaussian fits of penultimate-layer features.
- `class_histogram` / `class_entropy`: mode coverage of generated samples.
- `diversity`: mean pairwise RMS pixel distance of samples (drops to ~0 when collapsed).
- `GanQualityHook`: the training engine's per-epoch hook; `detect_mode_collapse`: the warning.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import atomic_write_json
from core.gan.rules import is_mondrian_source, rule_score
from core.gan.sampling import SampleFn, latent_dim_of, make_sampler, noise
from core.progress import CancelledError

QUALITY_FILE = "quality.json"
_EPS = 1e-12


def mnist_score(probs: np.ndarray) -> float:
    """exp(mean KL(p(y|x) || p(y))): 1 for one class or uniform guesses, up to #classes."""
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 2 or len(p) == 0:
        raise ValueError(f"mnist_score needs (N, classes) probabilities, got shape {p.shape}")
    p_y = p.mean(axis=0, keepdims=True)
    kl = np.sum(p * (np.log(p + _EPS) - np.log(p_y + _EPS)), axis=1)
    return float(np.exp(np.mean(kl)))


def frechet_distance(feat_a: np.ndarray, feat_b: np.ndarray, eps: float = 1e-6) -> float:
    """||mu_a - mu_b||^2 + Tr(S_a + S_b - 2 sqrt(S_a S_b)) of two (N, D) feature sets."""
    from scipy import linalg

    a = np.asarray(feat_a, dtype=np.float64)
    b = np.asarray(feat_b, dtype=np.float64)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1] or len(a) < 2 or len(b) < 2:
        raise ValueError(f"frechet_distance needs two (N>=2, D) feature sets, got {a.shape} and {b.shape}")
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    s_a, s_b = np.atleast_2d(np.cov(a, rowvar=False)), np.atleast_2d(np.cov(b, rowvar=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covmean = linalg.sqrtm(s_a @ s_b)
        if not np.all(np.isfinite(covmean)):
            offset = np.eye(len(s_a)) * eps
            covmean = linalg.sqrtm((s_a + offset) @ (s_b + offset))
    covmean = np.real(covmean)
    diff = mu_a - mu_b
    value = diff @ diff + np.trace(s_a) + np.trace(s_b) - 2.0 * np.trace(covmean)
    return float(max(value, 0.0))


def class_histogram(probs: np.ndarray) -> np.ndarray:
    """Fraction of samples predicted as each class (argmax), float64 (classes,)."""
    p = np.asarray(probs)
    counts = np.bincount(np.argmax(p, axis=1), minlength=p.shape[1]).astype(np.float64)
    return counts / max(len(p), 1)


def class_entropy(histogram: np.ndarray) -> float:
    """Entropy in bits of a class histogram: log2(10) ~ 3.32 for balanced digits, 0 for one class."""
    h = np.asarray(histogram, dtype=np.float64)
    h = h[h > 0] / max(h.sum(), _EPS)
    return float(-np.sum(h * np.log2(h))) + 0.0


def diversity(images: np.ndarray, max_images: int = 200) -> float:
    """Mean pairwise RMS pixel distance between (up to `max_images`) samples."""
    x = np.asarray(images, dtype=np.float64)[:max_images].reshape(min(len(images), max_images), -1)
    if len(x) < 2:
        return 0.0
    sq = np.einsum("ij,ij->i", x, x)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2.0 * (x @ x.T), 0.0) / x.shape[1]
    iu = np.triu_indices(len(x), k=1)
    return float(np.mean(np.sqrt(d2[iu])))


def set_metrics(scorer: Any, images: np.ndarray, reference_features: np.ndarray) -> dict[str, Any]:
    """Score, Fréchet distance to the reference features, class histogram and entropy of a set."""
    probs, feats = scorer.probs_and_features(images)
    hist = class_histogram(probs)
    return {
        "score": mnist_score(probs),
        "frechet": frechet_distance(feats, reference_features),
        "class_histogram": [round(float(v), 6) for v in hist],
        "class_entropy": class_entropy(hist),
    }


def score_sets(scorer: Any, gan_images: np.ndarray | None, test_images: np.ndarray,
               train_images: np.ndarray, *, extra: Mapping[str, np.ndarray] | None = None,
               seed: int = 0) -> dict[str, dict[str, Any]]:
    """Metrics of the GAN's samples beside the real test set and the mean training image.

    The test set is split in two halves: "real" scores half A against half B; every other
    set (the GAN, the mean image repeated, any `extra`) is compared with half B.
    """
    test = np.asarray(test_images, dtype=np.float32)
    if len(test) < 4:
        raise ValueError("score_sets needs at least 4 test images")
    order = np.random.default_rng(seed).permutation(len(test))
    half_a, half_b = test[order[: len(test) // 2]], test[order[len(test) // 2:]]
    _, ref = scorer.probs_and_features(half_b)
    k = len(half_a) if gan_images is None else len(gan_images)
    mean = np.asarray(train_images, dtype=np.float32).mean(axis=0)
    result: dict[str, dict[str, Any]] = {}
    if gan_images is not None:
        result["gan"] = set_metrics(scorer, gan_images, ref)
    result["real"] = set_metrics(scorer, half_a, ref)
    result["mean_image"] = set_metrics(scorer, np.repeat(mean[None], max(k, 2), axis=0), ref)
    for name, images in (extra or {}).items():
        result[name] = set_metrics(scorer, images, ref)
    return result


QualityHistory = Mapping[str, Sequence[float]] | Sequence[Mapping[str, Any]]


def collapse_check(history: QualityHistory) -> tuple[str | None, int | None]:
    """(warning, epoch to roll back to) for the latest epoch; (None, None) when healthy.

    `history` is {metric: per-epoch values} (history.json) or a list of per-epoch records
    (quality.json). Fires when class entropy < 1 bit, or when class entropy or diversity
    fell below 50 % of its best earlier value. The roll-back epoch is the latest earlier
    epoch with no such problem (None if there is none).
    """
    if isinstance(history, Mapping):
        series = {m: [float(v) for v in history.get(m, [])] for m in ("class_entropy", "diversity")}
        epochs = list(range(1, max(len(v) for v in series.values()) + 1))
    else:
        records = [r for r in history if "class_entropy" in r and "diversity" in r]
        series = {m: [float(r[m]) for r in records] for m in ("class_entropy", "diversity")}
        epochs = [int(r.get("epoch", i + 1)) for i, r in enumerate(records)]

    def problems(i: int) -> list[str]:
        found = []
        ent = series["class_entropy"]
        if i < len(ent) and ent[i] < 1.0:
            found.append(f"class entropy {ent[i]:.2f} bits (< 1 bit)")
        for name, values in series.items():
            if i < len(values) and i > 0:
                best = max(values[:i])
                if best > 0 and values[i] < 0.5 * best:
                    found.append(f"{name.replace('_', ' ')} {values[i]:.3g} (< 50 % of best {best:.3g})")
        return found

    last = len(epochs) - 1
    if last < 0:
        return None, None
    found = problems(last)
    if not found:
        return None, None
    healthy = next((i for i in range(last - 1, -1, -1) if not problems(i)), None)
    target = epochs[healthy] if healthy is not None else None
    advice = (f"roll back to the epoch {target} checkpoint" if target is not None
              else "no earlier healthy checkpoint to roll back to")
    return f"Possible mode collapse at epoch {epochs[last]}: {'; '.join(found)}; {advice}.", target


def detect_mode_collapse(history: QualityHistory) -> str | None:
    """A warning if the latest epoch looks mode-collapsed, naming the epoch to roll back to."""
    return collapse_check(history)[0]


def rollback_epoch(history: QualityHistory) -> int | None:
    """The epoch `detect_mode_collapse` advises rolling back to, or None (healthy, or nothing earlier)."""
    return collapse_check(history)[1]


def load_quality(run_dir: Path | str) -> list[dict[str, Any]]:
    """The per-epoch quality records of a run (`RUN_DIR/quality.json`), [] if none."""
    path = Path(run_dir) / QUALITY_FILE
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    return list(data.get("epochs", [])) if isinstance(data, dict) else []


class GanQualityHook:
    """Per-epoch GAN quality metrics for the training engine.

    `hook(generator, epoch)` samples `n_samples` images from fixed noise, scores them with
    the cached scorer against the dataset's test images, keeps a record per epoch (with the
    class histogram and any mode-collapse warning) and returns {"mnist_score", "frechet",
    "class_entropy", "diversity"}, plus "rule_score" (`core.gan.rules`) for Mondrian data. With `write` it also writes `RUN_DIR/quality.json`; the
    training engine passes `write=False` and stages `document()` with the epoch instead.
    With a `handle`, a cancel raises `CancelledError` between steps (scorer training
    batches, scoring), so closing the window need not wait for the first epoch's scorer.
    """

    def __init__(self, dataset: Any, run_dir: Path | str | None, seed: int = 0,
                 n_samples: int = 1000, *, handle: Any = None, write: bool = True) -> None:
        self.dataset = dataset
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self.seed = seed
        self.n_samples = n_samples
        self.handle = handle
        self.write = write
        self.records: list[dict[str, Any]] = load_quality(self.run_dir) if self.run_dir else []
        self.warning: str | None = None
        self._scorer: Any = None
        self._ref: np.ndarray | None = None
        self._sampler: tuple[int, SampleFn] | None = None
        self._z: np.ndarray | None = None

    def _check(self) -> None:
        if self.handle is not None and self.handle.cancelled:
            raise CancelledError("GAN quality metrics cancelled")

    @property
    def scorer(self) -> Any:
        """The classifier (trained or loaded on first use)."""
        if self._scorer is None:
            from core.gan import scorer as sc

            ds = self.dataset
            self._check()
            run_file = self.run_dir / sc.SCORER_FILE if self.run_dir is not None else None
            cached = run_file is not None and run_file.exists() or sc.cache_path(ds.x_train, ds.y_train).exists()
            if cached or self.handle is None:
                self._scorer = sc.load_or_train_scorer(ds.x_train, ds.y_train, num_classes=ds.num_classes,
                                                       run_dir=self.run_dir, seed=self.seed)
            else:
                self._scorer = self._train_scorer(run_file)
        return self._scorer

    def _train_scorer(self, run_file: Path | None) -> Any:
        """`scorer.train_scorer`, stoppable after any batch; saved where `load_or_train_scorer` saves."""
        from core.atomic import atomic_save_model
        from core.gan import scorer as sc
        from core.tf_env import keras

        ds, handle = self.dataset, self.handle
        x = np.asarray(ds.x_train, dtype=np.float32)
        y = np.asarray(ds.y_train, dtype=np.int64)
        if len(x) > 8000:
            idx = np.random.default_rng(self.seed).permutation(len(x))[:8000]
            x, y = x[idx], y[idx]
        model = sc.build_scorer(x.shape[1:], num_classes=ds.num_classes, seed=self.seed)

        class _Stop(keras().callbacks.Callback):  # type: ignore[misc]
            def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
                if handle.cancelled:
                    self.model.stop_training = True

        epochs = max(2, int(np.ceil(2 * 4000 / max(len(x), 1))))
        model.fit(x, y, epochs=epochs, batch_size=64, verbose=0, shuffle=True, callbacks=[_Stop()])
        self._check()
        for path in (run_file, sc.cache_path(ds.x_train, ds.y_train)):
            if path is not None:
                atomic_save_model(model, path)
        return sc.MnistScorer(model)

    def reference_features(self) -> np.ndarray:
        """Penultimate features of (up to `n_samples`) real test images."""
        if self._ref is None:
            _, self._ref = self.scorer.probs_and_features(self.dataset.x_test[: self.n_samples])
        return self._ref

    def _sample(self, generator: Any) -> np.ndarray:
        if self._sampler is None or self._sampler[0] != id(generator):
            self._sampler = (id(generator), make_sampler(generator))
            self._z = noise(self.n_samples, latent_dim_of(generator), self.seed + 7919)
        assert self._z is not None
        return self._sampler[1](self._z)

    def document(self) -> dict[str, Any]:
        """What `quality.json` holds: {"n_samples", "epochs": [per-epoch records]}."""
        return {"n_samples": self.n_samples, "epochs": self.records}

    def __call__(self, generator: Any, epoch: int) -> dict[str, float]:
        self._check()
        ref = self.reference_features()
        self._check()
        images = self._sample(generator)
        self._check()
        m = set_metrics(self.scorer, images, ref)
        logs = {
            "mnist_score": m["score"],
            "frechet": m["frechet"],
            "class_entropy": m["class_entropy"],
            "diversity": diversity(images),
        }
        if is_mondrian_source(self.dataset) and images.shape[-1] == 3:
            logs["rule_score"] = rule_score(images)
        self.records = [r for r in self.records if int(r.get("epoch", 0)) < epoch]
        record: dict[str, Any] = {"epoch": int(epoch), **logs, "class_histogram": m["class_histogram"]}
        self.records.append(record)
        self.warning = detect_mode_collapse(self.records)
        record["warning"] = self.warning
        if self.write and self.run_dir is not None:
            atomic_write_json(self.run_dir / QUALITY_FILE, self.document())
        return logs
