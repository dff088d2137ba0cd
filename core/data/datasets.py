"""Image datasets: `mnist`, `fashion_mnist` (Keras download, cached), `digits` (scikit-learn,
offline), `idx:DIR` (MNIST-style IDX files) and `npz:FILE` (Keras `.npz` layout), all as
float32 (N, H, W, 1) images in [0, 1] with int64 labels. Only the Keras sources import
TensorFlow, and only to download. Every failure is a `DatasetError`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core import paths
from core.data.idx import IdxError, find_idx_pairs, folder_title, read_idx, read_idx_pair

DIGIT_CLASS_NAMES = tuple(str(i) for i in range(10))
FASHION_CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                       "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
MNIST_FILE, MNIST_SHA256 = "mnist.npz", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
FASHION_DIR = "fashion-mnist"
FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
OFFLINE_HINT = "offline alternatives: 'digits', 'idx:DIR' (a folder of MNIST IDX files) or 'npz:FILE'"
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
SPLIT_SEED = 0
TEST_FRACTION = 0.2


class DatasetError(ValueError):
    """A dataset could not be loaded; the message names the file/source and the problem."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train/test images (float32, (N, H, W, 1), [0, 1], read-only) with int64 labels."""

    name: str
    source: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(H, W, 1)."""
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
        return _frozen(name, self.source, x_tr, y_tr, x_te, y_te, self.class_names)


def load_dataset(source: str) -> Dataset:
    """Load `mnist`, `fashion_mnist`, `digits`, `idx:DIR` or `npz:FILE`; only DatasetError escapes."""
    key = _normalize(source)
    kind, _, arg = key.partition(":")
    try:
        if key in _NAMED_SOURCES:
            return _NAMED_SOURCES[key](key)
        if kind == "idx" and arg.strip():
            return _load_idx(key, Path(arg.strip()).expanduser())
        if kind == "npz" and arg.strip():
            path = Path(arg.strip()).expanduser()
            return _assemble(path.stem, key, _npz_parts(_read_npz(path), str(path)), None)
    except DatasetError:
        raise
    except (IdxError, ValueError) as exc:
        raise DatasetError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - the contract: nothing but DatasetError escapes
        raise DatasetError(f"{key}: {type(exc).__name__}: {exc}") from None
    raise DatasetError(f"unknown dataset source {source!r}: use mnist, fashion_mnist, digits, idx:DIR or npz:FILE")


_cache: dict[str, Dataset] = {}
_cache_lock = threading.Lock()  # guards _cache and _source_locks; each source has its own load lock
_source_locks: dict[str, threading.Lock] = {}


def load_dataset_cached(source: str) -> Dataset:
    """`load_dataset` with an in-process cache; concurrent callers of one source load it once."""
    key = _normalize(source)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        lock = _source_locks.setdefault(key, threading.Lock())
    with lock:
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        dataset = load_dataset(key)
        with _cache_lock:
            _cache[key] = dataset
        return dataset


def clear_dataset_cache() -> None:
    """Forget every dataset held by `load_dataset_cached`."""
    with _cache_lock:
        _cache.clear()


def keras_cache_dir() -> Path:
    """Where Keras caches its datasets: `$KERAS_HOME/datasets`, else `~/.keras/datasets`."""
    home = os.environ.get("KERAS_HOME")
    if home:
        return Path(home).expanduser() / "datasets"
    base = Path.home() if os.access(Path.home(), os.W_OK) else Path("/tmp")
    return base / ".keras" / "datasets"


def default_source(allow_download: bool = True) -> str:
    """`"mnist"` when cached (or its host answers within ~4 s), else `"digits"`."""
    cached = keras_cache_dir() / MNIST_FILE
    if cached.exists():
        try:
            with np.load(cached, allow_pickle=False) as archive:
                return "mnist" if all(k in archive.files for k in NPZ_KEYS) else "digits"
        except Exception:  # noqa: BLE001 - a corrupt cache just means "not available"
            return "digits"
    if allow_download and _host_reachable("storage.googleapis.com", 443, timeout_s=4.0):
        return "mnist"
    return "digits"


def describe_sources() -> list[tuple[str, str]]:
    """(source, label) pairs for a combo box; the shared MNIST t10k folder when present."""
    cache = keras_cache_dir()
    fashion = all((cache / FASHION_DIR / f).exists() for f in FASHION_FILES)
    sources = [
        ("mnist", "MNIST (70,000 images, " + ("cached)" if (cache / MNIST_FILE).exists() else "11 MB download)")),
        ("fashion_mnist", "Fashion-MNIST (70,000 images, " + ("cached)" if fashion else "30 MB download)")),
        ("digits", "scikit-learn digits 8x8 (1,797 images, offline)"),
    ]
    shared = paths.shared_mnist_dir()
    if shared is not None:
        sources.append((f"idx:{shared}", "MNIST t10k, shared folder (10,000 images, 80/20 split)"))
    return sources


# ---------------------------------------------------------------- sources


def _normalize(source: object) -> str:
    if not isinstance(source, str) or not source.strip():
        raise DatasetError(f"dataset source must be a non-empty string, got {source!r}")
    key = source.strip()
    lowered = key.lower().replace("-", "_")
    return lowered if lowered in _NAMED_SOURCES else key


def _load_mnist(source: str) -> Dataset:
    path = keras_cache_dir() / MNIST_FILE
    if not path.exists():
        _download(source, [(MNIST_FILE, MNIST_SHA256)], path.parent)
    arrays = _read_npz(path, hint=" (delete it to download again)")
    return _assemble("MNIST", source, _npz_parts(arrays, str(path)), DIGIT_CLASS_NAMES)


def _load_fashion(source: str) -> Dataset:
    folder = keras_cache_dir() / FASHION_DIR
    missing = [f for f in FASHION_FILES if not (folder / f).exists()]
    if missing:
        _download(source, [(f, None) for f in missing], folder)
    x_tr, y_tr, x_te, y_te = (folder / f for f in FASHION_FILES)
    parts = [(read_idx(x), read_idx(y), str(x), str(y)) for x, y in ((x_tr, y_tr), (x_te, y_te))]
    return _assemble("Fashion-MNIST", source, parts, FASHION_CLASS_NAMES)


def _load_digits(source: str) -> Dataset:
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.origin:
        raise DatasetError("digits: scikit-learn is not installed (pip install scikit-learn)")
    csv = Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"
    if csv.exists():  # sklearn's own data file: no need to import sklearn (~1 s)
        table = np.loadtxt(csv, delimiter=",", dtype=np.float32)
    else:
        from sklearn.datasets import load_digits

        bunch = load_digits()
        table = np.column_stack([bunch.data, bunch.target]).astype(np.float32)
    images = table[:, :64].reshape(-1, 8, 8) / np.float32(16.0)
    parts = [(images, table[:, 64], "digits images", "digits labels")]
    return _assemble("scikit-learn digits 8x8", source, parts, DIGIT_CLASS_NAMES)


def _load_idx(source: str, folder: Path) -> Dataset:
    parts = [(*read_idx_pair(x, y), str(x), str(y)) for x, y in find_idx_pairs(folder).values()]
    names = FASHION_CLASS_NAMES if "fashion" in folder.name.lower() else None
    return _assemble(folder_title(folder.name), source, parts, names)


_NAMED_SOURCES: dict[str, Callable[[str], Dataset]] = {
    "mnist": _load_mnist, "fashion_mnist": _load_fashion, "digits": _load_digits}


def _npz_parts(arrays: dict[str, np.ndarray], where: str) -> list[_Part]:
    return [(arrays[f"x_{s}"], arrays[f"y_{s}"], f"{where}: x_{s}", f"{where}: y_{s}")
            for s in ("train", "test")]


def _read_npz(path: Path, hint: str = "") -> dict[str, np.ndarray]:
    if not path.is_file():
        raise DatasetError(f"{path}: {'not a file' if path.exists() else 'file not found'}")
    try:
        with open(path, "rb") as handle:
            if handle.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):
                raise DatasetError(f"{path}: not an .npz archive (no zip signature){hint}")
        with np.load(path, allow_pickle=False) as archive:
            missing = [k for k in NPZ_KEYS if k not in archive.files]
            if missing:
                raise DatasetError(f"{path}: missing keys {', '.join(missing)} "
                                   f"(an .npz dataset needs {', '.join(NPZ_KEYS)})")
            return {k: archive[k] for k in NPZ_KEYS}
    except DatasetError:
        raise
    except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, OSError, ...
        if isinstance(exc, ValueError) and "pickle" in str(exc).lower():
            raise DatasetError(f"{path}: holds Python objects; refusing to unpickle{hint}") from None
        raise DatasetError(f"{path}: corrupt .npz ({type(exc).__name__}: {exc}){hint}") from None


# ---------------------------------------------------------------- building

#: (images, labels, where the images came from, where the labels came from)
_Part = tuple[np.ndarray, np.ndarray, str, str]


def _assemble(base: str, source: str, parts: list[_Part], class_names: tuple[str, ...] | None) -> Dataset:
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
    return _frozen(name, source, x_tr, y_tr, x_te, y_te, class_names)


def _frozen(name: str, source: str, x_tr: np.ndarray, y_tr: np.ndarray, x_te: np.ndarray,
            y_te: np.ndarray, class_names: tuple[str, ...]) -> Dataset:
    """A Dataset of contiguous read-only arrays (the cache shares them between tabs)."""
    arrays = [np.ascontiguousarray(a) for a in (x_tr, y_tr, x_te, y_te)]
    for array in arrays:
        array.setflags(write=False)
    return Dataset(name, source, arrays[0], arrays[1], arrays[2], arrays[3], tuple(class_names))


# ---------------------------------------------------------------- array checks and splits


def _as_images(x: np.ndarray, where: str) -> np.ndarray:
    """float32 (N, H, W, 1) in [0, 1] from uint8-like 0..255 or float 0..1 images."""
    x = np.asarray(x)
    if x.ndim == 4 and x.shape[-1] == 1:
        x = x[..., 0]
    if x.ndim != 3:
        raise DatasetError(f"{where}: expected images shaped (N, H, W) or (N, H, W, 1), got {x.shape}")
    if x.size == 0:
        raise DatasetError(f"{where}: no images (empty array of shape {x.shape})")
    if x.dtype.kind in "ui":
        lo, hi = int(x.min()), int(x.max())
        if lo < 0 or hi > 255:
            raise DatasetError(f"{where}: integer pixels must be 0..255, found {lo}..{hi}")
        return (x.astype(np.float32) / np.float32(255.0))[..., None]
    if x.dtype.kind != "f":
        raise DatasetError(f"{where}: unsupported pixel type {x.dtype} (use uint8 0..255 or float 0..1)")
    if not np.isfinite(x).all():
        raise DatasetError(f"{where}: images contain NaN or infinite values")
    lo_f, hi_f = float(x.min()), float(x.max())
    if lo_f < 0.0 or hi_f > 1.0:
        raise DatasetError(f"{where}: float pixels must be in [0, 1], found {lo_f:g}..{hi_f:g}")
    return x.astype(np.float32)[..., None]


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


# ---------------------------------------------------------------- downloads


def _fetch(url: str, fname: str, file_hash: str | None, folder: Path) -> Path:
    """Download `url` into `folder/fname` through Keras (hash-checked); tests replace this."""
    from core.tf_env import keras

    return Path(keras().utils.get_file(fname, origin=url, file_hash=file_hash,
                                       cache_dir=str(folder), cache_subdir=""))


def _download(source: str, files: list[tuple[str, str | None]], target: Path) -> None:
    """Fetch `files` into a temp folder, then link each into `target` without overwriting."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".latent-lab-download-", dir=target))
    except OSError as exc:
        raise DatasetError(f"{source}: cannot create the cache folder {target} ({exc})") from None
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(30.0)
    try:
        for fname, digest in files:
            got = _fetch(KERAS_ORIGIN + fname, fname, digest, temp)
            _link_new(got, target / fname)
    except Exception as exc:  # noqa: BLE001 - offline, HTTP errors, hash mismatch, ...
        raise DatasetError(f"{source}: download from {KERAS_ORIGIN} failed ({exc}); {OFFLINE_HINT}") from None
    finally:
        socket.setdefaulttimeout(previous)
        shutil.rmtree(temp, ignore_errors=True)


def _link_new(src: Path, dst: Path) -> None:
    """Put `src` at `dst` unless something is already there (never overwrite a cache)."""
    with contextlib.suppress(FileExistsError):
        try:
            os.link(src, dst)
        except OSError:  # exists (-> suppressed below) or no hard links: exclusive-create copy
            with open(dst, "xb") as out, open(src, "rb") as inp:
                shutil.copyfileobj(inp, out)


def _host_reachable(host: str, port: int, timeout_s: float) -> bool:
    """Whether a TCP connection opens within `timeout_s` (DNS included, via a daemon thread)."""
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout_s):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True, name="latent-lab-net-probe")
    thread.start()
    thread.join(timeout_s)
    return bool(result and result[0])
