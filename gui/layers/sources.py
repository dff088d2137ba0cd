"""Where the Layers tab finds models: the live run, past runs' roles and recent files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui.layers.session import ModelKey

RECENT_KEY = "layers/recent_models"
MAX_RECENT = 8


def recent_model_files(settings: Any) -> list[str]:
    """Recently opened model files (QSettings), newest first."""
    raw = settings.value(RECENT_KEY, [])
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [p for p in items if p]


def remember_model_file(settings: Any, path: str) -> None:
    """Put `path` first in the recent model files."""
    items = [path] + [p for p in recent_model_files(settings) if p != path]
    settings.setValue(RECENT_KEY, items[:MAX_RECENT])


def model_sources(state: Any, max_runs: int = 20) -> list[ModelKey]:
    """Every model the picker offers: live run roles, past runs' roles, recent files."""
    keys: list[ModelKey] = []
    live = getattr(state, "live_run_dir", None)
    if live is not None:
        keys += [ModelKey("live", str(live), p.stem) for p in sorted(Path(live).glob("*.keras"))]
    runs = state.list_runs()
    for info in runs[:max_runs]:
        if live is not None and Path(info.path) == Path(live):
            continue
        keys += [ModelKey("run", str(info.path), p.stem) for p in sorted(Path(info.path).glob("*.keras"))]
    keys += [ModelKey("file", p) for p in recent_model_files(state.settings)]
    return keys
