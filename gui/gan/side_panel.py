"""The GAN tab's side panel: the enlarged sample beside its nearest real training image, and
the per-pixel mean image (the deterministic "model") with the metrics table.

It keeps what it shows as state (caption kind, dataset state, metrics result) and renders
the texts from it, so a language change re-renders them."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.gan.quality_view import above_real_explanation, metrics_table_html, scores_above_real
from gui.widgets.image_view import ImageView


class GanSidePanel(QWidget):
    """Views and buttons only; the tab wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nearest: tuple[int, float] | None = None  # (index, RMS distance) of the nearest real image
        self._sample_shown = False
        self._waiting = False  # a sample is enlarged but the run's dataset is not loaded yet
        self._mean_state = ""  # "", "loading" or "unavailable"
        self._metrics: dict[str, Any] | None = None
        self._scoring = False
        self.enlarged_view, self.nearest_view = ImageView(self, 96), ImageView(self, 96)
        self.nearest_label = QLabel("", self)
        self.set_a_button, self.set_b_button = QPushButton(self), QPushButton(self)
        self.export_sample_button = QPushButton(self)
        self.enlarged_box = QGroupBox(self)
        eg = QGridLayout(self.enlarged_box)
        eg.addWidget(self.enlarged_view, 0, 0)
        eg.addWidget(self.nearest_view, 0, 1)
        self.sample_label = QLabel(self)
        eg.addWidget(self.sample_label, 1, 0)
        eg.addWidget(self.nearest_label, 1, 1)
        buttons = QHBoxLayout()
        for b in (self.set_a_button, self.set_b_button, self.export_sample_button):
            buttons.addWidget(b)
        eg.addLayout(buttons, 2, 0, 1, 2)

        self.mean_view = ImageView(self, 72)
        self.metrics_label = QLabel("", self)
        self.metrics_label.setWordWrap(True)
        self.score_button = QPushButton(self)
        self.mean_box = QGroupBox(self)
        mg = QGridLayout(self.mean_box)
        mg.addWidget(self.mean_view, 0, 0, 2, 1)
        mg.addWidget(self.metrics_label, 0, 1)
        mg.addWidget(self.score_button, 1, 1)
        mg.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enlarged_box, 3)
        layout.addWidget(self.mean_box, 2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language, re-rendering captions and the metrics table."""
        self.enlarged_view.set_placeholder(self.tr("Click a sample"))
        self.set_a_button.setText(self.tr("Use as A"))
        self.set_a_button.setToolTip(self.tr("Make the enlarged sample end A of the interpolation"))
        self.set_b_button.setText(self.tr("Use as B"))
        self.set_b_button.setToolTip(self.tr("Make the enlarged sample end B of the interpolation"))
        self.export_sample_button.setText(self.tr("Export PNG…"))
        self.enlarged_box.setTitle(self.tr("Enlarged sample · nearest real image (memorisation check)"))
        self.sample_label.setText(self.tr("sample (right-click a cell to lock it)"))
        self.score_button.setText(self.tr("Compute metrics"))
        self.score_button.setToolTip(self.tr("Score 1000 generated samples with a small digit classifier"))
        self.mean_box.setTitle(self.tr("The deterministic model: per-pixel mean of the training set"))
        self.nearest_view.set_placeholder(self.tr("waiting for the run's dataset") if self._waiting else "")
        self.nearest_label.setText(self.caption())
        self.mean_view.set_placeholder({"loading": self.tr("Loading the run's dataset…"),
                                        "unavailable": self.tr("The run's dataset is unavailable.")}
                                       .get(self._mean_state, ""))
        above = self._metrics is not None and not self._scoring and scores_above_real(self._metrics)
        self.metrics_label.setToolTip(above_real_explanation() if above else "")
        if self._scoring:
            self.metrics_label.setText(self.tr("Scoring… (the first time trains a small classifier: a few seconds)"))
        elif self._metrics is not None:
            self.metrics_label.setText(metrics_table_html(self._metrics))
        else:
            self.metrics_label.setText(self.tr("Score the run to compare the GAN with real images and the mean image."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def caption(self) -> str:
        """The caption under the nearest real image, in the current language."""
        if self._nearest is not None:
            return self.tr("nearest real #{0} (RMS distance {1:.3f})").format(*self._nearest)
        if self._sample_shown:
            return self.tr("nearest real image: the run's dataset is not loaded")
        return self.tr("nearest real training image")

    def show_sample(self, sample: np.ndarray | None, nearest: np.ndarray | None,
                    nearest_index: int | None = None, distance: float = 0.0) -> None:
        """Show the enlarged sample and its nearest real image (None clears a view); the caption
        names `nearest_index`, or says the dataset is missing when only a sample is given."""
        self.enlarged_view.set_image(sample)
        self.nearest_view.set_image(nearest)
        self._nearest = (int(nearest_index), float(distance)) if nearest_index is not None else None
        self._sample_shown = sample is not None
        self.nearest_label.setText(self.caption())

    def clear_sample(self, waiting: bool = False) -> None:
        """No sample enlarged: empty views and the plain caption (`waiting`: say the run's
        dataset is still missing)."""
        self._waiting = waiting
        self.nearest_view.set_placeholder(self.tr("waiting for the run's dataset") if waiting else "")
        self.show_sample(None, None)

    def show_mean(self, image: np.ndarray | None, state: str = "") -> None:
        """Show the training set's per-pixel mean (None: a placeholder for `state`, "loading" or
        "unavailable")."""
        self._mean_state = state
        self.retranslate()
        self.mean_view.set_image(image)

    def show_metrics(self, result: dict[str, Any] | None) -> None:
        """Show the metrics table of a `score` result, or (None) the prompt to score the run."""
        self._metrics, self._scoring = result, False
        self.retranslate()
        self.score_button.setEnabled(True)

    def show_scoring(self) -> None:
        """A score job runs: say so and disable the button until `show_metrics` or `end_scoring`."""
        self._scoring = True
        self.score_button.setEnabled(False)
        self.retranslate()

    def end_scoring(self, enabled: bool = True) -> None:
        """The score job ended without a result (failed, or for a run no longer shown)."""
        self._scoring = False
        self.score_button.setEnabled(enabled)
        self.retranslate()
