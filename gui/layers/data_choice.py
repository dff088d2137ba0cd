"""Which dataset the Layers tab's input shows.

A run's models are always shown with the run's own dataset (its config.json names it); a
user's model file is shown with the dataset picked in the tab's chooser (by default the
Training tab's). Datasets come from the shared `AppState` cache, loaded off the GUI thread
once for every tab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from gui.layers.input_panel import LayersInputWidget
from gui.layers.session import ModelKey
from gui.layers.sources import dataset_sources


class LayersDataChoice(QObject):
    """Keeps `inputs.dataset` equal to the dataset the model on screen should be shown with."""

    def __init__(self, state: Any, inputs: LayersInputWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.inputs = inputs
        self.key: ModelKey | None = None
        self.user_source: str | None = None  # picked in the chooser, for model files
        self.source: str | None = None  # the source the input should show now
        inputs.set_sources(dataset_sources(self._training_source()))
        inputs.source_chosen.connect(self._on_inputs_source_chosen)
        state.dataset_changed.connect(self._on_state_dataset_changed)
        state.dataset_loaded.connect(self._on_state_dataset_loaded)
        state.dataset_failed.connect(self._on_state_dataset_failed)
        self.follow(None)

    def follow(self, key: ModelKey | None) -> None:
        """Show the dataset that goes with the model `key` (None: no model yet)."""
        self.key = key
        if key is not None and key.source in ("run", "live"):
            source, dataset = self.state.dataset_for_run(Path(key.path))
            self.source = source
            self.inputs.show_source(source, choosable=False)
            if source is None:
                run = Path(key.path).name
                self.inputs.set_dataset(None, lambda: self.tr("{0} names no dataset: draw instead.").format(run))
            else:
                self._show(source, dataset)
            return
        self.source = self.user_source or self._training_source()
        self.inputs.show_source(self.source, choosable=True)
        if self.source is None:
            self.inputs.set_dataset(None)
        else:
            self._show(self.source, self.state.request_dataset(self.source))

    def _show(self, source: str, dataset: Any) -> None:
        if dataset is not None:
            self.inputs.set_dataset(dataset)
        else:
            self.inputs.set_dataset(None, lambda: self.tr("Loading {0} …").format(source))

    def _training_source(self) -> str | None:
        dataset = self.state.dataset
        return None if dataset is None else str(dataset.source)

    # --- slots -----------------------------------------------------------------------
    def _on_inputs_source_chosen(self, source: str) -> None:
        self.user_source = source
        self.follow(self.key)

    def _on_state_dataset_changed(self, _dataset: Any) -> None:
        self.inputs.set_sources(dataset_sources(self._training_source()))
        if self.user_source is None and (self.key is None or self.key.source == "file"):
            self.follow(self.key)

    def _on_state_dataset_loaded(self, source: str, dataset: Any) -> None:
        if source == self.source:
            self.inputs.set_dataset(dataset)

    def _on_state_dataset_failed(self, source: str, message: str) -> None:
        if source == self.source:
            self.inputs.set_dataset(None, lambda: self.tr("Could not load {0}: {1}").format(source, message))
