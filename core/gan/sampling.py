"""Sampling a GAN generator: seeded noise, interpolation, latent walks and memorisation checks.

Everything here is deterministic given a seed: noise comes from NumPy's `default_rng(seed)`,
and the generator is run by one direct compiled call (never `model.predict`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

SampleFn = Callable[[np.ndarray], np.ndarray]


def noise(n: int, latent_dim: int, seed: int) -> np.ndarray:
    """`n` standard-normal noise vectors (n, latent_dim) float32, identical for the same seed."""
    if n < 0 or latent_dim < 1:
        raise ValueError(f"noise: need n >= 0 and latent_dim >= 1, got n={n}, latent_dim={latent_dim}")
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


def latent_dim_of(generator: Any) -> int:
    """The generator's noise size (its input's last dimension)."""
    dim = generator.inputs[0].shape[-1]
    if dim is None:
        raise ValueError("generator input has no fixed latent dimension")
    return int(dim)


def _output_activation(generator: Any) -> str:
    try:
        act = generator.layers[-1].get_config().get("activation", "")
    except Exception:  # a layer without config: assume the default [0, 1] output
        return ""
    return act if isinstance(act, str) else ""


def to_images(raw: np.ndarray, tanh_output: bool = False) -> np.ndarray:
    """Generator output -> float32 images (n, H, W, C) in [0, 1] (C = 1 grey or 3 RGB).

    Flat outputs (n, H*W) are reshaped to square images; tanh outputs are mapped from [-1, 1].
    """
    arr = np.asarray(raw, dtype=np.float32)
    if arr.ndim == 2:
        side = int(round(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1]:
            raise ValueError(f"flat generator output of size {arr.shape[1]} is not a square image")
        arr = arr.reshape(-1, side, side, 1)
    elif arr.ndim == 3:
        arr = arr[..., None]
    if tanh_output:
        arr = (arr + 1.0) * 0.5
    return np.clip(arr, 0.0, 1.0)


def make_sampler(generator: Any, batch_size: int = 1024) -> SampleFn:
    """Return `fn(z) -> images` running `generator` by a compiled direct call, in batches.

    The `tf.function` has a fixed signature (any batch size), so it traces once.
    """
    from core.tf_env import tf

    tf_mod = tf()
    dim = latent_dim_of(generator)
    tanh_out = _output_activation(generator) == "tanh"

    @tf_mod.function(input_signature=[tf_mod.TensorSpec([None, dim], tf_mod.float32)])  # type: ignore[untyped-decorator]
    def _call(z: Any) -> Any:
        return generator(z, training=False)

    def sample_fn(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=np.float32).reshape(-1, dim)
        if len(z) == 0:
            return to_images(np.asarray(_call(np.zeros((1, dim), np.float32)))[:0], tanh_out)
        parts = [np.asarray(_call(z[i: i + batch_size])) for i in range(0, len(z), batch_size)]
        return to_images(np.concatenate(parts), tanh_out)

    return sample_fn


def with_class(z: np.ndarray, label: int, classes: int) -> np.ndarray:
    """Noise asking a class-coded generator (`core.models.class_code`) for class `label`.

    In each row the largest of the first `classes` numbers trades places with the number at
    `label`: the row keeps its numbers (its style), a row already asking for `label` is
    unchanged, and standard-normal rows stay standard normal given that class.
    """
    if not 0 <= int(label) < int(classes):
        raise ValueError(f"class {label} is out of range: this generator knows classes 0..{int(classes) - 1}")
    out = np.array(z, dtype=np.float32, copy=True).reshape(len(z), -1)
    if out.shape[1] < classes:
        raise ValueError(f"noise of length {out.shape[1]} cannot carry {classes} classes")
    rows = np.arange(len(out))
    top = np.argmax(out[:, :classes], axis=1)
    at_label = out[rows, label].copy()
    out[rows, label] = out[rows, top]
    out[rows, top] = at_label
    return out


def generator_classes(generator: Any) -> int:
    """How many classes `generator` reads from its noise (an AC-GAN's); 0 for an unconditional one."""
    from core.models.class_code import classes_of

    return classes_of(generator)


def sample(generator: Any, n: int, seed: int, label: int | None = None) -> np.ndarray:
    """`n` images (n, H, W, C) in [0, 1] from `generator`, identical for the same seed; with
    `label`, a class-coded generator's images of that class (`with_class`)."""
    z = noise(n, latent_dim_of(generator), seed)
    if label is not None:
        classes = generator_classes(generator)
        if not classes:
            raise ValueError("this generator has no classes to choose from (it is not class-conditional)")
        z = with_class(z, label, classes)
    return make_sampler(generator)(z)


def lerp(z_a: np.ndarray, z_b: np.ndarray, steps: int) -> np.ndarray:
    """`steps` points on the straight line from `z_a` to `z_b`; the ends equal them exactly."""
    if steps < 2:
        raise ValueError(f"interpolation needs at least 2 steps, got {steps}")
    a = np.asarray(z_a, dtype=np.float32)
    b = np.asarray(z_b, dtype=np.float32)
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
    out = (1.0 - t) * a[None, :] + t * b[None, :]
    out[0], out[-1] = a, b
    return out.astype(np.float32)


def slerp(z_a: np.ndarray, z_b: np.ndarray, steps: int) -> np.ndarray:
    """`steps` points on the great circle from `z_a` to `z_b` (norms interpolated linearly).

    Falls back to `lerp` for (anti)parallel vectors; the ends equal the inputs exactly.
    """
    if steps < 2:
        raise ValueError(f"interpolation needs at least 2 steps, got {steps}")
    a = np.asarray(z_a, dtype=np.float64)
    b = np.asarray(z_b, dtype=np.float64)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return lerp(z_a, z_b, steps)
    cos = float(np.clip(np.dot(a / na, b / nb), -1.0, 1.0))
    omega = np.arccos(cos)
    if np.sin(omega) < 1e-6:
        return lerp(z_a, z_b, steps)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    out = (np.sin((1.0 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)
    out = out.astype(np.float32)
    out[0], out[-1] = np.asarray(z_a, np.float32), np.asarray(z_b, np.float32)
    return out


def interpolate(z_a: np.ndarray, z_b: np.ndarray, steps: int, method: str = "linear") -> np.ndarray:
    """Interpolate in noise space; `method` is "linear" or "spherical"."""
    if method == "linear":
        return lerp(z_a, z_b, steps)
    if method == "spherical":
        return slerp(z_a, z_b, steps)
    raise ValueError(f"unknown interpolation method {method!r} (use 'linear' or 'spherical')")


def latent_walk(latent_dim: int, frames: int, seed: int, keypoints: int = 4) -> np.ndarray:
    """A closed loop of `frames` noise vectors slerping through `keypoints` random points.

    The last frame leads smoothly back to the first, so the walk can animate forever.
    """
    if frames < 2 or keypoints < 2:
        raise ValueError("a latent walk needs at least 2 frames and 2 keypoints")
    keys = noise(keypoints, latent_dim, seed)
    per = int(np.ceil(frames / keypoints))
    legs = [slerp(keys[i], keys[(i + 1) % keypoints], per + 1)[:-1] for i in range(keypoints)]
    return np.concatenate(legs)[:frames]


def nearest_real(image: np.ndarray, train_images: np.ndarray) -> int:
    """Index of the training image closest to `image` in pixel space (L2): a memorisation check."""
    x = np.asarray(train_images, dtype=np.float32).reshape(len(train_images), -1)
    q = np.asarray(image, dtype=np.float32).reshape(-1)
    if x.shape[1] != q.shape[0]:
        raise ValueError(f"image has {q.shape[0]} pixels but training images have {x.shape[1]}")
    d = np.einsum("ij,ij->i", x, x) - 2.0 * (x @ q)
    return int(np.argmin(d))


def mean_image(images: np.ndarray) -> np.ndarray:
    """The per-pixel mean image (H, W, 1): the deterministic "model" that always outputs the same."""
    arr = np.asarray(images, dtype=np.float32)
    if len(arr) == 0:
        raise ValueError("mean_image of an empty set")
    return arr.mean(axis=0)


class NoiseGrid:
    """The noise behind an n x n sample grid, with per-cell locks that survive reseeding."""

    def __init__(self, n: int, latent_dim: int, seed: int = 0) -> None:
        self.latent_dim = latent_dim
        self.n = n
        self.seed = seed
        self.locked: set[int] = set()
        self.z = noise(n * n, latent_dim, seed)

    def reseed(self, seed: int) -> np.ndarray:
        """New noise from `seed` for every unlocked cell; returns the (n*n, latent_dim) noise."""
        fresh = noise(self.n * self.n, self.latent_dim, seed)
        for i in self.locked:
            fresh[i] = self.z[i]
        self.seed, self.z = seed, fresh
        return self.z

    def resize(self, n: int) -> np.ndarray:
        """Change the grid to n x n (cells keep their noise where they still exist)."""
        fresh = noise(n * n, self.latent_dim, self.seed)
        keep = min(len(fresh), len(self.z))
        for i in self.locked:
            if i < keep:
                fresh[i] = self.z[i]
        self.locked = {i for i in self.locked if i < n * n}
        self.n, self.z = n, fresh
        return self.z

    def toggle_lock(self, index: int) -> bool:
        """Lock or unlock cell `index`; returns whether it is now locked."""
        if not 0 <= index < self.n * self.n:
            raise ValueError(f"cell {index} outside a {self.n} x {self.n} grid")
        if index in self.locked:
            self.locked.discard(index)
            return False
        self.locked.add(index)
        return True
