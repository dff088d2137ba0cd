"""Interpolation between two chosen samples (a strip and a GIF) and an endless latent walk."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.image_view import ImageView, tile_images


class GanInterpolationWidget(QWidget):
    """Strip of samples from A to B (linear or spherical in noise space) plus a latent walk.

    Emits `settings_changed()` when method or steps change, `walk_toggled(bool)`.
    """

    settings_changed = Signal()
    walk_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = QComboBox(self)
        self.method.addItem("", "linear")
        self.method.addItem("", "spherical")
        self.steps = QSpinBox(self)
        self.steps.setRange(3, 16)
        self.steps.setValue(8)
        self.ends = QLabel("", self)
        self._ends: tuple[int | None, int | None] = (None, None)
        self.export = QPushButton(self)
        self.strip = ImageView(self, min_size=48)
        self.walk_check = QCheckBox(self)
        self.walk_view = ImageView(self, min_size=96)
        self.walk_view.setMaximumWidth(160)
        self.title_label = QLabel(self)
        self._strip_frames: np.ndarray | None = None
        self._walk_frames: np.ndarray | None = None
        self._walk_index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(66)
        self._timer.timeout.connect(self._on_timer_timeout)
        top = QHBoxLayout()
        for w in (self.title_label, self.method, self.steps, self.ends, self.export):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.walk_check)
        body = QHBoxLayout()
        body.addWidget(self.strip, 1)
        body.addWidget(self.walk_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.method.currentIndexChanged.connect(self._on_setting_changed)
        self.steps.valueChanged.connect(self._on_setting_changed)
        self.walk_check.toggled.connect(self._on_walk_check_toggled)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (combo items keep their data)."""
        self.title_label.setText(self.tr("Interpolate"))
        self.title_label.setToolTip(self.tr("Interpolation between two latent vectors"))
        self.method.setItemText(0, self.tr("linear"))
        self.method.setItemText(1, self.tr("spherical"))
        self.method.setToolTip(self.tr("Linear or spherical (slerp) interpolation in noise space"))
        self.steps.setSuffix(self.tr(" steps"))
        self.export.setText(self.tr("Export GIF…"))
        self.strip.set_placeholder(self.tr("Pick A and B in the enlarged-sample panel."))
        self.walk_check.setText(self.tr("Animate latent walk"))
        self.walk_view.set_placeholder(self.tr("Tick “Animate latent walk”"))
        self.set_ends(*self._ends)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_ends(self, a: int | None, b: int | None) -> None:
        """Show which grid cells are the ends."""
        self._ends = (a, b)
        self.ends.setText(self.tr("A: cell {0}  B: cell {1}").format("–" if a is None else a, "–" if b is None else b))

    def set_strip(self, frames: np.ndarray | None) -> None:
        """Show the interpolation frames as one row."""
        self._strip_frames = None if frames is None else np.asarray(frames)
        self.strip.set_image(None if frames is None else tile_images(frames, cols=len(frames), pad=1))

    def strip_frames(self) -> np.ndarray | None:
        """The interpolation frames shown."""
        return self._strip_frames

    def set_walk_frames(self, frames: np.ndarray | None) -> None:
        """Frames of the latent walk (looped while the walk is on)."""
        self._walk_frames = None if frames is None else np.asarray(frames)
        self._walk_index = 0
        if frames is not None and len(frames):
            self.walk_view.set_image(self._walk_frames[0])
            if self.walk_check.isChecked():
                self._timer.start()
        else:
            self._timer.stop()

    def walk_index(self) -> int:
        """Index of the walk frame shown."""
        return self._walk_index

    def stop(self) -> None:
        """Stop the walk animation."""
        self._timer.stop()

    def export_gif(self, path: Path, fps: float = 8.0) -> Path:
        """Save the strip as a ping-pong animated GIF (A → B → A)."""
        from core.images import save_gif

        if self._strip_frames is None or len(self._strip_frames) < 2:
            raise ValueError(self.tr("no interpolation to export yet"))
        frames = list(self._strip_frames) + list(self._strip_frames[-2:0:-1])
        return save_gif(frames, path, fps=fps, scale=6)

    def _on_setting_changed(self, _value: int) -> None:
        self.settings_changed.emit()

    def _on_walk_check_toggled(self, on: bool) -> None:
        if not on:
            self._timer.stop()
        self.walk_toggled.emit(on)

    def _on_timer_timeout(self) -> None:
        if self._walk_frames is None or not len(self._walk_frames):
            return
        self._walk_index = (self._walk_index + 1) % len(self._walk_frames)
        self.walk_view.set_image(self._walk_frames[self._walk_index])
