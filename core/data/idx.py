"""Reader for the IDX format that MNIST, Fashion-MNIST, KMNIST and EMNIST ship in.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of
dimensions), one big-endian uint32 per dimension, then the values, big-endian, in C
order. Files may be gzip-compressed; compression is detected from the content, not
the file name. No TensorFlow is involved.
"""

from __future__ import annotations

import gzip
import re
import struct
import zlib
from pathlib import Path

import numpy as np

from core.errors import UserError

#: IDX type code -> big-endian NumPy dtype.
IDX_DTYPES: dict[int, str] = {
    0x08: ">u1",
    0x09: ">i1",
    0x0B: ">i2",
    0x0C: ">i4",
    0x0D: ">f4",
    0x0E: ">f8",
}

_GZIP_MAGIC = b"\x1f\x8b"
_MAX_DIMS = 8


class IdxError(UserError, ValueError):
    """An IDX file could not be read; the message names the file and the problem."""


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file (gzipped or raw) and return its array in native byte order.

    Raises `IdxError` (a `ValueError`) naming the file for a missing or unreadable file,
    corrupt gzip data, a wrong magic number, an unknown type code, or a body whose size
    does not match the header (truncated or with trailing bytes).
    """
    path = Path(path)
    raw = _read_bytes(path)
    return parse_idx(raw, name=str(path))


def parse_idx(data: bytes, name: str = "<bytes>") -> np.ndarray:
    """Parse the bytes of an uncompressed IDX file; `name` is used in error messages."""
    if len(data) < 4:
        raise IdxError(f"{name}: not an IDX file (only {len(data)} bytes, the header needs 4)")
    zero, code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0:
        raise IdxError(
            f"{name}: not an IDX file (wrong magic number 0x{data[:4].hex()}; "
            "expected two zero bytes, a type code and a dimension count)"
        )
    if code not in IDX_DTYPES:
        raise IdxError(f"{name}: unknown IDX type code 0x{code:02x} in magic number 0x{data[:4].hex()}")
    if not 1 <= ndim <= _MAX_DIMS:
        raise IdxError(f"{name}: IDX header declares {ndim} dimensions (expected 1 to {_MAX_DIMS})")
    header_len = 4 + 4 * ndim
    if len(data) < header_len:
        raise IdxError(f"{name}: truncated IDX header ({len(data)} bytes, expected {header_len})")
    dims = struct.unpack(f">{ndim}I", data[4:header_len])
    dtype = np.dtype(IDX_DTYPES[code])
    count = 1
    for dim in dims:
        count *= dim
    expected = count * dtype.itemsize
    body = len(data) - header_len
    if body < expected:
        raise IdxError(
            f"{name}: truncated IDX file (shape {tuple(dims)} needs {expected:,} data bytes, "
            f"found {body:,})"
        )
    if body > expected:
        raise IdxError(
            f"{name}: IDX file has {body - expected:,} unexpected trailing bytes after "
            f"shape {tuple(dims)}"
        )
    array = np.frombuffer(data, dtype=dtype, count=count, offset=header_len)
    return array.reshape(dims).astype(dtype.newbyteorder("="))


def encode_idx(array: np.ndarray) -> bytes:
    """The IDX bytes (uncompressed) of `array`, whose dtype must be one IDX supports."""
    array = np.asarray(array)
    codes = {np.dtype(v).newbyteorder("="): k for k, v in IDX_DTYPES.items()}
    code = codes.get(array.dtype.newbyteorder("="))
    if code is None or not 1 <= array.ndim <= _MAX_DIMS:
        raise IdxError(f"cannot encode a {array.dtype} array of shape {array.shape} as IDX")
    header = struct.pack(f">HBB{array.ndim}I", 0, code, array.ndim, *array.shape)
    return header + np.ascontiguousarray(array, dtype=IDX_DTYPES[code]).tobytes()


def write_idx(path: str | Path, array: np.ndarray, compress: bool | None = None) -> None:
    """Write `array` as an IDX file; gzip it when `compress` is True (default: name ends in .gz)."""
    path = Path(path)
    data = encode_idx(array)
    if compress if compress is not None else path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when the content starts with the gzip magic."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise IdxError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IdxError(f"{path}: is a folder, not an IDX file") from None
    except OSError as exc:
        raise IdxError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:
        raise IdxError(f"{path}: corrupt gzip data ({exc})") from None


# ---------------------------------------------------------------- folders of IDX files

_IDX_FILE_NAME = re.compile(
    r"^(?P<prefix>.*?)(?P<split>train|t10k|test)-(?P<what>images|labels)[-.]idx[13]-ubyte(?:\.gz)?$",
    re.IGNORECASE,
)


def find_idx_pairs(folder: str | Path) -> dict[str, tuple[Path, Path]]:
    """The (images, labels) file pairs in `folder`, keyed "train" and/or "test".

    Recognises the distribution names `train-images-idx3-ubyte[.gz]`, `t10k-…`, `test-…`,
    also with a prefix (`emnist-digits-train-…`) or a dot (`train-images.idx3-ubyte`).
    Where a raw and a gzipped copy both exist the raw one is used. Raises `IdxError` for
    a missing folder, no IDX files, an images file without labels (or the reverse), or
    two different sets in one folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        problem = "not a folder" if folder.exists() else "folder not found"
        raise IdxError(f"{folder}: {problem}")
    slots: dict[tuple[str, str], list[Path]] = {}
    for entry in sorted(folder.iterdir()):
        match = _IDX_FILE_NAME.match(entry.name)
        if match and entry.is_file():
            split = "train" if match["split"].lower() == "train" else "test"
            slots.setdefault((split, match["what"].lower()), []).append(entry)
    if not slots:
        raise IdxError(
            f"{folder}: no IDX files found (expected train-/t10k-images-idx3-ubyte[.gz] "
            "with matching *-labels-idx1-ubyte[.gz])"
        )
    chosen: dict[tuple[str, str], Path] = {}
    for (split, what), files in slots.items():
        distinct = sorted({f.name.removesuffix(".gz") for f in files})
        if len(distinct) > 1:
            raise IdxError(
                f"{folder}: several IDX files for the {split} {what} ({', '.join(distinct)}); "
                "keep one set per folder"
            )
        chosen[(split, what)] = files[0]  # "x" sorts before "x.gz": the raw copy wins
    pairs: dict[str, tuple[Path, Path]] = {}
    for split in ("train", "test"):
        images, labels = chosen.get((split, "images")), chosen.get((split, "labels"))
        if images is not None and labels is not None:
            pairs[split] = (images, labels)
        elif images is not None or labels is not None:
            lonely, missing = (images, "labels") if labels is None else (labels, "images")
            raise IdxError(f"{lonely}: no matching {missing} file in {folder}")
    return pairs


def read_idx_pair(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read an images file (N, H, W) and its labels file (N,), checking shapes and counts."""
    images = read_idx(images_path)
    if images.ndim != 3:
        raise IdxError(f"{images_path}: expected images shaped (N, H, W), found shape {images.shape}")
    labels = read_idx(labels_path)
    if labels.ndim != 1:
        raise IdxError(f"{labels_path}: expected labels shaped (N,), found shape {labels.shape}")
    if len(images) != len(labels):
        raise IdxError(
            f"{images_path.parent}: image/label count mismatch: {images_path.name} has "
            f"{len(images):,} images but {labels_path.name} has {len(labels):,} labels"
        )
    return images, labels


def folder_title(folder_name: str) -> str:
    """A display name from a folder name: "mnist-t10k" -> "MNIST t10k", "fashion-mnist" -> "Fashion-MNIST"."""
    words = [
        w.upper() if w.lower().endswith("mnist") and len(w) <= 6 else ("Fashion" if w.lower() == "fashion" else w)
        for w in re.split(r"[-_\s]+", folder_name)
        if w
    ]
    return " ".join(words).replace("Fashion MNIST", "Fashion-MNIST") or "IDX"
