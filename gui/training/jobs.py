"""Worker functions the Training tab runs off the GUI thread: resolve and load datasets,
and train (new or reopened) runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from core.data.dataset import Dataset
    from core.progress import ProgressHandle

@dataclass(frozen=True)
class DatasetChoice:
    """A loaded dataset with the source string it came from and the sources the GUI offers."""

    source: str
    dataset: Dataset
    sources: list[tuple[str, str]]
    note: str = ""


def resolve_dataset(source: str | None = None, *, handle: ProgressHandle) -> DatasetChoice:
    """Load `source` (or `core.data.sources.default_source()` when None) and list the GUI's sources.

    A remembered source that no longer loads falls back to the default one; the choice's
    `note` says so. Only `DatasetError` escapes.
    """
    from core.data import sources as datasets

    sources = list(datasets.describe_sources())
    note = ""
    if source:
        try:
            return DatasetChoice(source, datasets.load_dataset(source), sources)
        except datasets.DatasetError as exc:
            note = QCoreApplication.translate(  # thread-safe: this runs on a worker
                "TrainingTab", "Could not load {0} ({1}); using the default dataset.").format(source, exc)
            handle.message(note)
    default = datasets.default_source()
    return DatasetChoice(default, datasets.load_dataset(default), sources, note)


def load_dataset_source(source: str, *, handle: ProgressHandle) -> DatasetChoice:
    """Load exactly `source` (no fallback): used when the user picks a dataset."""
    from core.data import sources as datasets

    handle.message(f"Loading dataset {source}…")
    return DatasetChoice(source, datasets.load_dataset(source), list(datasets.describe_sources()))


def run_training(config: dict[str, Any], *, handle: Any, dataset: Any = None) -> Any:
    """Worker function: train a new run described by a TrainConfig dict; return its RunResult.

    `dataset` is the window's already loaded dataset when it is the config's source, so the
    run does not read it from disk a second time.
    """
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    return TrainingRun(TrainConfig.from_dict(config), handle=handle, dataset=dataset).train()


def continue_training(run_dir: str, epochs: int | None, *, handle: Any) -> Any:
    """Worker function: reopen `run_dir` and train it further."""
    from core.training.run import TrainingRun

    return TrainingRun.open(run_dir, handle=handle).train(epochs)


def absolute_source(source: str) -> str:
    """`idx:`/`npz:`/`folder:` sources with their path made absolute, so a run can be reopened from
    another working folder; other sources unchanged."""
    import os

    scheme, sep, path = source.partition(":")
    if sep and scheme in ("idx", "npz", "folder") and path and not os.path.isabs(os.path.expanduser(path)):
        return f"{scheme}:{os.path.abspath(os.path.expanduser(path))}"
    return source


def describe_choice(choice: Any) -> str:
    """One status line for a dataset choice."""
    return str(choice.dataset.name)
