"""Worker functions the window runs off the GUI thread: import TensorFlow/Keras, resolve and
load datasets, and train (new or reopened) runs.

The window is shown first; `start_engine_loading` then imports the engine on a worker and
fires `AppState.engine_ready` on the GUI thread. `start_dataset_loading` resolves the
default source (which may probe the network) and loads the dataset on a worker too.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gui.bridge import Job, start_job

if TYPE_CHECKING:
    from core.datasets import Dataset
    from core.progress import ProgressHandle
    from gui.app_state import AppState

# Imported on the loader's worker so later imports on the GUI thread are instant.
WARM_MODULES = ("core.models", "core.storage", "core.training")


@dataclass(frozen=True)
class DatasetChoice:
    """A loaded dataset with the source string it came from and the sources the GUI offers."""

    source: str
    dataset: Dataset
    sources: list[tuple[str, str]]
    note: str = ""


def load_engine(*, handle: ProgressHandle) -> str:
    """Import TensorFlow and Keras (and the core modules that need them); return a version line."""
    handle.message("Importing TensorFlow…")
    from core import tf_env

    keras = tf_env.keras()
    tf = tf_env.tf()
    for name in WARM_MODULES:
        importlib.import_module(name)
    return f"TensorFlow {tf.__version__} · Keras {keras.__version__}"


def resolve_dataset(source: str | None = None, *, handle: ProgressHandle) -> DatasetChoice:
    """Load `source` (or `core.datasets.default_source()` when None) and list the GUI's sources.

    A remembered source that no longer loads falls back to the default one; the choice's
    `note` says so. Only `DatasetError` escapes.
    """
    from core import datasets

    sources = list(datasets.describe_sources())
    note = ""
    if source:
        try:
            return DatasetChoice(source, datasets.load_dataset(source), sources)
        except datasets.DatasetError as exc:
            note = f"Could not load {source} ({exc}); using the default dataset."
            handle.message(note)
    default = datasets.default_source()
    return DatasetChoice(default, datasets.load_dataset(default), sources, note)


def load_dataset_source(source: str, *, handle: ProgressHandle) -> DatasetChoice:
    """Load exactly `source` (no fallback): used when the user picks a dataset."""
    from core import datasets

    handle.message(f"Loading dataset {source}…")
    return DatasetChoice(source, datasets.load_dataset(source), list(datasets.describe_sources()))


def run_training(config: dict[str, Any], *, handle: Any, dataset: Any = None) -> Any:
    """Worker function: train a new run described by a TrainConfig dict; return its RunResult.

    `dataset` is the window's already loaded dataset when it is the config's source, so the
    run does not read it from disk a second time.
    """
    from core.training import TrainConfig, TrainingRun

    return TrainingRun(TrainConfig.from_dict(config), handle=handle, dataset=dataset).train()


def continue_training(run_dir: str, epochs: int | None, *, handle: Any) -> Any:
    """Worker function: reopen `run_dir` and train it further."""
    from core.training import TrainingRun

    return TrainingRun.open(run_dir, handle=handle).train(epochs)


def start_engine_loading(state: AppState) -> Job:
    """Import the engine on a worker; `state.engine_ready` fires on the GUI thread when done.

    A failed import is reported through `state.show_error` (one line).
    """
    job = start_job(load_engine)
    job.succeeded.connect(state.mark_engine_ready)
    job.failed.connect(lambda msg: state.show_error(None, "The engine could not be loaded", msg))
    return job


def freeze_long_lived_objects() -> None:
    """Collect once, then move every object alive now out of the garbage collector's reach.

    Why: after TensorFlow is imported a full (generation-2) collection walks millions of
    long-lived objects and takes ~250 ms while holding the GIL, which freezes the window
    whenever a training thread's allocations trigger one. Frozen objects are never scanned.
    """
    import gc

    gc.collect()
    gc.freeze()


def describe_choice(choice: Any) -> str:
    """One status line for a dataset choice."""
    return str(choice.dataset.name)
