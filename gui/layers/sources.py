"""Where the Layers tab finds models and data: the live run, past runs' roles, recent files,
and the dataset sources a user's own model file can be shown with.

Everything here reads the shared `AppState` (its scanned run list and settings); nothing
touches the runs folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui.layers.session import ModelKey

RECENT_KEY = "layers/recent_models"
MAX_RECENT = 8


def recent_model_files(state: Any) -> list[str]:
    """Recently opened model files, newest first."""
    return list(state.setting_list(RECENT_KEY))


def remember_model_file(state: Any, path: str) -> None:
    """Put `path` first in the recent model files."""
    state.set_setting_list(RECENT_KEY, [path, *recent_model_files(state)], MAX_RECENT)


def run_roles(kind: str) -> tuple[str, ...]:
    """The model files (`<role>.keras`) a run of `kind` saves."""
    from core.models.defaults import ROLES

    return tuple(ROLES.get(kind, ()))


def run_model_keys(state: Any, run_dir: Path, source: str = "run") -> list[ModelKey]:
    """The models of one run (from its scanned info or, for the live run, its kind)."""
    info = state.run_info(run_dir)
    if info is not None:
        kind = info.kind
    elif state.current_run is not None and Path(state.current_run) == Path(run_dir):
        kind = state.current_run_kind
    else:
        kind = ""
    return [ModelKey(source, str(run_dir), role) for role in run_roles(kind)]


def model_sources(state: Any, max_runs: int = 20) -> list[ModelKey]:
    """Every model the picker offers: live run roles, past runs' roles, recent files.

    A past run is offered once it has a checkpoint (at least one finished epoch)."""
    keys: list[ModelKey] = []
    live = state.live_run_dir
    if live is not None:
        keys += run_model_keys(state, Path(live), "live")
    for info in state.list_runs()[:max_runs]:
        if live is not None and Path(info.path) == Path(live):
            continue
        if info.epochs_done > 0:
            keys += [ModelKey("run", str(info.path), role) for role in run_roles(info.kind)]
    keys += [ModelKey("file", p) for p in recent_model_files(state)]
    return keys


def dataset_sources(extra: str | None = None) -> list[tuple[str, str]]:
    """(source, label) pairs for the Layers tab's dataset chooser; `extra` (a source in use,
    e.g. an `npz:` file) is added when it is not one of core's standard sources."""
    from core.data.sources import describe_sources

    sources = list(describe_sources())
    if extra and all(s != extra for s, _ in sources):
        sources.append((extra, extra))
    return sources
