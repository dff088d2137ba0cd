"""The GAN tab: sample grid with locks, enlarged sample vs its nearest real image, the mean-image
"model" with metrics, interpolation and latent walk, training timeline, quality curves and
GAN Lab-style step controls. Follows the live run through `AppState.training_event`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.gan.stepper import GanStepper
from core.progress import ProgressEvent
from gui.bridge import Job, LatestWorker, start_job
from gui.gan.backend import GanRunData, GanSampleBackend, SampleRequest, load_gan_run, score_for_tab
from gui.gan.grid import GanGridWidget
from gui.gan.interpolation import GanInterpolationWidget
from gui.gan.quality_view import GanQualityWidget, metrics_table_html
from gui.gan.side_panel import GanSidePanel
from gui.gan.step_controls import GanStepWidget
from gui.gan.timeline import GanTimelineWidget

WALK_FRAMES = 60



def confirm_rollback(parent: QWidget, run_name: str, epoch: int) -> bool:
    """Ask before replacing a run's latest models with an earlier checkpoint (tests replace this)."""
    answer = QMessageBox.question(
        parent, "Roll back",
        f"Roll {run_name} back to its epoch {epoch} checkpoint? The later epochs' models, "
        "history and samples are discarded; continuing training starts from there.")
    return answer == QMessageBox.StandardButton.Yes


def _rollback(run_dir: Path, epoch: int, handle: Any = None) -> Path:
    from core.training.run_folder import rollback_run

    rollback_run(run_dir, epoch, force=True)  # the tab already checked it is not the live run
    return run_dir

