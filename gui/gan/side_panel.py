"""The GAN tab's side panel: the enlarged sample beside its nearest real training image, and
the per-pixel mean image (the deterministic "model") with the metrics table."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.image_view import ImageView

NEAREST_CAPTION = "nearest real training image"
METRICS_PROMPT = "Score the run to compare the GAN with real images and the mean image."


class GanSidePanel(QWidget):
    """Views and buttons only; the tab wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enlarged_view, self.nearest_view = ImageView(self, 96), ImageView(self, 96)
        self.enlarged_view.set_placeholder("Click a sample")
        self.nearest_label = QLabel(NEAREST_CAPTION, self)
        self.set_a_button, self.set_b_button = QPushButton("Use as A", self), QPushButton("Use as B", self)
        self.export_sample_button = QPushButton("Export PNG…", self)
        enlarged = QGroupBox("Enlarged sample · nearest real image (memorisation check)", self)
        eg = QGridLayout(enlarged)
        eg.addWidget(self.enlarged_view, 0, 0)
        eg.addWidget(self.nearest_view, 0, 1)
        eg.addWidget(QLabel("sample (right-click a cell to lock it)", self), 1, 0)
        eg.addWidget(self.nearest_label, 1, 1)
        buttons = QHBoxLayout()
        for b in (self.set_a_button, self.set_b_button, self.export_sample_button):
            buttons.addWidget(b)
        eg.addLayout(buttons, 2, 0, 1, 2)

        self.mean_view = ImageView(self, 72)
        self.metrics_label = QLabel(METRICS_PROMPT, self)
        self.metrics_label.setWordWrap(True)
        self.score_button = QPushButton("Compute metrics", self)
        mean_box = QGroupBox("The deterministic model: per-pixel mean of the training set", self)
        mg = QGridLayout(mean_box)
        mg.addWidget(self.mean_view, 0, 0, 2, 1)
        mg.addWidget(self.metrics_label, 0, 1)
        mg.addWidget(self.score_button, 1, 1)
        mg.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(enlarged, 3)
        layout.addWidget(mean_box, 2)

    def show_sample(self, sample: np.ndarray | None, nearest: np.ndarray | None, caption: str) -> None:
        """Show the enlarged sample and its nearest real image (None clears a view)."""
        self.enlarged_view.set_image(sample)
        self.nearest_view.set_image(nearest)
        self.nearest_label.setText(caption)

    def clear_sample(self, nearest_placeholder: str = "") -> None:
        """No sample enlarged: empty views and the plain caption."""
        self.nearest_view.set_placeholder(nearest_placeholder)
        self.show_sample(None, None, NEAREST_CAPTION)

    def show_mean(self, image: np.ndarray | None, placeholder: str = "") -> None:
        """Show the training set's per-pixel mean (None: `placeholder` instead)."""
        self.mean_view.set_placeholder(placeholder)
        self.mean_view.set_image(image)

    def show_metrics(self, html: str | None) -> None:
        """Show a metrics table, or (None) the prompt to score the shown run."""
        self.metrics_label.setText(html if html is not None else METRICS_PROMPT)
        self.score_button.setEnabled(True)
