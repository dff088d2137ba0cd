"""The latent tab's run chooser: autoencoder / VAE runs (and the live one), and the classifier
runs trained on the same dataset that can colour the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

LATENT_KINDS = ("autoencoder", "vae")


class LatentRunPicker(QWidget):
    """Emits `run_chosen(str, object)` (run folder, classifier run folder or None) when the
    user picks a run or a classifier, and `refresh_requested()` for a rescan of the runs."""

    run_chosen = Signal(str, object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classifiers: list[Any] = []  # RunInfo of every classifier run
        self.run_combo, self.classifier_combo = QComboBox(), QComboBox()
        self.run_combo.setMinimumContentsLength(28)
        self.refresh_button = QPushButton("Refresh")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("Run:"), self.run_combo, self.refresh_button, QLabel("Classifier:"), self.classifier_combo):
            lay.addWidget(w)
        lay.setStretch(1, 1)
        self.run_combo.activated.connect(self._on_combo_activated)
        self.classifier_combo.activated.connect(self._on_combo_activated)
        self.refresh_button.clicked.connect(self.refresh_requested)

    def set_runs(self, runs: list[Any], live: tuple[Path, str] | None = None,
                 dataset: str | None = None) -> None:
        """List the AE/VAE runs (the live run first, when it is one) and the classifier runs
        trained on `dataset`, keeping the current choices."""
        current = self.run_combo.currentData()
        self.run_combo.clear()
        self.run_combo.addItem("— choose an autoencoder or VAE run —", None)
        if live is not None and live[1] in LATENT_KINDS and all(Path(r.path) != live[0] for r in runs):
            self.run_combo.addItem(f"{live[0].name} · {live[1]} · training", str(live[0]))
        for r in runs:
            if r.kind in LATENT_KINDS:
                text = f"{r.path.name} · {r.kind} · {r.config.get('latent_dim')}-D · {r.status}, {r.epochs_done} ep"
                self.run_combo.addItem(text, str(r.path))
        self.run_combo.setCurrentIndex(max(0, self.run_combo.findData(current)))
        self.classifiers = [r for r in runs if r.kind == "classifier"]
        self.set_dataset(dataset)

    def set_dataset(self, dataset: str | None, classifier: str | None = None) -> None:
        """Offer the classifier runs trained on `dataset` (all when None); select `classifier`
        (default: keep the current one)."""
        current = classifier if classifier is not None else self.classifier_combo.currentData()
        self.classifier_combo.clear()
        self.classifier_combo.addItem("(none)", None)
        for r in self.classifiers:
            if dataset is None or r.config.get("dataset") == dataset:
                self.classifier_combo.addItem(f"{r.path.name} · {r.status}", str(r.path))
        self.classifier_combo.setCurrentIndex(max(0, self.classifier_combo.findData(current)))

    def select_run(self, run_dir: Path | str) -> None:
        """Show `run_dir` as the chosen run (when listed)."""
        index = self.run_combo.findData(str(run_dir))
        if index >= 0:
            self.run_combo.setCurrentIndex(index)

    def default_classifier(self, dataset: str | None) -> Path | None:
        """The newest classifier run trained on `dataset` with a saved model, if any."""
        for r in self.classifiers:
            if dataset is not None and r.config.get("dataset") == dataset and r.epochs_done > 0:
                return Path(r.path)
        return None

    def _on_combo_activated(self, _index: int) -> None:
        run = self.run_combo.currentData()
        if run:
            self.run_chosen.emit(str(run), self.classifier_combo.currentData())
