"""The Layers tab's output column: the prediction (for classifiers) and one view per layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from gui.layers.activation_views import ActivationWidget, PredictionWidget, as_probabilities
from gui.layers.structure import shape_text


class LayerOutputsWidget(QScrollArea):
    """Scrollable column of every layer's output; emits `unit_clicked(layer_index, unit)`."""

    unit_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = QWidget()
        self.column = QVBoxLayout(self.panel)
        self.column.setSpacing(2)
        self.prediction = PredictionWidget()
        self.prediction.setVisible(False)
        self.prediction_label = QLabel("")
        self.column.addWidget(self.prediction_label)
        self.column.addWidget(self.prediction)
        self.column.addStretch(1)
        self.first_layer_slot = 2  # layer views go after the prediction
        self.layer_widgets: list[ActivationWidget] = []
        self.sort_units = False
        self.setWidgetResizable(True)
        self.setWidget(self.panel)
        self._best: str | None = None  # the predicted class shown
        self.retranslate()

    def retranslate(self) -> None:
        """The prediction line in the current language."""
        text = "" if self._best is None else self.tr("<b>Prediction:</b> class {0}").format(self._best)
        self.prediction_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rebuild(self, infos: list[Any]) -> None:
        """One empty view per layer of a newly loaded model."""
        for w in self.layer_widgets:
            self.column.removeWidget(w)
            w.deleteLater()
        self.layer_widgets = []
        for i, info in enumerate(infos):
            w = ActivationWidget(f"{info.name}  ·  {info.class_name}  {shape_text(info.output_shape)}")
            w.sort_units = self.sort_units
            w.shows_input = info.class_name == "InputLayer" or (
                info.class_name in ("Flatten", "Reshape") and all(b.startswith("input:") for b in info.inbound))
            w.unit_clicked.connect(lambda unit, i=i: self.unit_clicked.emit(i, unit))
            self.column.insertWidget(self.first_layer_slot + i, w)
            self.layer_widgets.append(w)
        self.clear()

    def show_outputs(self, outputs: list[np.ndarray], stats: list[dict[str, float]], input_kind: str,
                     class_names: tuple[str, ...]) -> None:
        """Paint every layer's output; a classifier's last layer also as class probabilities."""
        for w, out, st in zip(self.layer_widgets, outputs, stats, strict=False):
            w.set_output(out, st)
        last = outputs[-1] if outputs else np.zeros(0)
        is_classifier = last.ndim == 1 and last.size == (len(class_names) or 10) and input_kind == "image"
        probs = as_probabilities(last) if is_classifier else None
        named = probs is not None and len(class_names) == len(probs)
        self.prediction.set_probabilities(probs, class_names if named else ())
        if probs is None:
            self._best = None
        else:
            best = int(np.argmax(probs))
            self._best = str(class_names[best] if named else best)
        self.retranslate()

    def clear(self) -> None:
        """Show no outputs (they described an input that is no longer shown)."""
        for w in self.layer_widgets:
            w.clear_output()
        self.prediction.set_probabilities(None)
        self._best = None
        self.retranslate()

    def set_sort_units(self, on: bool) -> None:
        """Show dense units in decreasing order (takes effect at the next `show_outputs`)."""
        self.sort_units = on
        for w in self.layer_widgets:
            w.sort_units = on

    def scroll_to(self, index: int) -> None:
        """Bring layer `index` into view."""
        if 0 <= index < len(self.layer_widgets):
            self.ensureWidgetVisible(self.layer_widgets[index])

    def export_png(self, path: Path | str) -> bool:
        """Save the whole column (all layers) as a PNG."""
        return bool(self.panel.grab().save(str(path), "PNG"))
