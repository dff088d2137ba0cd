"""The Training tab: choose a model, dataset and hyper-parameters, train live, reopen past runs.

Training runs `core.training.run.TrainingRun` on a worker through `gui.bridge.start_job`; every
event is shown here (curves, progress, snapshots, log) and re-emitted on
`AppState.training_event` so other tabs can follow the live run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6 import QtWidgets
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from gui.app_state import AppState
from gui.bridge import Job, start_job
from gui.training import jobs
from gui.training.form import KIND_LABELS, KIND_METRICS, TrainingFormWidget
from gui.training.jobs import DatasetChoice, describe_choice
from gui.training.run_list import RunListWidget
from gui.widgets.image_view import ImageView, tile_images
from gui.widgets.plot_canvas import PlotCanvas


def _stack(widget: QWidget, *children: QWidget, margins: int | None = None, stretch_first: bool = False) -> QWidget:
    """Lay `children` out vertically in `widget`; the last (or first) one takes the spare room."""
    layout = QVBoxLayout(widget)
    if margins is not None:
        layout.setContentsMargins(margins, margins, margins, margins)
    for i, child in enumerate(children):
        grow = i == 0 if stretch_first else i == len(children) - 1
        layout.addWidget(child, 1 if grow else 0)
    return widget


def _split(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QtWidgets.QSplitter:
    splitter = QtWidgets.QSplitter(orientation)
    for widget, _ in parts:
        splitter.addWidget(widget)
    splitter.setSizes([size for _, size in parts])
    return splitter


def format_eta(seconds: float | None) -> str:
    """0:42, 1:02:03, or ? when unknown."""
    if seconds is None or not np.isfinite(seconds):
        return "?"
    s = int(round(max(seconds, 0.0)))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60}:{rem % 60:02d}"


def snapshot_image(snapshot: Any) -> tuple[np.ndarray | None, str]:
    """The picture for an epoch snapshot: originals over reconstructions, or the GAN grid."""
    if getattr(snapshot, "reconstructions", None) is not None and snapshot.originals is not None:
        n = min(8, len(snapshot.originals), len(snapshot.reconstructions))
        both = np.concatenate([snapshot.originals[:n], snapshot.reconstructions[:n]])
        return tile_images(both, cols=n), f"Epoch {snapshot.epoch}: originals (top), reconstructions (bottom)"
    if getattr(snapshot, "gan_samples", None) is not None:
        return tile_images(snapshot.gan_samples[:64], cols=8), f"Epoch {snapshot.epoch}: samples from fixed noise"
    return None, ""


class TrainingTab(QWidget):
    """Train models live and browse past runs."""

    title = "Training"
    #: Batch events reach the GUI at most once per this many ms (the last batch always does).
    batch_throttle_ms = 50

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.job: Job | None = None
        self.dataset_job: Job | None = None
        self.opened_run: Path | None = None
        self.last_result: Any = None
        self._training = False  # own flags: Job.running can lag behind its finished signal
        self._dataset_loading = False
        self._build_ui()
        self._build_actions()
        state.engine_ready.connect(self._on_state_engine_ready)
        state.runs_changed.connect(self.refresh_runs)
        self.form.restore(state.settings)
        self._update_buttons()
        # After the window is shown: resolving the default may probe the network.
        QTimer.singleShot(0, self._resolve_initial_dataset)

    def _resolve_initial_dataset(self) -> None:
        if self.dataset_job is None and self.form.source is None:
            self._start_dataset_job(jobs.resolve_dataset, str(self.state.settings.value("training/dataset", "") or "") or None)

    def _build_ui(self) -> None:
        self.form = TrainingFormWidget()
        f = self.form
        self.train_button, self.pause_button = f.train_button, f.pause_button
        self.resume_button, self.stop_button = f.resume_button, f.stop_button
        self.run_list = RunListWidget()
        self.continue_button = QtWidgets.QPushButton("Continue training")
        runs_box = QtWidgets.QGroupBox("Past runs (double-click to reopen)")
        _stack(runs_box, self.run_list, self.continue_button, stretch_first=True)
        left = _stack(QWidget(), self.form, runs_box, margins=0)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat("Idle")
        self.result_label = QLabel("")
        self.result_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.result_label.setFixedHeight(30)
        self.curves = PlotCanvas()
        self.snapshot_view = ImageView(min_size=120)
        self.snapshot_view.set_placeholder("Reconstructions or GAN samples appear here after each epoch.")
        self.snapshot_caption = QLabel("")
        self.snapshot_caption.setWordWrap(True)
        # Fixed heights: a label growing mid-run would resize the plot and force a full redraw.
        self.snapshot_caption.setFixedHeight(3 * self.snapshot_caption.fontMetrics().lineSpacing())
        self.log = QtWidgets.QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(1000)
        snap = _stack(QWidget(), self.snapshot_view, self.snapshot_caption, stretch_first=True)
        top = _split(Qt.Orientation.Horizontal, (self.curves, 600), (snap, 260))
        right_split = _split(Qt.Orientation.Vertical, (top, 420), (self.log, 120))
        right = _stack(QWidget(), self.progress, self.result_label, right_split, margins=0)
        QVBoxLayout(self).addWidget(_split(Qt.Orientation.Horizontal, (left, 320), (right, 880)))

        f.kind_combo.currentIndexChanged.connect(self._update_buttons)
        f.kind_combo.currentIndexChanged.connect(self._prepare_curves)
        f.epochs_spin.valueChanged.connect(self._prepare_curves)
        f.dataset_requested.connect(self.select_dataset)
        self.train_button.clicked.connect(self.start_training)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.continue_button.clicked.connect(self.continue_run)
        self.run_list.run_activated.connect(self.open_run)

    def _build_actions(self) -> None:
        self.train_action = QAction("Train", self, shortcut=QKeySequence("Ctrl+T"))
        self.pause_action = QAction("Pause/resume", self, shortcut=QKeySequence(Qt.Key.Key_Space))
        self.stop_action = QAction("Stop", self, shortcut=QKeySequence(Qt.Key.Key_Escape))
        self.train_action.triggered.connect(self.start_training)
        self.pause_action.triggered.connect(self.toggle_pause)
        self.stop_action.triggered.connect(self.stop)
        for action in (self.train_action, self.pause_action, self.stop_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

    @property
    def training(self) -> bool:
        """Whether a run is in progress."""
        return self._training

    def configure(self, kind: str | None = None, **values: Any) -> None:
        """Set the form (see `TrainingFormWidget.configure`)."""
        self.form.configure(kind, **values)

    def config(self) -> dict[str, Any]:
        """The TrainConfig dict the form describes."""
        return self.form.config()

    def select_dataset(self, source: str) -> None:
        """Load `source` (e.g. "digits", "idx:DIR", "npz:FILE") on a worker and make it current."""
        self._start_dataset_job(jobs.load_dataset_source, source)

    def start_training(self) -> None:
        """Start a new run from the form (ignored while training or before the engine is ready)."""
        if not self.train_button.isEnabled():
            return
        config = self.config()
        self.form.save(self.state.settings)
        self._begin(f"Training a {KIND_LABELS[config['kind']]} on {config['dataset']}…")
        self.curves.reset(config["epochs"], KIND_METRICS.get(config["kind"]))
        self.snapshot_view.set_image(None)
        loaded = self.state.dataset
        self._launch(jobs.run_training, config,
                     dataset=loaded if loaded is not None and loaded.source == config["dataset"] else None)

    def continue_run(self) -> None:
        """Train the reopened run for the number of epochs in the form."""
        if self.opened_run is None or not self.continue_button.isEnabled():
            return
        self._begin(f"Continuing {self.opened_run.name} for {self.form.epochs_spin.value()} more epoch(s)…")
        self._launch(jobs.continue_training, str(self.opened_run), self.form.epochs_spin.value())

    def pause(self) -> None:
        """Pause the live run after its current batch."""
        if self.training and self.job is not None:
            self.job.pause()
            self._log("Paused.")
            self.progress.setFormat(self.progress.format().split(" (paused)")[0] + " (paused)")
            self._update_buttons()

    def resume(self) -> None:
        """Resume a paused run."""
        if self.training and self.job is not None:
            self.job.resume()
            self._log("Resumed.")
            self._update_buttons()

    def toggle_pause(self) -> None:
        """Space: pause or resume."""
        if self.job is not None and self.job.handle.paused:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """Stop the live run after its current batch (the last checkpoint is kept)."""
        if self.training and self.job is not None:
            self.job.cancel()
            self._log("Stopping after the current batch…")
            self._update_buttons()

    def refresh_runs(self) -> None:
        """Re-read the runs folder into the run list."""
        self.run_list.set_runs(self.state.list_runs())

    def open_run(self, run_dir: Path) -> None:
        """Show a past run: curves from history.json, its last snapshot, its test metrics."""
        from core.training.run_folder import RunError, latest_snapshot, load_run_info

        try:
            info = load_run_info(run_dir)
            snapshot = latest_snapshot(run_dir)
        except (RunError, OSError, ValueError) as exc:
            self.state.show_error(self, "Cannot open run", str(exc))
            return
        self.opened_run = Path(run_dir)
        self.curves.set_history(info.history)
        image, caption = snapshot_image(snapshot) if snapshot is not None else (None, "")
        self.snapshot_view.set_image(image)
        self.snapshot_caption.setText(caption)
        self._show_test_metrics(info.kind, info.state.get("test_metrics") or {})
        self.progress.setFormat(f"{info.path.name}: {info.status}, {info.epochs_done} epoch(s)")
        self._log(f"Opened {info.path} ({info.kind}, {info.status}, {info.epochs_done} epochs).")
        self.state.add_recent_run(self.opened_run)
        self.state.open_run(self.opened_run, info.kind)
        self._update_buttons()

    def shutdown(self, timeout_s: float) -> None:
        """Stop the live run and dataset loading; wait up to `timeout_s` for the run to save."""
        self.form.save(self.state.settings)
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(timeout_s)

    # --- training plumbing ------------------------------------------------------------
    def _prepare_curves(self) -> None:
        """Draw empty axes for the chosen kind now, so starting a run only needs a cheap blit."""
        if self.state.engine_loaded and not self.training and self.opened_run is None:
            self.curves.reset(self.form.epochs_spin.value(), KIND_METRICS.get(self.form.kind))

    def _begin(self, text: str) -> None:
        self.result_label.setText("")
        self.progress.setValue(0)
        self.progress.setFormat("Starting…")
        self._log(text)

    def _launch(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self._training = True
        self.job = start_job(fn, *args, throttle_ms=self.batch_throttle_ms, **kwargs)
        self.job.event.connect(self._on_job_event)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        self.job.finished.connect(self._on_job_finished)
        self._update_buttons()

    def _on_job_event(self, ev: Any) -> None:
        data = ev.data
        if ev.kind == "start":
            self.state.live_run_dir = Path(data["run_dir"])
            self.opened_run = self.state.live_run_dir
            self._total_epochs = int(data.get("epochs") or 1)
            if data.get("initial_epoch"):
                self.curves.add_batch(float(data["initial_epoch"]), {})
            self.state.open_run(self.opened_run, str(data.get("kind", "")))
            self._log(f"Run folder {data['run_dir']} · dataset {data.get('dataset_name', '?')}")
        elif ev.kind == "batch":
            steps = max(int(data.get("steps") or 1), 1)
            x = int(data["epoch"]) - 1 + int(data["batch"]) / steps
            self.curves.add_batch(x, data.get("batch_logs") or data.get("logs") or {})
            self.progress.setValue(int(1000 * float(data.get("progress", 0.0))))
            paused = " (paused)" if self.job is not None and self.job.handle.paused else ""
            self.progress.setFormat(f"Epoch {data['epoch']}/{getattr(self, '_total_epochs', '?')} · batch "
                                    f"{data['batch']}/{steps} · ETA {format_eta(data.get('eta_s'))}{paused}")
        elif ev.kind == "epoch":
            logs = data.get("logs") or {}
            self.curves.add_epoch(int(data["epoch"]), logs)
            image, caption = snapshot_image(data.get("snapshot"))
            if image is not None:
                self.snapshot_view.set_image(image)
                self.snapshot_caption.setText(caption)
            self._log(f"Epoch {data['epoch']}: " + ", ".join(f"{k} {v:.4g}" for k, v in logs.items()
                                                             if isinstance(v, int | float)))
        elif ev.kind in ("message", "done"):
            self._log(str(data.get("text") or data.get("message") or ev.kind))
        self.state.training_event.emit(ev)

    def _on_job_succeeded(self, result: Any) -> None:
        self.last_result = result
        status = getattr(result, "status", "completed")
        self.progress.setFormat(f"{status.capitalize()}: {getattr(result, 'message', '')}".strip(": "))
        if status == "completed":
            self.progress.setValue(1000)
        if status == "failed":
            self.state.show_error(self, "Training failed", result.message)
        kind = self.state.open_run_kind or self.form.kind  # a continued run keeps its own kind
        self._show_test_metrics(kind, getattr(result, "test_metrics", None) or {})
        if getattr(result, "run_dir", None):
            self.state.add_recent_run(Path(result.run_dir))

    def _on_job_failed(self, message: str) -> None:
        self.progress.setFormat("Failed")
        self._log(f"Failed: {message}")
        self.state.show_error(self, "Training failed", message)

    def _on_job_finished(self) -> None:
        self._training = False
        self.state.live_run_dir = None
        self.curves.refit()
        self._update_buttons()
        self.refresh_runs()

    def _show_test_metrics(self, kind: str | None, metrics: dict[str, Any]) -> None:
        acc = metrics.get("accuracy", metrics.get("test_accuracy"))
        if kind == "classifier" and isinstance(acc, int | float):
            self.result_label.setText(f"Test accuracy: {acc:.2%}")
        elif metrics:
            self.result_label.setText("Test: " + ", ".join(f"{k} {v:.4g}" for k, v in metrics.items()
                                                           if isinstance(v, int | float)))
        else:
            self.result_label.setText("")

    def _start_dataset_job(self, fn: Any, source: str | None) -> None:
        self.form.dataset_label.setText(f"Loading {source or 'the default dataset'}…")
        self._dataset_loading = True
        self.dataset_job = start_job(fn, source)
        self.dataset_job.succeeded.connect(self._on_dataset_job_succeeded)
        self.dataset_job.failed.connect(self._on_dataset_job_failed)
        self._update_buttons()

    def _on_dataset_job_succeeded(self, choice: DatasetChoice) -> None:
        self._dataset_loading = False
        self.form.set_sources(choice.sources, choice.source)
        self.form.dataset_label.setText(f"Dataset: {describe_choice(choice)}")
        if choice.note:
            self._log(choice.note)
        self._log(f"Dataset: {describe_choice(choice)}")
        self.state.settings.setValue("training/dataset", choice.source)
        self.state.set_dataset(choice.dataset)
        self._adopt_dataset_defaults(choice.dataset.image_shape)
        self._update_buttons()

    def _adopt_dataset_defaults(self, image_shape: tuple[int, ...]) -> None:
        """Small images (8x8 digits) train a GAN with other defaults; refill the form if they changed."""
        from core.models import KINDS, defaults_for

        wanted = {kind: defaults_for(kind, image_shape) for kind in KINDS}
        changed = wanted[self.form.kind] != self.form.defaults.get(self.form.kind)
        self.form.update_defaults(wanted)
        if changed:
            self.form.apply_defaults()

    def _on_dataset_job_failed(self, message: str) -> None:
        self._dataset_loading = False
        self.form.set_sources(None, None)
        ds = self.state.dataset
        self.form.dataset_label.setText(f"Dataset: {ds.name}" if ds is not None else "No dataset loaded")
        self.state.show_error(self, "Cannot load the dataset", message)
        self._update_buttons()

    def _on_state_engine_ready(self) -> None:
        from core.models import DEFAULTS

        self.form.update_defaults(DEFAULTS)
        if self.state.dataset is not None:
            self._adopt_dataset_defaults(self.state.dataset.image_shape)
        self._log("Engine ready.")
        self.curves.warm_up()
        self._prepare_curves()
        self.refresh_runs()
        self._update_buttons()

    def _update_buttons(self) -> None:
        training = self.training
        paused = training and self.job is not None and self.job.handle.paused
        stopping = training and self.job is not None and self.job.handle.cancelled
        loading = self._dataset_loading
        ready = self.state.engine_loaded and self.form.source is not None and not loading
        self.train_button.setEnabled(ready and not training)
        self.train_button.setToolTip("" if self.state.engine_loaded else "The engine (TensorFlow) is still loading…")
        self.pause_button.setEnabled(training and not paused and not stopping)
        self.resume_button.setEnabled(bool(paused) and not stopping)
        self.stop_button.setEnabled(training and not stopping)
        self.continue_button.setEnabled(ready and not training and self.opened_run is not None)
        self.form.set_enabled_while_training(training)
        self.run_list.setEnabled(not training)
        self.train_action.setEnabled(self.train_button.isEnabled())
        self.pause_action.setEnabled(training and not stopping)
        self.stop_action.setEnabled(training and not stopping)

    def _log(self, text: str) -> None:
        self.log.appendPlainText(text)
        self.state.status_message.emit(text)
