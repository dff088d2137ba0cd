"""The density tab while a VAE trains in the window: it says the run comes when it finishes,
rather than asking for a VAE to be trained."""

from __future__ import annotations

from pathlib import Path


def test_a_generative_run_in_training_is_announced(qtbot, errors, latent_home: Path) -> None:
    from gui.app_state import AppState
    from gui.density.tab import DensityTab

    state = AppState()
    tab = DensityTab(state)
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(state.runs_changed, timeout=10_000):
        state.refresh_runs()
    assert tab.gen_combo.count() == 0 and "Train a VAE or CVAE run" in tab.status.text()
    state.begin_training(object())  # only its presence matters here: a job is running
    state.training_run_started(latent_home / "runs" / "live-vae", "vae")
    assert "appears here when it finishes" in tab.status.text()
    state.live_job = None
    state.set_current_run(latent_home / "runs" / "live-clf", "classifier")
    assert "Train a VAE or CVAE run" in tab.status.text()
    tab.shutdown(3.0)
