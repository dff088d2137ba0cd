"""Inputs for the density view, made to the generative model's image shape (no Qt, no TF)."""

from __future__ import annotations

import numpy as np

#: Input kinds, in the chooser's order.
INPUT_KINDS = ("test", "drawn", "gan", "noise", "other", "mean", "flip")


def fit_image(image: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """`image` (H, W[, C]) in [0, 1] resized (bilinear) to `shape` (H', W', C'): grey is
    repeated over colour channels, colour averaged to grey."""
    from PIL import Image

    arr = np.asarray(image, np.float32)
    arr = arr[..., 0] if arr.ndim == 3 and arr.shape[-1] == 1 else arr
    h, w, c = (int(s) for s in shape)
    if arr.shape[:2] != (h, w):
        planes = arr[..., None] if arr.ndim == 2 else arr
        resized = [np.asarray(Image.fromarray(planes[..., i].astype(np.float32), mode="F").resize(
            (w, h), Image.Resampling.BILINEAR)) for i in range(planes.shape[-1])]
        arr = np.stack(resized, axis=-1)
        arr = arr[..., 0] if arr.shape[-1] == 1 else arr
    if arr.ndim == 2:
        arr = np.repeat(arr[..., None], c, axis=-1)
    elif arr.shape[-1] != c:
        arr = np.repeat(arr.mean(axis=-1, keepdims=True), c, axis=-1)
    return np.clip(arr, 0.0, 1.0).astype(np.float32)


def noise_image(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Uniform noise of `shape` from `seed`."""
    return np.random.default_rng(seed).random(shape).astype(np.float32)
