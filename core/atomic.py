"""Atomic file writers: readers see either the old file or the whole new one, never half.

Each writer goes to a temp file in the same folder (marked `TMP_MARK`, so folder listings
can skip it), fsyncs it, moves it over the target with `os.replace` and fsyncs the folder.

Fault injection: with `LATENT_LAB_CRASH_AT_WRITE=N` in the environment, the N-th write of
the process (counted just before each `os.replace`, so a killed writer leaves its temp file
behind, as a real crash would) kills the process with SIGKILL. Tests use it to check that
run folders survive a crash at every write of an epoch.
"""

from __future__ import annotations

import io
import json
import math
import os
import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

#: Marks a temp file being written (`.<name>.tmp-<hex>`).
TMP_MARK = ".tmp-"
#: Environment variable: kill the process (SIGKILL) at this 1-based write number.
CRASH_ENV = "LATENT_LAB_CRASH_AT_WRITE"

_write_count = 0


def write_count() -> int:
    """How many atomic writes and replaces this process has made (the fault-injection counter)."""
    return _write_count


def count_write() -> None:
    """Count one write; kill the process here if `CRASH_ENV` names this write's number."""
    global _write_count
    _write_count += 1
    target = os.environ.get(CRASH_ENV, "")
    if target.strip().isdigit() and int(target) == _write_count:
        kill = getattr(signal, "SIGKILL", None)
        if kill is None:  # Windows: no SIGKILL; an immediate exit skips all cleanup too
            os._exit(137)
        os.kill(os.getpid(), kill)


def replace_file(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """Move a finished file onto `dst` atomically (`os.replace`, counted) and fsync the folder."""
    count_write()
    os.replace(src, dst)
    _fsync_dir(Path(dst).parent)


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
        count_write()
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


def atomic_save_npz(path: str | os.PathLike[str], arrays: dict[str, np.ndarray], *, compress: bool = True) -> None:
    """Save arrays as a (by default compressed) `.npz` atomically."""
    buffer = io.BytesIO()
    if compress:
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    else:
        np.savez(buffer, **arrays)  # type: ignore[arg-type]
    atomic_write_bytes(path, buffer.getvalue())
