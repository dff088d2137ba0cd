"""The latent tab's latent history: an epoch slider replaying the probe set's positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from gui.latent.panel_layout import hbox
from gui.latent.scatter import ScatterScene, render_scatter


def render_history_frames(view: Any, width: int = 480, height: int = 400) -> list[np.ndarray]:
    """One rendered RGB image per recorded epoch of `view` (fixed bounds, so clusters visibly move)."""
    from core.latent.plane import data_bounds

    if view is None or not view.history:
        return []
    proj = view.projection
    bounds = data_bounds(proj.to_plane(np.concatenate([f.z for f in view.history])), view.model.kind)
    prior = tuple(proj.prior_offset()) if view.model.kind == "vae" else None
    return [render_scatter(ScatterScene(proj.to_plane(f.z), f.labels, bounds, view.class_names, prior,
                                        title=f"epoch {f.epoch}"), width, height)[..., :3]
            for f in view.history]


class HistoryPanel(QWidget):
    """Emits `frame_changed(index)` (-1: show the encoded test set) and `export_requested()`."""

    frame_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epochs: list[int] = []
        self.enabled = QCheckBox("Show history on the map")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.setMaximum(0)
        self.label = QLabel("no epochs recorded")
        self.export_button = QPushButton("Export GIF…")
        lay = QVBoxLayout(self)
        lay.addLayout(hbox(self.enabled, self.export_button))
        lay.addWidget(self.slider)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.enabled.toggled.connect(lambda _on: self._emit())
        self.slider.valueChanged.connect(lambda _v: self._emit())
        self.export_button.clicked.connect(self.export_requested)

    def set_epochs(self, epochs: list[int], follow: bool = False) -> None:
        """The recorded epochs; `follow` moves the slider to the newest."""
        at_end = self.slider.value() == self.slider.maximum()
        self.epochs = list(epochs)
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(0, len(epochs) - 1))
        if follow and at_end:
            self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._emit()

    def export_gif(self, view: Any, path: str | Path) -> Path:
        """Write `view`'s latent history as a GIF, one frame per epoch; ValueError when none."""
        from core.images import save_gif

        frames = render_history_frames(view)
        if not frames:
            raise ValueError("nothing to export yet: no history recorded")
        return save_gif(frames, path, fps=3, scale=1)

    def _emit(self) -> None:
        epochs, i = self.epochs, self.slider.value()
        self.label.setText(f"epoch {epochs[i]} ({i + 1} of {len(epochs)} recorded)" if epochs else "no epochs recorded")
        self.frame_changed.emit(i if epochs and self.enabled.isChecked() else -1)
