"""The Layers tab's attribution panel: which input pixels a classifier's decision rests on.

Saliency |∂score/∂x|, gradient × input, SmoothGrad and Grad-CAM (for a chosen layer with a
spatial output, the last one by default), for the predicted class or a chosen one, drawn
over the current input with a colour bar. Maps are computed by `attribution_job.attribute`
on this panel's own `LatestWorker` (latest wins; the session's lock keeps the model to one
thread), only while the panel is visible. Models that are not classifiers (decoders,
generators, a run's encoder) disable the panel with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import LatestWorker
from gui.layers.attribution_job import METHODS, AttributionRequest, AttributionResult, attribute
from gui.layers.attribution_view import ColourBar, map_range, overlay
from gui.layers.session import ActivationSession, ModelKey
from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change


class AttributionPanel(QWidget):
    """Attribution maps of the Layers tab's model for its current input.

    Signals: `map_shown(int)` (request serial) after a map is painted; `blocked(str)` with
    the reason when the model cannot be explained. `class_names()` gives the dataset's names.
    """

    map_shown = Signal(int)
    blocked = Signal(str)

    def __init__(self, session: ActivationSession, class_names: Callable[[], tuple[str, ...]],
                 settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        self.class_names = class_names
        self.settings = settings
        self.worker = LatestWorker(lambda req: attribute(session, req))
        self.key: ModelKey | None = None
        self.input_image: np.ndarray | None = None
        self.result: AttributionResult | None = None
        self.blocker = ""
        self._setup_key: ModelKey | None = None
        self._serial = 0
        self._dirty = False
        self._build()
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self._on_worker_failed)
        self._set_controls_enabled(False)
        self.texts.put(self.reason_label.setText, lambda: self.tr(
            "Open a classifier to see which input pixels its decision rests on."))
        self.retranslate()

    def _build(self) -> None:
        self.method_combo, self.class_combo, self.layer_combo = QComboBox(), QComboBox(), QComboBox()
        for method in METHODS:
            self.method_combo.addItem(method, method)
        self.method_label, self.class_label, self.layer_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.method_label, self.method_combo)
        form.addRow(self.class_label, self.class_combo)
        form.addRow(self.layer_label, self.layer_combo)
        self.reason_label = QLabel("")
        self.reason_label.setWordWrap(True)
        self.view = ImageView(min_size=160)
        self.colour_bar = ColourBar()
        self.figure_box = QWidget()
        row = QHBoxLayout(self.figure_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addWidget(self.colour_bar)
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.reason_label)
        lay.addWidget(self.figure_box, 1)
        lay.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.method_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.class_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.layer_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.export_button.clicked.connect(self._on_export_button_clicked)

    # --- language --------------------------------------------------------------------
    def method_text(self, method: str) -> str:
        """A method's name in the current language."""
        return {"saliency": self.tr("Saliency |∂score/∂x|"), "gradxinput": self.tr("Gradient × input"),
                "smoothgrad": self.tr("SmoothGrad"), "gradcam": self.tr("Grad-CAM")}.get(method, method)

    def retranslate(self) -> None:
        """Every text in the current language (state-made ones made again)."""
        self.method_label.setText(self.tr("Method:"))
        self.class_label.setText(self.tr("Class:"))
        self.layer_label.setText(self.tr("Grad-CAM layer:"))
        self.export_button.setText(self.tr("Export PNG…"))
        for i, method in enumerate(METHODS):
            self.method_combo.setItemText(i, self.method_text(method))
        if self.class_combo.count():
            self.class_combo.setItemText(0, self.tr("Predicted class"))
        self.view.set_placeholder(self.tr("The map appears here."))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    # --- public API ------------------------------------------------------------------
    def method(self) -> str:
        """The chosen method's code (saliency, gradxinput, smoothgrad, gradcam)."""
        return str(self.method_combo.currentData())

    def set_method(self, method: str) -> None:
        """Choose a method by its code."""
        self.method_combo.setCurrentIndex(METHODS.index(method))

    def chosen_class(self) -> int | None:
        """The chosen class (None: the predicted one)."""
        data = self.class_combo.currentData()
        return None if data is None or data < 0 else int(data)

    def set_class(self, class_index: int | None) -> None:
        """Choose a class (None: the predicted one)."""
        self.class_combo.setCurrentIndex(0 if class_index is None else class_index + 1)

    def layers(self) -> list[str]:
        """The Grad-CAM layer chooser's entries (the model's spatial layers)."""
        return [self.layer_combo.itemText(i) for i in range(self.layer_combo.count())]

    def set_model(self, key: ModelKey) -> None:
        """A new model is on screen: forget the old choices and ask what this one offers."""
        self.key, self._setup_key, self.result, self.blocker = key, None, None, ""
        for combo in (self.class_combo, self.layer_combo):  # the old model's classes and layers
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self._clear_map()
        self._set_controls_enabled(False)
        self.texts.put(self.reason_label.setText, lambda: self.tr("Looking at the model…"))
        self.request()

    def set_input(self, x: np.ndarray | None) -> None:
        """The current input image (None: none, or a latent vector)."""
        self.input_image = None if x is None else np.asarray(x)
        if self.input_image is None:
            self._clear_map()
        self.request()

    def request(self) -> None:
        """Ask for the map of the current model, input and choices (when visible; else later)."""
        if self.key is None:
            return
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        self._serial += 1
        layer = self.layer_combo.currentText() or None
        self.worker.submit(AttributionRequest(self.key, None if self.blocker else self.input_image, self.method(),
                                              self.chosen_class(), layer, self._serial))

    def export_png(self, path: Path | str) -> bool:
        """Save the overlay with its colour bar as a PNG (False when no map is shown)."""
        if self.view.image() is None:
            return False
        return bool(self.figure_box.grab().save(str(path), "PNG"))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the worker thread."""
        self.worker.close(timeout_s)

    # --- results ---------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty:
            self.request()

    def _on_worker_failed(self, message: str) -> None:
        self._clear_map()
        self.texts.put(self.reason_label.setText, lambda: self.tr("Error: {0}").format(message))

    def _on_worker_computed(self, _req: AttributionRequest, res: AttributionResult) -> None:
        if res.stale or res.key != self.key or res.serial < self._serial:
            return  # another model, or a newer request is on its way
        if res.blocker:
            self._show_blocker(res)
            return
        if self._setup_key != res.key:
            self._setup(res)
        if res.error:
            self._clear_map()
            self.texts.put(self.reason_label.setText, lambda: self.tr("Cannot compute the map: {0}").format(res.error))
            return
        if res.map is None or res.image is None:
            self._clear_map()
            self.texts.put(self.reason_label.setText, lambda: self.tr("Choose an image (dataset or drawing) to explain."))
            return
        self.result = res
        signed = res.method == "gradxinput"
        self.view.set_image(overlay(res.image, res.map, signed))
        self.colour_bar.set_range(*map_range(res.map, signed), signed)
        self.export_button.setEnabled(True)
        flat = not np.any(res.map)
        self.texts.put(self.reason_label.setText, lambda: self._caption(res) if not flat else self.tr(
            "{0} — zero everywhere: nothing here adds evidence for this class.").format(self._caption(res)))
        self.map_shown.emit(res.serial)

    def _caption(self, res: AttributionResult) -> str:
        name, predicted = self._class_text(res.class_index), self._class_text(res.predicted)
        if res.method == "gradcam":
            return self.tr("{0} at layer {1} for class {2} (predicted: {3})").format(
                self.method_text(res.method), res.layer, name, predicted)
        return self.tr("{0} for class {1} (predicted: {2})").format(self.method_text(res.method), name, predicted)

    def _class_text(self, index: int) -> str:
        names = self.class_names()
        n = self.class_combo.count() - 1
        return str(names[index]) if len(names) == n and 0 <= index < n else str(index)

    def _show_blocker(self, res: AttributionResult) -> None:
        self.blocker = res.blocker
        self._setup_key = res.key
        self._clear_map()
        self._set_controls_enabled(False)
        code, detail = res.blocker, res.detail
        self.texts.put(self.reason_label.setText, lambda: self._blocker_text(code, detail))
        self.blocked.emit(self.reason_label.text())

    def _blocker_text(self, code: str, detail: str) -> str:
        if code == "vector":
            return self.tr("Attribution maps need a classifier; this model takes a latent vector "
                           "(a decoder or generator).")
        if code == "role":
            return self.tr("Attribution maps need a classifier; this is the run's {0}.").format(detail)
        return self.tr("Attribution maps need a classifier (an image in, class scores out); "
                       "this model maps {0}.").format(detail)

    def _setup(self, res: AttributionResult) -> None:
        """Fill the class and layer choosers for a newly described model."""
        self._setup_key = res.key
        names = self.class_names()
        for combo in (self.class_combo, self.layer_combo, self.method_combo):
            combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("Predicted class"), -1)
        for i in range(res.num_classes):
            self.class_combo.addItem(str(names[i]) if len(names) == res.num_classes else str(i), i)
        self.layer_combo.clear()
        self.layer_combo.addItems(res.layers)
        self.layer_combo.setCurrentIndex(len(res.layers) - 1)
        model = self.method_combo.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(METHODS.index("gradcam"))
            item.setEnabled(bool(res.layers))
            item.setToolTip("" if res.layers else self.tr("This model has no layer with a spatial output."))
        if not res.layers and self.method() == "gradcam":
            self.set_method("saliency")
        for combo in (self.class_combo, self.layer_combo, self.method_combo):
            combo.blockSignals(False)
        self._set_controls_enabled(True)
        if res.map is None and self.input_image is not None:
            self.request()  # described before an input was known

    def _set_controls_enabled(self, on: bool) -> None:
        self.method_combo.setEnabled(on)
        self.class_combo.setEnabled(on)
        self.layer_combo.setEnabled(on and self.method() == "gradcam" and self.layer_combo.count() > 0)
        self.export_button.setEnabled(on and self.view.image() is not None)

    def _clear_map(self) -> None:
        self.view.set_image(None)
        self.colour_bar.clear()
        self.export_button.setEnabled(False)

    def _on_choice_changed(self, _index: int) -> None:
        self.layer_combo.setEnabled(self.method_combo.isEnabled() and self.method() == "gradcam"
                                    and self.layer_combo.count() > 0)
        self.request()

    def _on_export_button_clicked(self) -> None:
        from gui.dialogs import remember_folder, start_folder

        start = start_folder(self.settings, "export") / f"attribution_{self.method()}.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export attribution map"), str(start),
                                              self.tr("PNG images (*.png)"))
        if path:
            remember_folder(self.settings, "export", Path(path).parent)
            if not self.export_png(path):
                self.texts.put(self.reason_label.setText, lambda: self.tr("Could not write {0}").format(path))