class GanTab(QWidget):
    """Sample, inspect and step a GAN run (see module docstring)."""

    title = "GAN"

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.data: GanRunData | None = None
        self.noise_grid: Any = None
        self.last_result: Any = None
        self.enlarged_index: int | None = None
        self.ends: list[int | None] = [None, None]
        self._weights: tuple[Any, list[np.ndarray]] | None = None
        self._worker: LatestWorker | None = None
        self._jobs: list[Job] = []
        self._stepper: GanStepper | None = None
        self._live_dir: Path | None = None
        self._live_running = False
        self.metrics_result: dict[str, Any] | None = None
        self._build()
        self.refresh_runs()
        state.runs_changed.connect(self.refresh_runs)
        state.training_event.connect(self._on_state_training_event)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.run_combo = QComboBox(self)
        self.run_combo.setMinimumWidth(260)
        self.follow_live = QCheckBox("Follow live run", self)
        self.follow_live.setChecked(True)
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(2, 16)
        self.size_spin.setValue(8)
        self.size_spin.setPrefix("grid ")
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setPrefix("seed ")
        self.reseed_button = QPushButton("Reseed", self)
        self.export_grid_button = QPushButton("Export grid PNG…", self)
        top = QHBoxLayout()
        for w in (QLabel("Run", self), self.run_combo, self.follow_live, self.size_spin, self.seed_spin,
                  self.reseed_button, self.export_grid_button):
            top.addWidget(w)
        top.addStretch(1)

        self.grid = GanGridWidget(self)
        side = GanSidePanel(self)
        self.side = side
        for name in ("enlarged_view", "nearest_view", "nearest_label", "set_a_button", "set_b_button",
                     "export_sample_button", "mean_view", "metrics_label", "score_button"):
            setattr(self, name, getattr(side, name))
        splitter = QSplitter(self)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setSizes([520, 420])

        self.interp = GanInterpolationWidget(self)
        self.timeline = GanTimelineWidget(self)
        self.export_timeline_button = QPushButton("Export timeline GIF…", self)
        tl = QWidget(self)
        tll = QVBoxLayout(tl)
        tll.addWidget(self.timeline, 1)
        tll.addWidget(self.export_timeline_button)
        self.quality = GanQualityWidget(self)
        self.steps = GanStepWidget(self)
        self.panels = QTabWidget(self)
        self.panels.addTab(self.interp, "Interpolation")
        self.panels.addTab(tl, "Timeline")
        self.panels.addTab(self.quality, "Quality")
        self.panels.addTab(self.steps, "Train steps")
        self.status = QLabel("", self)

        main = QSplitter(Qt.Orientation.Vertical, self)
        main.addWidget(splitter)
        main.addWidget(self.panels)
        main.setSizes([460, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(main, 1)
        layout.addWidget(self.status)

        self.run_combo.activated.connect(self._on_run_combo_activated)
        self.size_spin.valueChanged.connect(self._on_size_spin_changed)
        self.seed_spin.valueChanged.connect(self._on_seed_spin_changed)
        self.reseed_button.clicked.connect(self._on_reseed_clicked)
        self.grid.cell_clicked.connect(self._on_grid_cell_clicked)
        self.grid.lock_requested.connect(self._on_grid_lock_requested)
        self.set_a_button.clicked.connect(lambda: self._set_end(0))
        self.set_b_button.clicked.connect(lambda: self._set_end(1))
        self.interp.settings_changed.connect(self.request_samples)
        self.interp.walk_toggled.connect(self._on_interp_walk_toggled)
        self.steps.step_requested.connect(self._on_steps_step_requested)
        self.score_button.clicked.connect(self._on_score_clicked)
        self.quality.rollback_requested.connect(self._on_quality_rollback_requested)
        self.export_grid_button.clicked.connect(lambda: self._export(self.export_grid_png, "PNG (*.png)"))
        self.export_sample_button.clicked.connect(lambda: self._export(self.export_sample_png, "PNG (*.png)"))
        self.interp.export.clicked.connect(lambda: self._export(self.interp.export_gif, "GIF (*.gif)"))
        self.export_timeline_button.clicked.connect(lambda: self._export(self.timeline.export_gif, "GIF (*.gif)"))

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """List the GAN runs (newest first), keeping the current choice."""
        current = self.run_dir
        runs = [r for r in self.state.list_runs() if r.kind == "gan"]
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        for info in runs:
            self.run_combo.addItem(f"{Path(info.path).name} · {info.epochs_done} ep · {info.status}", str(info.path))
        if current is not None:
            self._ensure_combo_item(current)
        self.run_combo.blockSignals(False)

    def _ensure_combo_item(self, run_dir: Path) -> None:
        index = self.run_combo.findData(str(run_dir))
        if index < 0:
            self.run_combo.addItem(Path(run_dir).name, str(run_dir))
            index = self.run_combo.count() - 1
        self.run_combo.setCurrentIndex(index)

    @property
    def run_dir(self) -> Path | None:
        """The run shown."""
        return self.data.run_dir if self.data is not None else None

    def select_run(self, run_dir: Path) -> Job:
        """Load `run_dir` (off the GUI thread) and show it; returns the loading job."""
        self._ensure_combo_item(Path(run_dir))
        self.status.setText(f"Loading {Path(run_dir).name}…")
        job = self._start(load_gan_run, Path(run_dir), dataset=self.state.dataset)
        job.succeeded.connect(self._on_load_succeeded)
        job.failed.connect(self._on_job_failed)
        return job

    def _on_run_combo_activated(self, index: int) -> None:
        path = self.run_combo.itemData(index)
        if path:
            self.select_run(Path(path))

    def _on_load_succeeded(self, data: GanRunData) -> None:
        from core.gan.sampling import NoiseGrid, mean_image

        self.data = data
        self._weights = None
        self._stepper = GanStepper(data.run_dir)
        self.noise_grid = NoiseGrid(self.size_spin.value(), data.latent_dim, self.seed_spin.value())
        self.enlarged_index, self.ends = None, [0, self.size_spin.value() ** 2 - 1]
        self.timeline.set_frames(data.frames)
        self.quality.set_history(data.info.history, data.quality)
        self.mean_view.set_image(mean_image(data.train_images))
        self.status.setText(f"{data.run_dir.name}: {data.dataset_name}, {len(data.frames)} epoch(s).")
        self.request_samples()

    # --- sampling ----------------------------------------------------------------------
    def _has_generator(self) -> bool:
        return self.data is not None and (self._weights is not None or (self.data.run_dir / "generator.keras").exists())

    def request_samples(self) -> None:
        """Ask the sampling worker for the grid, strip, walk and enlarged sample (latest wins)."""
        if self.data is None or self.noise_grid is None or not self._has_generator():
            return
        if self._worker is None:
            self._worker = LatestWorker(GanSampleBackend())
            self._worker.computed.connect(self._on_worker_computed)
            self._worker.failed.connect(self._on_job_failed)
        z = self.noise_grid.z
        strip = None
        a, b = self.ends
        if a is not None and b is not None and a < len(z) and b < len(z):
            strip = (z[a], z[b], int(self.interp.steps.value()), str(self.interp.method.currentData()))
        walk = None
        if self.interp.walk_check.isChecked():
            from core.gan.sampling import latent_walk

            walk = latent_walk(self.data.latent_dim, WALK_FRAMES, self.seed_spin.value())
        key, weights = self._weights if self._weights is not None else (None, None)
        self._worker.submit(SampleRequest(run_dir=self.data.run_dir, grid_z=z.copy(), weights_key=key,
                                          weights=weights, strip=strip, walk_z=walk, enlarge=self.enlarged_index,
                                          train_images=self.data.train_images))

    def _on_worker_computed(self, request: SampleRequest, result: Any) -> None:
        if self.data is None or request.run_dir != self.data.run_dir:
            return
        self.last_result = result
        self.grid.set_samples(result.grid)
        self._update_marks()
        self.interp.set_strip(result.strip)
        if result.walk is not None:
            self.interp.set_walk_frames(result.walk)
        self.enlarged_view.set_image(result.enlarged)
        self.nearest_view.set_image(result.nearest_image)
        if result.nearest_index is not None and result.enlarged is not None:
            dist = float(np.sqrt(np.mean((result.enlarged - result.nearest_image) ** 2)))
            self.nearest_label.setText(f"nearest real #{result.nearest_index} (RMS distance {dist:.3f})")

    def _update_marks(self) -> None:
        marks = {i: label for i, label in zip(self.ends, "AB", strict=False) if i is not None}
        self.grid.set_marks(self.noise_grid.locked if self.noise_grid else set(), marks)
        self.interp.set_ends(*self.ends)

    def _on_size_spin_changed(self, n: int) -> None:
        if self.noise_grid is not None:
            self.noise_grid.resize(n)
            self.ends = [e if e is not None and e < n * n else None for e in self.ends]
            if self.enlarged_index is not None and self.enlarged_index >= n * n:
                self.enlarged_index = None
            self.request_samples()

    def _on_seed_spin_changed(self, seed: int) -> None:
        if self.noise_grid is not None:
            self.noise_grid.reseed(seed)
            self.request_samples()

    def _on_reseed_clicked(self) -> None:
        self.seed_spin.setValue(self.seed_spin.value() + 1)

    def _on_grid_cell_clicked(self, index: int) -> None:
        self.enlarged_index = index
        self.request_samples()

    def _on_grid_lock_requested(self, index: int) -> None:
        if self.noise_grid is not None:
            locked = self.noise_grid.toggle_lock(index)
            self.status.setText(f"Sample {index} {'locked' if locked else 'unlocked'}.")
            self._update_marks()

    def _set_end(self, which: int) -> None:
        if self.enlarged_index is not None:
            self.ends[which] = self.enlarged_index
            self.request_samples()

    def _on_interp_walk_toggled(self, on: bool) -> None:
        if on:
            self.request_samples()

    # --- live run ----------------------------------------------------------------------
    def _on_state_training_event(self, ev: ProgressEvent) -> None:
        if ev.kind == "start" and ev.data.get("kind") == "gan":
            self._live_dir, self._live_running = Path(ev.data["run_dir"]), True
            if self.follow_live.isChecked() and self.run_dir != self._live_dir:
                self.select_run(self._live_dir)
        elif ev.kind == "done":
            self._live_running = False
            self.refresh_runs()
        elif ev.kind == "epoch" and self.data is not None and self._live_dir == self.data.run_dir:
            self._apply_live_epoch(ev.data)

    def _apply_live_epoch(self, data: dict[str, Any]) -> None:
        from core.gan.quality import load_quality

        snap = data.get("snapshot")
        epoch = int(data.get("epoch", getattr(snap, "epoch", 0)))
        if snap is not None and snap.gan_samples is not None:
            self.timeline.add_frame(epoch, snap.gan_samples)
        self.quality.add_epoch(epoch, dict(data.get("logs") or {}), load_quality(self.data.run_dir))
        weights = getattr(snap, "weights", {}).get("generator") if snap is not None else None
        if weights is not None:
            self._weights = (("live", epoch), list(weights))  # get_weights() copies, never mutated
        self.request_samples()

    # --- jobs: steps and scoring ---------------------------------------------------------
    def _start(self, fn: Any, *args: Any, **kwargs: Any) -> Job:
        job = start_job(fn, *args, **kwargs)
        self._jobs.append(job)
        job.finished.connect(self._on_job_finished)
        return job

    def _on_job_finished(self) -> None:
        self._jobs = [j for j in self._jobs if j.running]

    def _on_job_failed(self, message: str) -> None:
        self.steps.set_busy(False)
        self.score_button.setEnabled(True)
        self.status.setText(message)
        self.state.show_error(self, "GAN tab", message)

    def _on_quality_rollback_requested(self, epoch: int) -> None:
        if self.data is None:
            return
        if self._live_running and self._live_dir == self.data.run_dir:
            self.state.show_error(self, "Roll back", "This run is training now; stop it before rolling back.")
            return
        if not confirm_rollback(self, self.data.run_dir.name, epoch):
            return
        job = self._start(_rollback, self.data.run_dir, epoch)
        job.succeeded.connect(lambda run_dir: self.select_run(run_dir))
        job.failed.connect(self._on_job_failed)

    def _on_steps_step_requested(self, mode: str, n: int) -> None:
        if self._stepper is None or self.data is None:
            self.state.show_error(self, "GAN steps", "Choose a GAN run first.")
            return
        if self._live_running and self._live_dir == self.data.run_dir:
            self.state.show_error(self, "GAN steps", "This run is training now; step it once training has stopped.")
            return
        self.steps.set_busy(True, f"training {n} batches…")
        job = self._start(self._stepper.train, mode, n, throttle_ms=100)
        job.event.connect(self._on_step_job_event)
        job.succeeded.connect(self._on_step_job_succeeded)
        job.failed.connect(self._on_job_failed)

    def _on_step_job_event(self, ev: ProgressEvent) -> None:
        if ev.kind == "batch":
            logs = ev.data.get("logs", {})
            self.steps.status.setText(f"batch {ev.data.get('batch')}/{ev.data.get('steps')} · "
                                      + " · ".join(f"{k} {v:.3f}" for k, v in logs.items()))

    def _on_step_job_succeeded(self, result: dict[str, Any]) -> None:
        self._weights = (result["key"], result["generator_weights"])
        logs = " · ".join(f"{k} {v:.3f}" for k, v in result["logs"].items())
        self.steps.set_busy(False, f"{result['steps']} batches ({result['mode']}) done · {logs}")
        self.request_samples()

    def _on_score_clicked(self) -> None:
        if self.data is None:
            return
        self.score_button.setEnabled(False)
        self.metrics_label.setText("Scoring… (the first time trains a small classifier: a few seconds)")
        job = self._start(score_for_tab, self.data.run_dir)
        job.succeeded.connect(self._on_score_job_succeeded)
        job.failed.connect(self._on_job_failed)

    def _on_score_job_succeeded(self, result: dict[str, Any]) -> None:
        self.score_button.setEnabled(True)
        self.metrics_result = result
        self.metrics_label.setText(metrics_table_html(result))
        self.quality.histogram.set_histogram(result["gan"]["class_histogram"], "Classes of saved generator's samples")

    # --- export --------------------------------------------------------------------------
    def export_grid_png(self, path: Path) -> Path:
        """Save the sample grid shown as a PNG (4x pixels)."""
        from core.images import save_png

        image = self.grid.image()
        if image is None:
            raise ValueError("no samples to export yet")
        return save_png(image, path, scale=4)

    def export_sample_png(self, path: Path) -> Path:
        """Save the enlarged sample as a PNG (8x pixels)."""
        from core.images import save_png

        image = self.enlarged_view.image()
        if image is None:
            raise ValueError("click a sample to enlarge it first")
        return save_png(image, path, scale=8)

    def _export(self, fn: Any, filters: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export", "", filters)
        if not path:
            return
        try:
            self.status.setText(f"Saved {fn(Path(path))}")
        except (ValueError, OSError) as exc:
            self.state.show_error(self, "Export", str(exc))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the walk, the sampling worker and any step/score job."""
        self.interp.stop()
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait(timeout_s)
        if self._worker is not None:
            self._worker.close(timeout_s)
