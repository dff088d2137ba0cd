"""The latent tab's side panel: the decoded image of the point under the cursor, its
coordinates, the classifier's verdict, the nearest training image and the hovered data point."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gui.widgets.image_view import ImageView


class PointPanel(QWidget):
    """Thin view: the tab hands it what to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decoded = ImageView(min_size=220)
        self.decoded.set_placeholder("Click or drag on the map")
        self.nearest, self.hover_image = ImageView(min_size=90), ImageView(min_size=90)
        self.nearest.set_placeholder("nearest training image")
        self.hover_image.set_placeholder("hover a data point")
        self.coords, self.prediction = QLabel("z = –"), QLabel("")
        self.nearest_label, self.hover_label = QLabel("nearest training image"), QLabel("data point")
        grid = QGridLayout(self)
        for widget, row, col, span in ((self.decoded, 0, 0, 2), (self.coords, 1, 0, 2), (self.prediction, 2, 0, 2),
                                       (self.nearest, 3, 0, 1), (self.hover_image, 3, 1, 1),
                                       (self.nearest_label, 4, 0, 1), (self.hover_label, 4, 1, 1)):
            grid.addWidget(widget, row, col, 1, span)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(3, 1)

    def clear(self) -> None:
        """Show nothing (a new run is on the map)."""
        for view in (self.decoded, self.nearest, self.hover_image):
            view.set_image(None)
        self.coords.setText("z = –")
        self.prediction.setText("")
        self.nearest_label.setText("nearest training image")
        self.hover_label.setText("data point")

    def show_decoded(self, view: Any, z: np.ndarray, image: np.ndarray, plane: tuple[float, float] | None) -> None:
        """The decoder's image for latent point `z` (at `plane` on a PCA map) and its nearest training image."""
        from core.latent.plane import nearest_train_index

        self.decoded.set_image(image)
        i = nearest_train_index(z, view.train_z)
        self.nearest.set_image(view.train_x[i])
        self.nearest_label.setText(f"nearest training image: {view.class_names[int(view.train_y[i])]}")
        text = "z = (" + ", ".join(f"{v:+.2f}" for v in z[:6]) + (", …)" if len(z) > 6 else ")")
        if not view.projection.is_identity and plane is not None:
            text = f"plane ({plane[0]:+.2f}, {plane[1]:+.2f}) → {text}"
        self.coords.setText(text)

    def show_prediction(self, view: Any, probs: np.ndarray | None) -> None:
        """The classifier's verdict on the decoded image (None: no classifier)."""
        if probs is None:
            self.prediction.setText("")
            return
        k = int(np.argmax(probs))
        self.prediction.setText(f"classifier: {view.class_names[k]} ({probs[k]:.0%} confident)")

    def show_hover(self, view: Any, index: int) -> None:
        """The test image under the mouse."""
        self.hover_image.set_image(view.test_x[index])
        self.hover_label.setText(f"test image #{index}: {view.class_names[int(view.test_y[index])]}")
