"""The Training tab under stress and with runs it cannot trust blindly: interrupted runs,
histories with nulls, stale dataset loads, soak runs (tab switches, ten trainings)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from gui.app_state import AppState
from gui.training import jobs
from gui.training.run_list import continue_blocker
from gui.training.tab import TrainingTab


def rss_mb() -> float:
    """This process's resident memory in MB (/proc/self/statm)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def write_run(run_dir: Path, status: str, history: dict[str, Any], kind: str = "classifier") -> Path:
    run_dir.mkdir(parents=True)
    (run_dir / "config.json").write_text(json.dumps({"kind": kind, "dataset": "digits", "epochs": 3}))
    (run_dir / "state.json").write_text(json.dumps({"status": status, "epochs_done": 3, "message": ""}))
    (run_dir / "history.json").write_text(json.dumps(history))
    return run_dir


@pytest.fixture
def bare_tab(qtbot: Any, latent_home: Path, errors: list[Any]) -> TrainingTab:
    """A Training tab without the engine (nothing here trains)."""
    state = AppState()
    state.settings.setValue("training/dataset", "digits")
    widget = TrainingTab(state)
    widget.state_ref = state  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.form.source == "digits", timeout=20_000)
    return widget


def test_history_with_nulls_opens_fully(qtbot: Any, bare_tab: TrainingTab, latent_home: Path,
                                        errors: list[Any]) -> None:
    run_dir = write_run(latent_home / "runs" / "nulls", "stopped",
                        {"loss": [1.0, None, 0.5], "accuracy": [None, 0.5, 0.8], "val_loss": [None, None, None]})
    assert bare_tab.open_run(run_dir) is True
    assert errors == []
    bare_tab.curves.flush()
    assert bare_tab.shown_run == run_dir and "3 epoch(s)" in bare_tab.progress.format()
    assert bare_tab.curves.grab().width() > 0  # paints with the gaps


def test_interrupted_run_is_listed_and_can_be_continued(qtbot: Any, bare_tab: TrainingTab,
                                                        latent_home: Path) -> None:
    run_dir = write_run(latent_home / "runs" / "died", "running", {"loss": [1.0, 0.9, 0.8]})
    with qtbot.waitSignal(bare_tab.state.runs_changed, timeout=10_000):
        bare_tab.state.refresh_runs()
    info = bare_tab.state.run_info(run_dir)
    assert info is not None and info.status == "interrupted"
    row = bare_tab.run_list.run_paths().index(run_dir)
    assert "interrupted" in bare_tab.run_list.item(row).text()
    assert continue_blocker(run_dir, info, training=False, engine_loaded=True) == ""


def test_a_slow_dataset_arriving_last_does_not_win(qtbot: Any, bare_tab: TrainingTab,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    release, slow_done = threading.Event(), threading.Event()
    real = jobs.load_dataset_source

    def load(source: str, *, handle: Any) -> Any:
        if source == "slow":
            release.wait(20)
            try:
                return jobs.DatasetChoice("slow", real("digits", handle=handle).dataset, [])
            finally:
                slow_done.set()
        return real(source, handle=handle)

    monkeypatch.setattr(jobs, "load_dataset_source", load)
    bare_tab.select_dataset("slow")
    slow_job = bare_tab.dataset_job
    bare_tab.select_dataset("digits")
    assert slow_job is not None
    slow_finished: list[bool] = []
    slow_job.finished.connect(lambda: slow_finished.append(True))
    qtbot.waitUntil(lambda: not bare_tab._dataset_loading, timeout=20_000)
    release.set()
    qtbot.waitUntil(lambda: bool(slow_finished), timeout=20_000)  # the slow result was delivered...
    assert bare_tab.form.source == "digits"  # ...and dropped
    assert bare_tab.state.dataset is not None and bare_tab.state.dataset.source == "digits"
    assert bare_tab.state.setting("training/dataset", "") == "digits"


def test_two_hundred_tab_switches_during_training(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tab.setParent(None)
    tabs.addTab(tab, "Training")
    tabs.addTab(QLabel("other"), "Other")
    tabs.show()
    tab.configure("classifier", epochs=3, batch_size=16, max_train=200)
    tab.train_button.click()
    qtbot.waitUntil(lambda: tab.state.live_run_dir is not None, timeout=30_000)
    for i in range(200):
        tabs.setCurrentIndex(i % 2)
        if i % 20 == 0:
            QApplication.processEvents()  # let batches and epochs through now and then
    result = wait_finished(tab)
    assert result.status == "completed"
    assert tab.last_result is result
    tabs.removeTab(0)
    tab.setParent(None)  # the fixture owns the tab: hand it back before `tabs` is deleted


def test_ten_trainings_in_a_row(qtbot: Any, tab: TrainingTab, wait_finished: Any) -> None:
    """Resident memory grows at most 100 MB after the second run; threads return to baseline."""
    tab.configure("classifier", epochs=1, batch_size=32, max_train=200)
    baseline_threads = threading.active_count()
    after_second = 0.0
    for i in range(10):
        tab.train_button.click()
        result = wait_finished(tab)
        assert result.status == "completed", result.message
        tab.state.wait_for_scan(5.0)
        qtbot.waitUntil(lambda: threading.active_count() <= baseline_threads, timeout=5_000)
        if i == 1:
            after_second = rss_mb()
    growth = rss_mb() - after_second
    print(f"rss growth after the second training: {growth:.1f} MB")
    assert growth <= 100
