"""The GAN tab switches to Korean and back at runtime: buttons, panel tabs, the quality
chart titles, the metrics table, the collapse warning and the status line re-render."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

TIMEOUT = 5_000
HISTORY = {"d_loss": [0.7, 0.6], "g_loss": [1.2, 1.0], "mnist_score": [4.0, 6.0], "frechet": [30.0, 20.0]}
COLLAPSED = [{"epoch": 1, "class_entropy": 3.0, "diversity": 0.3, "class_histogram": [0.1] * 10},
             {"epoch": 2, "class_entropy": 0.2, "diversity": 0.02, "class_histogram": [1.0] + [0.0] * 9}]
SCORE = {"gan": {"score": 5.0, "frechet": 12.0, "class_entropy": 3.1, "class_histogram": [0.1] * 10},
         "real": {"score": 9.0, "frechet": 0.5, "class_entropy": 3.3},
         "mean_image": {"score": 1.0, "frechet": 80.0, "class_entropy": None}}


@pytest.fixture
def language(qapp):
    """Switch the app's language; English is restored afterwards, also when the test fails."""
    from gui.i18n import install_language

    yield lambda code: install_language(qapp, code)
    install_language(qapp, "en")


@pytest.fixture
def tab(errors, language, make_gan_tab):
    language("en")
    return make_gan_tab((1100, 850))


def _visible_texts(tab) -> dict[int, str]:
    """Every label's, button's and group box's text that holds words (not only numbers or symbols)."""
    widgets = tab.findChildren(QLabel) + tab.findChildren(QAbstractButton)
    texts = {id(w): w.text() for w in widgets}
    texts.update({id(box): box.title() for box in tab.findChildren(QGroupBox)})
    return {k: t for k, t in texts.items() if any(c.isalpha() for c in t)}


def test_switches_to_korean_and_back(qtbot, tab, language) -> None:
    tab.quality.set_history(HISTORY, COLLAPSED)
    tab.side.show_metrics(SCORE)
    english = _visible_texts(tab)
    assert tab.reseed_button.text() == "Reseed" and tab.panels.tabText(2) == "Quality"
    assert tab.quality.plot.titles()[0] == "discriminator loss"
    assert "Possible mode collapse at epoch 2" in tab.quality.warning.text()

    assert language("ko"), "the Korean .qm did not load"
    qtbot.waitUntil(lambda: tab.reseed_button.text() == "다시 뽑기", timeout=TIMEOUT)
    assert tab.panels.tabText(2) == "품질" and tab.steps.button.text() == "단계 학습"
    assert tab.steps.mode.itemText(0) == "둘 다" and tab.steps.mode.currentData() == "both"
    assert tab.quality.plot.titles()[:4] == ["판별자 손실", "생성자 손실", "MNIST 점수 (높을수록 좋음)",
                                             "프레셰 거리 (Fréchet distance, 낮을수록 좋음)"]
    assert "에포크 2에서 모드 붕괴" in tab.quality.warning.text()
    assert tab.quality.rollback_button.text() == "에포크 1(으)로 되돌리기"
    assert tab.quality.histogram.title() == "샘플의 클래스, 에포크 2"
    assert "평균 이미지" in tab.side.metrics_label.text() and "MNIST 점수 ↑" in tab.side.metrics_label.text()
    assert tab.status.text().startswith("표시된 GAN 실행이 없습니다")
    korean = _visible_texts(tab)
    unchanged = {english[k] for k in english if korean.get(k) == english[k]}
    assert unchanged == set(), f"still in English after switching: {unchanged}"

    language("en")
    qtbot.waitUntil(lambda: tab.reseed_button.text() == "Reseed", timeout=TIMEOUT)
    assert tab.quality.plot.titles()[0] == "discriminator loss" and tab.panels.tabText(2) == "Quality"
    assert tab.side.metrics_label.text() == english[id(tab.side.metrics_label)]
    assert _visible_texts(tab) == english


def test_state_texts_render_in_the_current_language(qtbot, tab, language, tmp_path) -> None:
    """Texts computed after the switch (step status, timeline label, export errors) are Korean."""
    assert language("ko")
    qtbot.waitUntil(lambda: tab.reseed_button.text() == "다시 뽑기", timeout=TIMEOUT)
    tab.steps.show_done(3, "g", {"g_loss": 1.25})
    assert tab.steps.status.text() == "3개 배치 (g) 완료 · g_loss 1.250"
    assert tab.timeline.label.text() == "에포크 –"
    with pytest.raises(ValueError, match="아직 내보낼 샘플이 없습니다"):
        tab.export_grid_png(tmp_path / "grid.png")
