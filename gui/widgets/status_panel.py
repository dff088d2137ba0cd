"""The status bar's permanent part: engine loading, current dataset, current model.

Its texts are computed from state (the engine's status, `AppState.dataset`,
`AppState.current_run`) and re-rendered in `retranslate()` on a language change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from gui.app_state import AppState


class StatusPanel(QWidget):
    """Busy bar and three labels: engine, dataset, model. Follows the window's `AppState`."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.engine_status = "loading"  # loading | ready | failed
        self.engine_text = ""
        self.engine_busy = QProgressBar()
        self.engine_busy.setRange(0, 0)
        self.engine_busy.setMaximumWidth(90)
        self.engine_busy.setMaximumHeight(14)
        self.engine_label = QLabel()
        self.dataset_label = QLabel()
        self.model_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.engine_busy, self.engine_label, self.dataset_label, self.model_label):
            layout.addWidget(widget)
        state.dataset_changed.connect(self._on_state_dataset_changed)
        state.current_run_changed.connect(self._on_state_current_run_changed)
        self.retranslate()

    def set_engine(self, status: str, text: str | None = None) -> None:
        """The engine is "loading", "ready" (with its description) or "failed"."""
        self.engine_status = status
        if text is not None:
            self.engine_text = text
        if status != "loading":
            self.engine_busy.hide()
        self._render_engine()

    def retranslate(self) -> None:
        """Re-render the three labels from the stored state."""
        self._render_engine()
        self._render_dataset()
        self._render_model()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _on_state_dataset_changed(self, _dataset: Any) -> None:
        self._render_dataset()

    def _on_state_current_run_changed(self, _run_dir: Any) -> None:
        self._render_model()

    def _render_engine(self) -> None:
        if self.engine_status == "failed":
            self.engine_label.setText(self.tr("Engine failed to load"))
        elif self.engine_status == "ready":
            self.engine_label.setText(self.tr("Engine: {0}").format(self.engine_text or self.tr("ready")))
        else:
            self.engine_label.setText(self.tr("Loading the engine (TensorFlow)…"))

    def _render_dataset(self) -> None:
        dataset = self.state.dataset
        if dataset is None:
            self.dataset_label.setText(self.tr("Dataset: resolving…"))
        else:
            self.dataset_label.setText(self.tr("Dataset: {0}").format(dataset.name))

    def _render_model(self) -> None:
        run_dir = self.state.current_run
        if run_dir is None:
            self.model_label.setText(self.tr("Model: none"))
        else:
            self.model_label.setText(self.tr("Model: {0} · {1}").format(
                self.state.current_run_kind or "?", Path(run_dir).name))
