"""Small dataset files for the data tests: digit-like arrays, `.npz` and IDX folders."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.data.dataset import Dataset
from core.data.idx import write_idx

RNG = np.random.default_rng(1)


def digits_like(n: int, classes: int = 10, size: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """`n` random uint8 images with labels cycling through `classes`."""
    images = RNG.integers(0, 256, size=(n, size, size), dtype=np.uint8)
    labels = (np.arange(n) % classes).astype(np.uint8)
    return images, labels


def write_npz(path: Path, **arrays: np.ndarray) -> Path:
    """A Keras-layout `.npz` (40 train / 20 test); `arrays` replace keys (None drops one)."""
    x_train, y_train = digits_like(40)
    x_test, y_test = digits_like(20)
    base = {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}
    base.update(arrays)
    np.savez(path, **{k: v for k, v in base.items() if v is not None})
    return path


def idx_folder(folder: Path, splits: tuple[str, ...] = ("t10k",), n: int = 50,
                suffix: str = ".gz") -> Path:
    """A folder of IDX files, one images/labels pair per split."""
    folder.mkdir(parents=True, exist_ok=True)
    for split in splits:
        images, labels = digits_like(n)
        write_idx(folder / f"{split}-images-idx3-ubyte{suffix}", images)
        write_idx(folder / f"{split}-labels-idx1-ubyte{suffix}", labels)
    return folder


def assert_valid(ds: Dataset) -> None:
    """The `Dataset` contract: float32 (N, H, W, C) in [0, 1] with C = 1 or 3, int64 labels in range."""
    for x, y in ((ds.x_train, ds.y_train), (ds.x_test, ds.y_test)):
        assert x.dtype == np.float32 and x.ndim == 4 and x.shape[-1] in (1, 3)
        assert y.dtype == np.int64 and y.shape == (len(x),)
        assert 0.0 <= x.min() and x.max() <= 1.0
        assert 0 <= y.min() and y.max() < ds.num_classes
    assert ds.image_shape == ds.x_train.shape[1:] == ds.x_test.shape[1:]
