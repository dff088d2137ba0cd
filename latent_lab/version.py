"""The installed version: package metadata, or `pyproject.toml` when running from a checkout."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

DIST_NAME = "latent-lab"
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


def _checkout_version() -> str | None:
    """The `[project]` version of the `pyproject.toml` beside this package, if there is one."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    project = text.split("[project]", 1)[1] if "[project]" in text else ""
    project = project.split("\n[", 1)[0]
    match = _VERSION_LINE.search(project)
    return match.group(1) if match else None


def version() -> str:
    """Latent Lab's version: installed metadata first, else the checkout's pyproject, else 0+unknown."""
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return _checkout_version() or "0+unknown"
