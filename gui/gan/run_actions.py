"""The GAN tab's actions on the run it shows: roll back, train steps, score, export.

`GanRunActions` owns the jobs these start (through `gui.bridge.start_job`) and tells the tab
what changed through signals; it talks to the widgets it is given only through their public
attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.gan.stepper import GanStepper
from core.progress import ProgressEvent
from gui.bridge import Job, start_job
from gui.gan.backend import score_file_for_tab, score_for_tab
from gui.gan.quality_view import GanQualityWidget
from gui.gan.side_panel import GanSidePanel
from gui.gan.step_controls import GanStepWidget

EXPORT_DIR_KEY = "gan/export_dir"


def confirm_rollback(parent: QWidget, run_name: str, epoch: int) -> bool:
    """Ask before replacing a run's latest models with an earlier checkpoint (tests replace this)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("GanRunActions", "Roll back"),
        QCoreApplication.translate(
            "GanRunActions", "Roll {0} back to its epoch {1} checkpoint? The later epochs' models, "
            "history and samples are discarded; continuing training starts from there.").format(run_name, epoch))
    return answer == QMessageBox.StandardButton.Yes


def choose_export_path(parent: QWidget, start: str, filters: str) -> Path | None:
    """Ask where to save an export (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("GanRunActions", "Export"), start,
                                          filters)
    return Path(path) if path else None


def save_image_png(image: Any, path: Path, scale: int, empty_message: str) -> Path:
    """Save `image` as a PNG scaled `scale` times; ValueError(`empty_message`) when there is none."""
    from core.images import save_png

    if image is None:
        raise ValueError(empty_message)
    return save_png(image, path, scale=scale)


def rollback_job(run_dir: Path, epoch: int, handle: Any = None) -> Path:
    """Worker: return `run_dir` to its epoch `epoch` checkpoint."""
    from core.training.run_folder import rollback_run

    rollback_run(run_dir, epoch, force=True)  # the tab already checked it is not the live run
    return run_dir


class GanRunActions(QObject):
    """Jobs and exports on the shown GAN run.

    Signals: `weights_stepped(key, generator_weights)` after train steps,
    `rolled_back(Path)` after a roll-back (the tab reloads the run), `failed(str)`.
    """

    weights_stepped = Signal(object, object)
    rolled_back = Signal(object)
    failed = Signal(str)

    def __init__(self, state: Any, view: QWidget, side: GanSidePanel, steps: GanStepWidget,
                 quality: GanQualityWidget) -> None:
        super().__init__(view)
        self.state = state
        self.view = view
        self.side = side
        self.steps = steps
        self.quality = quality
        self.run_dir: Path | None = None
        self.metrics_result: dict[str, Any] | None = None
        self._stepper: GanStepper | None = None
        self._jobs: list[Job] = []
        steps.step_requested.connect(self._on_steps_step_requested)
        side.score_button.clicked.connect(self._on_score_clicked)
        quality.rollback_requested.connect(self._on_quality_rollback_requested)

    def set_run(self, run_dir: Path | None) -> None:
        """Act on `run_dir` from now on; forget the previous run's metrics and step status."""
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self._stepper = GanStepper(self.run_dir) if self.run_dir is not None else None
        self.metrics_result = None
        self.side.show_metrics(None)
        self.steps.set_busy(False)

    def _is_live(self) -> bool:
        return self.run_dir is not None and self.state.live_run_dir == self.run_dir

    def _start(self, fn: Any, *args: Any, **kwargs: Any) -> Job:
        job = start_job(fn, *args, **kwargs)
        self._jobs.append(job)
        job.finished.connect(self._on_job_finished)
        job.failed.connect(self._on_job_failed)
        return job

    def _on_job_finished(self) -> None:
        self._jobs = [j for j in self._jobs if j.running]

    def _on_job_failed(self, message: str) -> None:
        self.steps.set_busy(False)
        self.side.end_scoring(self.run_dir is not None)
        self.failed.emit(message)

    # --- roll back ---------------------------------------------------------------------
    def _on_quality_rollback_requested(self, epoch: int) -> None:
        if self.run_dir is None:
            return
        if self._is_live():
            self.state.show_error(self.view, self.tr("Roll back"),
                                  self.tr("This run is training now; stop it before rolling back."))
            return
        if not confirm_rollback(self.view, self.run_dir.name, epoch):
            return
        job = self._start(rollback_job, self.run_dir, epoch)
        job.succeeded.connect(self.rolled_back)

    # --- train steps -------------------------------------------------------------------
    def _on_steps_step_requested(self, mode: str, n: int) -> None:
        if self._stepper is None:
            self.state.show_error(self.view, self.tr("GAN steps"), self.tr("Choose a GAN run first."))
            return
        if self._is_live():
            self.state.show_error(self.view, self.tr("GAN steps"),
                                  self.tr("This run is training now; step it once training has stopped."))
            return
        self.steps.show_started(n)
        job = self._start(self._stepper.train, mode, n, throttle_ms=100)
        job.event.connect(self._on_step_job_event)
        job.succeeded.connect(self._on_step_job_succeeded)

    def _on_step_job_event(self, ev: ProgressEvent) -> None:
        if ev.kind == "batch":
            self.steps.show_batch(ev.data.get("batch"), ev.data.get("steps"), ev.data.get("logs", {}))

    def _on_step_job_succeeded(self, result: dict[str, Any]) -> None:
        self.steps.show_done(result["steps"], result["mode"], result["logs"])
        self.weights_stepped.emit(result["key"], result["generator_weights"])

    # --- scoring -----------------------------------------------------------------------
    def _on_score_clicked(self) -> None:
        user = self.view.user
        if user.active and user.scorable():
            self.side.show_scoring()
            job = self._start(score_file_for_tab, user.path, str(user.dataset_combo.currentData()),
                              self.view.sampling.output_range)
            job.setProperty("run_dir", "")
            job.succeeded.connect(self._on_score_job_succeeded)
            return
        if self.run_dir is None:
            return
        self.side.show_scoring()
        job = self._start(score_for_tab, self.run_dir)
        job.setProperty("run_dir", str(self.run_dir))
        job.succeeded.connect(self._on_score_job_succeeded)

    def _on_score_job_succeeded(self, result: dict[str, Any]) -> None:
        job = self.sender()
        if job is not None and job.property("run_dir") != str(self.run_dir or ""):
            self.side.score_button.setEnabled(True)
            return  # scored a run no longer shown
        self.metrics_result = result
        self.side.show_metrics(result)
        self.quality.show_scored_histogram(result["gan"]["class_histogram"])

    # --- export ------------------------------------------------------------------------
    def export(self, fn: Callable[[Path], Path], filters: str) -> None:
        """Ask for a file (starting in the last export folder, else the runs folder) and save."""
        from core.paths import runs_root

        start = str(self.state.setting(EXPORT_DIR_KEY, "") or self.run_dir or runs_root())
        path = choose_export_path(self.view, start, filters)
        if path is None:
            return
        self.state.settings.setValue(EXPORT_DIR_KEY, str(path.parent))
        try:
            self.state.status_message.emit(self.tr("Saved {0}").format(fn(path)))
        except (ValueError, OSError) as exc:
            self.state.show_error(self.view, self.tr("Export"), str(exc))

    def shutdown(self, timeout_s: float) -> None:
        """Cancel and wait for any step / score / roll-back job."""
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait(timeout_s)
