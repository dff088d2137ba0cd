"""`Dataset`: train/test images and labels, checked, read-only, with class-proportional subsets.

`assemble` turns raw arrays from any source into a `Dataset`: pixels scaled to [0, 1],
labels checked, and a single part split 80/20 (stratified, fixed seed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import UserError

DIGIT_CLASS_NAMES = tuple(str(i) for i in range(10))
FASHION_CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                       "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
SPLIT_SEED = 0
TEST_FRACTION = 0.2


class DatasetError(UserError, ValueError):
    """A dataset could not be loaded; the message names the file/source and the problem."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train/test images (float32, (N, H, W, C) with C = 1 grey or 3 RGB, [0, 1], read-only)
    with int64 labels."""

    name: str
    source: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(H, W, C): C is 1 for grey images, 3 for colour."""
        h, w, c = self.x_train.shape[1:]
        return (int(h), int(w), int(c))

    @property
    def num_classes(self) -> int:
        """Number of classes (labels run 0..num_classes-1)."""
        return len(self.class_names)

    def subset(self, n_train: int | None, n_test: int | None, seed: int = 0) -> Dataset:
        """At most `n_train`/`n_test` images (None = all), class-proportional and deterministic."""
        try:
            train = _take(self.y_train, n_train, seed)
            test = _take(self.y_test, n_test, seed)
        except ValueError as exc:
            raise DatasetError(f"{self.source}: {exc}") from None
        if train is None and test is None:
            return self
        x_tr, y_tr = (self.x_train, self.y_train) if train is None else (self.x_train[train], self.y_train[train])
        x_te, y_te = (self.x_test, self.y_test) if test is None else (self.x_test[test], self.y_test[test])
        name = f"{self.name} [subset: {len(y_tr):,} train / {len(y_te):,} test]"
        return frozen_dataset(name, self.source, x_tr, y_tr, x_te, y_te, self.class_names)


#: (images, labels, where the images came from, where the labels came from)
Part = tuple[np.ndarray, np.ndarray, str, str]


def assemble(base: str, source: str, parts: list[Part], class_names: tuple[str, ...] | None) -> Dataset:
    """Check and convert the arrays; two parts are (train, test), one part is split 80/20."""
    checked = []
    for images, labels, x_where, y_where in parts:
        x = _as_images(images, x_where)
        checked.append((x, _as_labels(labels, y_where, len(x))))
    where = parts[0][2]
    if len(checked) == 1:
        ((x, y),) = checked
        train, test = _stratified_split(y, TEST_FRACTION, SPLIT_SEED)
        if len(train) == 0 or len(test) == 0:
            raise DatasetError(f"{where}: only {len(y)} image(s), too few for an 80/20 split")
        name = f"{base} ({len(y):,} images, stratified 80/20 split: {len(train):,} train / {len(test):,} test)"
        (x_tr, y_tr), (x_te, y_te) = (x[train], y[train]), (x[test], y[test])
    else:
        (x_tr, y_tr), (x_te, y_te) = checked
        name = f"{base} ({len(y_tr):,} train / {len(y_te):,} test)"
        if x_tr.shape[1:] != x_te.shape[1:]:
            raise DatasetError(f"{where}: train images are {x_tr.shape[1:3]} but test images "
                               f"({parts[1][2]}) are {x_te.shape[1:3]}")
    top = int(max(y_tr.max(), y_te.max()))
    class_names = class_names or tuple(str(i) for i in range(top + 1))
    if top >= len(class_names):
        culprit = parts[-1][3] if len(parts) == 2 and y_te.max() == top else parts[0][3]
        raise DatasetError(f"{culprit}: labels out of range (max {top}; this dataset has "
                           f"{len(class_names)} classes, 0..{len(class_names) - 1})")
    return frozen_dataset(name, source, x_tr, y_tr, x_te, y_te, class_names)


def frozen_dataset(name: str, source: str, x_tr: np.ndarray, y_tr: np.ndarray, x_te: np.ndarray,
            y_te: np.ndarray, class_names: tuple[str, ...]) -> Dataset:
    """A Dataset of contiguous read-only arrays (the cache shares them between tabs)."""
    arrays = [np.ascontiguousarray(a) for a in (x_tr, y_tr, x_te, y_te)]
    for array in arrays:
        array.setflags(write=False)
    return Dataset(name, source, arrays[0], arrays[1], arrays[2], arrays[3], tuple(class_names))


