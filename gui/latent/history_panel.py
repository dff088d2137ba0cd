"""The latent tab's latent history: an epoch slider replaying the probe set's positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from gui.latent.panel_layout import hbox
from gui.latent.scatter import ScatterScene, render_scatter
from gui.widgets.live_text import is_language_change


def render_history_frames(view: Any, width: int = 480, height: int = 400) -> list[np.ndarray]:
    """One rendered RGB image per recorded epoch of `view` (fixed bounds, so clusters visibly move)."""
    from core.latent.plane import data_bounds

    if view is None or not view.history:
        return []
    proj = view.projection
    bounds = data_bounds(proj.to_plane(np.concatenate([f.z for f in view.history])), view.model.kind)
    prior = tuple(proj.prior_offset()) if view.model.kind == "vae" else None
    epoch = QCoreApplication.translate("HistoryPanel", "epoch {0}")
    prior_label = QCoreApplication.translate("HistoryPanel", "prior N(0, I)")
    return [render_scatter(ScatterScene(proj.to_plane(f.z), f.labels, bounds, view.class_names, prior,
                                        title=epoch.format(f.epoch), prior_label=prior_label), width, height)[..., :3]
            for f in view.history]


class HistoryPanel(QWidget):
    """Emits `frame_changed(index)` (-1: show the encoded test set) and `export_requested()`."""

    frame_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epochs: list[int] = []
        self.enabled = QCheckBox()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.setMaximum(0)
        self.label = QLabel("")
        self.export_button = QPushButton()
        lay = QVBoxLayout(self)
        lay.addLayout(hbox(self.enabled, self.export_button))
        lay.addWidget(self.slider)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.enabled.toggled.connect(lambda _on: self._emit())
        self.slider.valueChanged.connect(lambda _v: self._emit())
        self.export_button.clicked.connect(self.export_requested)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.enabled.setText(self.tr("Show history on the map"))
        self.enabled.setToolTip(self.tr("Replay where the probe images sat in the latent space after each epoch"))
        self.export_button.setText(self.tr("Export GIF…"))
        self._show_label()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

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
            raise ValueError(self.tr("nothing to export yet: no history recorded"))
        return save_gif(frames, path, fps=3, scale=1)

    def _show_label(self) -> None:
        epochs, i = self.epochs, self.slider.value()
        self.label.setText(self.tr("epoch {0} ({1} of {2} recorded)").format(epochs[i], i + 1, len(epochs))
                           if epochs else self.tr("no epochs recorded"))

    def _emit(self) -> None:
        self._show_label()
        i = self.slider.value()
        self.frame_changed.emit(i if self.epochs and self.enabled.isChecked() else -1)
