"""The latent tab's run chooser: autoencoder / VAE runs (and the live one), and the classifier
runs trained on the same dataset that can colour the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from gui.widgets.live_text import is_language_change

LATENT_KINDS = ("autoencoder", "vae")


class LatentRunPicker(QWidget):
    """Emits `run_chosen(str, object)` (run folder, classifier run folder or None) when the
    user picks a run or a classifier, and `refresh_requested()` for a rescan of the runs."""

    run_chosen = Signal(str, object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classifiers: list[Any] = []  # RunInfo of every classifier run
        self._runs: list[Any] = []  # RunInfo of every AE/VAE run listed
        self._live_kind = ""
        self.run_combo, self.classifier_combo = QComboBox(), QComboBox()
        self.run_combo.setMinimumContentsLength(28)
        self.refresh_button = QPushButton()
        self.run_label, self.classifier_label = QLabel(""), QLabel("")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.run_label, self.run_combo, self.refresh_button, self.classifier_label, self.classifier_combo):
            lay.addWidget(w)
        lay.setStretch(1, 1)
        self.run_combo.activated.connect(self._on_combo_activated)
        self.classifier_combo.activated.connect(self._on_combo_activated)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.retranslate()

    def retranslate(self) -> None:
        """Every label and combo item in the current language."""
        self.run_label.setText(self.tr("Run:"))
        self.classifier_label.setText(self.tr("Classifier:"))
        self.classifier_combo.setToolTip(self.tr("A classifier run trained on the same data colours the map "
                                                 "and names the decoded images"))
        self.refresh_button.setText(self.tr("Refresh"))
        for i in range(self.run_combo.count()):
            self.run_combo.setItemText(i, self._run_text(self.run_combo.itemData(i)))
        for i in range(self.classifier_combo.count()):
            self.classifier_combo.setItemText(i, self._classifier_text(self.classifier_combo.itemData(i)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _run_text(self, path: str | None) -> str:
        if path is None:
            return self.tr("— choose an autoencoder or VAE run —")
        for r in self._runs:
            if str(r.path) == path:
                return self.tr("{0} · {1} · {2}-D · {3}, %n epoch(s)", "", r.epochs_done).format(
                    r.path.name, r.kind, r.config.get("latent_dim"), r.status)
        return self.tr("{0} · {1} · training").format(Path(path).name, self._live_kind)

    def _classifier_text(self, path: str | None) -> str:
        if path is None:
            return self.tr("(none)")
        for r in self.classifiers:
            if str(r.path) == path:
                return f"{r.path.name} · {r.status}"
        return Path(path).name

    def set_runs(self, runs: list[Any], live: tuple[Path, str] | None = None,
                 dataset: str | None = None) -> None:
        """List the AE/VAE runs (the live run first, when it is one) and the classifier runs
        trained on `dataset`, keeping the current choices."""
        current = self.run_combo.currentData()
        self._runs = [r for r in runs if r.kind in LATENT_KINDS]
        self._live_kind = live[1] if live is not None else ""
        self.run_combo.clear()
        self.run_combo.addItem(self._run_text(None), None)
        if live is not None and live[1] in LATENT_KINDS and all(Path(r.path) != live[0] for r in runs):
            self.run_combo.addItem(self._run_text(str(live[0])), str(live[0]))
        for r in self._runs:
            self.run_combo.addItem(self._run_text(str(r.path)), str(r.path))
        self.run_combo.setCurrentIndex(max(0, self.run_combo.findData(current)))
        self.classifiers = [r for r in runs if r.kind == "classifier"]
        self.set_dataset(dataset)

    def set_dataset(self, dataset: str | None, classifier: str | None = None) -> None:
        """Offer the classifier runs trained on `dataset` (all when None); select `classifier`
        (default: keep the current one)."""
        current = classifier if classifier is not None else self.classifier_combo.currentData()
        self.classifier_combo.clear()
        self.classifier_combo.addItem(self._classifier_text(None), None)
        for r in self.classifiers:
            if dataset is None or r.config.get("dataset") == dataset:
                self.classifier_combo.addItem(self._classifier_text(str(r.path)), str(r.path))
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
