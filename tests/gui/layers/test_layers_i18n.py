"""The Layers tab in Korean: installing the translation at runtime relabels the live tab,
state-made texts included, and switching back to English restores every label."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from gui.app_state import AppState
from gui.i18n import install_language
from gui.layers.tab import LayersTab

TIMEOUT = 5000


@pytest.fixture
def korean() -> Iterator[None]:
    """Korean for one test; English again afterwards, also when the test fails."""
    app = QApplication.instance()
    assert install_language(app, "ko"), "gui/translations/latentlab_ko.qm is missing: run tools/i18n.py update"
    try:
        yield
    finally:
        install_language(app, "en")


def _labels(tab: LayersTab) -> tuple[str, ...]:
    return (tab.open_button.text(), tab.sort_check.text(), tab.tree.headerItem().text(0),
            tab.inputs.mode_combo.itemText(0), tab.overview.tabText(0), tab.status_label.text(),
            tab.model_combo.itemText(0), tab.detail.title.text())


def test_layers_tab_switches_to_korean_and_back(qtbot: Any, latent_home: Any) -> None:
    install_language(QApplication.instance(), "en")
    tab = LayersTab(AppState())
    qtbot.addWidget(tab)
    tab.show()
    english = _labels(tab)
    assert english[:5] == ("Open model…", "Sort units", "Layer", "Dataset image", "Structure")
    assert english[5].startswith("Open a model")

    app = QApplication.instance()
    try:
        assert install_language(app, "ko")
        qtbot.waitUntil(lambda: tab.open_button.text() == "모델 열기…", timeout=TIMEOUT)
        korean = _labels(tab)
        assert korean[:5] == ("모델 열기…", "유닛 정렬", "층", "데이터셋 이미지", "구조")
        assert korean[5].startswith("모델을 여세요")  # the status line, made again from its state
        assert korean[6] == "— 모델 선택 —" and "클릭하면" in korean[7]
        assert all(k != e for k, e in zip(korean, english, strict=True))
    finally:
        install_language(app, "en")
    qtbot.waitUntil(lambda: tab.open_button.text() == "Open model…", timeout=TIMEOUT)
    assert _labels(tab) == english


def test_layers_texts_made_while_korean_stay_korean(qtbot: Any, latent_home: Any, korean: None) -> None:
    tab = LayersTab(AppState())
    qtbot.addWidget(tab)
    tab.inputs.set_mode(1)  # the empty pad
    assert "빈 패드" in tab.inputs.caption.text()
    assert tab.top_bar.recent_button.text() == "최근 모델"
