"""The "Generative vs discriminative" tab: p(x) beside p(y|x) for any input.

It pairs a VAE or CVAE run (the generative model, log p(x)) with a classifier run (the
discriminative model, p(y|x)), both preselected from the app state, and shows for the chosen
input (a held-out image, a drawing, a GAN sample, noise, another dataset's image, the mean
image, an upside-down digit) the classifier's bars, the VAE's log p(x) with its place in the
held-out histogram, and the mean-image model's exact density. A summary job adds the OOD
AUROCs (noise, flip) and, for a CVAE, its Bayes'-rule accuracy beside the classifier's.
Models load and compute off the GUI thread (`gui.bridge`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.bridge import Job, LatestWorker, start_job
from gui.density import texts
from gui.density.images import fit_image, noise_image
from gui.density.inputs import InputChooser
from gui.density.plots import DensityPlots
from gui.widgets.image_view import ImageView

GENERATIVE_KINDS = ("vae", "cvae")


def _load_session(generative: str, classifier: str | None, *, handle: Any) -> Any:
    """Worker: the two runs' models and the generative run's data."""
    from core.density.session import DensitySession

    return DensitySession.load(generative, classifier, handle=handle)


def _summarise(session: Any, *, handle: Any) -> Any:
    """Worker: the held-out histogram, AUROCs and accuracies."""
    return session.summary(handle=handle)


class DensityTab(QWidget):
    """p(x) beside p(y|x) (see module docstring)."""

    title = "Generative vs discriminative"

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.session: Any = None
        self.summary: Any = None
        self.last_scores: Any = None
        self.last_image: np.ndarray | None = None
        self.mean_log_px = 0.0
        self.error: str | None = None
        self._jobs: list[Job] = []
        self._loaded_key: tuple[Any, ...] | None = None  # both runs and their epochs done
        self._generators: dict[str, Any] = {}  # the worker thread's GAN generators, by run
        self._build()
        self.worker = LatestWorker(self._compute, self)
        self._connect()
        self.refresh_runs()
        self.retranslate()

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.gen_label, self.clf_label, self.status = QLabel(), QLabel(), QLabel()
        self.gen_combo, self.clf_combo = QComboBox(), QComboBox()
        for combo in (self.gen_combo, self.clf_combo):  # run names arrive after the first show
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        top = QHBoxLayout()
        for widget in (self.gen_label, self.gen_combo, self.clf_label, self.clf_combo):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        self.chooser = InputChooser()
        self.input_view = ImageView(min_size=140)
        left = QVBoxLayout()
        left.addWidget(self.chooser)
        left.addWidget(self.input_view, 1)
        self.logpx_label, self.clf_answer, self.gen_answer, self.mean_label = (QLabel() for _ in range(4))
        self.explanation, self.summary_label, self.failure_label = QLabel(), QLabel(), QLabel()
        for label in (self.explanation, self.summary_label, self.failure_label, self.logpx_label):
            label.setWordWrap(True)
        self.explanation.setStyleSheet("font-style: italic")
        self.failure_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.plots = DensityPlots()
        right = QVBoxLayout()
        for widget in (self.explanation, self.logpx_label, self.clf_answer, self.gen_answer, self.mean_label):
            right.addWidget(widget)
        right.addWidget(self.plots, 1)
        right.addWidget(self.summary_label)
        right.addWidget(self.failure_label)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(grid, 1)

    def _connect(self) -> None:
        self.gen_combo.activated.connect(self._on_combo_activated)
        self.clf_combo.activated.connect(self._on_combo_activated)
        self.chooser.changed.connect(self.request_input)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self._on_failed)
        self.state.runs_changed.connect(self.refresh_runs)
        self.state.current_run_changed.connect(self._on_state_current_run_changed)
        self.state.dataset_loaded.connect(self._on_state_dataset_loaded)
        self.state.dataset_failed.connect(self._on_state_dataset_failed)

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.gen_label.setText(self.tr("Generative model (VAE/CVAE)"))
        self.clf_label.setText(self.tr("Classifier"))
        self.explanation.setText(texts.explanation())
        self.plots.set_texts(texts.plot_texts())
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- runs --------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """Fill both run pickers and the GAN list from the shared run list; load a pair."""
        runs = self.state.list_runs()
        for combo, kinds in ((self.gen_combo, GENERATIVE_KINDS), (self.clf_combo, ("classifier",))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for info in runs:
                if info.kind in kinds and info.epochs_done > 0:
                    combo.addItem(f"{Path(info.path).name} ({info.kind})", str(info.path))
            index = combo.findData(chosen) if chosen is not None else -1
            combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
            combo.blockSignals(False)
        self.chooser.set_gan_runs([(Path(i.path).name, str(i.path)) for i in runs
                                   if i.kind == "gan" and i.epochs_done > 0])
        self._preselect(self.state.current_run)
        self._load_chosen()

    def _preselect(self, run_dir: Path | None) -> None:
        if run_dir is None:
            return
        for combo in (self.gen_combo, self.clf_combo):
            index = combo.findData(str(run_dir))
            if index >= 0:
                combo.setCurrentIndex(index)

    def select_runs(self, generative: Path, classifier: Path | None = None) -> None:
        """Show `generative` (and `classifier`) as if chosen in the pickers."""
        self._preselect(Path(generative))
        if classifier is not None:
            self._preselect(Path(classifier))
        self._load_chosen()

    def _on_combo_activated(self, _index: int) -> None:
        self._load_chosen()

    def _on_state_current_run_changed(self, run_dir: object) -> None:
        if isinstance(run_dir, Path):
            self._preselect(run_dir)
            self._load_chosen()

    def _load_chosen(self) -> None:
        generative, classifier = self.gen_combo.currentData(), self.clf_combo.currentData()
        if generative is None:
            self.session = self.summary = self.last_scores = self._loaded_key = None
            if self.state.training and self.state.current_run_kind in GENERATIVE_KINDS:
                self.status.setText(self.tr("The run being trained appears here when it finishes."))
            else:
                self.status.setText(self.tr("Train a VAE or CVAE run to compare p(x) with p(y|x)."))
            self._show()
            return
        paths = (str(generative), None if classifier is None else str(classifier))
        # A run trained further (Continue, --resume) is loaded again: its epochs are in the key.
        key = (*paths, *(getattr(self.state.run_info(Path(p)) if p else None, "epochs_done", 0) for p in paths))
        if key == self._loaded_key:
            return
        self._loaded_key = key
        self.session = self.summary = self.last_scores = None
        self.status.setText(self.tr("Loading…"))
        job = self._start(_load_session, *paths)
        job.succeeded.connect(lambda session, key=key: self._on_session_loaded(key, session))

    def _start(self, fn: Any, *args: Any) -> Job:
        job = start_job(fn, *args)
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda job=job: self._jobs.remove(job) if job in self._jobs else None)
        self._jobs.append(job)
        return job

    def _on_session_loaded(self, key: tuple[Any, ...], session: Any) -> None:
        if key != self._loaded_key:
            return  # a newer choice superseded this one
        self.session, self.error = session, None
        self.chooser.index_spin.setRange(0, max(0, len(session.dataset.x_test) - 1))
        self.chooser.set_sources(self._other_sources())
        self.status.setText(self.tr("Computing the held-out summary…"))
        self._start(_summarise, session).succeeded.connect(
            lambda summary, session=session: self._on_summary(session, summary))
        self.request_input()

    def _on_summary(self, session: Any, summary: Any) -> None:
        if session is not self.session:
            return
        self.summary = summary
        self.plots.set_held_out(summary.held_out_log_px)
        self.status.setText("")
        self._show()

    def _other_sources(self) -> list[tuple[str, str]]:
        from core.data.sources import describe_sources

        own = str(self.session.dataset.source) if self.session is not None else ""
        # Only sources at hand: a download is not what a quick outside image should wait for.
        return [(source, label) for source, label in reversed(describe_sources())
                if source != own and "download" not in label]

    # --- inputs ------------------------------------------------------------------------
    def request_input(self) -> None:
        """Build the chosen input and send it to the worker (latest wins)."""
        session = self.session
        if session is None:
            return
        kind, shape = self.chooser.kind, tuple(session.model.image_shape)
        x_test = np.asarray(session.dataset.x_test)
        index = min(self.chooser.index_spin.value(), len(x_test) - 1)
        image: np.ndarray | None = None
        gan = None
        if kind == "test":
            image = x_test[index]
        elif kind == "flip":
            image = x_test[index][::-1]
        elif kind == "noise":
            image = noise_image(shape, self.chooser.seed_spin.value())
        elif kind == "mean":
            image = session.mean_image
        elif kind == "drawn":
            image = fit_image(self.chooser.pad.image(), shape)
        elif kind == "gan":
            if self.chooser.gan_combo.currentData() is None:
                return
            gan = (str(self.chooser.gan_combo.currentData()), self.chooser.seed_spin.value())
        elif kind == "other":
            source = self.chooser.source_combo.currentData()
            data = None if source is None else self.state.request_dataset(str(source))
            if data is None:
                return  # arrives through dataset_loaded
            other = np.asarray(data.x_test)
            image = fit_image(other[min(index, len(other) - 1)], shape)
        self.worker.submit({"session": session, "image": image, "gan": gan, "shape": shape})

    def _on_state_dataset_loaded(self, source: str, _dataset: object) -> None:
        if self.chooser.kind == "other" and self.chooser.source_combo.currentData() == source:
            self.request_input()

    def _on_state_dataset_failed(self, source: str, message: str) -> None:
        if self.chooser.kind == "other" and self.chooser.source_combo.currentData() == source:
            self._on_failed(message)

    def _compute(self, request: dict[str, Any]) -> tuple[np.ndarray, Any, float]:
        """Worker thread: (the input image, both models' scores, the mean-image log p(x))."""
        session, image = request["session"], request["image"]
        if request["gan"] is not None:
            from core.gan.sampling import sample
            from core.training.run_folder import load_role

            path, seed = request["gan"]
            if path not in self._generators:
                self._generators[path] = load_role(path, "generator")
            image = fit_image(sample(self._generators[path], 1, seed)[0], request["shape"])
        image = np.asarray(image, np.float32)
        return image, session.evaluate(image), session.mean_image_log_px(image)

    def _on_worker_computed(self, request: object, result: object) -> None:
        if not isinstance(request, dict) or request.get("session") is not self.session:
            return
        self.last_image, self.last_scores, self.mean_log_px = result  # type: ignore[misc]
        self.error = None
        self._show()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.status.setText(self.tr("Error: {0}").format(message))

    # --- display -----------------------------------------------------------------------
    def _show(self) -> None:
        scores = self.last_scores
        if scores is None:
            for label in (self.logpx_label, self.clf_answer, self.gen_answer, self.mean_label):
                label.setText("")
            self.input_view.set_image(None)
        else:
            image = self.last_image
            self.input_view.set_image(None if image is None else (image[..., 0] if image.shape[-1] == 1 else image))
            self.plots.show_scores(scores.classifier_probs, scores.generative_probs, scores.log_px)
            self.logpx_label.setText(texts.log_px_text(scores, self.plots.marker_percentile()))
            self.clf_answer.setText(texts.classifier_text(scores.classifier_probs))
            self.gen_answer.setText(texts.generative_text(scores.generative_probs))
            self.gen_answer.setVisible(scores.generative_probs is not None)
            self.mean_label.setText(texts.mean_image_text(self.mean_log_px))
        summary = self.summary
        self.summary_label.setText("" if summary is None else texts.summary_text(summary))
        failure = "" if summary is None else texts.failure_text(summary)
        self.failure_label.setText(failure)
        self.failure_label.setVisible(bool(failure))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the worker and any load or summary job."""
        self.worker.close(timeout_s)
        for job in list(self._jobs):
            job.cancel()
            job.wait(timeout_s)
