"""Compare runs: two tiny runs differing in learning rate, selected in Past runs, overlaid per
metric (one legend entry per run) with the learning-rate row highlighted and the seed row not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gui.app_state import AppState
from gui.training.compare import CompareRunsDialog, final_metrics, settings_rows
from gui.training.run_list import RunListWidget


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two 1-epoch classifier runs on digits, learning rates 1e-3 and 5e-3, same seed."""
    from core import tf_env
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    tf_env.keras()
    root = tmp_path_factory.mktemp("compare_home") / "runs"
    out = []
    for name, lr in (("lr_small", 1e-3), ("lr_big", 5e-3)):
        config = TrainConfig(kind="classifier", dataset="digits", epochs=1, max_train=200, max_test=50,
                             learning_rate=lr, seed=0)
        result = TrainingRun(config, run_dir=root / name).train()
        assert result.status == "completed", result.message
        out.append(root / name)
    return out


@pytest.fixture
def state(two_runs: list[Path], latent_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> AppState:
    monkeypatch.setenv("LATENT_LAB_HOME", str(two_runs[0].parent.parent))
    st = AppState()
    with qtbot.waitSignal(st.runs_changed, timeout=15000):
        st.refresh_runs()
    assert {Path(i.path) for i in st.list_runs()} == set(two_runs)
    return st


def test_settings_rows_mark_only_differences(state: AppState, two_runs: list[Path]) -> None:
    infos = [state.run_info(p) for p in two_runs]
    rows = {key: (texts, differs) for key, texts, differs in settings_rows(infos)}
    assert rows["learning_rate"] == (["0.001", "0.005"], True)
    assert rows["seed"] == (["0", "0"], False)
    assert not rows["kind"][1]
    finals = final_metrics(infos[0])
    assert finals["loss"] == pytest.approx(infos[0].history["loss"][-1])
    assert "test_accuracy" in finals


def test_compare_selected_runs(qtbot: Any, state: AppState, two_runs: list[Path]) -> None:
    from gui.training.compare_button import CompareButton

    runs = RunListWidget()
    qtbot.addWidget(runs)
    runs.set_runs(state.list_runs(), None)
    button = CompareButton(state, runs)
    qtbot.addWidget(button)
    assert not button.isEnabled()  # nothing selected
    runs.item(0).setSelected(True)
    assert not button.isEnabled()  # one run is not a comparison
    runs.item(1).setSelected(True)  # Ctrl-click
    assert button.isEnabled()
    assert set(runs.selected_runs()) == set(two_runs)
    button.click()
    dialog = button.dialog
    assert isinstance(dialog, CompareRunsDialog)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 2
    assert "loss" in dialog.metrics() and "accuracy" in dialog.metrics()
    names = {p.name for p in two_runs}
    for metric in dialog.metrics():
        labels = dialog.legend_labels(metric)
        assert len(labels) == 2 and set(labels) == names, (metric, labels)
    assert dialog.differing_settings() == ["learning_rate"]
    assert dialog.is_highlighted("learning_rate")
    assert not dialog.is_highlighted("seed") and dialog.row_of("seed") >= 0
    row = dialog.row_of("loss")
    assert row >= 0 and dialog.table.item(row, 0).text() != ""


def test_continue_still_acts_on_current_run(qtbot: Any, state: AppState, two_runs: list[Path]) -> None:
    runs = RunListWidget()
    qtbot.addWidget(runs)
    runs.set_runs(state.list_runs(), two_runs[1])
    assert runs.selected_run() == two_runs[1]
    runs.item(runs.run_paths().index(two_runs[0])).setSelected(True)
    assert len(runs.selected_runs()) == 2
    assert runs.selected_run() == two_runs[1]  # the highlighted (current) row, not the whole selection
