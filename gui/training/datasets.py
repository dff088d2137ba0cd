"""The Training tab's dataset choice: load a source on a worker, newest choice wins.

A mixin of `TrainingTab` (it uses the tab's `state`, `form`, `_log`, `_update_buttons` and
`_set_dataset_text`), kept apart so the tab module stays small.
"""

from __future__ import annotations

from typing import Any

from gui.bridge import start_job
from gui.training import jobs
from gui.training.jobs import DatasetChoice, absolute_source, describe_choice


class DatasetChoosing:
    """Dataset loading for the Training tab: `select_dataset(source)` and its job's results."""

    state: Any
    form: Any
    dataset_job: Any
    _dataset_loading: bool
    _dataset_request: int

    def select_dataset(self, source: str) -> None:
        """Load `source` (e.g. "digits", "idx:DIR", "npz:FILE") on a worker and make it current."""
        self._start_dataset_job(jobs.load_dataset_source, absolute_source(source))

    def _resolve_initial_dataset(self) -> None:
        if self.dataset_job is None and self.form.source is None:
            self._start_dataset_job(jobs.resolve_dataset, self.state.setting("training/dataset", "") or None)

    def _start_dataset_job(self, fn: Any, source: str | None) -> None:
        self._set_dataset_text(lambda: self.tr("Loading {0}…").format(source) if source
                               else self.tr("Loading the default dataset…"))
        self._dataset_loading = True
        if self.dataset_job is not None:
            self.dataset_job.cancel()  # superseded: its result will be dropped
        self._dataset_request += 1
        self.dataset_job = start_job(fn, source)
        self.dataset_job.setProperty("request", self._dataset_request)
        self.dataset_job.succeeded.connect(self._on_dataset_job_succeeded)
        self.dataset_job.failed.connect(self._on_dataset_job_failed)
        self._update_buttons()

    def _stale_dataset_result(self) -> bool:
        """Whether the dataset job reporting now was superseded by a later choice."""
        job = self.sender()
        return job is not None and job.property("request") != self._dataset_request

    def _on_dataset_job_succeeded(self, choice: DatasetChoice) -> None:
        if self._stale_dataset_result():
            return
        self._dataset_loading = False
        self.form.set_sources(choice.sources, choice.source)
        self._set_dataset_text(lambda: self.tr("Dataset: {0}").format(describe_choice(choice)))
        if choice.note:
            self._log(choice.note)
        self._log(self.tr("Dataset: {0}").format(describe_choice(choice)))
        self.state.settings.setValue("training/dataset", choice.source)
        self.state.set_dataset(choice.dataset)
        self.form.adopt_dataset_defaults(choice.dataset.image_shape)
        self._update_buttons()

    def _on_dataset_job_failed(self, message: str) -> None:
        if self._stale_dataset_result():
            return
        self._dataset_loading = False
        self.form.set_sources(None, None)
        ds = self.state.dataset
        self._set_dataset_text(lambda: self.tr("Dataset: {0}").format(ds.name) if ds is not None
                               else self.tr("No dataset loaded"))
        self.state.show_error(self, self.tr("Cannot load the dataset"), message)
        self._update_buttons()
