"""The Layers tab: every hidden layer's output for any Keras model, through the functional API.

Pick a model (a run's role, the live training run, or a `.keras` file), choose an input
(dataset image, drawing, latent vector) and see all layer outputs at once, or, for a
classifier, its attribution maps (`AttributionPanel`, a second view beside the outputs). The model and
its feature extractor live on one `LatestWorker` thread (`ActivationSession`); the GUI
thread only sends requests and paints results. The tab follows the `AppState`: its run
list, its current run (preselected when it has a model) and the live run's weights; a run's
models are shown with the run's own dataset (`LayersDataChoice`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import LatestWorker
from gui.dialogs import choose_model_file, remember_folder, start_folder
from gui.layers.activation_views import ActivationWidget, PredictionWidget
from gui.layers.attribution_panel import AttributionPanel
from gui.layers.data_choice import LayersDataChoice
from gui.layers.detail import UnitDetailWidget
from gui.layers.input_panel import LayersInputWidget
from gui.layers.model_picker import confirm_unsafe, key_text
from gui.layers.outputs import LayerOutputsWidget
from gui.layers.session import ActivationSession, LayersRequest, LayersResult, ModelKey
from gui.layers.sources import (
    model_sources,
    recent_model_files,
    remember_model_file,
    run_model_keys,
)
from gui.layers.structure import ModelOverviewWidget, shape_text
from gui.layers.top_bar import LayersTopBar
from gui.widgets.live_text import LiveTexts, is_language_change


class LayersTab(QWidget):
    """Inspect every layer's output of any Keras model for one input.

    Signals: `view_updated(int)` (request serial) after new outputs are painted;
    `model_loaded(str)` (model name).
    """

    title = QT_TRANSLATE_NOOP("LayersTab", "Layers")
    accepts_model_files = True
    view_updated = Signal(int)
    model_loaded = Signal(str)

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.texts = LiveTexts()
        self.session = ActivationSession()
        self.worker = LatestWorker(self.session.handle)
        self.key: ModelKey | None = None
        self.active_key: ModelKey | None = None
        self.result: LayersResult | None = None
        self._serial = 0
        self._cleared_at = 0
        self._weights: tuple[int, list[np.ndarray]] | None = None
        self._live_ready = False  # the live run has saved its first checkpoint
        self._wanted_run: Path | None = None  # the current run, until its model can be shown
        self._build()
        self.data = LayersDataChoice(state, self.inputs, self)
        if self.inputs.dataset is None:
            self.inputs.set_mode(1)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self._on_worker_failed)
        self.inputs.input_changed.connect(self._on_inputs_input_changed)
        self.inputs.input_cleared.connect(self._on_inputs_input_cleared)
        self.state.runs_changed.connect(self._on_state_runs_changed)
        self.state.current_run_changed.connect(self._on_state_current_run_changed)
        self.state.training_started.connect(self._on_state_training_started)
        self.state.training_finished.connect(self._on_state_training_finished)
        self.state.training_event.connect(self._on_state_training_event)
        self.refresh_sources()
        self._on_state_current_run_changed(self.state.current_run)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the status line made again from its state)."""
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        self.top_bar = bar = LayersTopBar()
        self.model_combo, self.open_button, self.recent_button = bar.model_combo, bar.open_button, bar.recent_button
        self.recent_menu, self.sort_check, self.export_button = bar.recent_menu, bar.sort_check, bar.export_button
        self.status_label = QLabel("")
        self.texts.put(self.status_label.setText, lambda: self.tr(
            "Open a model (File → Open model…, drag a .keras file here, or pick a run)."))

        self.overview = ModelOverviewWidget()
        self.tree, self.code_edit = self.overview.tree, self.overview.code_edit

        self.inputs = LayersInputWidget()
        self.outputs = LayerOutputsWidget()
        self.detail = UnitDetailWidget()
        self.attribution = AttributionPanel(self.session, self._class_names, self.state.settings)
        self.view_tabs = QTabWidget()  # layer outputs | attribution maps (computed only when shown)
        self.view_tabs.addTab(self.outputs, "")
        self.view_tabs.addTab(self.attribution, "")
        self.texts.put(lambda t: self.view_tabs.setTabText(0, t), lambda: self.tr("Layer outputs"))
        self.texts.put(lambda t: self.view_tabs.setTabText(1, t), lambda: self.tr("Attribution"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.view_tabs)
        right.addWidget(self.detail)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([640, 200])
        self.detail.setMaximumHeight(260)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.overview)
        split.addWidget(self.inputs)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 5)
        split.setSizes([330, 230, 840])
        self.inputs.setMaximumWidth(300)
        lay = QVBoxLayout(self)
        lay.addWidget(bar)
        lay.addWidget(split, 1)
        lay.addWidget(self.status_label)

        self.model_combo.key_chosen.connect(self.select_model)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.sort_check.toggled.connect(self._on_sort_check_toggled)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.tree.itemClicked.connect(self._on_tree_item_clicked)
        self.outputs.unit_clicked.connect(self._on_outputs_unit_clicked)

    @property
    def layer_widgets(self) -> list[ActivationWidget]:
        """One output view per layer of the model on screen."""
        return self.outputs.layer_widgets

    @property
    def outputs_panel(self) -> QWidget:
        """The widget holding every output view (what `export_png` saves)."""
        return self.outputs.panel

    @property
    def prediction(self) -> PredictionWidget:
        """The class probabilities (classifiers only)."""
        return self.outputs.prediction

    # --- public API ------------------------------------------------------------------
    def open_model_file(self, path: Path | str) -> None:
        """Load a user's `.keras` file (File → Open model…, drag and drop, recent files)."""
        self.select_model(ModelKey("file", str(Path(path).expanduser())))

    def select_model(self, key: ModelKey) -> None:
        """Make `key` the model on screen (loaded on the worker; errors keep the old one)."""
        self.key = key
        if key.source != "live":
            self._weights = None
        self.texts.put(self.status_label.setText, lambda: self.tr("Loading {0}…").format(key_text(key)))
        self.data.follow(key)
        self._submit()

    def recent_files(self) -> list[str]:
        """Recently opened model files, newest first."""
        return recent_model_files(self.state)

    def refresh_sources(self) -> None:
        """Rebuild the model picker from the shared run list: the live run (once it has a
        checkpoint), past runs' roles, recent files."""
        keys = [k for k in model_sources(self.state) if k.source != "live" or self._live_ready]
        self.model_combo.set_keys(keys, self.active_key)
        self.recent_menu.clear()
        for p in self.recent_files():
            self.recent_menu.addAction(Path(p).name, lambda p=p: self.open_model_file(p)).setToolTip(p)
        self.recent_button.setEnabled(bool(self.recent_files()))

    def export_png(self, path: Path | str) -> bool:
        """Save the current outputs view (all layers) as a PNG."""
        return self.outputs.export_png(path)

    def shutdown(self, timeout_s: float) -> None:
        """Stop the worker thread and any top-activating search."""
        self.detail.cancel_search(timeout_s / 3)
        self.attribution.shutdown(timeout_s / 3)
        self.worker.close(timeout_s / 3)

    # --- requests --------------------------------------------------------------------
    def _submit(self) -> None:
        if self.key is None:
            return
        kind, x = self.inputs.current()
        self._serial += 1
        self.worker.submit(LayersRequest(self.key, kind, x, self._weights, self._serial))

    def _on_inputs_input_changed(self, _kind: str, _arr: object) -> None:
        self._submit()

    def _on_inputs_input_cleared(self) -> None:
        self._cleared_at = self._serial  # results still on their way are stale now
        self.texts.put(self.inputs.set_problem, lambda: "")
        self._clear_outputs()
        self.attribution.set_input(None)

    def _clear_outputs(self) -> None:
        """Empty every output view: they described an input that is no longer shown."""
        self.outputs.clear()
        self.detail.clear()
        if self.result is not None:
            self.result.outputs = None

    def _on_worker_failed(self, message: str) -> None:
        self.texts.put(self.status_label.setText, lambda: self.tr("Error: {0}").format(message))

    def _on_worker_computed(self, req: LayersRequest, res: LayersResult) -> None:
        if res.key != self.key:
            return  # superseded by a newer model choice
        if res.error:
            self._on_load_error(res)
            return
        if res.loaded:
            self._on_model_ready(res)
        if res.serial <= self._cleared_at:
            return  # asked for before the input went away
        self.result = res
        if res.input_error:
            self._clear_outputs()
            msg = res.input_error
            msg = f"{msg[:1].upper()}{msg[1:]}"
            self.texts.put(self.inputs.set_problem,
                           lambda: self.tr("{0}. Choose data of that size above, or draw.").format(msg))
            return
        if res.outputs is not None:
            self.texts.put(self.inputs.set_problem, lambda: "")
            self._show_outputs(res)
            self.attribution.set_input(req.x if req.kind == "image" else None)
            self.view_updated.emit(res.serial)

    def _on_load_error(self, res: LayersResult) -> None:
        failed = res.key
        self.key = self.active_key  # keep working with what we had
        if res.unsafe and not failed.allow_unsafe and confirm_unsafe(self, failed.path, res.error):
            self.select_model(ModelKey(failed.source, failed.path, failed.role, allow_unsafe=True))
            return
        shown = self.active_key
        self.texts.put(self.status_label.setText, lambda: self.tr("Could not open {0}.").format(key_text(failed))
                       if shown is None else self.tr("Could not open {0}; still showing {1}.").format(
                           key_text(failed), key_text(shown)))
        self.data.follow(self.active_key)
        self.state.show_error(self, self.tr("Cannot open model"), res.error)
        self.model_combo.show_key(self.active_key)

    def _on_model_ready(self, res: LayersResult) -> None:
        self.active_key = res.key
        if res.key.source == "file":
            self._remember(res.key.path)
        self.model_combo.show_key(res.key)  # the picker names the model on screen
        self.overview.show_model(res.name, res.infos, res.containers, res.code)
        self.outputs.rebuild(res.infos)
        self.detail.clear()
        self.attribution.set_model(res.key)
        self.texts.put(self.status_label.setText, lambda: self.tr("{0}: %n layer output(s), input {1} ({2})", "", len(
            res.infos)).format(res.name, shape_text(res.input_shape),
                               self.tr("vector") if res.input_kind == "vector" else self.tr("image")))
        if res.input_kind == "vector":
            dim = res.input_shape[0] if res.input_shape and res.input_shape[0] else 2
            self.inputs.set_latent_dim(int(dim))
            if self.inputs.mode() != "vector":
                self.inputs.set_mode(2)
        elif self.inputs.mode() == "vector":
            self.inputs.set_mode(0 if self.inputs.dataset is not None else 1)
        self.model_loaded.emit(res.name)

    def _class_names(self) -> tuple[str, ...]:
        return tuple(getattr(self.inputs.dataset, "class_names", ()) or ())

    def _show_outputs(self, res: LayersResult) -> None:
        assert res.outputs is not None
        self.outputs.show_outputs(res.outputs, res.stats, res.input_kind, self._class_names())

    # --- unit detail and top-activating images ---------------------------------------
    def _on_outputs_unit_clicked(self, layer_index: int, unit: int) -> None:
        if self.result is None or self.result.outputs is None:
            return
        info = self.result.infos[layer_index]
        self.detail.show_unit(info.name, unit, self.result.outputs[layer_index])
        self.detail.search_top(self.session.top_activating, layer_index, unit, self.inputs.dataset)

    # --- other slots -------------------------------------------------------------------
    def _on_open_button_clicked(self) -> None:
        path = choose_model_file(self, self.state.settings)
        if path is not None:
            self.open_model_file(path)

    def _on_sort_check_toggled(self, checked: bool) -> None:
        self.outputs.set_sort_units(checked)
        if self.result is not None and self.result.outputs is not None:
            self._show_outputs(self.result)

    def _on_export_button_clicked(self) -> None:
        start = start_folder(self.state.settings, "export") / "layers.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export layer outputs"), str(start),
                                              self.tr("PNG images (*.png)"))
        if path:
            remember_folder(self.state.settings, "export", Path(path).parent)
        if path and not self.export_png(path):
            self.state.show_error(self, self.tr("Export failed"), self.tr("Could not write {0}").format(path))

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self.outputs.scroll_to(index)

    def _on_state_runs_changed(self) -> None:
        self.refresh_sources()
        self._preselect()

    def _on_state_current_run_changed(self, run_dir: Any) -> None:
        self._wanted_run = Path(run_dir) if run_dir is not None else None
        self._preselect()

    def _preselect(self) -> None:
        """Show the current run's first model once it has one, while the tab is visible
        (loading a model holds the GIL: no stalls for a tab nobody sees)."""
        run = self._wanted_run
        if run is None or not self.isVisible():
            return
        key = self.key
        if key is not None and key.source != "file" and Path(key.path) == run:
            self._wanted_run = None
            return
        live = self.state.live_run_dir is not None and Path(self.state.live_run_dir) == run
        info = self.state.run_info(run)
        if live and not self._live_ready or not live and (info is None or info.epochs_done <= 0):
            return  # not saved yet: the first checkpoint (or the next scan) brings it
        keys = run_model_keys(self.state, run, "live" if live else "run")
        if keys:
            self._wanted_run = None
            self.select_model(keys[0])
            self.model_combo.show_key(keys[0])

    def _on_state_training_started(self, _run_dir: Any) -> None:
        self._live_ready = False
        self.refresh_sources()

    def _on_state_training_finished(self, run_dir: Any) -> None:
        self._live_ready = False
        key = self.key
        if key is not None and key.source == "live":
            # the run's final checkpoint replaces the live weights (same models, from disk)
            self.select_model(ModelKey("run", str(run_dir), key.role))
        self.refresh_sources()

    def _on_state_training_event(self, event: Any) -> None:
        if event.kind != "epoch":
            return
        if not self._live_ready and self.state.live_run_dir is not None:
            self._live_ready = True  # the first checkpoint is on disk
            self.refresh_sources()
            self._preselect()
        key = self.key
        snapshot = event.data.get("snapshot")
        if key is None or key.source != "live" or snapshot is None:
            return
        weights = getattr(snapshot, "weights", {}).get(key.role)
        if weights:
            self._weights = (int(event.data.get("epoch", 0)), list(weights))
            if self.isVisible():
                self._submit()  # hidden: showEvent submits the newest weights

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._preselect()
        if self.key is not None and self.key.source == "live" and self._weights is not None:
            self._submit()

    # --- helpers ---------------------------------------------------------------------
    def _remember(self, path: str) -> None:
        remember_model_file(self.state, path)
        self.refresh_sources()
