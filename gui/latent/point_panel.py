"""The latent tab's side panel: the decoded image of the point under the cursor, its
coordinates, the classifier's verdict, the nearest training image and the hovered data point."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change


class PointPanel(QWidget):
    """Thin view: the tab hands it what to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        self.decoded = ImageView(min_size=220)
        self.nearest, self.hover_image = ImageView(min_size=90), ImageView(min_size=90)
        self.coords, self.prediction = QLabel("z = –"), QLabel("")
        self.nearest_label, self.hover_label = QLabel(""), QLabel("")
        grid = QGridLayout(self)
        for widget, row, col, span in ((self.decoded, 0, 0, 2), (self.coords, 1, 0, 2), (self.prediction, 2, 0, 2),
                                       (self.nearest, 3, 0, 1), (self.hover_image, 3, 1, 1),
                                       (self.nearest_label, 4, 0, 1), (self.hover_label, 4, 1, 1)):
            grid.addWidget(widget, row, col, 1, span)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(3, 1)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (captions made again from what is shown)."""
        self.decoded.set_placeholder(self.tr("Click or drag on the map"))
        self.decoded.setToolTip(self.tr("What the decoder makes of the point under the cursor"))
        self.nearest.set_placeholder(self.tr("nearest training image"))
        self.hover_image.set_placeholder(self.tr("hover a data point"))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        """Show nothing (a new run is on the map)."""
        for view in (self.decoded, self.nearest, self.hover_image):
            view.set_image(None)
        self.texts.put(self.coords.setText, lambda: "z = –")
        self.texts.put(self.prediction.setText, lambda: "")
        self.texts.put(self.nearest_label.setText, lambda: self.tr("nearest training image"))
        self.texts.put(self.hover_label.setText, lambda: self.tr("data point"))

    def show_decoded(self, view: Any, z: np.ndarray, image: np.ndarray, plane: tuple[float, float] | None) -> None:
        """The decoder's image for latent point `z` (at `plane` on a PCA map) and its nearest training image."""
        from core.latent.plane import nearest_train_index

        self.decoded.set_image(image)
        if len(view.train_z) == 0:  # a user's decoder without an encoder: no encoded images
            self.nearest.set_image(None)
            self.texts.put(self.nearest_label.setText, lambda: "")
        else:
            i = nearest_train_index(z, view.train_z)
            self.nearest.set_image(view.train_x[i])
            name = view.class_names[int(view.train_y[i])]
            self.texts.put(self.nearest_label.setText, lambda: self.tr("nearest training image: {0}").format(name))
        text = "z = (" + ", ".join(f"{v:+.2f}" for v in z[:6]) + (", …)" if len(z) > 6 else ")")
        if not view.projection.is_identity and plane is not None:
            where = f"({plane[0]:+.2f}, {plane[1]:+.2f})"
            self.texts.put(self.coords.setText, lambda: self.tr("plane {0} → {1}").format(where, text))
        else:
            self.texts.put(self.coords.setText, lambda: text)

    def show_prediction(self, view: Any, probs: np.ndarray | None) -> None:
        """The classifier's verdict on the decoded image (None: no classifier)."""
        if probs is None:
            self.texts.put(self.prediction.setText, lambda: "")
            return
        k = int(np.argmax(probs))
        name, sure = view.class_names[k], f"{probs[k]:.0%}"
        self.texts.put(self.prediction.setText, lambda: self.tr("classifier: {0} ({1} confident)").format(name, sure))

    def show_hover(self, view: Any, index: int) -> None:
        """The test image under the mouse."""
        self.hover_image.set_image(view.test_x[index])
        name = view.class_names[int(view.test_y[index])]
        self.texts.put(self.hover_label.setText, lambda: self.tr("test image #{0}: {1}").format(index, name))
