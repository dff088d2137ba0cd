"""The GAN tab's side panel: the enlarged sample beside its nearest real training image, and
the per-pixel mean image (the deterministic "model") with the metrics table."""

from __future__ import annotations

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


class GanSidePanel(QWidget):
    """Views and buttons only; the tab wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enlarged_view, self.nearest_view = ImageView(self, 96), ImageView(self, 96)
        self.enlarged_view.set_placeholder("Click a sample")
        self.nearest_label = QLabel("nearest real training image", self)
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
        self.metrics_label = QLabel("Score the run to compare the GAN with real images and the mean image.", self)
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
