"""The latent tab's "where does my digit land": draw a digit (or pick a test image), encode it
and mark where it lands on the map, with its reconstruction."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from gui.bridge import LatestWorker
from gui.latent.panel_layout import hbox
from gui.latent.requests import MiscRequest, serve_misc
from gui.widgets.drawing_pad import DrawingPadWidget
from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change


class DigitPanel(QWidget):
    """Encodes on its own worker. Signals: `landed(object)` (the plane point, or None when the
    pad was cleared or the run changed); `failed(str)`."""

    landed = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latent_view: Any = None
        self.texts = LiveTexts()
        self.position: tuple[float, float] | None = None
        self.pad: DrawingPadWidget | None = None
        self._asked: MiscRequest | None = None  # the latest encode request
        self.index_spin = QSpinBox(minimum=0, maximum=0)
        self.pick_button = QPushButton()
        self.clear_button = QPushButton()
        self.reconstruction = ImageView(min_size=96)
        self.info = QLabel("")
        self.texts.put(self.info.setText, self._hint)
        self._pad_box = QVBoxLayout()
        right = QVBoxLayout()
        right.addLayout(hbox(self.pick_button, self.index_spin, self.clear_button))
        right.addWidget(self.reconstruction, 1)
        right.addWidget(self.info)
        lay = QHBoxLayout(self)
        lay.addLayout(self._pad_box, 1)
        lay.addLayout(right, 1)
        self.worker = LatestWorker(serve_misc, self)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self.failed)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.pick_button.clicked.connect(self.pick_test_image)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the caption made again from the last result)."""
        self.pick_button.setText(self.tr("Use test image #"))
        self.clear_button.setText(self.tr("Clear pad"))
        self.reconstruction.set_placeholder(self.tr("reconstruction"))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _hint(self) -> str:
        return self.tr("Draw a digit on the pad")

    def set_view(self, view: Any) -> None:
        """A new run: a pad of its image size, and no result from the old run."""
        self.latent_view = view
        self.index_spin.setMaximum(max(0, len(view.test_x) - 1))
        self._set_image_size(int(view.model.image_shape[0]))
        self.clear_result()

    def clear_result(self) -> None:
        """Forget where the last digit landed (its marker, reconstruction and caption)."""
        self.position, self._asked = None, None
        self.reconstruction.set_image(None)
        self.texts.put(self.info.setText, self._hint)
        self.landed.emit(None)

    def locate(self, image: np.ndarray) -> None:
        """Encode a drawn or chosen image (resized to the run's images) on the worker."""
        view = self.latent_view
        if view is None:
            return
        arr = np.asarray(image, np.float32)
        h, w = view.model.image_shape[:2]
        channels = int(view.model.image_shape[-1]) if len(view.model.image_shape) > 2 else 1
        if arr.ndim == 3 and arr.shape[-1] == 1:
            arr = arr[..., 0]
        if arr.shape[:2] != (h, w):
            from PIL import Image

            arr = np.asarray(Image.fromarray(arr).resize((w, h), Image.Resampling.BOX)) if arr.ndim == 2 else \
                np.stack([np.asarray(Image.fromarray(arr[..., c]).resize((w, h), Image.Resampling.BOX))
                          for c in range(arr.shape[-1])], axis=-1)
        if arr.ndim == 2 and channels == 3:  # a grey drawing for a colour model
            arr = np.repeat(arr[..., None], 3, axis=-1)
        self._asked = MiscRequest(view, "encode", (arr.reshape(h, w, channels),))
        self.worker.submit(self._asked)

    def pick_test_image(self) -> None:
        """Show the chosen test image on the pad and locate it."""
        if self.latent_view is None:
            return
        image = self.latent_view.test_x[self.index_spin.value()]
        if self.pad is not None:
            self.pad.blockSignals(True)
            self.pad.set_image(np.asarray(image).mean(axis=-1))  # the pad is grey: colour shown as brightness
            self.pad.blockSignals(False)
        self.locate(image)

    def _set_image_size(self, side: int) -> None:
        if self.pad is not None and self.pad.pad_size == side:
            return
        if self.pad is not None:
            self.pad.setParent(None)
            self.pad.deleteLater()
        self.pad = DrawingPadWidget(size=side)
        self.pad.drawn.connect(self._on_pad_drawn)
        self._pad_box.addWidget(self.pad)

    def _on_pad_drawn(self, image: np.ndarray) -> None:
        if float(np.max(image)) > 0.0:
            self.locate(np.asarray(image, np.float32))
        else:
            self.clear_result()  # a cleared pad: its old reconstruction and marker go too

    def _on_clear_button_clicked(self) -> None:
        if self.pad is not None:
            self.pad.clear()
        else:
            self.clear_result()

    def _on_worker_computed(self, req: MiscRequest, result: Any) -> None:
        if req is not self._asked:
            return  # superseded, cleared, or made for a run no longer shown
        _z, p, recon = result
        self.position = (float(p[0]), float(p[1]))
        self.reconstruction.set_image(recon)
        where = f"({p[0]:+.2f}, {p[1]:+.2f})"
        self.texts.put(self.info.setText, lambda: self.tr("lands at {0} on the map").format(where))
        self.landed.emit(self.position)
