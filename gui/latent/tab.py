"""The Latent map tab: walk an autoencoder's or VAE's latent plane with the mouse.

Decoding for the mouse never goes through `predict`: with a dense decoder the exact NumPy
mirror decodes inline on the GUI thread (~0.02 ms); otherwise a `LatestWorker` decodes with a
compiled call and a newer point supersedes a pending one. The scatter is a static background;
only the marker and the decoded images are repainted while dragging.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import Job, LatestWorker, start_job
from gui.latent.actions import LatentActionsMixin
from gui.latent.map_widget import LatentMapWidget
from gui.latent.panels import DigitPanel, GridPanel, HistoryPanel, InterpolationPanel
from gui.latent.requests import PointRequest, serve_grid, serve_misc, serve_point
from gui.latent.scatter import ScatterScene
from gui.widgets.image_view import ImageView

_END_COLOURS = {"A": QColor(30, 120, 255), "B": QColor(255, 150, 0), "digit": QColor(255, 0, 200)}


class LatentTab(LatentActionsMixin, QWidget):
    """Choose an AE/VAE run; click or drag on its latent map to see what the decoder makes of it."""

    title = "Latent map"

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.view: Any = None  # core.latent.maps.LatentView
        self._bounds: tuple[float, float, float, float] | None = None
        self._point: tuple[float, float] | None = None
        self._z: np.ndarray | None = None
        self._serial = 0
        self._ends: dict[str, np.ndarray] = {}
        self._heat: np.ndarray | None = None
        self._history_index = -1
        self._grid: np.ndarray | None = None
        self._strip: np.ndarray | None = None
        self._load_job: Job | None = None
        self._live_run: Path | None = None
        self._live_has_latent = True  # until a "start" event says the live run has no latent
        self._classifier_run: str | None = None
        self._build_ui()
        self._workers = {"point": LatestWorker(serve_point, self), "grid": LatestWorker(serve_grid, self),
                         "heat": LatestWorker(serve_grid, self), "interp": LatestWorker(serve_misc, self),
                         "encode": LatestWorker(serve_misc, self), "live": LatestWorker(serve_misc, self)}
        self._workers["point"].computed.connect(self._on_point_computed)
        self._workers["grid"].computed.connect(self._on_grid_computed)
        self._workers["heat"].computed.connect(self._on_heat_computed)
        for name in ("interp", "encode", "live"):
            self._workers[name].computed.connect(self._on_misc_computed)
        for worker in self._workers.values():
            worker.failed.connect(self._on_worker_failed)
        self._pending_load: tuple[Any, Any, bool] | None = None
        state.engine_ready.connect(self._on_state_engine_ready)
        state.runs_changed.connect(self.refresh_runs)
        state.training_event.connect(self._on_state_training_event)
        self.refresh_runs()

    # --- layout ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.run_combo, self.classifier_combo = QComboBox(), QComboBox()
        self.run_combo.setMinimumContentsLength(28)
        self.refresh_button = QPushButton("Refresh")
        self.heat_check = QCheckBox("Classifier confidence heat map")
        self.note = QLabel("Choose a trained (or training) autoencoder or VAE run.")
        self.note.setWordWrap(True)
        self.map = LatentMapWidget()
        self.decoded = ImageView(min_size=220)
        self.decoded.set_placeholder("Click or drag on the map")
        self.nearest, self.hover_image = ImageView(min_size=90), ImageView(min_size=90)
        self.nearest.set_placeholder("nearest training image")
        self.hover_image.set_placeholder("hover a data point")
        self.coords, self.prediction = QLabel("z = –"), QLabel("")
        self.nearest_label, self.hover_label = QLabel("nearest training image"), QLabel("data point")
        self.grid_panel, self.interp_panel = GridPanel(), InterpolationPanel()
        self.digit_panel, self.history_panel = DigitPanel(), HistoryPanel()
        top = QHBoxLayout()
        for w in (QLabel("Run:"), self.run_combo, self.refresh_button, QLabel("Classifier:"),
                  self.classifier_combo, self.heat_check):
            top.addWidget(w)
        top.setStretch(1, 1)
        side = QWidget()
        sl = QGridLayout(side)
        sl.addWidget(self.decoded, 0, 0, 1, 2)
        sl.addWidget(self.coords, 1, 0, 1, 2)
        sl.addWidget(self.prediction, 2, 0, 1, 2)
        sl.addWidget(self.nearest, 3, 0)
        sl.addWidget(self.hover_image, 3, 1)
        sl.addWidget(self.nearest_label, 4, 0)
        sl.addWidget(self.hover_label, 4, 1)
        sl.setRowStretch(0, 3)
        sl.setRowStretch(3, 1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.map)
        upper.addWidget(side)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        self.panels = QTabWidget()
        for panel, name in ((self.grid_panel, "Manifold grid"), (self.interp_panel, "Interpolation"),
                            (self.digit_panel, "Where does my digit land"), (self.history_panel, "Latent history")):
            self.panels.addTab(panel, name)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(self.panels)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([560, 380])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.note)
        lay.addWidget(body, 1)
        self.run_combo.activated.connect(self._on_run_combo_activated)
        self.classifier_combo.activated.connect(self._on_run_combo_activated)
        self.refresh_button.clicked.connect(self.refresh_runs)
        self.heat_check.toggled.connect(self._on_heat_check_toggled)
        self.map.point_picked.connect(self._on_map_point_picked)
        self.map.hovered.connect(self._on_map_hovered)
        self.map.bounds_changed.connect(self._on_map_bounds_changed)
        self.grid_panel.requested.connect(self.request_grid)
        self.grid_panel.overlay_toggled.connect(lambda _on: self._show_grid_overlay())
        self.grid_panel.export_requested.connect(lambda: self._export_dialog("grid", "png"))
        self.interp_panel.end_requested.connect(self._on_interp_end_requested)
        self.interp_panel.requested.connect(self.request_strip)
        self.interp_panel.export_requested.connect(lambda fmt: self._export_dialog("strip", fmt))
        self.digit_panel.image_chosen.connect(self.locate_digit)
        self.digit_panel.pick_button.clicked.connect(self._on_digit_pick_clicked)
        self.history_panel.frame_changed.connect(self._on_history_frame_changed)
        self.history_panel.export_requested.connect(lambda: self._export_dialog("history", "gif"))

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """Re-list AE/VAE runs and classifier runs, keeping the current choice."""
        runs = self.state.list_runs()
        current = self.run_combo.currentData()
        self.run_combo.clear()
        self.run_combo.addItem("— choose an autoencoder or VAE run —", None)
        self._classifiers = [r for r in runs if r.kind == "classifier"]
        for r in runs:
            if r.kind in ("autoencoder", "vae"):
                text = f"{r.path.name} · {r.kind} · {r.config.get('latent_dim')}-D · {r.status}, {r.epochs_done} ep"
                self.run_combo.addItem(text, str(r.path))
        self.run_combo.setCurrentIndex(max(0, self.run_combo.findData(current)))
        self._fill_classifiers()

    def _fill_classifiers(self) -> None:
        dataset = self.view.config.get("dataset") if self.view is not None else None
        current = self.classifier_combo.currentData()
        self.classifier_combo.clear()
        self.classifier_combo.addItem("(none)", None)
        for r in self._classifiers:
            if dataset is None or r.config.get("dataset") == dataset:
                self.classifier_combo.addItem(f"{r.path.name} · {r.status}", str(r.path))
        self.classifier_combo.setCurrentIndex(max(0, self.classifier_combo.findData(current)))

    def default_classifier(self, dataset: str) -> Path | None:
        """The newest finished classifier run trained on `dataset`, if any."""
        for r in self._classifiers:
            if r.config.get("dataset") == dataset and (r.path / "classifier.keras").exists():
                return r.path
        return None

    def load_run(self, run_dir: str | Path, classifier_run: str | Path | None = None,
                 *, auto_classifier: bool = True) -> Job | None:
        """Load `run_dir` on a worker (models, dataset, encodings); the map updates when done.

        Before `AppState.engine_ready` the load is deferred (returns None) until the engine is in.
        """
        if not getattr(self.state, "engine_loaded", True):  # TensorFlow is still importing
            self.note.setText(f"Waiting for the engine to load {Path(run_dir).name} …")
            self._pending_load = (run_dir, classifier_run, auto_classifier)
            return None
        from core.latent.maps import load_view, read_config

        if classifier_run is None and auto_classifier:
            try:
                classifier_run = self.default_classifier(str(read_config(run_dir).get("dataset")))
            except ValueError:
                classifier_run = None
        self._classifier_run = None if classifier_run is None else str(classifier_run)
        if self._load_job is not None:
            self._load_job.cancel()
        self.note.setText(f"Loading {Path(run_dir).name} …")
        job = start_job(load_view, run_dir, classifier_run)
        job.succeeded.connect(self.set_view)
        job.failed.connect(self._on_load_failed)
        job.event.connect(lambda ev: self.note.setText(ev.data.get("text", self.note.text())))
        self._load_job = job
        return job

    def _on_state_engine_ready(self) -> None:
        if self._pending_load is not None:
            run_dir, classifier_run, auto = self._pending_load
            self._pending_load = None
            self.load_run(run_dir, classifier_run, auto_classifier=auto)

    def _on_run_combo_activated(self, _index: int) -> None:
        run = self.run_combo.currentData()
        if run:
            self.load_run(run, self.classifier_combo.currentData(), auto_classifier=False)

    def _on_load_failed(self, message: str) -> None:
        self.note.setText(f"Could not load the run: {message}")
        self.state.show_error(self, "Latent map", message)

    def set_view(self, view: Any) -> None:
        """Show a loaded `core.latent.maps.LatentView`."""
        self.view, self._heat, self._grid, self._strip = view, None, None, None
        self._ends.clear()
        for name in _END_COLOURS:
            self.map.set_named_marker(name, None, QColor())
        self._bounds = view.bounds
        index = self.run_combo.findData(str(view.run_dir))
        if index >= 0:
            self.run_combo.setCurrentIndex(index)
        self._fill_classifiers()
        self.classifier_combo.setCurrentIndex(max(0, self.classifier_combo.findData(self._classifier_run)))
        proj, kind, dim = view.projection, view.model.kind, view.model.latent_dim
        if proj.is_identity:
            text = f"{kind.upper() if kind == 'vae' else 'Autoencoder'} with a {dim}-D latent: the map is the latent plane itself."
        else:
            text = (f"{dim}-D latent shown on the PCA plane of the encoded means (PC1 {proj.explained[0]:.0%}, "
                    f"PC2 {proj.explained[1]:.0%} of variance); a clicked point is decoded from its inverse projection.")
        self.note.setText(f"{text}  {len(view.test_y):,} test points · {view.dataset_name}")
        self.heat_check.setEnabled(view.model.has_classifier)
        self.grid_panel.spacing.setCurrentText("gaussian" if kind == "vae" else "linear")
        self.interp_panel.set_count(len(view.test_x))
        self.digit_panel.index_spin.setMaximum(len(view.test_x) - 1)
        self.digit_panel.set_image_size(int(view.model.image_shape[0]))
        self.history_panel.set_epochs([f.epoch for f in view.history])
        self._refresh_scene()
        xmin, xmax, ymin, ymax = self._bounds
        self.pick_point((xmin + xmax) / 2, (ymin + ymax) / 2)
        self.request_grid()
        if self.heat_check.isChecked():
            self._on_heat_check_toggled(True)

    # --- the map ---------------------------------------------------------------------
    def _refresh_scene(self) -> None:
        from core.latent.maps import data_bounds

        view = self.view
        if view is None or self._bounds is None:
            self.map.set_scene(None)
            return
        proj = view.projection
        axes = ("z[0]", "z[1]") if proj.is_identity else (f"PC1 ({proj.explained[0]:.0%})", f"PC2 ({proj.explained[1]:.0%})")
        points, labels, bounds, title = view.test_plane, view.test_y, self._bounds, "encoded test set"
        if 0 <= self._history_index < len(view.history):
            frame = view.history[self._history_index]
            points, labels = proj.to_plane(frame.z), frame.labels
            every = np.concatenate([f.z for f in view.history])
            bounds, title = data_bounds(proj.to_plane(every), view.model.kind), f"probe set after epoch {frame.epoch}"
        prior = tuple(proj.prior_offset()) if view.model.kind == "vae" else None
        self.map.set_scene(ScatterScene(points, labels, bounds, view.class_names, prior, self._heat, title, *axes))

    def pick_point(self, x: float, y: float) -> None:
        """Decode the plane point (x, y) and show it (what a click or drag does)."""
        view = self.view
        if view is None:
            return
        self._point = (x, y)
        z = view.projection.from_plane(np.array([x, y], np.float32))
        self._z = z
        self.map.set_marker(self._point)
        self._serial += 1
        image = None
        if view.model.has_mirror:
            image = view.model.decode_one(z)
            self._show_decoded(z, image)
        if image is None or view.model.has_classifier:
            self._workers["point"].submit(PointRequest(view, z, self._serial, image))

    def _show_decoded(self, z: np.ndarray, image: np.ndarray) -> None:
        from core.latent.maps import nearest_train_index

        view = self.view
        self.decoded.set_image(image)
        i = nearest_train_index(z, view.train_z)
        self.nearest.set_image(view.train_x[i])
        self.nearest_label.setText(f"nearest training image: {view.class_names[int(view.train_y[i])]}")
        text = "z = (" + ", ".join(f"{v:+.2f}" for v in z[:6]) + (", …)" if len(z) > 6 else ")")
        if not view.projection.is_identity and self._point is not None:
            text = f"plane ({self._point[0]:+.2f}, {self._point[1]:+.2f}) → {text}"
        self.coords.setText(text)

    def _on_map_point_picked(self, x: float, y: float) -> None:
        self.pick_point(x, y)

    def _on_point_computed(self, req: PointRequest, result: tuple[np.ndarray, np.ndarray | None]) -> None:
        if req.view is not self.view or req.serial != self._serial:
            return
        image, probs = result
        if req.image is None:
            self._show_decoded(req.z, image)
        if probs is not None:
            k = int(np.argmax(probs))
            self.prediction.setText(f"classifier: {self.view.class_names[k]} ({probs[k]:.0%} confident)")

    def _on_map_hovered(self, index: int) -> None:
        if self.view is None or index < 0 or self._history_index >= 0:
            return
        self.hover_image.set_image(self.view.test_x[index])
        self.hover_label.setText(f"test image #{index}: {self.view.class_names[int(self.view.test_y[index])]}")

    def _on_map_bounds_changed(self, bounds: tuple[float, float, float, float]) -> None:
        if self._history_index >= 0:
            return
        self._bounds = bounds
        self._refresh_scene()
        self.request_grid()
        if self.heat_check.isChecked():
            self._on_heat_check_toggled(True)

    def reset_view(self) -> None:
        """Back to the default bounds."""
        if self.view is not None:
            self._on_map_bounds_changed(self.view.bounds)
