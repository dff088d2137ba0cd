"""The latent map's engine: an encoder/decoder pair, the 2-D plane it is viewed through, and
batched decoding of points, grids and interpolations (never `model.predict`).

Plane coordinates are what the user sees: for a 2-D latent the plane *is* the latent space;
for a larger latent it is the PCA plane of the encoded means, and a plane point `p` is decoded
from its inverse projection `mean + p @ components`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np

from core.models import decoder_numpy_mirror
from core.progress import ProgressHandle
from core.tf_env import tf

#: (xmin, xmax, ymin, ymax) in plane coordinates.
Bounds = tuple[float, float, float, float]
SPACINGS = ("linear", "gaussian")
LATENT_KINDS = ("autoencoder", "vae")


class LatentError(ValueError):
    """A run or request the latent map cannot use; the message is one user-facing line."""


@dataclass(frozen=True)
class PlaneProjection:
    """Maps latent vectors (N, D) to plane points (N, 2) and back: `p = (z - mean) @ components.T`.

    `components` has orthonormal rows, so `from_plane(to_plane(z))` is the closest plane point's
    latent vector and `to_plane(from_plane(p)) == p`.
    """

    mean: np.ndarray
    components: np.ndarray
    explained: tuple[float, float] = (1.0, 1.0)

    @classmethod
    def identity(cls, latent_dim: int = 2) -> PlaneProjection:
        """The plane is the latent space itself (1-D latents are shown on the x axis)."""
        if latent_dim not in (1, 2):
            raise LatentError(f"an identity plane needs a 1-D or 2-D latent, not {latent_dim}-D")
        return cls(np.zeros(latent_dim, np.float32), np.eye(2, latent_dim, dtype=np.float32))

    @classmethod
    def fit(cls, z: np.ndarray) -> PlaneProjection:
        """Identity for a latent of 2 dimensions or fewer, else the PCA plane of `z` (N, D)."""
        z = np.asarray(z, dtype=np.float64)
        dim = z.shape[1]
        if dim <= 2:
            return cls.identity(dim)
        if len(z) < 3:
            raise LatentError("need at least 3 encoded points to fit a PCA plane")
        mean = z.mean(axis=0)
        _, s, vt = np.linalg.svd(z - mean, full_matrices=False)
        var = s**2
        ratio = var[:2] / max(float(var.sum()), 1e-12)
        return cls(mean.astype(np.float32), vt[:2].astype(np.float32), (float(ratio[0]), float(ratio[1])))

    @property
    def latent_dim(self) -> int:
        """D, the latent vector size."""
        return int(self.components.shape[1])

    @property
    def is_identity(self) -> bool:
        """Whether plane coordinates are latent coordinates (no PCA)."""
        return self.latent_dim <= 2

    def to_plane(self, z: np.ndarray) -> np.ndarray:
        """Latent (N, D) -> plane (N, 2), float32."""
        return ((np.asarray(z, np.float32) - self.mean) @ self.components.T).astype(np.float32)

    def from_plane(self, p: np.ndarray) -> np.ndarray:
        """Plane (N, 2) or (2,) -> latent (N, D) or (D,), float32 (the inverse projection)."""
        return (self.mean + np.asarray(p, np.float32) @ self.components).astype(np.float32)

    def prior_offset(self) -> np.ndarray:
        """Centre of the N(0, I) prior seen on this plane (it stays unit-variance: rows are orthonormal)."""
        return (-self.mean @ self.components.T).astype(np.float32)


def axis_values(lo: float, hi: float, n: int, spacing: str = "linear") -> np.ndarray:
    """`n` ascending values spanning [lo, hi]: evenly spaced, or at Gaussian quantiles
    `inv_cdf((i + 0.5) / n)` stretched onto [lo, hi] (denser near the middle)."""
    if n < 1:
        raise LatentError(f"grid size must be at least 1, got {n}")
    if spacing == "linear":
        return np.linspace(lo, hi, n, dtype=np.float64).astype(np.float32)
    if spacing != "gaussian":
        raise LatentError(f"unknown grid spacing {spacing!r}; choose linear or gaussian")
    if n == 1:
        return np.array([(lo + hi) / 2], np.float32)
    q = np.array([NormalDist().inv_cdf((i + 0.5) / n) for i in range(n)])
    q /= abs(q[0])
    return ((lo + hi) / 2 + (hi - lo) / 2 * q).astype(np.float32)


def grid_points(bounds: Bounds, n: int, spacing: str = "linear") -> np.ndarray:
    """n x n plane points (n*n, 2), row-major with the top row (largest y) first, so the
    decoded images tile in the same orientation as the map."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    xs = axis_values(xmin, xmax, n, spacing)
    ys = axis_values(ymin, ymax, n, spacing)[::-1]
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)


