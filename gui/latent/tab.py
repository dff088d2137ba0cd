"""The Latent map tab: walk an autoencoder's or VAE's latent plane with the mouse.

Decoding for the mouse never goes through `predict`: with a dense decoder the exact NumPy
mirror decodes inline on the GUI thread (~0.02 ms); otherwise a `LatestWorker` decodes with a
compiled call and a newer point supersedes a pending one. The scatter is a static background;
only the marker and the decoded images are repainted while dragging.

The tab owns the map, the cursor's point, the heat map and the live run's updates (only while
visible); each lower panel works on its own worker and reports through signals. It follows the
`AppState`: run list, current run (preselected when an AE/VAE with a checkpoint), live run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QWidget,
)

from gui.app_state import run_dataset_source
from gui.bridge import Job, LatestWorker, start_job
from gui.latent.captions import ask_export_path, make_scene, view_note
from gui.latent.requests import (
    GridRequest,
    MiscRequest,
    PointRequest,
    serve_grid,
    serve_misc,
    serve_point,
)
from gui.latent.run_picker import LATENT_KINDS
from gui.latent.tab_layout import build_latent_tab
from gui.latent.user_bar import LatentUserBar, file_roles
from gui.widgets.live_text import LiveTexts, is_language_change

MARKER_COLOURS = {"A": QColor(30, 120, 255), "B": QColor(255, 150, 0), "digit": QColor(255, 0, 200)}
HEAT_N = 40


class LatentTab(QWidget):
    """Choose an AE/VAE run; click or drag on its latent map to see what the decoder makes of it."""

    title = QT_TRANSLATE_NOOP("LatentTab", "Latent map")
    accepts_model_files = True

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.texts = LiveTexts()
        self.view: Any = None  # core.latent.view.LatentView
        self._bounds: tuple[float, float, float, float] | None = None
        self._point: tuple[float, float] | None = None
        self._serial = 0
        self._heat: np.ndarray | None = None
        self._history_index = -1
        self._load_job: Job | None = None
        self._loading: Path | None = None
        self._classifier_run: str | None = None
        self._pending_load: tuple[Any, Any, bool] | None = None
        self._wanted_run: Path | None = None  # the current run, until it can be shown
        self._live_ready = False  # the live run has saved its first checkpoint
        self._pending_epoch: Any = None  # the live run's last epoch while the tab is hidden
        self._build_ui()
        self._workers = {"point": LatestWorker(serve_point, self), "heat": LatestWorker(serve_grid, self),
                         "live": LatestWorker(serve_misc, self)}
        self._workers["point"].computed.connect(self._on_point_computed)
        self._workers["heat"].computed.connect(self._on_heat_computed)
        self._workers["live"].computed.connect(self._on_live_computed)
        for worker in self._workers.values():
            worker.failed.connect(self._on_worker_failed)
        state.engine_ready.connect(self._on_state_engine_ready)
        state.runs_changed.connect(self._on_state_runs_changed)
        state.current_run_changed.connect(self._on_state_current_run_changed)
        state.training_started.connect(self._on_state_training_started_or_finished)
        state.training_finished.connect(self._on_state_training_started_or_finished)
        state.training_event.connect(self._on_state_training_event)
        self.refresh_runs()
        self._on_state_current_run_changed(state.current_run)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; the note and the map's titles made again."""
        self.heat_check.setText(self.tr("Classifier confidence heat map"))
        self.heat_check.setToolTip(self.tr("Colour the map by how sure a classifier run is of each decoded image"))
        self.texts.refresh()
        if self.view is not None:
            self._refresh_scene()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _say(self, make: Any) -> None:  # the note, made again on a language change
        self.texts.put(self.note.setText, make)

    # --- layout ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        build_latent_tab(self)
        self._say(lambda: self.tr("Choose a trained (or training) autoencoder or VAE run."))
        self.user = LatentUserBar(self)  # a user's decoder file, when one is shown
        self.layout().insertWidget(2, self.user)
        self._connect_ui()

    def _connect_ui(self) -> None:
        self.picker.run_chosen.connect(lambda run, clf: self.load_run(run, clf, auto_classifier=False))
        self.picker.refresh_requested.connect(self.state.refresh_runs)
        self.heat_check.toggled.connect(self._on_heat_check_toggled)
        self.map.point_picked.connect(self.pick_point)
        self.map.hovered.connect(self._on_map_hovered)
        self.map.bounds_changed.connect(self._on_map_bounds_changed)
        self.grid_panel.overlay_changed.connect(self._show_grid_overlay)
        self.grid_panel.export_requested.connect(lambda: self._export_dialog("grid", "png"))
        self.interp_panel.end_marked.connect(self._on_marker_moved)
        self.interp_panel.export_requested.connect(lambda fmt: self._export_dialog("strip", fmt))
        self.digit_panel.landed.connect(lambda point: self._on_marker_moved("digit", point))
        self.history_panel.frame_changed.connect(self._on_history_frame_changed)
        self.history_panel.export_requested.connect(lambda: self._export_dialog("history", "gif"))
        for panel in (self.grid_panel, self.interp_panel, self.digit_panel):
            panel.failed.connect(self._on_worker_failed)

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """List the shared run list's AE/VAE runs (and the live one) and classifier runs."""
        live = self.state.live_run_dir
        live_entry = (Path(live), self.state.current_run_kind) if live is not None and self._live_ready else None
        dataset = self.view.config.get("dataset") if self.view is not None else None
        self.picker.set_runs(self.state.list_runs(), live_entry, dataset)

    def load_run(self, run_dir: str | Path, classifier_run: str | Path | None = None,
                 *, auto_classifier: bool = True) -> Job | None:
        """Load `run_dir` on a worker (models, dataset, encodings); the map updates when done.

        Before `AppState.engine_ready` the load is deferred (returns None) until the engine is in.
        """
        if not self.state.engine_loaded:  # TensorFlow is still importing
            name = Path(run_dir).name
            self._say(lambda: self.tr("Waiting for the engine to load {0} …").format(name))
            self._pending_load = (run_dir, classifier_run, auto_classifier)
            return None
        from core.latent.view import load_view

        if classifier_run is None and auto_classifier:
            classifier_run = self.picker.default_classifier(run_dataset_source(Path(run_dir)))
        self._classifier_run = None if classifier_run is None else str(classifier_run)
        if self._load_job is not None:
            self._load_job.cancel()
        name = Path(run_dir).name
        self._say(lambda: self.tr("Loading {0} …").format(name))
        self._loading = Path(run_dir)
        job = start_job(load_view, run_dir, classifier_run)
        job.succeeded.connect(self._on_load_succeeded)
        job.failed.connect(self._on_load_failed)
        job.event.connect(self._on_load_job_event)
        self._load_job = job
        return job

    def can_open_model_file(self, path: Path) -> bool:
        """Whether `path` is a decoder: a latent vector in, an image out."""
        return "decoder" in file_roles(Path(path))

    def open_model_file(self, path: Path) -> Job:
        """Show a user's decoder file on the map (File → Open model…, drops); "Open encoder…" adds
        its encoder. Loads on a worker; the map changes when it is loaded."""
        return self.user.open_decoder(Path(path))

    def set_projection(self, projection: Any) -> None:
        """Show the map on another plane of the same latent (a user's decoder: other dimensions,
        slider values or PCA), keeping the clicked point's plane coordinates."""
        view = self.view
        view.projection, view.test_plane = projection, projection.to_plane(view.test_z)
        self._refresh_scene()
        if self._point is not None:
            self.pick_point(*self._point)
        self.grid_panel.request(self._bounds)

    def _on_state_engine_ready(self) -> None:
        if self._pending_load is not None:
            run_dir, classifier_run, auto = self._pending_load
            self._pending_load = None
            self.load_run(run_dir, classifier_run, auto_classifier=auto)

    def _on_load_job_event(self, ev: Any) -> None:
        text = ev.data.get("text")  # core's progress line (English, like the command line's)
        if text:
            self._say(lambda: str(text))

    def _on_load_succeeded(self, view: Any) -> None:
        if self.sender() is self._load_job:  # a superseded load's result is dropped
            self.set_view(view)

    def _on_load_failed(self, message: str) -> None:
        if self.sender() is not self._load_job:
            return
        self._loading = None
        shown = self.view.run_dir.name if self.view is not None else None
        self._say(lambda: self.tr("Could not load the run: {0}").format(message) if shown is None
                  else self.tr("Could not load the run: {0}; still showing {1}").format(message, shown))
        self.state.show_error(self, self.tr("Latent map"), message)

    def set_view(self, view: Any) -> None:
        """Show a loaded `core.latent.view.LatentView`."""
        self.view, self._heat, self._loading, self._point = view, None, None, None
        self._bounds = view.bounds
        self.picker.select_run(view.run_dir)
        self.picker.set_dataset(view.config.get("dataset"), self._classifier_run or "")
        self._say(lambda: view_note(view))
        self.heat_check.setEnabled(view.model.has_classifier)
        self.point_panel.clear()
        for panel in (self.grid_panel, self.interp_panel, self.digit_panel):
            panel.set_view(view)
        self.history_panel.set_epochs([f.epoch for f in view.history])
        self._refresh_scene()
        xmin, xmax, ymin, ymax = self._bounds
        self.pick_point((xmin + xmax) / 2, (ymin + ymax) / 2)
        self.grid_panel.request(self._bounds)
        self._on_heat_check_toggled(self.heat_check.isChecked())

    # --- following the app state --------------------------------------------------------
    def _on_state_runs_changed(self) -> None:
        self.refresh_runs()
        self._preselect()

    def _on_state_current_run_changed(self, run_dir: Any) -> None:
        self._wanted_run = Path(run_dir) if run_dir is not None else None
        self._preselect()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # catch up: the current run, the live run's last epoch
        self._preselect()
        pending, self._pending_epoch = self._pending_epoch, None
        if pending is not None:
            self._on_state_training_event(pending)

    def _preselect(self) -> None:
        """Load the current run (an AE/VAE run with a checkpoint) while the tab is visible:
        loading and encoding hold the GIL, stalling the window for a map nobody sees."""
        run = self._wanted_run
        if run is None or not self.isVisible():
            return
        if run in (self._loading, None if self.view is None else Path(self.view.run_dir)):
            self._wanted_run = None
            return
        live = self.state.live_run_dir is not None and Path(self.state.live_run_dir) == run
        info = self.state.run_info(run)
        kind = info.kind if info is not None else self.state.current_run_kind
        if kind and kind not in LATENT_KINDS:
            self._wanted_run = None  # nothing to show on a latent map
            return
        if live and not self._live_ready or not live and (info is None or info.epochs_done <= 0):
            return  # no checkpoint yet: the first epoch (or the next scan) brings it
        self._wanted_run = None
        self.load_run(run)

    def _on_state_training_started_or_finished(self, _run_dir: Any) -> None:
        self._live_ready = False  # after the end, the rescan that follows lists it as a past run

    def _on_state_training_event(self, ev: Any) -> None:
        from core.latent.view import HistoryFrame

        live = self.state.live_run_dir
        if ev.kind != "epoch" or live is None:
            return
        if not self._live_ready:
            self._live_ready = True  # the first checkpoint is on disk: the run can be loaded
            self.refresh_runs()
        if not self.isVisible():
            self._pending_epoch = ev  # applied when the tab is shown (see showEvent)
            return
        self._preselect()
        view = self.view
        if view is None or Path(live) != Path(view.run_dir):
            return
        snap = ev.data["snapshot"]
        view.model.set_weights(snap.weights)  # our own copy: the trainer's model is never touched
        if snap.probe_z is not None:
            labels = snap.probe_labels if snap.probe_labels is not None else np.zeros(len(snap.probe_z), np.int64)
            view.history.append(HistoryFrame(int(snap.epoch), np.asarray(snap.probe_z), np.asarray(labels)))
            self.history_panel.set_epochs([f.epoch for f in view.history], follow=True)
        if self._point is not None:
            self.pick_point(*self._point)
        self._workers["live"].submit(MiscRequest(view, "reencode", ()))
        self.grid_panel.request()

    def _on_live_computed(self, req: MiscRequest, result: tuple[np.ndarray, np.ndarray]) -> None:
        if req.view is not self.view:
            return
        self.view.test_z, self.view.train_z = result
        self.view.test_plane = self.view.projection.to_plane(self.view.test_z)
        self._refresh_scene()

    # --- the map ---------------------------------------------------------------------
    def _refresh_scene(self) -> None:
        view = self.view
        if view is None or self._bounds is None:
            self.map.set_scene(None)
            return
        self.map.set_scene(make_scene(view, self._bounds, self._history_index, self._heat))

    def pick_point(self, x: float, y: float) -> None:
        """Decode the plane point (x, y) and show it (what a click or drag does)."""
        view = self.view
        if view is None:
            return
        self._point = (x, y)
        z = view.projection.from_plane(np.array([x, y], np.float32))
        self.interp_panel.set_cursor(z)
        self.map.set_marker(self._point)
        self._serial += 1
        image = None
        if view.model.has_mirror:
            image = view.model.decode_one(z)
            self.point_panel.show_decoded(view, z, image, self._point)
        if image is None or view.model.has_classifier:
            self._workers["point"].submit(PointRequest(view, z, self._serial, image))

    def _on_point_computed(self, req: PointRequest, result: tuple[np.ndarray, np.ndarray | None]) -> None:
        if req.view is not self.view or req.serial != self._serial:
            return
        image, probs = result
        if req.image is None:
            self.point_panel.show_decoded(self.view, req.z, image, self._point)
        self.point_panel.show_prediction(self.view, probs)

    def _on_map_hovered(self, index: int) -> None:
        if self.view is None or index < 0 or self._history_index >= 0:
            return
        self.point_panel.show_hover(self.view, index)

    def _on_map_bounds_changed(self, bounds: tuple[float, float, float, float]) -> None:
        if self._history_index >= 0:
            return
        self._bounds = bounds
        self._refresh_scene()
        self.grid_panel.request(bounds)
        if self.heat_check.isChecked():
            self._on_heat_check_toggled(True)

    def _on_marker_moved(self, name: str, point: Any) -> None:
        self.map.set_named_marker(name, point, MARKER_COLOURS[name])

    def _show_grid_overlay(self) -> None:
        self.map.set_overlay(self.grid_panel.overlay_image() if self._history_index < 0 else None)

    def _on_history_frame_changed(self, index: int) -> None:
        self._history_index = index
        self._refresh_scene()
        self._show_grid_overlay()

    # --- heat map ----------------------------------------------------------------------
    def _on_heat_check_toggled(self, on: bool) -> None:
        if on and self.view is not None and self.view.model.has_classifier and self._bounds is not None:
            self._workers["heat"].submit(GridRequest(self.view, self._bounds, HEAT_N, "linear", heat=True))
        elif self._heat is not None:
            self._heat = None
            self._refresh_scene()

    def _on_heat_computed(self, req: GridRequest, result: tuple[np.ndarray, np.ndarray]) -> None:
        if req.view is self.view and self.heat_check.isChecked() and req.bounds == self._bounds:
            self._heat = result[0]
            self._refresh_scene()

    # --- exports, errors, shutdown -------------------------------------------------------
    def export(self, what: str, path: str | Path, fmt: str = "png") -> Path:
        """Write the grid ("grid", png), the interpolation strip ("strip", png or gif) or the
        latent history ("history", gif); ValueError when there is nothing to export."""
        if what == "grid":
            return self.grid_panel.export_png(path)
        if what == "strip":
            return self.interp_panel.export(path, fmt)
        return self.history_panel.export_gif(self.view, path)

    def _export_dialog(self, what: str, fmt: str) -> None:
        path = ask_export_path(self, self.state.settings, what, fmt)
        if not path:
            return
        try:
            saved = self.export(what, path, fmt)
            self._say(lambda: self.tr("Saved {0}").format(saved))
        except (ValueError, OSError) as exc:
            self.state.show_error(self, self.tr("Export"), str(exc))

    def _on_worker_failed(self, message: str) -> None:
        self._say(lambda: self.tr("Error: {0}").format(message))
        self.state.status_message.emit(self.tr("Latent map: {0}").format(message))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the loading job and every worker (waiting at most about `timeout_s`)."""
        self.user.shutdown(timeout_s / 4)
        if self._load_job is not None:
            self._load_job.cancel()
            self._load_job.wait(timeout_s / 4)
        workers = [*self._workers.values(), self.grid_panel.worker, self.interp_panel.worker, self.digit_panel.worker]
        for worker in workers:
            worker.close(timeout_s / (2 * len(workers)))