def _as_images(x: np.ndarray, where: str) -> np.ndarray:
    """float32 (N, H, W, C) in [0, 1] (C = 1 or 3) from uint8-like 0..255 or float 0..1 images."""
    x = np.asarray(x)
    if x.ndim == 3:
        x = x[..., None]
    if x.ndim != 4 or x.shape[-1] not in (1, 3):
        raise DatasetError(f"{where}: expected images shaped (N, H, W), (N, H, W, 1) or (N, H, W, 3), "
                           f"got {x.shape}")
    if x.size == 0:
        raise DatasetError(f"{where}: no images (empty array of shape {x.shape})")
    if x.dtype.kind in "ui":
        lo, hi = int(x.min()), int(x.max())
        if lo < 0 or hi > 255:
            raise DatasetError(f"{where}: integer pixels must be 0..255, found {lo}..{hi}")
        return x.astype(np.float32) / np.float32(255.0)
    if x.dtype.kind != "f":
        raise DatasetError(f"{where}: unsupported pixel type {x.dtype} (use uint8 0..255 or float 0..1)")
    if not np.isfinite(x).all():
        raise DatasetError(f"{where}: images contain NaN or infinite values")
    lo_f, hi_f = float(x.min()), float(x.max())
    if lo_f < 0.0 or hi_f > 1.0:
        raise DatasetError(f"{where}: float pixels must be in [0, 1], found {lo_f:g}..{hi_f:g}")
    return x.astype(np.float32)


def _as_labels(y: np.ndarray, where: str, count: int) -> np.ndarray:
    """int64 (N,) labels in 0..255, one per image."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise DatasetError(f"{where}: expected labels shaped (N,), got {y.shape}")
    if y.size == 0:
        raise DatasetError(f"{where}: no labels (empty array)")
    if y.dtype.kind == "f" and not (np.isfinite(y).all() and (y == np.round(y)).all()):
        raise DatasetError(f"{where}: labels must be whole numbers (found NaN, inf or fractions)")
    if y.dtype.kind not in "uif":
        raise DatasetError(f"{where}: unsupported label type {y.dtype} (use integers)")
    lo, hi = y.min(), y.max()
    if lo < 0 or hi > 255:
        raise DatasetError(f"{where}: labels out of range ({lo:g}..{hi:g}); they must be "
                           "0..num_classes-1 with num_classes <= 256")
    if len(y) != count:
        raise DatasetError(f"{where}: image/label count mismatch ({count:,} images, {len(y):,} labels)")
    return y.astype(np.int64)


def _stratified_split(labels: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled (train, test) indices; each class's test share within 1 of the exact fraction."""
    n_test = int(np.floor(len(labels) * test_fraction + 0.5))
    test = _pick(labels, n_test, np.random.default_rng(seed))
    keep = np.ones(len(labels), dtype=bool)
    keep[test] = False
    rng = np.random.default_rng(seed + 1)
    return rng.permutation(np.flatnonzero(keep)), rng.permutation(test)


def _take(labels: np.ndarray, count: int | None, seed: int) -> np.ndarray | None:
    """Sorted indices of `count` class-proportional items, or None for "all of them"."""
    if count is None or count >= len(labels):
        return None
    if count < 1:
        raise DatasetError(f"subset sizes must be at least 1, got {count}")
    return _pick(labels, int(count), np.random.default_rng(seed))


def _pick(labels: np.ndarray, total: int, rng: np.random.Generator) -> np.ndarray:
    """`total` sorted indices split over classes by largest remainder, seeded within each class."""
    _, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    quota = counts * total // len(labels)
    order = np.argsort(-(counts * total % len(labels)), kind="stable")
    quota[order[: total - int(quota.sum())]] += 1
    picks = [rng.permutation(np.flatnonzero(inverse.ravel() == c))[:q] for c, q in enumerate(quota)]
    return np.sort(np.concatenate(picks)).astype(np.int64)
