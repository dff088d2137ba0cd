"""The Training tab follows the app state: the run trained last is current and highlighted,
Continue acts on the highlighted run (and names it), and the curves of a continued run, a live
run and a reopened run are drawn alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gui.training.tab import TrainingTab


def epochs_done(run_dir: Path) -> int:
    return int(json.loads((run_dir / "state.json").read_text())["epochs_done"])


def test_finished_run_becomes_current_and_continue_targets_the_highlight(
    qtbot: Any, tab: TrainingTab, wait_finished: Any
) -> None:
    state = tab.state
    tab.train_button.click()
    first = Path(wait_finished(tab).run_dir)
    qtbot.waitUntil(lambda: tab.run_list.selected_run() == first, timeout=10_000)
    tab.curves.flush()
    live_labels = tab.curves.legend_labels()
    assert live_labels == ["per epoch", "validation"]  # a classifier has a validation split

    # A second run: while it trains and once it ends, it is the current, highlighted run.
    tab.train_button.click()
    qtbot.waitUntil(lambda: state.live_run_dir is not None, timeout=30_000)
    second = state.live_run_dir
    assert second != first and state.current_run == second
    qtbot.waitUntil(lambda: tab.run_list.selected_run() == second, timeout=10_000)
    assert Path(wait_finished(tab).run_dir) == second
    qtbot.waitUntil(lambda: state.run_info(second) is not None and state.run_info(second).status == "completed",
                    timeout=10_000)
    assert state.current_run == second and tab.run_list.selected_run() == second
    assert tab.continue_button.isEnabled() and second.name in tab.continue_button.text()

    # Highlight the first run: Continue names it and trains it, not the current one.
    tab.run_list.setCurrentRow(tab.run_list.run_paths().index(first))
    assert tab.continue_target() == first
    assert first.name in tab.continue_button.text() and tab.continue_button.isEnabled()
    tab.configure(epochs=2)
    tab.continue_button.click()
    assert f"Continuing {first.name} for 2 more epoch(s)" in tab.log.toPlainText()
    qtbot.waitUntil(lambda: state.live_run_dir == first, timeout=30_000)
    result = wait_finished(tab)
    assert result.status == "completed" and Path(result.run_dir) == first
    assert epochs_done(first) == 3 and epochs_done(second) == 1
    assert state.current_run == first
    qtbot.waitUntil(lambda: tab.run_list.selected_run() == first, timeout=10_000)

    # The x axis grew to hold all 3 epochs, with room for the last marker.
    tab.curves.flush()
    xs = tab.curves.series("loss", "epoch")[0]
    assert xs.tolist() == [1.0, 2.0, 3.0]
    lo, hi = tab.curves.x_range("loss")
    assert lo == 0.0 and hi > 3.0
    assert tab.curves.legend_labels() == live_labels

    # Reopened, the run is drawn the same way: same panels, colours and legend entries.
    panels = tab.curves.metrics()
    colours = [tab.curves.line(m, "epoch").get_color() for m in panels]
    tab.open_run(second)
    tab.curves.flush()
    assert tab.curves.metrics() == panels
    assert [tab.curves.line(m, "epoch").get_color() for m in panels] == colours
    assert tab.curves.legend_labels() == live_labels
    assert state.current_run == second and tab.run_list.selected_run() == second


def test_continue_is_disabled_with_a_reason_when_nothing_is_highlighted(tab: TrainingTab) -> None:
    tab.run_list.highlight(None)
    assert tab.continue_target() is None
    assert not tab.continue_button.isEnabled()
    assert "Highlight a past run" in tab.continue_button.toolTip()
