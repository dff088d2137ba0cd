"""Atomic file writers: readers see either the old file or the whole new one, never half.

Each writer goes to a temp file in the same folder (marked `TMP_MARK`, so folder listings
can skip it), fsyncs it, moves it over the target with `os.replace` and fsyncs the folder.
"""

from __future__ import annotations

import io
import json
import math
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

#: Marks a temp file being written (`.<name>.tmp-<hex>`).
TMP_MARK = ".tmp-"


def _tmp_path(path: Path, suffix: str = "") -> Path:
    return path.with_name(f".{path.name}{TMP_MARK}{uuid.uuid4().hex[:8]}{suffix}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _replacing(path: Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temp path beside `path`; on success fsync and move it over `path`, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(path, suffix)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so readers see either the old file or the whole new one."""
    with _replacing(Path(path)) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot store {type(obj).__name__} in JSON")


def finite_or_none(obj: Any) -> Any:
    """`obj` with NaN/inf floats replaced by None (recursively), so it stays strict JSON."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: finite_or_none(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [finite_or_none(v) for v in obj]
    return obj


def atomic_write_json(path: str | os.PathLike[str], obj: Any) -> None:
    """Write `obj` as indented strict JSON (NaN/inf become null), atomically."""
    text = json.dumps(finite_or_none(obj), indent=2, default=_json_default, allow_nan=False)
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_save_model(model: Any, path: str | os.PathLike[str]) -> None:
    """Save a Keras model as `.keras` atomically (the temp file keeps the `.keras` suffix)."""
    with _replacing(Path(path), suffix=".keras") as tmp:
        model.save(tmp)


def atomic_save_npz(path: str | os.PathLike[str], arrays: dict[str, np.ndarray]) -> None:
    """Save arrays as a compressed `.npz` atomically."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    atomic_write_bytes(path, buffer.getvalue())
