"""Helpers for the commands that take a user's `.keras` file as well as a run folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.cli.errors import CommandError


def is_model_file(path: Path) -> bool:
    """Whether `path` names a model file (not a run folder)."""
    return path.is_file() or path.suffix.lower() in {".keras", ".h5", ".hdf5"}


def require_source(path: Path, what: str = "run folder") -> None:
    """Raise a one-line `CommandError` when `path` is neither a model file nor a folder."""
    if not path.exists():
        raise CommandError(f"{path}: no such model file or {what}")


def tile_images(images: np.ndarray, cols: int | None = None, pad: int = 0) -> np.ndarray:
    """`core.images.tile` for grey (N, H, W[, 1]) or colour (N, H, W, 3) images."""
    from core.images import tile

    arr = np.asarray(images, np.float32)
    if arr.ndim == 4 and arr.shape[-1] == 3:
        return np.stack([tile(arr[..., c], cols=cols, pad=pad) for c in range(3)], axis=-1)
    return tile(arr, cols=cols, pad=pad)


def default_out(source: Path, name: str) -> Path:
    """A default output path: inside a run folder, or beside a model file (stem prefixed)."""
    if source.is_dir():
        return source / name
    return source.with_name(f"{source.stem}_{name}")
