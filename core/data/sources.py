"""Where datasets come from: `load_dataset(source)` for mnist, fashion_mnist, digits, mondrian,
cifar10, cifar100, idx:DIR, npz:FILE and folder:DIR (class subfolders of images).

Only `DatasetError` (one line naming the file or source) escapes a loader. `load_dataset_cached`
shares one loaded copy per source within the process.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

import numpy as np

from core import paths
from core.data import keras_download
from core.data.dataset import (
    DIGIT_CLASS_NAMES,
    FASHION_CLASS_NAMES,
    Dataset,
    DatasetError,
    Part,
    assemble,
)
from core.data.idx import IdxError, find_idx_pairs, folder_title, read_idx_pair

NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
#: Sources written `KIND:PATH`; the path may hold colons of its own (`idx:C:\\data\\mnist`).
PATH_KINDS = ("idx", "npz", "folder")


def split_source(source: str) -> tuple[str, str] | None:
    """`(kind, path)` of an `idx:`/`npz:`/`folder:` source, split on the first colon only; else None.

    The kind is case-insensitive and comes back lower-case; the path keeps everything after the
    first colon (a Windows drive letter included), stripped of surrounding spaces.
    """
    kind, sep, arg = source.strip().partition(":")
    if not sep or kind.strip().lower() not in PATH_KINDS or not arg.strip():
        return None
    return kind.strip().lower(), arg.strip()


def load_dataset(source: str) -> Dataset:
    """Load a named source, `idx:DIR`, `npz:FILE` or `folder:DIR[?size=S]`; only DatasetError escapes."""
    key = _normalize(source)
    kind, arg = split_source(key) or ("", "")
    try:
        if key in _NAMED_SOURCES:
            return _NAMED_SOURCES[key](key)
        if kind == "idx":
            return _load_idx(key, Path(arg).expanduser())
        if kind == "npz":
            path = Path(arg).expanduser()
            return assemble(path.stem, key, _npz_parts(_read_npz(path), str(path)), None)
        if kind == "folder":
            return _load_folder(key, arg)
    except DatasetError:
        raise
    except (IdxError, ValueError) as exc:
        raise DatasetError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - the contract: nothing but DatasetError escapes
        raise DatasetError(f"{key}: {type(exc).__name__}: {exc}") from None
    raise DatasetError(f"unknown dataset source {source!r}: use mnist, fashion_mnist, digits, mondrian, "
                       "cifar10, cifar100, idx:DIR, npz:FILE or folder:DIR")


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


def default_source(allow_download: bool = True) -> str:
    """`"mnist"` when cached (or its host answers within ~4 s), else `"digits"`."""
    cached = keras_download.keras_cache_dir() / keras_download.MNIST_FILE
    if cached.exists():
        try:
            with np.load(cached, allow_pickle=False) as archive:
                return "mnist" if all(k in archive.files for k in NPZ_KEYS) else "digits"
        except Exception:  # noqa: BLE001 - a corrupt cache just means "not available"
            return "digits"
    if allow_download and keras_download.host_reachable("storage.googleapis.com", 443, timeout_s=4.0):
        return "mnist"
    return "digits"


def describe_sources() -> list[tuple[str, str]]:
    """(source, label) pairs for a combo box; the shared MNIST t10k folder when present."""
    cache = keras_download.keras_cache_dir()
    fashion = all((cache / keras_download.FASHION_DIR / f).exists() for f in keras_download.FASHION_FILES)
    sources = [
        ("mnist", "MNIST (70,000 images, " + ("cached)" if (cache / keras_download.MNIST_FILE).exists() else "11 MB download)")),
        ("fashion_mnist", "Fashion-MNIST (70,000 images, " + ("cached)" if fashion else "30 MB download)")),
        ("digits", "scikit-learn digits 8x8 (1,797 images, offline)"),
        ("mondrian", "Mondrian-style compositions 32x32 RGB (5,000 images, generated offline)"),
        ("cifar10", "CIFAR-10 32x32 RGB (60,000 images, " + ("cached)" if _cifar_cached("cifar10") else "170 MB download)")),
    ]
    shared = paths.shared_mnist_dir()
    if shared is not None:
        sources.append((f"idx:{shared}", "MNIST t10k, shared folder (10,000 images, 80/20 split)"))
    return sources


def _normalize(source: object) -> str:
    if not isinstance(source, str) or not source.strip():
        raise DatasetError(f"dataset source must be a non-empty string, got {source!r}")
    key = source.strip()
    lowered = key.lower().replace("-", "_")
    return lowered if lowered in _NAMED_SOURCES else key


def _load_mnist(source: str) -> Dataset:
    path = keras_download.keras_cache_dir() / keras_download.MNIST_FILE
    if not path.exists():
        keras_download.download(source, [(keras_download.MNIST_FILE, keras_download.MNIST_SHA256)], path.parent)
    arrays = _read_npz(path, hint=" (delete it to download again)")
    return assemble("MNIST", source, _npz_parts(arrays, str(path)), DIGIT_CLASS_NAMES)


def _load_fashion(source: str) -> Dataset:
    folder = keras_download.keras_cache_dir() / keras_download.FASHION_DIR
    missing = [f for f in keras_download.FASHION_FILES if not (folder / f).exists()]
    if missing:
        keras_download.download(source, [(f, None) for f in missing], folder)
    x_tr, y_tr, x_te, y_te = (folder / f for f in keras_download.FASHION_FILES)
    parts = [(*read_idx_pair(x, y), str(x), str(y)) for x, y in ((x_tr, y_tr), (x_te, y_te))]
    return assemble("Fashion-MNIST", source, parts, FASHION_CLASS_NAMES)


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
    return assemble("scikit-learn digits 8x8", source, parts, DIGIT_CLASS_NAMES)


def _load_idx(source: str, folder: Path) -> Dataset:
    parts = [(*read_idx_pair(x, y), str(x), str(y)) for x, y in find_idx_pairs(folder).values()]
    names = FASHION_CLASS_NAMES if "fashion" in folder.name.lower() else None
    return assemble(folder_title(folder.name), source, parts, names)


def _load_mondrian(source: str) -> Dataset:
    from core.data import mondrian

    parts = [(*mondrian.mondrian_images(n, seed), f"mondrian {split}", f"mondrian {split} labels")
             for split, n, seed in (("train", mondrian.TRAIN_COUNT, 0), ("test", mondrian.TEST_COUNT, 1))]
    return assemble("Mondrian-style compositions 32x32", source, parts, mondrian.CLASS_NAMES)


def _load_cifar(source: str) -> Dataset:
    from core.data.cifar import load_cifar

    parts, names = load_cifar(source)
    return assemble("CIFAR-10" if source == "cifar10" else "CIFAR-100", source, parts, names)


def _cifar_cached(source: str) -> bool:
    from core.data.cifar import SPECS

    spec, cache = SPECS[source], keras_download.keras_cache_dir()
    return any(p.exists() for p in (cache / spec.archive, cache / spec.keras_dir / spec.inner, cache / spec.inner))


def _load_folder(source: str, arg: str) -> Dataset:
    """Class subfolders of images; unreadable files are skipped, named in a warning and the name."""
    from core.data.folder import load_folder, warn_skipped

    x, y, names, folder, skipped = load_folder(arg)
    warn_skipped(folder, skipped)
    title = folder.name or str(folder)
    if skipped:
        title += f"; {len(skipped)} unreadable file(s) skipped"
    return assemble(title, source, [(x, y, str(folder), str(folder))], names)


_NAMED_SOURCES: dict[str, Callable[[str], Dataset]] = {
    "mnist": _load_mnist, "fashion_mnist": _load_fashion, "digits": _load_digits,
    "mondrian": _load_mondrian, "cifar10": _load_cifar, "cifar100": _load_cifar}


def _npz_parts(arrays: dict[str, np.ndarray], where: str) -> list[Part]:
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


def canonical_source(source: str) -> str:
    """`source` as stored in a run's config: named sources normalised, `idx:`/`npz:` paths absolute.

    Splits on the first colon only, so `idx:C:\\data` keeps its drive letter; a relative path
    is made absolute against the current folder (`~` expanded), so reopening a run from
    another working folder still finds its data. Anything else comes back stripped.
    """
    if not isinstance(source, str) or not source.strip():
        return source
    key = _normalize(source)
    parts = split_source(key)
    if parts is None:
        return key
    kind, text = parts
    if PureWindowsPath(text).drive or text.startswith(("/", "\\")):  # absolute here or on Windows
        return f"{kind}:{text}"
    path = Path(text).expanduser()
    return f"{kind}:{path if path.is_absolute() else Path.cwd() / path}"