def interpolate(z0: np.ndarray, z1: np.ndarray, k: int) -> np.ndarray:
    """`k` evenly spaced points (k, D) on the segment from `z0` to `z1`, both ends included."""
    if k < 2:
        raise LatentError(f"an interpolation needs at least 2 steps, got {k}")
    t = np.linspace(0.0, 1.0, k, dtype=np.float32)[:, None]
    a, b = np.asarray(z0, np.float32), np.asarray(z1, np.float32)
    return (a + t * (b - a)).astype(np.float32)


def nearest_train_index(z: np.ndarray, train_z: np.ndarray) -> int:
    """Index of the row of `train_z` (N, D) closest (Euclidean) to the latent point `z` (D,)."""
    if len(train_z) == 0:
        raise LatentError("no encoded training images to search")
    d = np.sum((np.asarray(train_z, np.float32) - np.asarray(z, np.float32)) ** 2, axis=1)
    return int(np.argmin(d))


def data_bounds(points: np.ndarray, kind: str = "autoencoder", margin: float = 0.1) -> Bounds:
    """Bounds that show the bulk of `points` (0.5-99.5 percentile, padded); a VAE's view also
    covers the prior's +-3 sigma square."""
    if len(points) == 0:
        lo, hi = np.array([-3.0, -3.0]), np.array([3.0, 3.0])
    else:
        lo, hi = np.percentile(points, 0.5, axis=0), np.percentile(points, 99.5, axis=0)
    if kind == "vae":
        lo, hi = np.minimum(lo, -3.0), np.maximum(hi, 3.0)
    pad = np.maximum((hi - lo) * margin, 1e-3)
    lo, hi = lo - pad, hi + pad
    return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


