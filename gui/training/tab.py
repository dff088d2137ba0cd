"""The Training tab: choose a model, dataset and hyper-parameters, train live, reopen past runs.

Training runs `core.training.run.TrainingRun` on a worker through `gui.bridge.start_job`; every
event is shown here (curves, progress, snapshots, log) and re-emitted on
`AppState.training_event` so other tabs can follow the live run. The app state owns what is
open: the live job (`begin_training` / `training_run_started` / `end_training`), the current run
(highlighted in Past runs) and the shared run list.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from gui.app_state import AppState
from gui.bridge import Job, start_job
from gui.training import jobs, status_text
from gui.training.compare_button import CompareButton
from gui.training.datasets import DatasetChoosing
from gui.training.first_steps import FirstStepsHint, queued_text
from gui.training.form import KIND_METRICS, TrainingFormWidget, kind_label, legend_lines
from gui.training.layout import split as _split
from gui.training.layout import stack as _stack
from gui.training.layout import training_actions
from gui.training.run_list import RunListWidget, continue_blocker
from gui.training.snapshot_panel import SnapshotPanel
from gui.widgets.plot_canvas import PlotCanvas

CONTINUE_TEXT_PX = 280  # the Continue button names its run, elided to this width


class TrainingTab(DatasetChoosing, QWidget):
    """Train models live and browse past runs."""

    title = "Training"
    #: Batch events reach the GUI at most once per this many ms (the last batch always does).
    batch_throttle_ms = 50

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.job: Job | None = None
        self.dataset_job: Job | None = None
        self.last_result: Any = None
        self.shown_run: Path | None = None  # the run whose curves and snapshot are on screen
        self._total_epochs = 1
        self._training = False  # own flags: Job.running can lag behind its finished signal
        self._dataset_loading = False
        self._queued = False  # Train was pressed before the engine was ready: start when it is
        self._dataset_request = 0  # the id of the latest dataset choice; older results are dropped
        # Texts computed from state, kept as functions so a language change re-renders them.
        self._progress_text: Callable[[], str] = lambda: self.tr("Idle")
        self._dataset_text: Callable[[], str] = lambda: self.tr("Dataset: loading…")
        self._result: tuple[str | None, dict[str, Any]] = (None, {})
        self._build_ui()
        self._build_actions()
        self.retranslate()
        state.engine_ready.connect(self._on_state_engine_ready)
        state.runs_changed.connect(self._on_state_runs_changed)
        state.current_run_changed.connect(self._on_state_current_run_changed)
        self.form.restore(state.settings)
        self._on_state_runs_changed()
        # After the window is shown: resolving the default may probe the network.
        QTimer.singleShot(0, self._resolve_initial_dataset)

    def _build_ui(self) -> None:
        self.form = TrainingFormWidget(self.state.settings)
        f = self.form
        self.train_button, self.pause_button = f.train_button, f.pause_button
        self.resume_button, self.stop_button = f.resume_button, f.stop_button
        self.run_list = RunListWidget()
        self.continue_button = QtWidgets.QPushButton()
        self.compare_button = CompareButton(self.state, self.run_list)  # several selected runs side by side
        self.runs_box = runs_box = QtWidgets.QGroupBox()
        _stack(runs_box, self.run_list, self.continue_button, self.compare_button, stretch_first=True)
        left = _stack(QWidget(), self.form, runs_box, margins=0)
        self.hint, self.progress = FirstStepsHint(), QProgressBar()
        self.progress.setRange(0, 1000)
        self.result_label = QLabel("")
        self.result_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.result_label.setFixedHeight(30)
        self.curves = PlotCanvas()
        self.snapshot_panel = SnapshotPanel()
        self.snapshot_view, self.snapshot_caption = self.snapshot_panel.view, self.snapshot_panel.caption
        self.log = QtWidgets.QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(1000)
        top = _split(Qt.Orientation.Horizontal, (self.curves, 600), (self.snapshot_panel, 260))
        right_split = _split(Qt.Orientation.Vertical, (top, 420), (self.log, 120))
        right = _stack(QWidget(), self.hint, self.progress, self.result_label, right_split, margins=0)
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
        self.run_list.itemSelectionChanged.connect(self._update_buttons)

    def _build_actions(self) -> None:
        self.train_action, self.pause_action, self.stop_action = training_actions(
            self, self.start_training, self.toggle_pause, self.stop)

    def retranslate(self) -> None:
        """Re-set every text of the tab (state-derived ones from the stored state)."""
        self.runs_box.setTitle(self.tr("Past runs (double-click to reopen)"))
        self.train_action.setText(self.tr("Train"))
        self.pause_action.setText(self.tr("Pause/resume training"))
        self.stop_action.setText(self.tr("Stop training"))
        self.progress.setFormat(self._progress_text())
        self.form.dataset_label.setText(self._dataset_text())
        self.result_label.setText(status_text.test_metrics_text(*self._result))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _set_progress_text(self, text: Callable[[], str]) -> None:
        self._progress_text = text
        self.progress.setFormat(text())

    def _set_dataset_text(self, text: Callable[[], str]) -> None:
        self._dataset_text = text
        self.form.dataset_label.setText(text())

    def install_menus(self, window: Any) -> None:
        """Tools menu: Train, Pause/resume and Stop with their shortcuts."""
        tools = window.menu("Tools")
        tools.addSeparator()
        for action in (self.train_action, self.pause_action, self.stop_action):
            tools.addAction(action)

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

    def start_training(self) -> None:
        """Start a new run from the form; pressed while the engine loads, it starts once ready."""
        if self.training or not self.train_button.isEnabled():
            return
        if not self._ready():
            self._queued = True
            self._begin(queued_text(), waiting=True)
            return self._update_buttons()
        config = self.config()
        self.form.save(self.state.settings)
        self._begin(self.tr("Training a {0} on {1}…").format(kind_label(config["kind"]), config["dataset"]))
        self.shown_run = None
        self.curves.reset(config["epochs"], KIND_METRICS.get(config["kind"]), legend_lines(config["kind"]))
        self.snapshot_panel.clear()
        loaded = self.state.dataset
        self._launch(jobs.run_training, config,
                     dataset=loaded if loaded is not None and loaded.source == config["dataset"] else None)

    def continue_target(self) -> Path | None:
        """The run "Continue training" acts on: the one highlighted in Past runs."""
        return self.run_list.selected_run()

    def continue_run(self) -> None:
        """Train the highlighted run for the number of epochs in the form (reopening it first)."""
        target = self.continue_target()
        if target is None or not self.continue_button.isEnabled():
            return
        if target != self.shown_run and not self.open_run(target):
            return
        epochs = self.form.epochs_spin.value()
        self._begin(self.tr("Continuing {0} for %n more epoch(s)…", "", epochs).format(target.name))
        self._launch(jobs.continue_training, str(target), epochs)

    def pause(self) -> None:
        """Pause the live run after its current batch."""
        if self.training and self.job is not None:
            self.job.pause()
            self._log(self.tr("Paused."))
            text, suffix = self.progress.format(), status_text.paused_suffix()
            self._set_progress_text(lambda: text.split(f" {suffix}")[0] + f" {suffix}")
            self._update_buttons()

    def resume(self) -> None:
        """Resume a paused run."""
        if self.training and self.job is not None:
            self.job.resume()
            self._log(self.tr("Resumed."))
            self._update_buttons()

    def toggle_pause(self) -> None:
        """Ctrl+Space: pause or resume."""
        if self.job is not None and self.job.handle.paused:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """Stop the live run after its current batch (finished epochs stay saved)."""
        if self.training and self.job is not None:
            self.job.cancel()
            self._log(self.tr("Stopping after the current batch…"))
            self._update_buttons()

    def open_run(self, run_dir: Path) -> bool:
        """Show a past run (curves from history.json, last snapshot, test metrics); it becomes
        the current run. False if it cannot be read or a run is training."""
        from core.training.run_folder import RunError, latest_snapshot, load_run_info

        if self.training:
            self.state.status_message.emit(self.tr("A run is training: open another run once it ends."))
            return False
        try:
            info = load_run_info(run_dir)
            snapshot = latest_snapshot(run_dir)
        except (RunError, OSError, ValueError) as exc:
            self.state.show_error(self, self.tr("Cannot open run"), str(exc))
            return False
        self.shown_run = Path(run_dir)
        self.curves.set_history(info.history, KIND_METRICS.get(info.kind))
        if not self.snapshot_panel.show_snapshot(snapshot):
            self.snapshot_panel.clear()
        self._show_test_metrics(info.kind, info.state.get("test_metrics") or {})
        self.progress.setValue(0)
        self._set_progress_text(lambda: self.tr("{0}: {1}, %n epoch(s)", "", info.epochs_done).format(
            info.path.name, status_text.status_word(str(info.status)).lower()))
        self._log(self.tr("Opened {0} ({1}, {2}, %n epoch(s)).", "", info.epochs_done).format(
            info.path, info.kind, info.status))
        self.state.set_current_run(self.shown_run, info.kind)
        self._update_buttons()
        return True

    def shutdown(self, timeout_s: float) -> None:
        """Stop the live run and dataset loading; wait up to `timeout_s` for the run to save."""
        self.form.save(self.state.settings)
        jobs_ = [j for j in (self.job, self.dataset_job) if j is not None and j.running]
        for job in jobs_:
            job.cancel()
            job.resume()  # a paused run must reach its next check to see the cancel
        deadline = time.monotonic() + timeout_s
        for job in jobs_:
            job.wait(max(0.0, deadline - time.monotonic()))

    # --- training plumbing ------------------------------------------------------------
    def _prepare_curves(self) -> None:
        """Draw empty axes for the chosen kind now, so starting a run only needs a cheap blit."""
        if self.state.engine_loaded and not self.training and self.shown_run is None:
            self.curves.reset(self.form.epochs_spin.value(), KIND_METRICS.get(self.form.kind),
                              legend_lines(self.form.kind))
            self.snapshot_panel.clear()

    def _begin(self, text: str, waiting: bool = False) -> None:
        self.result_label.setText("")
        self.progress.setValue(0)
        self._set_progress_text(queued_text if waiting else lambda: self.tr("Starting…"))
        self._log(text)

    def _launch(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self._training = True
        self.job = start_job(fn, *args, throttle_ms=self.batch_throttle_ms, **kwargs)
        self.job.event.connect(self._on_job_event)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        self.job.finished.connect(self._on_job_finished)
        self.state.begin_training(self.job)
        self._update_buttons()

    def _on_job_event(self, ev: Any) -> None:
        data = ev.data
        if ev.kind == "start":
            self._on_run_started(data)
        elif ev.kind == "batch":
            steps = max(int(data.get("steps") or 1), 1)
            self.curves.add_batch(int(data["epoch"]) - 1 + int(data["batch"]) / steps,
                                  data.get("batch_logs") or data.get("logs") or {})
            self.progress.setValue(int(1000 * float(data.get("progress", 0.0))))
            paused = self.job is not None and self.job.handle.paused
            total = self._total_epochs
            self._set_progress_text(lambda: status_text.batch_progress_text(data, total, paused))
        elif ev.kind == "epoch":
            logs = data.get("logs") or {}
            self.curves.add_epoch(int(data["epoch"]), logs)
            self.snapshot_panel.show_snapshot(data.get("snapshot"))
            self._log(self.tr("Epoch {0}: {1}").format(data["epoch"], status_text.metrics_text(logs)))
        elif ev.kind == "done":
            self._log(status_text.result_message(str(data.get("status", "")), str(data.get("message", "")),
                                     data.get("epochs_done")))
        elif ev.kind == "message":
            self._log(str(data.get("text") or data.get("message") or ev.kind))
        self.state.training_event.emit(ev)

    def _on_run_started(self, data: dict[str, Any]) -> None:
        """The run folder is known: it becomes current, is listed, and the x axis spans its epochs."""
        run_dir = Path(data["run_dir"])
        self.shown_run = run_dir
        self._total_epochs = int(data.get("epochs") or 1)
        self.curves.extend_x(self._total_epochs)  # a continued run: room for the new epochs
        self.state.training_run_started(run_dir, str(data.get("kind", "")))
        self.state.refresh_runs()  # list the live run now (it is highlighted as current)
        self._log(self.tr("Run folder {0} · dataset {1}").format(data["run_dir"], data.get("dataset_name", "?")))

    def _on_job_succeeded(self, result: Any) -> None:
        self.last_result = result
        status = str(getattr(result, "status", "completed"))
        message, done = str(getattr(result, "message", "")), getattr(result, "epochs_done", None)
        self._set_progress_text(lambda: status_text.result_status_line(status, message, done))
        if status == "completed":
            self.progress.setValue(1000)
        if status == "failed":
            self.state.show_error(self, self.tr("Training failed"), result.message)
        kind = self.state.current_run_kind or self.form.kind  # a continued run keeps its own kind
        self._show_test_metrics(kind, getattr(result, "test_metrics", None) or {})

    def _on_job_failed(self, message: str) -> None:
        self._set_progress_text(lambda: status_text.status_word("failed"))
        self._log(self.tr("Failed: {0}").format(message))
        self.state.show_error(self, self.tr("Training failed"), message)

    def _on_job_finished(self) -> None:
        self._training = False
        self.curves.refit()
        self.state.end_training()  # rescans the runs; the finished run stays current
        self._update_buttons()

    def _show_test_metrics(self, kind: str | None, metrics: dict[str, Any]) -> None:
        self._result = (kind, dict(metrics))
        self.result_label.setText(status_text.test_metrics_text(kind, metrics))

    # --- app state --------------------------------------------------------------------
    def _on_state_engine_ready(self) -> None:
        if self.state.dataset is not None:
            self.form.adopt_dataset_defaults(self.state.dataset.image_shape)
        self._log(self.tr("Engine ready."))
        self.curves.warm_up()
        self._prepare_curves()
        self._update_buttons()

    def _on_state_runs_changed(self) -> None:
        self.run_list.set_runs(self.state.list_runs(), self.state.current_run)
        self._update_buttons()

    def _on_state_current_run_changed(self, run_dir: Path | None) -> None:
        self.run_list.highlight(run_dir)
        self._update_buttons()

    def _update_continue_button(self) -> None:
        target = self.continue_target()
        blocker = continue_blocker(target, self.state.run_info(target), training=self.training,
                                   engine_loaded=self.state.engine_loaded)
        text = self.tr("Continue training") if target is None else self.tr("Continue {0}").format(target.name)
        metrics = self.continue_button.fontMetrics()
        self.continue_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, CONTINUE_TEXT_PX))
        self.continue_button.setEnabled(not blocker)
        self.continue_button.setToolTip(blocker or self.tr("Train {0} for the form's number of epochs more.").format(target))

    def _update_buttons(self) -> None:
        training = self.training
        paused = training and self.job is not None and self.job.handle.paused
        stopping = training and self.job is not None and self.job.handle.cancelled
        ready, waiting = self._ready(), not self.state.engine_loaded or self._dataset_loading
        if self._queued and ready and not training:  # Train was pressed while the engine loaded
            QTimer.singleShot(0, self.start_training)
        self._queued = self._queued and waiting and not training
        self.train_button.setEnabled((ready or waiting) and not training and not self._queued)
        self.hint.setVisible(not training and self.shown_run is None and not self.state.runs)
        self.train_button.setToolTip("" if self.state.engine_loaded else self.tr("The engine (TensorFlow) is still loading…"))
        self.pause_button.setEnabled(training and not paused and not stopping)
        self.resume_button.setEnabled(bool(paused) and not stopping)
        self.stop_button.setEnabled(training and not stopping)
        self._update_continue_button()
        self.form.set_enabled_while_training(training)
        self.run_list.setEnabled(not training)
        self.train_action.setEnabled(self.train_button.isEnabled())
        self.pause_action.setEnabled(training and not stopping)
        self.stop_action.setEnabled(training and not stopping)

    def _ready(self) -> bool:
        return self.state.engine_loaded and self.form.source is not None and not self._dataset_loading

    def _log(self, text: str) -> None:
        self.log.appendPlainText(text)
        self.state.status_message.emit(text)
