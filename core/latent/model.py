"""The latent map's models: an encoder/decoder pair (and optionally a classifier), with
batched decoding of points, grids and confidence maps (never `model.predict`)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from core.latent.plane import Bounds, LatentError, PlaneProjection, grid_points
from core.models.mirror import decoder_numpy_mirror
from core.tf_env import tf

LATENT_KINDS = ("autoencoder", "vae")


def encode_means(encode_fn: Any, x: np.ndarray, batch_size: int, latent_dim: int) -> np.ndarray:
    """`encode_fn` over `x` in batches -> (N, latent_dim) means: an encoder's first output when
    it has several (a VAE's `z_mean`), its only output otherwise (an AE's `z`)."""
    out = []
    for i in range(0, len(x), batch_size):
        res = encode_fn(x[i:i + batch_size])
        out.append(np.asarray(res[0] if isinstance(res, list | tuple) else res))
    return np.concatenate(out) if out else np.zeros((0, latent_dim), np.float32)


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
        with self._lock:
            return encode_means(self._encode_fn, x, batch_size, self.latent_dim)

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
        from core.training.run_folder import load_role, load_run_info

        kind = str(load_run_info(run_dir).config.get("kind", ""))
        if kind not in LATENT_KINDS or not (Path(run_dir) / "decoder.keras").exists():
            raise LatentError(f"run {Path(run_dir).name} ({kind or 'unknown kind'}) has no decoder")
        classifier = None
        if classifier_run is not None:
            classifier = load_role(classifier_run, "classifier")
        return cls(load_role(run_dir, "encoder"), load_role(run_dir, "decoder"),
                   kind=kind, classifier=classifier)


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
