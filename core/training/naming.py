"""Small helpers of the training engine: new run folder names and one-line failure texts."""

from __future__ import annotations

import time
from pathlib import Path

from core.errors import first_line
from core.paths import runs_root


def new_run_dir(kind: str) -> Path:
    """A fresh `runs_root()/<date-time>-<kind>[-n]` path (not created)."""
    base = runs_root() / f"{time.strftime('%Y%m%d-%H%M%S')}-{kind}"
    path, n = base, 2
    while path.exists():
        path = base.with_name(f"{base.name}-{n}")
        n += 1
    return path


def one_line(exc: BaseException) -> str:
    """`first_line`, prefixed with the exception's type (engine failures are not user errors)."""
    text = first_line(exc)
    return f"{type(exc).__name__}: {text}" if str(exc).strip() else text


def failure_text(exc: BaseException) -> str:
    """One line for a failure; a write error (disk full, I/O) says the run folder could not be written."""
    if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError | PermissionError):
        return f"cannot write the run folder (disk full?): {one_line(exc)}"
    return one_line(exc)
