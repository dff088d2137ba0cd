"""`DensityModel`: a VAE's or CVAE's encoder and decoder as q(z|x) and p(x|z), called through
`tf.function` in batches (never `predict`), for the log p(x) estimators."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import UserError
from core.tf_env import tf

#: Run kinds whose models define a density p(x) (or p(x|y)).
DENSITY_KINDS = ("vae", "cvae")


class DensityError(UserError, ValueError):
    """A run or file cannot give a density; the message says why in one line."""


def one_hot(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """(N,) integer labels -> (N, num_classes) float32 one-hot rows."""
    labels = np.asarray(labels, np.int64).reshape(-1)
    if len(labels) and (labels.min() < 0 or labels.max() >= num_classes):
        raise DensityError(f"labels must be 0..{num_classes - 1}")
    return np.eye(num_classes, dtype=np.float32)[labels]


class DensityModel:
    """An encoder [image (, one-hot label)] -> [z_mean, z_log_var, z] and a decoder
    [z (, one-hot label)] -> Bernoulli means; `num_classes` > 0 for a conditional model."""

    def __init__(self, encoder: Any, decoder: Any, *, kind: str = "vae") -> None:
        t = tf()
        self.kind = kind
        self.encoder, self.decoder = encoder, decoder
        self.conditional = len(encoder.inputs) > 1
        self.image_shape = tuple(int(s) for s in encoder.inputs[0].shape[1:])
        self.latent_dim = int(decoder.inputs[0].shape[-1])
        self.num_classes = int(encoder.inputs[1].shape[-1]) if self.conditional else 0
        self._lock = threading.RLock()
        spec = lambda shape: t.TensorSpec([None, *shape], t.float32)  # noqa: E731
        if self.conditional:
            label = spec((self.num_classes,))
            self._encode_fn = t.function(lambda x, y: encoder([x, y], training=False),
                                         input_signature=[spec(self.image_shape), label])
            self._decode_fn = t.function(lambda z, y: decoder([z, y], training=False),
                                         input_signature=[spec((self.latent_dim,)), label])
        else:
            self._encode_fn = t.function(lambda x: encoder(x, training=False),
                                         input_signature=[spec(self.image_shape)])
            self._decode_fn = t.function(lambda z: decoder(z, training=False),
                                         input_signature=[spec((self.latent_dim,))])

    @classmethod
    def from_run(cls, run_dir: str | Path) -> DensityModel:
        """The VAE or CVAE of a run folder; `DensityError` for any other kind."""
        from core.models import register_custom_objects
        from core.training.run_folder import load_role, load_run_info

        info = load_run_info(run_dir)
        if info.kind not in DENSITY_KINDS:
            raise DensityError(f"{run_dir}: a {info.kind} run has no log p(x); use a VAE or CVAE run")
        if info.epochs_done < 1:
            raise DensityError(f"{run_dir}: the run has no trained epoch yet")
        register_custom_objects()
        return cls(load_role(run_dir, "encoder"), load_role(run_dir, "decoder"), kind=info.kind)

    def _args(self, x: np.ndarray, labels: np.ndarray | None) -> list[np.ndarray]:
        if not self.conditional:
            return [x]
        if labels is None:
            raise DensityError("a conditional model needs labels")
        return [x, one_hot(labels, self.num_classes)]

    def encode(self, x: np.ndarray, labels: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(z_mean, z_log_var) of images (N, *image_shape)."""
        x = np.asarray(x, np.float32).reshape(-1, *self.image_shape)
        with self._lock:
            out = self._encode_fn(*self._args(x, labels))
        return np.asarray(out[0]), np.asarray(out[1])

    def decode(self, z: np.ndarray, labels: np.ndarray | None = None) -> np.ndarray:
        """Bernoulli means (N, *image_shape) of latent points (N, D)."""
        z = np.asarray(z, np.float32).reshape(-1, self.latent_dim)
        with self._lock:
            return np.asarray(self._decode_fn(*self._args(z, labels)))
