"""The state one window shares with all its tabs: dataset, engine readiness, live run, settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from core.data.datasets import Dataset
    from core.training.run_folder import RunInfo

MAX_RECENT_RUNS = 8


def show_error_dialog(parent: QWidget | None, title: str, message: str) -> None:
    """Show a modal warning box. Tests monkeypatch this module-level function."""
    QMessageBox.warning(parent, title, message)


def new_settings() -> QSettings:
    """The application's persistent settings, an INI file in the user's config folder.

    The format is named explicitly: `QSettings(org, app)` always uses the native format and
    ignores `QSettings.setPath(IniFormat, …)`, which is how tests and benchmarks keep their
    settings away from the user's.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LatentLab", "LatentLab")


class AppState(QObject):
    """One per window; passed to every tab's constructor.

    Signals: `engine_ready()` (TensorFlow imported, GUI thread), `dataset_changed(Dataset)`,
    `runs_changed()`, `training_event(ProgressEvent)` (every event of the live run),
    `status_message(str)`, and (addition) `run_opened(Path)`: the run the Training tab shows
    changed (a live run started or a past run was reopened); see `open_run_dir`/`open_run_kind`.
    """

    engine_ready = Signal()
    dataset_changed = Signal(object)
    runs_changed = Signal()
    training_event = Signal(object)
    status_message = Signal(str)
    run_opened = Signal(object)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings: QSettings = settings if settings is not None else new_settings()
        self.dataset: Dataset | None = None
        self.live_run_dir: Path | None = None
        self.engine_loaded = False
        self.last_error: tuple[str, str] | None = None
        self.open_run_dir: Path | None = None
        self.open_run_kind = ""

    # --- engine and dataset --------------------------------------------------------
    def mark_engine_ready(self, _result: Any = None) -> None:
        """Record that TensorFlow is imported and tell every listener (once)."""
        if self.engine_loaded:
            return
        self.engine_loaded = True
        self.engine_ready.emit()

    def set_dataset(self, dataset: Dataset) -> None:
        """Make `dataset` the window's current dataset and announce it."""
        self.dataset = dataset
        self.dataset_changed.emit(dataset)

    # --- runs ------------------------------------------------------------------------
    def list_runs(self) -> list[RunInfo]:
        """Past runs under the runs folder, newest first; empty (with a status message) if the
        folder cannot be read, so no tab needs its own guard."""
        from core.training.run_folder import list_runs

        try:
            return list_runs()
        except OSError as exc:
            self.status_message.emit(f"Could not list runs: {exc}")
            return []

    def open_run(self, run_dir: Path, kind: str = "") -> None:
        """Record the run now shown (live or reopened) and emit `run_opened(run_dir)`."""
        self.open_run_dir = Path(run_dir)
        self.open_run_kind = kind
        self.run_opened.emit(self.open_run_dir)

    def recent_runs(self) -> list[Path]:
        """Run folders recently opened or trained here, newest first, that still exist."""
        raw = self.settings.value("recent_runs", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(p) for p in items if p and Path(p).is_dir()]

    def add_recent_run(self, run_dir: Path) -> None:
        """Put `run_dir` first in the recent-runs list."""
        items = [str(run_dir)] + [str(p) for p in self.recent_runs() if Path(p) != Path(run_dir)]
        self.settings.setValue("recent_runs", items[:MAX_RECENT_RUNS])
        self.runs_changed.emit()

    # --- messages --------------------------------------------------------------------
    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something failed: one clear line, never a traceback."""
        text = str(message).strip().splitlines()[0] if str(message).strip() else "Unknown error"
        self.last_error = (title, text)
        self.status_message.emit(f"{title}: {text}")
        show_error_dialog(parent, title, text)
