"""The Generative vs discriminative tab on real tiny runs: every input kind gets both models'
numbers, the held-out summary arrives, and the texts follow the numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TIMEOUT = 60_000


def _train(name: str, kind: str, **extra: object) -> Path:
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    cfg = TrainConfig(kind=kind, dataset="digits", max_train=300, max_test=60, gan_metrics=False,
                      **{"epochs": 2, **extra})
    result = TrainingRun(cfg, run_dir=runs_root() / name).train()
    assert result.status == "completed", result.message
    return runs_root() / name


@pytest.fixture(scope="module")
def runs() -> dict[str, Path]:
    return {"vae": _train("density_vae", "vae", latent_dim=2), "cvae": _train("density_cvae", "cvae", batch_size=16),
            "clf": _train("density_clf", "classifier", epochs=1), "gan": _train("density_gan", "gan", latent_dim=8)}


@pytest.fixture
def tab(qtbot, errors, runs):
    from gui.app_state import AppState
    from gui.density.tab import DensityTab

    state = AppState()
    with qtbot.waitSignal(state.runs_changed, timeout=TIMEOUT):
        state.refresh_runs()
    widget = DensityTab(state)
    widget.state_ref = state
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    yield widget
    widget.shutdown(5.0)


def _ready(qtbot, tab, generative: Path, classifier: Path) -> None:
    tab.select_runs(generative, classifier)
    qtbot.waitUntil(lambda: tab.session is not None and tab.summary is not None and tab.last_scores is not None
                    and tab.worker.idle, timeout=TIMEOUT)


def _scores_after(qtbot, tab, action) -> object:
    before = tab.last_scores
    action()
    qtbot.waitUntil(lambda: tab.last_scores is not before and tab.worker.idle, timeout=TIMEOUT)
    return tab.last_scores


def test_every_input_kind_gets_both_models_numbers(qtbot, tab, runs) -> None:
    _ready(qtbot, tab, runs["vae"], runs["clf"])
    assert tab.gen_combo.currentData() == str(runs["vae"]) and tab.clf_combo.currentData() == str(runs["clf"])
    summary = tab.summary
    assert summary.n == 60 and summary.held_out_log_px.shape == (60,)
    assert set(summary.auroc) == {"noise", "flip"}
    assert all(0.0 <= v <= 1.0 for s in summary.auroc.values() for v in s.values())
    assert "AUROC" in tab.summary_label.text() and f"{summary.auroc['noise']['vae_logpx']:.3f}" in tab.summary_label.text()
    seen: dict[str, float] = {}
    chooser = tab.chooser
    for kind in ("test", "flip", "noise", "mean", "other", "gan", "drawn"):
        if kind == "test":
            scores = tab.last_scores  # the first input shown
        elif kind == "drawn":
            scores = _scores_after(qtbot, tab, lambda: chooser.set_kind("drawn"))  # the empty pad
            strokes = (np.random.default_rng(1).random((28, 28)) > 0.7) * 1.0
            scores = _scores_after(qtbot, tab, lambda strokes=strokes: chooser.pad.set_image(strokes))
        else:
            scores = _scores_after(qtbot, tab, lambda kind=kind: chooser.set_kind(kind))
        assert tab.last_image.shape == (8, 8, 1)
        assert np.isfinite(scores.log_px) and scores.log_px < 0
        assert scores.classifier_probs.shape == (10,) and scores.classifier_probs.sum() == pytest.approx(1.0, abs=1e-5)
        assert scores.generative_probs is None  # a plain VAE has no p(x|y)
        assert f"{scores.log_px:.1f}" in tab.logpx_label.text()
        assert tab.plots.marker == scores.log_px
        assert tab.error is None, (kind, tab.error)
        seen[kind] = scores.log_px
    assert len(set(seen.values())) == len(seen)  # every kind is a different input with its own log p(x)
    assert seen["test"] > seen["noise"]  # a digit is more likely than noise under the VAE
    noise_again = _scores_after(qtbot, tab, lambda: chooser.set_kind("noise"))
    assert noise_again.log_px == pytest.approx(seen["noise"])
    other_seed = _scores_after(qtbot, tab, chooser.next_button.click)
    assert other_seed.log_px != noise_again.log_px


def test_cvae_shows_bayes_answer_and_accuracies(qtbot, tab, runs) -> None:
    _ready(qtbot, tab, runs["cvae"], runs["clf"])
    scores = tab.last_scores
    assert scores.generative_probs.shape == (10,) and scores.generative_probs.sum() == pytest.approx(1.0)
    assert tab.gen_answer.isVisible() and tab.gen_answer.text()
    summary = tab.summary
    assert 0.0 <= summary.generative_accuracy <= 1.0 and 0.0 <= summary.classifier_accuracy <= 1.0
    assert f"{summary.generative_accuracy:.3f}" in tab.summary_label.text()
    assert f"{summary.classifier_accuracy:.3f}" in tab.summary_label.text()


def test_failure_note_when_the_likelihood_ranks_outsiders_higher(qtbot, tab, runs) -> None:
    _ready(qtbot, tab, runs["vae"], runs["clf"])
    assert not tab.failure_label.isVisible() or tab.summary.auroc["flip"]["vae_logpx"] < 0.5
    tab.summary.auroc["flip"]["vae_logpx"] = 0.31  # as for some dataset pairs (Nalisnick et al. 2019)
    tab._show()
    assert tab.failure_label.isVisible() and "0.31" in tab.failure_label.text()


def test_a_run_trained_further_is_loaded_again(qtbot, tab, runs) -> None:
    from core.training.run import TrainingRun

    _ready(qtbot, tab, runs["vae"], runs["clf"])
    before = tab.session
    assert TrainingRun.open(runs["vae"]).train(1).status == "completed"
    with qtbot.waitSignal(tab.state.runs_changed, timeout=TIMEOUT):
        tab.state.refresh_runs()
    qtbot.waitUntil(lambda: tab.session is not None and tab.session is not before and tab.summary is not None,
                    timeout=TIMEOUT)
    assert tab.gen_combo.currentData() == str(runs["vae"])