class LatentModel:
    """An encoder/decoder pair (and optionally a classifier) this object owns.

    Every model call is a batched direct call through `tf.function` (never `predict`) under
    one lock, so the GUI thread and one worker may share it. `decode_one` uses the exact
    NumPy mirror of a dense decoder when there is one (~0.05 ms a point).
    """

    def __init__(self, encoder: Any, decoder: Any, *, kind: str = "vae", classifier: Any = None) -> None:
        t = tf()
        self.kind = kind
        self.encoder, self.decoder, self.classifier = encoder, decoder, classifier
        self.latent_dim = int(decoder.inputs[0].shape[-1])
        self.image_shape = tuple(int(s) for s in encoder.inputs[0].shape[1:])
        self._lock = threading.RLock()
        spec = lambda shape: [t.TensorSpec([None, *shape], t.float32)]  # noqa: E731
        self._decode_fn = t.function(lambda z: decoder(z, training=False),
                                     input_signature=spec((self.latent_dim,)))
        self._encode_fn = t.function(lambda x: encoder(x, training=False),
                                     input_signature=spec(self.image_shape))
        self._classify_fn = None
        if classifier is not None:
            self._classifier_shape = tuple(int(s) for s in classifier.inputs[0].shape[1:])
            if int(np.prod(self._classifier_shape)) != int(np.prod(self.image_shape)):
                raise LatentError("the classifier was trained on a different image size")
            self._classify_fn = t.function(lambda x: classifier(x, training=False),
                                           input_signature=spec(self._classifier_shape))
            act = classifier.layers[-1].get_config().get("activation", "linear")
            self._logits = act != "softmax"
        self._mirror = decoder_numpy_mirror(decoder)

    @property
    def has_mirror(self) -> bool:
        """Whether single points are decoded by the NumPy mirror (else by the compiled call)."""
        return self._mirror is not None

    @property
    def has_classifier(self) -> bool:
        """Whether `classify` is available."""
        return self._classify_fn is not None

    def _as_images(self, raw: np.ndarray) -> np.ndarray:
        return np.asarray(raw, np.float32).reshape(-1, *self.image_shape)

    def encode(self, images: np.ndarray, batch_size: int = 2048) -> np.ndarray:
        """Images (N, H, W, 1) -> latent means (N, D) (a VAE's `z_mean`, an AE's `z`)."""
        x = np.asarray(images, np.float32).reshape(-1, *self.image_shape)
        out = []
        with self._lock:
            for i in range(0, len(x), batch_size):
                res = self._encode_fn(x[i:i + batch_size])
                out.append(np.asarray(res[0] if isinstance(res, list | tuple) else res))
        return np.concatenate(out) if out else np.zeros((0, self.latent_dim), np.float32)

    def decode(self, z: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Latent points (N, D) -> images (N, H, W, 1) in one compiled call per `batch_size`."""
        z = np.asarray(z, np.float32).reshape(-1, self.latent_dim)
        out = []
        with self._lock:
            for i in range(0, len(z), batch_size):
                out.append(np.asarray(self._decode_fn(z[i:i + batch_size])))
        return self._as_images(np.concatenate(out)) if out else np.zeros((0, *self.image_shape), np.float32)

    def decode_one(self, z: np.ndarray) -> np.ndarray:
        """One latent point (D,) -> image (H, W, 1): NumPy mirror when dense, else compiled call."""
        mirror = self._mirror
        if mirror is not None:
            return self._as_images(mirror(np.asarray(z, np.float32).reshape(1, -1)))[0]
        return self.decode(z)[0]

    def classify(self, images: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Images (N, H, W, 1) -> class probabilities (N, C); needs a classifier."""
        if self._classify_fn is None:
            raise LatentError("no classifier run is selected")
        x = np.asarray(images, np.float32).reshape(-1, *self._classifier_shape)
        out = []
        with self._lock:
            for i in range(0, len(x), batch_size):
                out.append(np.asarray(self._classify_fn(x[i:i + batch_size]), np.float64))
        p = np.concatenate(out)
        if self._logits:
            p = np.exp(p - p.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
        return p.astype(np.float32)

    def set_weights(self, weights: dict[str, list[np.ndarray]]) -> None:
        """Load a snapshot's `encoder`/`decoder` weight lists into this object's own models."""
        with self._lock:
            if "encoder" in weights:
                self.encoder.set_weights(weights["encoder"])
            if "decoder" in weights:
                self.decoder.set_weights(weights["decoder"])
                self._mirror = decoder_numpy_mirror(self.decoder)

    @classmethod
    def from_run(cls, run_dir: str | Path, classifier_run: str | Path | None = None) -> LatentModel:
        """Load a run's encoder and decoder (and a classifier run's classifier)."""
        from core.models import register_custom_objects

        register_custom_objects()
        from core.training.run_folder import load_role

        config = read_config(run_dir)
        kind = config.get("kind", "")
        if kind not in LATENT_KINDS or not (Path(run_dir) / "decoder.keras").exists():
            raise LatentError(f"run {Path(run_dir).name} ({kind or 'unknown kind'}) has no decoder")
        classifier = None
        if classifier_run is not None:
            classifier = load_role(classifier_run, "classifier")
        return cls(load_role(run_dir, "encoder"), load_role(run_dir, "decoder"),
                   kind=kind, classifier=classifier)


def read_config(run_dir: str | Path) -> dict[str, Any]:
    """A run folder's `config.json` (LatentError when missing or unreadable)."""
    path = Path(run_dir) / "config.json"
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError) as exc:
        raise LatentError(f"{path}: not a readable run folder ({exc.__class__.__name__})") from None


def decode_grid(model: LatentModel, projection: PlaneProjection, bounds: Bounds, n: int,
                spacing: str = "linear") -> np.ndarray:
    """The manifold grid: n*n images (n*n, H, W, 1), top row first, in one batched decode."""
    return model.decode(projection.from_plane(grid_points(bounds, n, spacing)))


def confidence_map(model: LatentModel, projection: PlaneProjection, bounds: Bounds,
                   n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Classifier confidence over the plane: (max probability (n, n), predicted label (n, n)),
    top row first; one batched decode plus one batched classifier call."""
    probs = model.classify(decode_grid(model, projection, bounds, n, "linear"))
    return probs.max(axis=1).reshape(n, n), probs.argmax(axis=1).reshape(n, n)


@dataclass(frozen=True)
class HistoryFrame:
    """The probe set's encoded positions after one epoch."""

    epoch: int
    z: np.ndarray
    labels: np.ndarray


def load_history(run_dir: str | Path) -> list[HistoryFrame]:
    """One frame per recorded epoch (`snapshots/epoch_NNNN.npz` with `probe_z`), in epoch order."""
    frames = []
    for path in sorted((Path(run_dir) / "snapshots").glob("epoch_*.npz")):
        with np.load(path) as data:
            if "probe_z" not in data:
                continue
            labels = data["probe_labels"] if "probe_labels" in data else np.zeros(len(data["probe_z"]), np.int64)
            frames.append(HistoryFrame(int(path.stem.split("_")[1]), np.array(data["probe_z"]), np.array(labels)))
    return frames


@dataclass
class LatentView:
    """Everything the latent map shows for one run, prepared off the GUI thread."""

    run_dir: Path
    config: dict[str, Any]
    model: LatentModel
    projection: PlaneProjection
    test_x: np.ndarray
    test_y: np.ndarray
    test_z: np.ndarray
    test_plane: np.ndarray
    train_x: np.ndarray
    train_y: np.ndarray
    train_z: np.ndarray
    history: list[HistoryFrame]
    class_names: tuple[str, ...]
    dataset_name: str

    @property
    def bounds(self) -> Bounds:
        """Default visible bounds of the map."""
        return data_bounds(self.test_plane, self.model.kind)


def load_view(run_dir: str | Path, classifier_run: str | Path | None = None, *,
              max_points: int = 10000, handle: ProgressHandle | None = None) -> LatentView:
    """Load a run, its dataset (test split up to `max_points`, training images for the nearest-
    image search), encode both and fit the plane. Runs on a worker thread."""
    from core.data.datasets import load_dataset_cached

    handle = handle or ProgressHandle()
    handle.message("loading models")
    model = LatentModel.from_run(run_dir, classifier_run)
    config = read_config(run_dir)
    handle.message("loading dataset")
    data = load_dataset_cached(str(config.get("dataset", "digits")))
    if tuple(data.image_shape) != model.image_shape:
        raise LatentError(f"dataset images {data.image_shape} do not fit the run's {model.image_shape}")
    data = data.subset(max_points, max_points)
    handle.message(f"encoding {len(data.x_test) + len(data.x_train)} images")
    test_z, train_z = model.encode(data.x_test), model.encode(data.x_train)
    projection = PlaneProjection.fit(test_z)
    return LatentView(Path(run_dir), config, model, projection, data.x_test, data.y_test, test_z,
                      projection.to_plane(test_z), data.x_train, data.y_train, train_z, load_history(run_dir),
                      tuple(data.class_names), data.name)
