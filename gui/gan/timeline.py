"""The GAN training timeline: the same fixed-noise samples at every epoch, scrubbed with a slider."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.widgets.image_view import ImageView, tile_images


class GanTimelineWidget(QWidget):
    """One frame (a grid of fixed-noise samples) per epoch; follows the newest frame while
    the slider sits at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frames: list[tuple[int, np.ndarray]] = []
        self.view = ImageView(self, min_size=160)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setEnabled(False)
        self.label = QLabel("", self)
        self.label.setMinimumWidth(90)
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Placeholder, tooltip and epoch label in the current language."""
        self.view.set_placeholder(self.tr("No epochs yet: the timeline fills as the GAN trains."))
        self.slider.setToolTip(self.tr("Scrub through the epochs: the same fixed noise at each"))
        self._show(self.slider.value())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def frame_count(self) -> int:
        """Number of epochs held."""
        return len(self._frames)

    def epochs(self) -> list[int]:
        """The epochs held, in order."""
        return [e for e, _ in self._frames]

    def set_frames(self, frames: list[tuple[int, np.ndarray]]) -> None:
        """Replace the timeline with (epoch, samples) frames; shows the last one."""
        self._frames = sorted(((int(e), np.asarray(s)) for e, s in frames), key=lambda f: f[0])
        self._sync_slider(follow=True)

    def add_frame(self, epoch: int, samples: np.ndarray) -> None:
        """Add (or replace) one epoch's frame; follows it if the slider was at the end."""
        follow = self.slider.value() >= self.slider.maximum()
        self._frames = [f for f in self._frames if f[0] != int(epoch)]
        self._frames.append((int(epoch), np.asarray(samples)))
        self._frames.sort(key=lambda f: f[0])
        self._sync_slider(follow=follow)

    def clear(self) -> None:
        """Forget every frame."""
        self.set_frames([])

    def frame_image(self, index: int) -> np.ndarray:
        """The tiled grid image of frame `index`."""
        return tile_images(self._frames[index][1], pad=1)

    def _sync_slider(self, follow: bool) -> None:
        n = len(self._frames)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(n - 1, 0))
        if follow:
            self.slider.setValue(max(n - 1, 0))
        self.slider.blockSignals(False)
        self.slider.setEnabled(n > 1)
        self._show(self.slider.value())

    def _on_slider_value_changed(self, value: int) -> None:
        self._show(value)

    def _show(self, index: int) -> None:
        if not self._frames:
            self.view.set_image(None)
            self.label.setText(self.tr("epoch –"))
            return
        index = min(max(index, 0), len(self._frames) - 1)
        epoch = self._frames[index][0]
        self.view.set_image(self.frame_image(index))
        self.label.setText(self.tr("epoch {0} / {1}").format(epoch, self._frames[-1][0]))

    def export_gif(self, path: Path, fps: float = 4.0) -> Path:
        """Write every epoch's frame as an animated GIF."""
        from core.images import save_gif

        if not self._frames:
            raise ValueError(self.tr("the timeline is empty: train at least one epoch"))
        return save_gif([self.frame_image(i) for i in range(len(self._frames))], path, fps=fps, scale=3)
