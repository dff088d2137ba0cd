"""The one source of truth for what is open in a window, shared by every tab.

`AppState` is a plain QObject with signals (in the spirit of glue's state classes and
napari's viewer model). Tabs read it and ask it to change; they keep no private copies:

- the **run list**, scanned once off the GUI thread (`refresh_runs`) and shared (`runs`);
- the **current run** (`current_run`), the one being trained or last trained or reopened;
- the **live training job** (`live_job`, `live_run_dir`) and its events (`training_event`);
- the **datasets**: the Training tab's chosen one (`dataset`) and a cache of loaded
  datasets by source, so a run's models are always shown with the run's own data
  (`dataset_for_run`, `request_dataset`), loaded once and shared between tabs;
- settings (`settings`, with `setting_list` / `set_setting_list` for list values).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from core.data.dataset import Dataset
    from core.training.run_folder import RunInfo
    from gui.bridge import Job

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


_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off", ""}


def _coerce(raw: Any, type_: type) -> Any:
    """`raw` as `type_`, or raise ValueError/TypeError."""
    if type_ is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        raise ValueError(text)
    if type_ is int:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise TypeError(type(raw).__name__)
        return int(str(raw).strip())
    if type_ is float:
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise TypeError(type(raw).__name__)
        value = float(str(raw).strip())
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not finite")
        return value
    if type_ is QByteArray:
        if isinstance(raw, QByteArray | bytes | bytearray):
            return QByteArray(bytes(raw))
        raise TypeError(type(raw).__name__)
    if type_ is list:
        items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else None
        if items is None:
            raise TypeError(type(raw).__name__)
        return [str(i) for i in items if isinstance(i, str | int | float) and str(i)]
    if type_ is str:
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            raise TypeError(type(raw).__name__)
        return str(raw)
    raise TypeError(f"unsupported setting type {type_.__name__}")


def read_setting(settings: QSettings, key: str, default: Any, type_: type = str, *,
                 choices: Collection[Any] | None = None, valid: Callable[[Any], bool] | None = None) -> Any:
    """The setting `key` validated on read: converted to `type_` (str, int, float, bool, list of
    str, QByteArray), one of `choices` if given, and accepted by `valid` if given; a missing,
    garbled or invalid value gives `default` (a bad settings file never breaks the window)."""
    try:
        raw = settings.value(key, None)
        if raw is None:
            return default
        value = _coerce(raw, type_)
        if choices is not None and value not in choices:
            return default
        if valid is not None and not valid(value):
            return default
        return value
    except Exception:  # any garbled value falls back to the default
        return default


def run_dataset_source(run_dir: Path) -> str | None:
    """The dataset source a run was trained on (its config.json), or None if unreadable."""
    try:
        config = json.loads((Path(run_dir) / "config.json").read_text())
    except (OSError, ValueError):
        return None
    source = config.get("dataset") if isinstance(config, dict) else None
    return str(source) if source else None


def _scan_runs(*, handle: Any) -> list[RunInfo]:
    """Worker: list the runs folder (newest first)."""
    from core.training.run_folder import list_runs

    return list_runs()


def _load_dataset(source: str, *, handle: Any) -> Dataset:
    """Worker: load (or take from core's cache) one dataset source."""
    from core.data.sources import load_dataset_cached

    return load_dataset_cached(source)


class AppState(QObject):
    """One per window; passed to every tab's constructor.

    Signals:
    - `engine_ready()`: TensorFlow is imported (GUI thread, once).
    - `dataset_changed(Dataset)`: the Training tab's chosen dataset changed.
    - `runs_changed()`: `runs` holds a fresh scan of the runs folder.
    - `current_run_changed(object)`: `current_run` (a Path, or None) changed.
    - `training_started(Path)` / `training_finished(Path)`: the live job began / ended.
    - `training_event(ProgressEvent)`: every event of the live run.
    - `dataset_loaded(str, Dataset)` / `dataset_failed(str, str)`: a requested source arrived.
    - `status_message(str)`.
    """

    engine_ready = Signal()
    dataset_changed = Signal(object)
    runs_changed = Signal()
    current_run_changed = Signal(object)
    training_started = Signal(object)
    training_finished = Signal(object)
    training_event = Signal(object)
    dataset_loaded = Signal(str, object)
    dataset_failed = Signal(str, str)
    status_message = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings: QSettings = settings if settings is not None else new_settings()
        self.dataset: Dataset | None = None
        self.engine_loaded = False
        self.last_error: tuple[str, str] | None = None
        self.runs: list[RunInfo] = []
        self.runs_scanned = False
        self.current_run: Path | None = None
        self.current_run_kind = ""
        self.live_job: Job | None = None
        self.live_run_dir: Path | None = None
        self._scan_job: Job | None = None
        self._scan_again = False
        self._datasets: dict[str, Dataset] = {}
        self._dataset_jobs: dict[str, Job] = {}

    # --- engine ------------------------------------------------------------------------
    def mark_engine_ready(self, _result: Any = None) -> None:
        """Record that TensorFlow is imported and tell every listener (once)."""
        if self.engine_loaded:
            return
        self.engine_loaded = True
        self.engine_ready.emit()

    # --- datasets ----------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        """Make `dataset` the Training tab's current dataset (also cached by its source)."""
        self.dataset = dataset
        self._datasets[str(dataset.source)] = dataset
        self.dataset_changed.emit(dataset)

    def cached_dataset(self, source: str) -> Dataset | None:
        """The dataset already loaded for `source`, if any (never loads)."""
        return self._datasets.get(str(source))

    def request_dataset(self, source: str) -> Dataset | None:
        """The dataset for `source` now if cached; else start loading it off the GUI thread
        (once, however many tabs ask) and return None: `dataset_loaded(source, dataset)` or
        `dataset_failed(source, message)` follows."""
        source = str(source)
        if source in self._datasets:
            return self._datasets[source]
        if source not in self._dataset_jobs:
            from gui.bridge import start_job

            job = start_job(_load_dataset, source)
            job.succeeded.connect(self._on_dataset_job_succeeded)
            job.failed.connect(self._on_dataset_job_failed)
            job.setProperty("source", source)
            self._dataset_jobs[source] = job
        return None

    def dataset_for_run(self, run_dir: Path) -> tuple[str | None, Dataset | None]:
        """(source, dataset) a run was trained on; the dataset is None while it loads
        (`request_dataset` has been called) or when the run names no source."""
        source = run_dataset_source(run_dir)
        if source is None:
            return None, None
        return source, self.request_dataset(source)

    @Slot(object)
    def _on_dataset_job_succeeded(self, dataset: Any) -> None:
        job = self.sender()
        source = str(job.property("source")) if job is not None else str(dataset.source)
        self._dataset_jobs.pop(source, None)
        self._datasets[source] = dataset
        self.dataset_loaded.emit(source, dataset)

    @Slot(str)
    def _on_dataset_job_failed(self, message: str) -> None:
        job = self.sender()
        source = str(job.property("source")) if job is not None else ""
        self._dataset_jobs.pop(source, None)
        self.dataset_failed.emit(source, message)

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """Rescan the runs folder off the GUI thread; `runs_changed` fires with the result.

        A request while a scan is running queues exactly one more scan after it."""
        if self._scan_job is not None:
            self._scan_again = True
            return
        from gui.bridge import start_job

        self._scan_job = start_job(_scan_runs)
        self._scan_job.succeeded.connect(self._on_scan_job_succeeded)
        self._scan_job.failed.connect(self._on_scan_job_failed)
        self._scan_job.finished.connect(self._on_scan_job_finished)

    def list_runs(self) -> list[RunInfo]:
        """The shared run list (newest first) from the last scan; never touches the disk."""
        return list(self.runs)

    def run_info(self, run_dir: Path | None) -> RunInfo | None:
        """The scanned `RunInfo` for `run_dir`, if it is in the run list."""
        if run_dir is None:
            return None
        for info in self.runs:
            if Path(info.path) == Path(run_dir):
                return info
        return None

    @Slot(object)
    def _on_scan_job_succeeded(self, runs: Any) -> None:
        self.runs = list(runs)
        self.runs_scanned = True
        self.runs_changed.emit()

    @Slot(str)
    def _on_scan_job_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("Could not list runs: {0}").format(message))

    @Slot()
    def _on_scan_job_finished(self) -> None:
        self._scan_job = None
        if self._scan_again:
            self._scan_again = False
            self.refresh_runs()

    def wait_for_scan(self, timeout_s: float = 5.0) -> bool:
        """Block until no scan is running (for scripts and shutdown; tabs use the signal)."""
        job = self._scan_job
        return True if job is None else job.wait(timeout_s)

    def set_current_run(self, run_dir: Path | None, kind: str = "") -> None:
        """Make `run_dir` the current run (trained, just trained or reopened) and announce it."""
        new = Path(run_dir) if run_dir is not None else None
        if new is not None and not kind:
            info = self.run_info(new)
            kind = info.kind if info is not None else _read_kind(new)
        changed = new != self.current_run or kind != self.current_run_kind
        self.current_run, self.current_run_kind = new, kind
        if new is not None:
            self._remember_recent_run(new)
        if changed:
            self.current_run_changed.emit(new)

    # --- the live job ------------------------------------------------------------------
    @property
    def training(self) -> bool:
        """Whether a training job is running in this window."""
        return self.live_job is not None

    def begin_training(self, job: Job) -> None:
        """Record the live training job (the Training tab calls this when it launches one)."""
        self.live_job = job

    def training_run_started(self, run_dir: Path, kind: str) -> None:
        """The live job's run folder is known: it becomes the current run."""
        self.live_run_dir = Path(run_dir)
        self.set_current_run(self.live_run_dir, kind)
        self.training_started.emit(self.live_run_dir)

    def end_training(self) -> None:
        """The live job ended: the run stays current, the run list is rescanned."""
        run_dir = self.live_run_dir
        self.live_job = None
        self.live_run_dir = None
        self.refresh_runs()
        if run_dir is not None:
            self.training_finished.emit(run_dir)

    # --- settings ----------------------------------------------------------------------
    def setting(self, key: str, default: Any, type_: type = str, *, choices: Collection[Any] | None = None,
                valid: Callable[[Any], bool] | None = None) -> Any:
        """The setting `key`, validated on read (see `read_setting`); `default` when it is bad."""
        return read_setting(self.settings, key, default, type_, choices=choices, valid=valid)

    def setting_list(self, key: str) -> list[str]:
        """A list of strings stored under `key` (QSettings returns one string for one item)."""
        return list(read_setting(self.settings, key, [], list))

    def set_setting_list(self, key: str, items: list[str], limit: int | None = None) -> None:
        """Store a list of strings under `key`, newest first, without duplicates."""
        unique = list(dict.fromkeys(str(i) for i in items if i))
        self.settings.setValue(key, unique[:limit] if limit else unique)

    def recent_runs(self) -> list[Path]:
        """Run folders recently opened or trained here, newest first, that still exist."""
        return [Path(p) for p in self.setting_list("recent_runs") if Path(p).is_dir()]

    def _remember_recent_run(self, run_dir: Path) -> None:
        self.set_setting_list("recent_runs", [str(run_dir), *self.setting_list("recent_runs")], MAX_RECENT_RUNS)

    # --- messages ----------------------------------------------------------------------
    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something failed: one clear line, never a traceback."""
        text = str(message).strip().splitlines()[0] if str(message).strip() else self.tr("Unknown error")
        self.last_error = (title, text)
        self.status_message.emit(f"{title}: {text}")
        show_error_dialog(parent, title, text)


def _read_kind(run_dir: Path) -> str:
    try:
        config = json.loads((Path(run_dir) / "config.json").read_text())
    except (OSError, ValueError):
        return ""
    return str(config.get("kind", "")) if isinstance(config, dict) else ""
