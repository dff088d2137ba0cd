"""A user's generator file in the GAN tab: the probe that says whether a `.keras` file is a
generator (one noise vector of any length in, one image of any size with 1 or 3 channels
out), and the bar shown above the grid while such a file is on screen: its output range
(auto from the final activation, [-1, 1] or [0, 1]) and the dataset whose images give the
nearest real image. The tab keeps sampling, reseeding, locks and interpolation as for a run;
run-only controls (timeline, quality and roll-back, train steps, metrics) are disabled with
the reason in their tooltip.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

RUN_ONLY_PANELS = (1, 2, 3)  # the tab's Timeline, Quality and Train steps pages
GENERATOR_SHAPES: dict[tuple[str, float], tuple[int, tuple[int, int, int]] | None] = {}


def shapes_of(model: Any) -> tuple[int, tuple[int, int, int]] | None:
    """(latent length, image shape (H, W, C)) when `model` maps a noise vector to an image."""
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        return None
    ins, outs = tuple(model.inputs[0].shape[1:]), tuple(model.outputs[0].shape[1:])
    if len(ins) != 1 or ins[0] is None or None in outs:
        return None
    if len(outs) == 1:  # a flat image: square, 1 channel
        side = math.isqrt(int(outs[0]))
        if side * side != int(outs[0]) or side < 8:
            return None
        outs = (side, side, 1)
    elif len(outs) == 2:
        outs = (*outs, 1)
    if len(outs) != 3 or outs[2] not in (1, 3):
        return None
    return int(ins[0]), (int(outs[0]), int(outs[1]), int(outs[2]))


def generator_shapes(path: Path) -> tuple[int, tuple[int, int, int]] | None:
    """`shapes_of` the model in `path` (cached per file version); None when it is no generator
    or cannot be loaded safely."""
    path = Path(path)
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except OSError:
        return None
    if key not in GENERATOR_SHAPES:
        try:
            from core.inspect.model_files import load_model_file

            GENERATOR_SHAPES[key] = shapes_of(load_model_file(path))
        except Exception:  # noqa: BLE001 - unreadable or unsafe: not a generator for this tab
            GENERATOR_SHAPES[key] = None
    return GENERATOR_SHAPES[key]


class GanUserModel(QWidget):
    """The bar of a user's generator file; `tab` is the `GanTab` it serves (its public parts)."""

    def __init__(self, tab: Any) -> None:
        super().__init__(tab)
        self.tab = tab
        self.path: Path | None = None
        self.latent_dim = 0
        self.image_shape: tuple[int, int, int] | None = None
        self.dataset: Any = None
        self.dataset_error: str | None = None
        self.range_label, self.dataset_label, self.note = QLabel(self), QLabel(self), QLabel(self)
        self.range_combo, self.dataset_combo = QComboBox(self), QComboBox(self)
        for _ in range(3):
            self.range_combo.addItem("")
        for i, data in enumerate(("auto", "tanh", "sigmoid")):
            self.range_combo.setItemData(i, data)
        self.dataset_combo.addItem("", "")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.range_label, self.range_combo, self.dataset_label, self.dataset_combo, self.note):
            layout.addWidget(w)
        layout.addStretch(1)
        self.range_combo.activated.connect(self._on_range_combo_activated)
        self.dataset_combo.activated.connect(self._on_dataset_combo_activated)
        tab.state.dataset_loaded.connect(self._on_state_dataset_loaded)
        tab.state.dataset_failed.connect(self._on_state_dataset_failed)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.range_label.setText(self.tr("Output range"))
        for i, text in enumerate((self.tr("auto (final activation)"), self.tr("[−1, 1] (tanh)"),
                                  self.tr("[0, 1] (sigmoid)"))):
            self.range_combo.setItemText(i, text)
        self.range_combo.setToolTip(self.tr("How the generator's output maps to pixel values"))
        self.dataset_label.setText(self.tr("Real images"))
        self.dataset_combo.setItemText(0, self.tr("(none)"))
        self.dataset_combo.setToolTip(self.tr("A dataset of the generator's image shape gives the nearest real image"))
        self.note.setText(self.note_text())
        if self.path is not None:
            self._disable_run_controls()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def active(self) -> bool:
        """Whether a user's generator file is on screen."""
        return self.path is not None

    def note_text(self) -> str:
        """What the bar says about the chosen dataset."""
        if self.dataset_error is not None:
            return self.tr("the dataset could not be loaded ({0})").format(self.dataset_error)
        if self.dataset is None:
            return self.tr("loading the dataset…") if self.dataset_combo.currentData() else ""
        shape = tuple(int(s) for s in self.dataset.x_train.shape[1:])
        if shape != self.image_shape:
            return self.tr("its images {0} do not match the generator's {1}: no nearest real image").format(
                "×".join(map(str, shape)), "×".join(map(str, self.image_shape or ())))
        return ""

    def status_text(self) -> str:
        """The tab's status line while the file is shown."""
        assert self.path is not None and self.image_shape is not None
        return self.tr("{0}: a user's generator, {1}-long noise → {2} images").format(
            self.path.name, self.latent_dim, "×".join(map(str, self.image_shape)))

    def refuse(self, path: Path) -> bool:
        """Tell the user `path` is no generator; False."""
        self.tab.state.show_error(self.tab, self.tr("GAN tab"), self.tr(
            "{0} is not a generator (a noise vector in, an image out)").format(path.name))
        return False

    def show_file(self, path: Path, latent_dim: int, image_shape: tuple[int, int, int]) -> None:
        """Sample the generator in `path` on the tab's grid."""
        from core.data.sources import describe_sources

        self.path, self.latent_dim, self.image_shape = Path(path), latent_dim, image_shape
        if self.dataset_combo.count() == 1:
            for source, label in describe_sources():
                self.dataset_combo.addItem(label, source)
        tab = self.tab
        tab.sampling.output_range = str(self.range_combo.currentData())
        tab.sampling.reset(self.path, latent_dim, tab.size_spin.value(), tab.seed_spin.value())
        tab.actions.set_run(None)
        tab.timeline.set_frames([])
        tab.quality.set_history({}, [])
        tab.side.show_mean(None)
        self._disable_run_controls()
        self.show()
        self._choose_dataset(str(self.dataset_combo.currentData() or ""))
        tab.sampling.request()

    def leave(self) -> None:
        """A run is shown again: hide the bar and enable the run's controls."""
        if self.path is None:
            return
        self.path, self.dataset, self.dataset_error = None, None, None
        self.hide()
        for i in RUN_ONLY_PANELS:
            self.tab.panels.setTabEnabled(i, True)
            self.tab.panels.setTabToolTip(i, "")
        self.tab.side.retranslate()
        self.tab.side.score_button.setEnabled(True)

    def _disable_run_controls(self) -> None:
        reason = self.tr("Only for runs trained in Latent Lab, not for a generator file")
        for i in RUN_ONLY_PANELS:
            self.tab.panels.setTabEnabled(i, False)
            self.tab.panels.setTabToolTip(i, reason)
        self.update_score_button()

    def scorable(self) -> bool:
        """Whether the chosen real images have the generator's shape (the metrics need them)."""
        return self.dataset is not None and tuple(self.dataset.x_train.shape[1:]) == self.image_shape

    def update_score_button(self) -> None:
        """Enable "Compute metrics" once a dataset of the generator's image shape is chosen."""
        button = self.tab.side.score_button
        button.setEnabled(self.scorable())
        button.setToolTip("" if self.scorable() else self.tr(
            "Choose real images of the generator's shape above: the metrics compare with them"))

    def _choose_dataset(self, source: str) -> None:
        self.dataset, self.dataset_error = None, None
        if source:
            self._apply_dataset(self.tab.state.request_dataset(source))
        else:
            self._apply_dataset(None)

    def _apply_dataset(self, dataset: Any) -> None:
        self.dataset = dataset
        fits = dataset is not None and tuple(dataset.x_train.shape[1:]) == self.image_shape
        self.tab.sampling.set_train_images(dataset.x_train if fits else None)
        self.tab.side.show_mean(np.asarray(dataset.x_train, np.float32).mean(axis=0) if fits else None)
        self.note.setText(self.note_text())
        self.update_score_button()

    def _on_range_combo_activated(self, _index: int) -> None:
        if self.path is not None:
            self.tab.sampling.set_output_range(str(self.range_combo.currentData()))

    def _on_dataset_combo_activated(self, _index: int) -> None:
        if self.path is not None:
            self._choose_dataset(str(self.dataset_combo.currentData() or ""))

    def _on_state_dataset_loaded(self, source: str, dataset: Any) -> None:
        if self.path is not None and self.dataset is None and source == self.dataset_combo.currentData():
            self._apply_dataset(dataset)

    def _on_state_dataset_failed(self, source: str, message: str) -> None:
        if self.path is not None and self.dataset is None and source == self.dataset_combo.currentData():
            self.dataset_error = message
            self.note.setText(self.note_text())
