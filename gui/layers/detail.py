"""The Layers tab's detail panel: one unit or feature map enlarged, and the test images
that activate it most."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.bridge import Job, start_job
from gui.layers.activation_views import heat_rgb
from gui.widgets.image_view import ImageView, tile_images
from gui.widgets.live_text import LiveTexts, is_language_change


class UnitDetailWidget(QWidget):
    """Shows the clicked unit (value, or the enlarged feature map) and its top test images
    (searched by a background job, `search_top`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.unit_view = ImageView(min_size=72)
        self.unit_view.setMaximumWidth(200)
        self.top_view = ImageView(min_size=72)
        self.top_label = QLabel("")
        self.top_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.unit_view, 1)
        col = QVBoxLayout()
        col.addWidget(self.top_view, 1)
        col.addWidget(self.top_label)
        row.addLayout(col, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addLayout(row, 1)
        self.top_indices: np.ndarray | None = None
        self.top_job: Job | None = None
        self._dataset: Any = None
        self.texts.put(self.title.setText, self._hint)
        self.retranslate()

    def _hint(self) -> str:
        return self.tr("Click a unit or feature map to enlarge it and find the test images that activate it most.")

    def retranslate(self) -> None:
        """Every text in the current language, made again from what is shown."""
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        """Forget the selection (a new model or input: the unit shown is stale)."""
        self.cancel_search()
        self.texts.put(self.title.setText, self._hint)
        self.unit_view.set_image(None)
        self.top_view.set_image(None)
        self.texts.put(self.top_label.setText, lambda: "")
        self.top_indices = None

    def show_unit(self, layer: str, unit: int, output: np.ndarray) -> None:
        """Show unit/channel `unit` of `output` (one layer's output for the current input)."""
        out = np.asarray(output, np.float32)
        if out.ndim == 3 and out.shape[-1] > 1:
            fmap = out[..., unit]
            lo, hi = min(0.0, float(fmap.min())), float(fmap.max())
            self.unit_view.set_image(heat_rgb(fmap, lo, hi))
            mean, top = f"{fmap.mean():.3g}", f"{fmap.max():.3g}"
            self.texts.put(self.title.setText, lambda: self.tr("{0}, feature map {1}: mean {2}, max {3}").format(
                layer, unit, mean, top))
        else:
            flat = out.reshape(-1)
            value = float(flat[unit])
            lo, hi = min(0.0, float(flat.min())), float(flat.max())
            self.unit_view.set_image(heat_rgb(np.full((8, 8), value), lo, hi))
            shown, lo_s, hi_s = f"{value:.4g}", f"{flat.min():.3g}", f"{flat.max():.3g}"
            self.texts.put(self.title.setText, lambda: self.tr("{0}, unit {1}: {2} (layer range {3} … {4})").format(
                layer, unit, shown, lo_s, hi_s))
        self.unit_view.set_placeholder("")

    def set_message(self, text: str) -> None:
        """A one-line note under the top images (an error: shown as it is)."""
        self.texts.put(self.top_label.setText, lambda: text)

    def search_top(self, top_activating: Callable[..., Any], layer_index: int, unit: int, dataset: Any) -> None:
        """Find the test images of `dataset` that activate `unit` most, off the GUI thread."""
        self.cancel_search()
        if dataset is None:
            self.texts.put(self.top_label.setText,
                           lambda: self.tr("Load a dataset to find the test images that activate it most."))
            return
        self.texts.put(self.top_label.setText, lambda: self.tr("Searching the test split…"))
        self._dataset = dataset
        self.top_job = start_job(top_activating, layer_index, unit, dataset.x_test)
        self.top_job.succeeded.connect(self._on_top_job_succeeded)
        self.top_job.failed.connect(self._on_top_job_failed)

    def cancel_search(self, timeout_s: float = 0.0) -> None:
        """Stop a running search (waiting at most `timeout_s`); its result is dropped."""
        job, self.top_job = self.top_job, None
        if job is not None:
            job.cancel()
            if timeout_s > 0:
                job.wait(timeout_s)

    def _on_top_job_succeeded(self, result: tuple[np.ndarray, np.ndarray]) -> None:
        if self.sender() is self.top_job:
            self.show_top(self._dataset, *result)

    def _on_top_job_failed(self, message: str) -> None:
        if self.sender() is self.top_job:
            self.set_message(message)

    def show_top(self, dataset: Any, indices: np.ndarray, scores: np.ndarray) -> None:
        """Show the top-activating test images with their labels and scores."""
        self.top_indices = np.asarray(indices)
        imgs = np.asarray(dataset.x_test)[self.top_indices]
        self.top_view.set_image(tile_images(imgs, cols=min(len(imgs), 9), pad=1, pad_value=0.35))
        names = dataset.class_names
        parts = [f"#{int(i)} ({names[int(dataset.y_test[i])]}): {s:.3g}" for i, s in zip(self.top_indices, scores, strict=False)]
        self.texts.put(self.top_label.setText,
                       lambda: self.tr("Most activating test images: {0}").format(", ".join(parts)))
