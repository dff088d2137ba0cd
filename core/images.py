"""Export images: 8-bit PNGs, animated GIFs and image grids, written atomically with Pillow.

Shared by the Latent map tab, the GAN tab and the headless commands. Images are float
arrays in [0, 1] (grey `(H, W)` / `(H, W, 1)` or RGB `(H, W, 3)`) or uint8; pixel values
are `round(255 * value)` after clipping to [0, 1].
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import atomic_write_bytes


def to_uint8(image: np.ndarray) -> np.ndarray:
    """Float [0, 1] or uint8 image -> contiguous uint8 `(H, W)` or `(H, W, 3)`."""
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[-1] not in (3, 4)):
        raise ValueError(f"expected an image (H, W[, 1|3]), got shape {tuple(np.shape(image))}")
    if arr.dtype != np.uint8:
        arr = np.clip(np.nan_to_num(arr.astype(np.float32)), 0.0, 1.0)
        arr = np.rint(arr * 255.0).astype(np.uint8)
    return np.ascontiguousarray(arr[..., :3] if arr.ndim == 3 else arr)


def tile(images: np.ndarray | Sequence[np.ndarray], cols: int | None = None,
         pad: int = 0, pad_value: float = 1.0) -> np.ndarray:
    """Arrange `(N, H, W[, 1])` or colour `(N, H, W, 3)` float images into one grid image.

    Grey gives `(rows*H, cols*W)`, colour `(rows*H, cols*W, 3)`. Row-major: image `i` goes
    to row `i // cols`, column `i % cols`; `pad` pixels of `pad_value` separate neighbours.
    """
    imgs = np.asarray(images, dtype=np.float32)
    if imgs.ndim == 4 and imgs.shape[-1] == 1:
        imgs = imgs[..., 0]
    if not (imgs.ndim == 3 or (imgs.ndim == 4 and imgs.shape[-1] == 3)) or len(imgs) == 0:
        raise ValueError(f"expected a non-empty stack of grey or RGB images, got shape {imgs.shape}")
    n, h, w = imgs.shape[:3]
    cols = cols or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    grid = np.full((rows * (h + pad) - pad, cols * (w + pad) - pad, *imgs.shape[3:]), pad_value,
                   dtype=np.float32)
    for i in range(n):
        r, c = divmod(i, cols)
        grid[r * (h + pad): r * (h + pad) + h, c * (w + pad): c * (w + pad) + w] = imgs[i]
    return grid


def _pil(image: np.ndarray, scale: int) -> Any:  # a PIL.Image.Image
    from PIL import Image

    arr = to_uint8(image)
    pil = Image.fromarray(arr, mode="L" if arr.ndim == 2 else "RGB")
    if scale != 1:
        if scale < 1:
            raise ValueError(f"scale must be a positive integer, got {scale}")
        pil = pil.resize((pil.width * scale, pil.height * scale), Image.Resampling.NEAREST)
    return pil


def save_png(image: np.ndarray, path: str | os.PathLike[str], scale: int = 1) -> Path:
    """Save one image as an 8-bit PNG (grey stays mode "L"), `scale`x nearest-neighbour; atomic."""
    buf = io.BytesIO()
    _pil(image, int(scale)).save(buf, format="PNG")
    atomic_write_bytes(path, buf.getvalue())
    return Path(path)


def save_gif(frames: Sequence[np.ndarray], path: str | os.PathLike[str], fps: float = 10,
             scale: int = 4) -> Path:
    """Save `frames` (same-size images) as a looping animated GIF at `fps`; atomic.

    Each frame is enlarged `scale`x with nearest-neighbour pixels (28x28 digits are tiny).
    """
    if len(frames) == 0:
        raise ValueError("save_gif needs at least one frame")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    pils = [_pil(f, int(scale)) for f in frames]
    if len({p.size for p in pils}) != 1:
        raise ValueError("all GIF frames must have the same size")
    buf = io.BytesIO()
    pils[0].save(buf, format="GIF", save_all=True, append_images=pils[1:],
                 duration=max(20, int(round(1000.0 / fps))), loop=0, disposal=1)
    atomic_write_bytes(path, buf.getvalue())
    return Path(path)
