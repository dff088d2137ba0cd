"""The GAN tab: sample grid with locks, nearest real image, mean-image "model" with metrics,
interpolation and walk, timeline, quality curves and step controls, for a GAN run or a user's
generator file (`GanUserModel`). It follows the app state (run list, current run, live epochs,
the run's dataset); actions on the shown run (roll back, steps, score, export) live in
`GanRunActions`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from core.progress import ProgressEvent
from gui.bridge import Job, LatestWorker, start_job
from gui.gan.backend import GanRunData, load_gan_run, mean_image_job
from gui.gan.run_actions import GanRunActions, save_image_png
from gui.gan.sampling import GanSampling
from gui.gan.tab_layout import build_gan_tab
from gui.gan.texts import loading_text, no_run_text, run_item_text, status_line
from gui.gan.user_model import GanUserModel, generator_shapes


class GanTab(QWidget):
    """Sample, inspect and step a GAN run (see module docstring)."""

    title = "GAN"
    accepts_model_files = True

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.data: GanRunData | None = None
        self.dataset: Any = None
        self.dataset_error: str | None = None
        self.epochs_done = 0
        self._jobs: list[Job] = []
        self._loading: Path | None = None
        self._load_request = 0  # id of the latest run load; older results are dropped
        self._build()
        self.actions = GanRunActions(state, self, self.side, self.steps, self.quality)
        self.sampling = GanSampling(self.grid, self.interp, self.side, self)
        self.user = GanUserModel(self)  # a user's generator file, when one is shown
        self.layout().insertWidget(1, self.user)
        self._connect()
        self.refresh_runs()
        self._preselect_current()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; re-render the run list and status line."""
        self.run_label.setText(self.tr("Run"))
        self.follow_live.setText(self.tr("Follow live run"))
        self.follow_live.setToolTip(self.tr("Show the GAN run being trained as soon as it starts"))
        self.size_spin.setPrefix(self.tr("grid "))
        self.size_spin.setToolTip(self.tr("Samples per side of the grid"))
        self.seed_spin.setPrefix(self.tr("seed "))
        self.seed_spin.setToolTip(self.tr("Seed of the grid's noise (latent vectors)"))
        self.reseed_button.setText(self.tr("Reseed"))
        self.reseed_button.setToolTip(self.tr("New noise for every sample that is not locked"))
        self.class_combo.setToolTip(self.tr(
            "This GAN is class-conditional (AC-GAN): each sample's class is read from its noise. "
            "Choose a class to draw every unlocked sample as that class, keeping its style."))
        self._fill_class_combo()
        self.export_grid_button.setText(self.tr("Export grid PNG…"))
        self.export_timeline_button.setText(self.tr("Export timeline GIF…"))
        for i, name in enumerate((self.tr("Interpolation"), self.tr("Timeline"), self.tr("Quality"),
                                  self.tr("Train steps"))):
            self.panels.setTabText(i, name)
        self._fill_run_combo()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        build_gan_tab(self)

    def _connect(self) -> None:
        self.run_combo.activated.connect(self._on_run_combo_activated)
        self.size_spin.valueChanged.connect(self.sampling.resize)
        self.seed_spin.valueChanged.connect(self.sampling.reseed)
        self.reseed_button.clicked.connect(self._on_reseed_clicked)
        self.sampling.changed.connect(self._show_status)
        self.sampling.classes_known.connect(self._fill_class_combo)
        self.class_combo.activated.connect(self._on_class_combo_activated)
        self.sampling.failed.connect(self._on_job_failed)
        self.actions.weights_stepped.connect(self._on_actions_weights_stepped)
        self.actions.rolled_back.connect(self.select_run)
        self.actions.failed.connect(self._on_job_failed)
        export = self.actions.export
        self.export_grid_button.clicked.connect(lambda: export(self.export_grid_png, self.tr("PNG image (*.png)")))
        self.side.export_sample_button.clicked.connect(
            lambda: export(self.export_sample_png, self.tr("PNG image (*.png)")))
        self.interp.export.clicked.connect(lambda: export(self.interp.export_gif, self.tr("GIF animation (*.gif)")))
        self.export_timeline_button.clicked.connect(
            lambda: export(self.timeline.export_gif, self.tr("GIF animation (*.gif)")))
        self.state.runs_changed.connect(self.refresh_runs)
        self.state.current_run_changed.connect(self._on_state_current_run_changed)
        self.state.training_started.connect(self._on_state_training_changed)
        self.state.training_finished.connect(self._on_state_training_changed)
        self.state.training_event.connect(self._on_state_training_event)
        self.state.dataset_loaded.connect(self._on_state_dataset_loaded)
        self.state.dataset_failed.connect(self._on_state_dataset_failed)

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """List the GAN runs of the shared run list (newest first), keeping the current choice."""
        self._fill_run_combo()
        self.reload_if_changed()

    def _fill_run_combo(self) -> None:
        shown = self._loading or self.run_dir
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        for info in self.state.list_runs():
            if info.kind == "gan":
                self.run_combo.addItem(run_item_text(Path(info.path).name, info.epochs_done, info.status),
                                       str(info.path))
        if shown is not None:
            self._ensure_combo_item(shown)
        else:
            self.run_combo.setCurrentIndex(-1)
        self.run_combo.blockSignals(False)

    def reload_if_changed(self) -> bool:
        """Reload the run shown when it changed on disk (Continue, `--resume`, a roll-back), so
        samples and steps act on its latest committed models (not while it trains here)."""
        from core.gan.stepper import disk_fingerprint

        if self.data is None or self._loading is not None or self.live:
            return False
        if disk_fingerprint(self.data.run_dir) == self.data.fingerprint:
            return False
        self.select_run(self.data.run_dir)
        return True

    def can_open_model_file(self, path: Path) -> bool:
        """Whether `path` is a generator: one noise vector in, one image out."""
        return generator_shapes(Path(path)) is not None

    def open_model_file(self, path: Path) -> bool:
        """Sample a user's generator file (File → Open model…, drops); False if it is none."""
        shapes = generator_shapes(Path(path))
        if shapes is None:
            return self.user.refuse(Path(path))
        self.data, self._loading, self.dataset, self.dataset_error = None, None, None, None
        self._load_request += 1  # a run still loading is dropped
        self.run_combo.setCurrentIndex(-1)
        self.user.show_file(Path(path), *shapes)
        self._show_status()
        return True

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

    @property
    def live(self) -> bool:
        """Whether the run shown is the one training now."""
        return self.run_dir is not None and self.state.live_run_dir == self.run_dir

    def _preselect_current(self) -> None:
        """Show the state's current run when it is a GAN run (the live one only if followed)."""
        run = self.state.current_run
        if run is None or self.state.current_run_kind != "gan":
            return
        if run == self.state.live_run_dir and not self.follow_live.isChecked():
            return
        if run not in (self.run_dir, self._loading):
            self.select_run(run)

    def select_run(self, run_dir: Path) -> Job:
        """Load `run_dir` (off the GUI thread) with its own dataset and show it; returns the job."""
        run_dir = Path(run_dir)
        self._loading = run_dir
        self._ensure_combo_item(run_dir)
        self.state.dataset_for_run(run_dir)  # starts loading the run's dataset alongside
        self._show_status()
        self._load_request += 1
        job = self._start(load_gan_run, run_dir)
        job.setProperty("request", self._load_request)
        job.succeeded.connect(self._on_load_succeeded)
        job.failed.connect(self._on_load_failed)
        return job

    def _on_run_combo_activated(self, index: int) -> None:
        path = self.run_combo.itemData(index)
        if path:
            self.state.set_current_run(Path(path), "gan")
            if Path(path) not in (self.run_dir, self._loading):
                self.select_run(Path(path))

    def _stale_load(self) -> bool:
        job = self.sender()
        return job is not None and job.property("request") != self._load_request

    def _on_load_succeeded(self, data: GanRunData) -> None:
        if self._stale_load() or data.run_dir != self._loading:
            return  # superseded by a later choice
        self._loading = None
        self.user.leave()
        self.data, self.epochs_done = data, data.epochs_done
        self.sampling.reset(data.run_dir, data.latent_dim, self.size_spin.value(), self.seed_spin.value())
        self.actions.set_run(data.run_dir)
        self.timeline.set_frames(data.frames)
        self.quality.set_history(data.info.history, data.quality)
        self.dataset, self.dataset_error = None, None
        self._set_dataset(self.state.request_dataset(data.dataset_source))

    def _on_load_failed(self, message: str) -> None:
        if self._stale_load():
            return
        self._loading = None
        self.refresh_runs()  # the combo shows the run on screen again
        self._on_job_failed(message)

    # --- the run's dataset ---------------------------------------------------------------
    def _set_dataset(self, dataset: Any) -> None:
        self.dataset = dataset
        if dataset is None:
            self.side.show_mean(None, "loading" if self.dataset_error is None else "unavailable")
        else:
            job = self._start(mean_image_job, dataset.x_train)
            job.setProperty("run_dir", str(self.run_dir))
            job.succeeded.connect(self._on_mean_job_succeeded)
        self.sampling.set_train_images(dataset.x_train if dataset is not None else None)
        self._fill_class_combo()  # the dataset names the classes
        self._show_status()

    def _on_mean_job_succeeded(self, image: np.ndarray) -> None:
        job = self.sender()
        if job is None or job.property("run_dir") == str(self.run_dir):
            self.side.show_mean(image)

    def _on_state_dataset_loaded(self, source: str, dataset: Any) -> None:
        if self.data is not None and self.dataset is None and source == self.data.dataset_source:
            self._set_dataset(dataset)

    def _on_state_dataset_failed(self, source: str, message: str) -> None:
        if self.data is not None and self.dataset is None and source == self.data.dataset_source:
            self.dataset_error = message
            self._set_dataset(None)

    # --- status ------------------------------------------------------------------------
    def _show_status(self) -> None:
        """One line describing what the tab shows now."""
        if self._loading is not None:
            self.status.setText(loading_text(self._loading.name))
        elif self.user.active:
            self.status.setText(self.user.status_text())
        elif self.data is None:
            self.status.setText(no_run_text())
        else:
            dataset = str(self.dataset.name).split(" (")[0] if self.dataset is not None else None
            locked = len(self.noise_grid.locked) if self.noise_grid is not None else 0
            self.status.setText(status_line(self.data.run_dir.name, self.epochs_done, self.live, dataset, self.dataset_error,
                                            self.data.dataset_source, locked, self.sampling.has_generator()))

    # --- sampling (delegated to GanSampling) --------------------------------------------
    @property
    def noise_grid(self) -> Any:
        """The grid's noise (with its locks)."""
        return self.sampling.noise_grid

    @property
    def last_result(self) -> Any:
        """The last sampling result shown."""
        return self.sampling.last_result

    @property
    def _worker(self) -> LatestWorker | None:  # kept for bench/gan.py
        return self.sampling.worker

    def _on_actions_weights_stepped(self, key: Any, weights: Any) -> None:
        from core.gan.stepper import disk_fingerprint

        if self.data is not None:  # the steps saved these weights: the disk matches what is shown
            self.data.fingerprint = disk_fingerprint(self.data.run_dir)
        self.sampling.set_weights(key, weights)

    def request_samples(self) -> None:
        """Redraw the samples of the run shown (latest request wins)."""
        self.sampling.request()

    def _fill_class_combo(self, *_: Any) -> None:
        """Offer the classes of a class-conditional generator ("all classes" first); hide otherwise."""
        classes, label = self.sampling.classes, self.sampling.label
        names = list(getattr(self.dataset, "class_names", ()) or ())
        if len(names) != classes:
            names = [str(i) for i in range(classes)]
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("all classes"), None)
        for i, name in enumerate(names):
            self.class_combo.addItem(self.tr("class {0}").format(name), i)
        self.class_combo.setCurrentIndex(0 if label is None else label + 1)
        self.class_combo.blockSignals(False)
        self.class_combo.setVisible(classes > 0)

    def _on_class_combo_activated(self, index: int) -> None:
        label = self.class_combo.itemData(index)
        self.sampling.set_label(None if label is None else int(label))

    def _on_reseed_clicked(self) -> None:
        self.seed_spin.setValue(self.seed_spin.value() + 1)

    # --- live run ----------------------------------------------------------------------
    def _on_state_current_run_changed(self, _run_dir: Any) -> None:
        self._preselect_current()

    def _on_state_training_changed(self, _run_dir: Any) -> None:
        self._preselect_current()
        self.reload_if_changed()
        self._show_status()

    def _on_state_training_event(self, ev: ProgressEvent) -> None:
        if ev.kind == "epoch" and self.live:
            self._apply_live_epoch(ev.data)

    def _apply_live_epoch(self, data: dict[str, Any]) -> None:
        from core.gan.quality import load_quality

        assert self.data is not None
        snap = data.get("snapshot")
        epoch = int(data.get("epoch", getattr(snap, "epoch", 0)))
        self.epochs_done = max(self.epochs_done, epoch)
        if snap is not None and snap.gan_samples is not None:
            self.timeline.add_frame(epoch, snap.gan_samples)
        self.quality.add_epoch(epoch, dict(data.get("logs") or {}), load_quality(self.data.run_dir))
        weights = getattr(snap, "weights", {}).get("generator") if snap is not None else None
        if weights is not None:
            self.sampling.set_weights(("live", epoch), list(weights))  # get_weights() copies, never mutated
        else:
            self.sampling.request()
        self._show_status()

    # --- jobs --------------------------------------------------------------------------
    def _start(self, fn: Any, *args: Any, **kwargs: Any) -> Job:
        job = start_job(fn, *args, **kwargs)
        self._jobs.append(job)
        job.finished.connect(self._on_job_finished)
        return job

    def _on_job_finished(self) -> None:
        self._jobs = [j for j in self._jobs if j.running]

    def _on_job_failed(self, message: str) -> None:
        self._show_status()
        self.state.show_error(self, self.tr("GAN tab"), message)

    # --- export --------------------------------------------------------------------------
    def export_grid_png(self, path: Path) -> Path:
        """Save the sample grid shown as a PNG (4x pixels)."""
        return save_image_png(self.grid.image(), path, 4, self.tr("no samples to export yet"))

    def export_sample_png(self, path: Path) -> Path:
        """Save the enlarged sample as a PNG (8x pixels)."""
        return save_image_png(self.side.enlarged_view.image(), path, 8, self.tr("click a sample to enlarge it first"))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the walk, the sampling worker and any load / step / score job."""
        self.interp.stop()
        self.actions.shutdown(timeout_s)
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait(timeout_s)
        self.sampling.close(timeout_s)
