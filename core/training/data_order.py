"""What training feeds `fit`: the arrays of each kind and one input pipeline whose order of
epoch e depends on (run seed, e) alone, so a resumed run sees exactly the batches an
uninterrupted one would have seen."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def fit_arrays(dataset: Any, kind: str, validation_split: float
               ) -> tuple[np.ndarray, np.ndarray | None, tuple[np.ndarray, np.ndarray] | None]:
    """(x, y, validation data) for `kind`: the classifier's validation split is the last
    fraction of the training split, cut once (never reshuffled). The image models (AE, VAE,
    CVAE) are scored on the dataset's held-out test split instead, one pass per epoch
    (`val_loss` and its parts): cutting their training split would change what they learn,
    and the held-out split is the one their log p(x) is reported on."""
    x = np.asarray(dataset.x_train, dtype=np.float32)
    if kind in HELD_OUT_KINDS:
        x_test = np.asarray(dataset.x_test, dtype=np.float32)
        if not len(x_test):
            return x, _labels(dataset, kind, "y_train"), None
        if kind == "cvae":
            return x, _labels(dataset, kind, "y_train"), (x_test, np.asarray(dataset.y_test))
        return x, None, (x_test, x_test)
    if kind != "classifier":
        return x, _labels(dataset, kind, "y_train"), None
    x, y = x.reshape(len(x), -1), np.asarray(dataset.y_train)
    if validation_split <= 0:
        return x, y, None
    at = int(math.floor(len(x) * (1.0 - validation_split)))
    return x[:at], y[:at], (x[at:], y[at:])


#: Kinds whose held-out loss is computed on the test split every epoch.
HELD_OUT_KINDS = ("autoencoder", "vae", "cvae")


def _labels(dataset: Any, kind: str, name: str) -> np.ndarray | None:
    """The labels a conditional model trains on (the CVAE; the GAN, whose AC-GAN uses them and
    whose unconditional architectures ignore them); None for the other kinds."""
    return np.asarray(getattr(dataset, name)) if kind in ("cvae", "gan") else None


def epoch_pipeline(x: np.ndarray, y: np.ndarray | None, *, kind: str, batch_size: int, seed: int,
                   initial: int, epochs: int) -> tuple[Any, int]:
    """(one tf.data pipeline for epochs `initial` .. `initial + epochs - 1`, steps per epoch).

    Epoch e's order is a stateless shuffle seeded by (seed, e). One pipeline serves the
    whole `fit` call: a `fit` per epoch would rebuild and retrace the input pipeline at
    every epoch boundary, holding the GIL for hundreds of milliseconds while the window
    waits.
    """
    from core.tf_env import tf

    tf_ = tf()
    count = len(x)
    seed32 = int(seed) & 0xFFFFFFFF
    xs = tf_.constant(x)
    ys = None if y is None else tf_.constant(y)

    def epoch_batches(epoch: Any) -> Any:
        order = tf_.random.experimental.stateless_shuffle(
            tf_.range(count, dtype=tf_.int64), seed=tf_.stack([tf_.constant(seed32, tf_.int64), epoch]))
        return tf_.data.Dataset.from_tensor_slices(order).batch(batch_size)

    def gather(index: Any) -> Any:
        images = tf_.gather(xs, index)
        if kind == "autoencoder":
            return images, images
        return images if ys is None else (images, tf_.gather(ys, index))

    data = tf_.data.Dataset.range(initial, initial + epochs).flat_map(epoch_batches)
    data = data.map(gather, num_parallel_calls=tf_.data.AUTOTUNE).prefetch(tf_.data.AUTOTUNE)
    return data, max(1, math.ceil(count / batch_size))
