"""The Layers tab: every hidden layer's output for any Keras model, through the functional API.

Pick a model (a run's role, the live training run, or a `.keras` file), choose an input
(dataset image, drawing, latent vector) and see all layer outputs at once. The model and
its feature extractor live on one `LatestWorker` thread (`ActivationSession`); the GUI
thread only sends requests and paints results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import Job, LatestWorker, start_job
from gui.layers.activation_views import ActivationWidget, PredictionWidget, as_probabilities
from gui.layers.detail import UnitDetailWidget
from gui.layers.input_panel import LayersInputWidget
from gui.layers.session import ActivationSession, LayersRequest, LayersResult, ModelKey
from gui.layers.sources import model_sources, recent_model_files, remember_model_file
from gui.layers.structure import StructureTreeWidget, shape_text


def confirm_unsafe(parent: QWidget | None, path: str, reason: str) -> bool:
    """Ask, per file, whether to load a model that runs code. Tests monkeypatch this."""
    what = "a Lambda layer" if "Lambda" in reason else "custom code"
    box = QMessageBox.question(
        parent, "Model contains code",
        f"This file contains code ({what}) that will run on your computer if loaded.\n\n"
        f"{reason}\n\nLoad it anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return box == QMessageBox.StandardButton.Yes


class LayersTab(QWidget):
    """Inspect every layer's output of any Keras model for one input.

    Signals: `view_updated(int)` (request serial) after new outputs are painted;
    `model_loaded(str)` (model name).
    """

    title = "Layers"
    accepts_model_files = True
    view_updated = Signal(int)
    model_loaded = Signal(str)

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.session = ActivationSession()
        self.worker = LatestWorker(self.session.handle)
        self.key: ModelKey | None = None
        self.active_key: ModelKey | None = None
        self.result: LayersResult | None = None
        self.layer_widgets: list[ActivationWidget] = []
        self.top_job: Job | None = None
        self._serial = 0
        self._weights: tuple[int, list[np.ndarray]] | None = None
        self._build()
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self._on_worker_failed)
        self.inputs.input_changed.connect(self._on_inputs_input_changed)
        self.state.dataset_changed.connect(self._on_state_dataset_changed)
        self.state.runs_changed.connect(self.refresh_sources)
        self.state.training_event.connect(self._on_state_training_event)
        if self.state.dataset is not None:
            self.inputs.set_dataset(self.state.dataset)
        else:
            self.inputs.set_mode(1)
        self.refresh_sources()

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        self.model_combo = QComboBox()
        self.model_combo.setMinimumWidth(220)
        self.open_button = QPushButton("Open model…")
        self.recent_button = QToolButton()
        self.recent_button.setText("Recent models")
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self)
        self.recent_button.setMenu(self.recent_menu)
        self.sort_check = QCheckBox("Sort units")
        self.export_button = QPushButton("Export PNG…")
        self.status_label = QLabel("Open a model (File → Open model…, drag a .keras file here, or pick a run).")
        top = QHBoxLayout()
        for w in (QLabel("Model"), self.model_combo, self.open_button, self.recent_button, self.sort_check, self.export_button):
            top.addWidget(w)
        top.addStretch(1)

        self.tree = StructureTreeWidget()
        self.code_edit = QPlainTextEdit()
        self.code_edit.setReadOnly(True)
        self.code_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code_edit.setFont(mono)
        self.params_label = QLabel("")
        structure = QWidget()
        slay = QVBoxLayout(structure)
        slay.setContentsMargins(0, 0, 0, 0)
        slay.addWidget(self.params_label)
        slay.addWidget(self.tree, 1)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(structure, "Structure")
        self.left_tabs.addTab(self.code_edit, "Code")

        self.inputs = LayersInputWidget()
        self.outputs_panel = QWidget()
        self.outputs_layout = QVBoxLayout(self.outputs_panel)
        self.outputs_layout.setSpacing(2)
        self.prediction = PredictionWidget()
        self.prediction.setVisible(False)
        self.prediction_label = QLabel("")
        self.outputs_layout.addWidget(self.prediction_label)
        self.outputs_layout.addWidget(self.prediction)
        self.outputs_layout.addStretch(1)
        self._first_layer_slot = 2  # layer widgets go after the prediction
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.outputs_panel)
        self.detail = UnitDetailWidget()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.scroll)
        right.addWidget(self.detail)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([640, 200])
        self.detail.setMaximumHeight(260)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.left_tabs)
        split.addWidget(self.inputs)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 5)
        split.setSizes([330, 230, 840])
        self.inputs.setMaximumWidth(300)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.status_label)

        self.model_combo.activated.connect(self._on_model_combo_activated)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.sort_check.toggled.connect(self._on_sort_check_toggled)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.tree.itemClicked.connect(self._on_tree_item_clicked)

    # --- public API ------------------------------------------------------------------
    def open_model_file(self, path: Path | str) -> None:
        """Load a user's `.keras` file (File → Open model…, drag and drop, recent files)."""
        self.select_model(ModelKey("file", str(Path(path).expanduser())))

    def select_model(self, key: ModelKey) -> None:
        """Make `key` the model on screen (loaded on the worker; errors keep the old one)."""
        self.key = key
        if key.source != "live":
            self._weights = None
        self.status_label.setText(f"Loading {key.label()}…")
        self._submit()

    def recent_files(self) -> list[str]:
        """Recently opened model files, newest first."""
        return recent_model_files(self.state.settings)

    def refresh_sources(self) -> None:
        """Rebuild the model picker: the live run, past runs' roles, recent files."""
        keys = model_sources(self.state)
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItem("— choose a model —", None)
        for k in keys:
            self.model_combo.addItem(k.label(), k)
        self._select_combo(self.active_key)
        self.model_combo.blockSignals(False)
        self.recent_menu.clear()
        for p in self.recent_files():
            self.recent_menu.addAction(Path(p).name, lambda p=p: self.open_model_file(p)).setToolTip(p)
        self.recent_button.setEnabled(bool(self.recent_files()))

    def export_png(self, path: Path | str) -> bool:
        """Save the current outputs view (all layers) as a PNG."""
        return bool(self.outputs_panel.grab().save(str(path), "PNG"))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the worker thread and any top-activating search."""
        if self.top_job is not None:
            self.top_job.cancel()
            self.top_job.wait(timeout_s / 2)
        self.worker.close(timeout_s / 2)

    # --- requests --------------------------------------------------------------------
    def _submit(self) -> None:
        if self.key is None:
            return
        kind, x = self.inputs.current()
        self._serial += 1
        self.worker.submit(LayersRequest(self.key, kind, x, self._weights, self._serial))

    def _on_inputs_input_changed(self, _kind: str, _arr: object) -> None:
        self._submit()

    def _on_worker_failed(self, message: str) -> None:
        self.status_label.setText(f"Error: {message}")

    def _on_worker_computed(self, req: LayersRequest, res: LayersResult) -> None:
        if res.key != self.key:
            return  # superseded by a newer model choice
        if res.error:
            self._on_load_error(res)
            return
        if res.loaded:
            self._on_model_ready(res)
        self.result = res
        if res.input_error:
            self.status_label.setText(res.input_error)
            return
        if res.outputs is not None:
            self._show_outputs(res)
            self.view_updated.emit(res.serial)

    def _on_load_error(self, res: LayersResult) -> None:
        failed = res.key
        self.key = self.active_key  # keep working with what we had
        if res.unsafe and not failed.allow_unsafe and confirm_unsafe(self, failed.path, res.error):
            self.select_model(ModelKey(failed.source, failed.path, failed.role, allow_unsafe=True))
            return
        self.status_label.setText(res.error)
        self.state.show_error(self, "Cannot open model", res.error)
        self._select_combo(self.active_key)

    def _on_model_ready(self, res: LayersResult) -> None:
        self.active_key = res.key
        if res.key.source == "file":
            self._remember(res.key.path)
        total = self.tree.show_model(res.name, res.infos, res.containers)
        self.params_label.setText(f"<b>{res.name}</b>: {total:,} parameters, {len(res.infos)} layer outputs")
        self.code_edit.setPlainText(res.code)
        self._rebuild_layer_widgets(res)
        self.detail.clear()
        self.status_label.setText(
            f"{res.name}: {len(res.infos)} layer outputs, input {shape_text(res.input_shape)} ({res.input_kind})")
        if res.input_kind == "vector":
            dim = res.input_shape[0] if res.input_shape and res.input_shape[0] else 2
            self.inputs.set_latent_dim(int(dim))
            if self.inputs.mode() != "vector":
                self.inputs.set_mode(2)
        elif self.inputs.mode() == "vector":
            self.inputs.set_mode(0 if self.inputs.dataset is not None else 1)
        self.model_loaded.emit(res.name)

    def _rebuild_layer_widgets(self, res: LayersResult) -> None:
        for w in self.layer_widgets:
            self.outputs_layout.removeWidget(w)
            w.deleteLater()
        self.layer_widgets = []
        for i, info in enumerate(res.infos):
            w = ActivationWidget(f"{info.name}  ·  {info.class_name}  {shape_text(info.output_shape)}")
            w.sort_units = self.sort_check.isChecked()
            w.unit_clicked.connect(lambda unit, i=i: self._on_unit_clicked(i, unit))
            self.outputs_layout.insertWidget(self._first_layer_slot + i, w)
            self.layer_widgets.append(w)

    def _show_outputs(self, res: LayersResult) -> None:
        assert res.outputs is not None
        for w, out, st in zip(self.layer_widgets, res.outputs, res.stats, strict=False):
            w.set_output(out, st)
        names = tuple(getattr(self.inputs.dataset, "class_names", ()) or ())
        last = res.outputs[-1] if res.outputs else np.zeros(0)
        is_classifier = last.ndim == 1 and last.size == (len(names) or 10) and res.input_kind == "image"
        probs = as_probabilities(last) if is_classifier else None
        self.prediction.set_probabilities(probs, names if probs is not None and len(names) == len(probs) else ())
        self.prediction_label.setText(
            f"<b>Prediction:</b> class {names[int(np.argmax(probs))] if names and len(names) == len(probs) else int(np.argmax(probs))}"
            if probs is not None else "")

    # --- unit detail and top-activating images ---------------------------------------
    def _on_unit_clicked(self, layer_index: int, unit: int) -> None:
        if self.result is None or self.result.outputs is None:
            return
        info = self.result.infos[layer_index]
        self.detail.show_unit(info.name, unit, self.result.outputs[layer_index])
        dataset = self.inputs.dataset
        if dataset is None:
            self.detail.set_message("Load a dataset to find the test images that activate it most.")
            return
        if self.top_job is not None:
            self.top_job.cancel()
        self.detail.set_message("Searching the test split…")
        self.top_job = start_job(self.session.top_activating, layer_index, unit, dataset.x_test)
        self.top_job.succeeded.connect(self._on_top_job_succeeded)
        self.top_job.failed.connect(self._on_top_job_failed)

    def _on_top_job_succeeded(self, result: tuple[np.ndarray, np.ndarray]) -> None:
        if self.sender() is not self.top_job or self.inputs.dataset is None:
            return
        idx, scores = result
        self.detail.show_top(self.inputs.dataset, idx, scores)

    def _on_top_job_failed(self, message: str) -> None:
        if self.sender() is self.top_job:
            self.detail.set_message(message)

    # --- other slots -------------------------------------------------------------------
    def _on_model_combo_activated(self, index: int) -> None:
        key = self.model_combo.itemData(index)
        if isinstance(key, ModelKey):
            self.select_model(key)

    def _on_open_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open model", "", "Keras models (*.keras);;All files (*)")
        if path:
            self.open_model_file(path)

    def _on_sort_check_toggled(self, checked: bool) -> None:
        for w in self.layer_widgets:
            w.sort_units = checked
        if self.result is not None and self.result.outputs is not None:
            self._show_outputs(self.result)

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export layer outputs", "layers.png", "PNG images (*.png)")
        if path and not self.export_png(path):
            self.state.show_error(self, "Export failed", f"Could not write {path}")

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int) and 0 <= index < len(self.layer_widgets):
            self.scroll.ensureWidgetVisible(self.layer_widgets[index])

    def _on_state_dataset_changed(self, dataset: Any) -> None:
        first = self.inputs.dataset is None
        self.inputs.set_dataset(dataset)
        # The pad was only a stand-in while no data was loaded: show a real image once there is one.
        if first and self.inputs.mode_combo.currentIndex() == 1 and not np.any(self.inputs.pad.image()):
            self.inputs.set_mode(0)

    def _on_state_training_event(self, event: Any) -> None:
        if event.kind in ("start", "done"):
            self.refresh_sources()
        if event.kind != "epoch":
            return
        if self.model_combo.count() <= 1 or not any(
                isinstance(self.model_combo.itemData(i), ModelKey) and self.model_combo.itemData(i).source == "live"
                for i in range(self.model_combo.count())):
            self.refresh_sources()
        key = self.key
        snapshot = event.data.get("snapshot")
        if key is None or key.source != "live" or snapshot is None:
            return
        weights = getattr(snapshot, "weights", {}).get(key.role)
        if weights:
            self._weights = (int(event.data.get("epoch", 0)), list(weights))
            self._submit()

    # --- helpers ---------------------------------------------------------------------
    def _remember(self, path: str) -> None:
        remember_model_file(self.state.settings, path)
        self.refresh_sources()

    def _select_combo(self, key: ModelKey | None) -> None:
        for i in range(self.model_combo.count()):
            data = self.model_combo.itemData(i)
            if isinstance(data, ModelKey) and key is not None and (data.source, data.path, data.role) == (key.source, key.path, key.role):
                self.model_combo.setCurrentIndex(i)
                return
        self.model_combo.setCurrentIndex(0)
