"""`cifar10` and `cifar100` (fine labels): the archives `keras.datasets` serves, read without TensorFlow.

The archive is looked for in the Keras cache (`~/.keras/datasets` or `$KERAS_HOME/datasets`):
our own download (`cifar-10-python.tar.gz`) or the folder `keras.datasets.cifar10.load_data()`
extracts. Missing, it is downloaded once (hash-checked); offline, the error says so in one
line and names the offline alternatives, like MNIST's. The batches are Python pickles of
NumPy arrays: they are read with an unpickler that refuses anything but NumPy arrays.
"""

from __future__ import annotations

import io
import pickle
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.data import keras_download

ORIGIN = "https://www.cs.toronto.edu/~kriz/"
CIFAR10_NAMES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
_ALLOWED = {("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
            ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "scalar"),
            ("numpy._core.multiarray", "scalar")}


@dataclass(frozen=True)
class CifarSpec:
    """Where one CIFAR variant lives and how its archive is laid out."""

    archive: str
    sha256: str
    inner: str
    train: tuple[str, ...]
    test: str
    label_key: str
    keras_dir: str


SPECS = {
    "cifar10": CifarSpec("cifar-10-python.tar.gz",
                         "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
                         "cifar-10-batches-py", tuple(f"data_batch_{i}" for i in range(1, 6)),
                         "test_batch", "labels", "cifar-10-batches-py-target"),
    "cifar100": CifarSpec("cifar-100-python.tar.gz",
                          "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7",
                          "cifar-100-python", ("train",), "test", "fine_labels", "cifar-100-python-target"),
}


class _NumpyOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to unpickle {module}.{name}")


def _unpickle(data: bytes) -> dict[str, Any]:
    raw = _NumpyOnly(io.BytesIO(data), encoding="bytes").load()
    return {k.decode() if isinstance(k, bytes) else str(k): v for k, v in raw.items()}


def _batch(data: bytes, label_key: str) -> tuple[np.ndarray, np.ndarray]:
    d = _unpickle(data)
    x = np.asarray(d["data"], np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return x, np.asarray(d[label_key], np.int64)


def _members(source: str, spec: CifarSpec) -> dict[str, bytes]:
    """{member name: bytes} of the batches and `meta`, from a cached folder or the archive."""
    cache = keras_download.keras_cache_dir()
    names = (*spec.train, spec.test, "meta", "batches.meta")
    for folder in (cache / spec.keras_dir / spec.inner, cache / spec.inner):
        if all((folder / n).is_file() for n in (*spec.train, spec.test)):
            return {n: (folder / n).read_bytes() for n in names if (folder / n).is_file()}
    archive = cache / spec.archive
    if not archive.exists():
        keras_download.download(source, [(spec.archive, spec.sha256)], cache, origin=ORIGIN)
    return _read_archive(archive, spec, names)


def _read_archive(archive: Path, spec: CifarSpec, names: tuple[str, ...]) -> dict[str, bytes]:
    out = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if member.isfile() and name in names:
                handle = tar.extractfile(member)
                if handle is not None:
                    out[name] = handle.read()
    missing = [n for n in (*spec.train, spec.test) if n not in out]
    if missing:
        raise ValueError(f"{archive}: not a CIFAR archive (missing {', '.join(missing)}; delete it to download again)")
    return out


def load_cifar(source: str) -> tuple[list[tuple[np.ndarray, np.ndarray, str, str]], tuple[str, ...]]:
    """(train and test parts, class names) of `cifar10` or `cifar100`."""
    spec = SPECS[source]
    members = _members(source, spec)
    train = [_batch(members[n], spec.label_key) for n in spec.train]
    x_tr, y_tr = np.concatenate([b[0] for b in train]), np.concatenate([b[1] for b in train])
    x_te, y_te = _batch(members[spec.test], spec.label_key)
    names: tuple[str, ...] = CIFAR10_NAMES
    if source == "cifar100":
        meta = _unpickle(members["meta"]) if "meta" in members else {}
        fine = meta.get("fine_label_names")
        names = tuple(n.decode() if isinstance(n, bytes) else str(n) for n in fine) if fine else \
            tuple(str(i) for i in range(100))
    where = f"{source} ({keras_download.keras_cache_dir()})"
    return [(x_tr, y_tr, f"{where}: train", f"{where}: train labels"),
            (x_te, y_te, f"{where}: test", f"{where}: test labels")], names
