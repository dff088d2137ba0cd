"""AppState: one run scan off the GUI thread shared by every listener, datasets loaded once and
cached, and `current_run_changed` emitted once per change."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from gui.app_state import AppState


def test_run_scan_is_off_the_gui_thread_and_shared(qtbot: Any, latent_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import core.training.run_folder as run_folder

    threads: list[threading.Thread] = []
    gate = threading.Event()

    def fake_list_runs(root: Any = None) -> list[Any]:
        threads.append(threading.current_thread())
        gate.wait(5)
        return ["run-b", "run-a"]

    monkeypatch.setattr(run_folder, "list_runs", fake_list_runs)
    state = AppState()
    seen: list[list[Any]] = [[], []]
    state.runs_changed.connect(lambda: seen[0].append(state.list_runs()))
    state.runs_changed.connect(lambda: seen[1].append(state.list_runs()))
    for _ in range(3):  # three tabs asking at once
        state.refresh_runs()
    gate.set()
    qtbot.waitUntil(lambda: len(seen[0]) >= 1 and state.wait_for_scan(0.01), timeout=5_000)
    qtbot.waitUntil(lambda: state.wait_for_scan(0.01) and len(threads) == len(seen[0]), timeout=5_000)
    assert 1 <= len(threads) <= 2  # one scan, plus at most one queued behind it
    assert all(t is not threading.main_thread() for t in threads)
    assert seen[0] == seen[1] and seen[0][-1] == ["run-b", "run-a"]


def test_request_dataset_loads_a_source_once_and_caches_it(qtbot: Any, latent_home: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import core.data.sources as sources

    calls: list[str] = []
    threads: list[threading.Thread] = []
    fake = object()

    def fake_load(source: str) -> Any:
        calls.append(source)
        threads.append(threading.current_thread())
        return fake

    monkeypatch.setattr(sources, "load_dataset_cached", fake_load)
    state = AppState()
    with qtbot.waitSignal(state.dataset_loaded, timeout=5_000) as blocker:
        assert state.request_dataset("digits") is None  # loading off-thread
        assert state.request_dataset("digits") is None  # a second tab asking: no second load
    assert blocker.args == ["digits", fake]
    assert state.request_dataset("digits") is fake and state.cached_dataset("digits") is fake
    assert calls == ["digits"] and threads[0] is not threading.main_thread()


def test_set_current_run_emits_once_per_change(qtbot: Any, latent_home: Path, tmp_path: Path) -> None:
    state = AppState()
    emitted: list[Any] = []
    state.current_run_changed.connect(emitted.append)
    a, b = tmp_path / "a", tmp_path / "b"
    state.set_current_run(a, "vae")
    state.set_current_run(a, "vae")
    state.set_current_run(b, "gan")
    state.set_current_run(None)
    assert emitted == [a, b, None]
    assert state.current_run is None
