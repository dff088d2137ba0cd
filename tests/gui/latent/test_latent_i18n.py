"""The Latent map tab in Korean: installing the translation at runtime relabels the live tab
(labels, panel names, combo items, the note made from state) and English comes back after."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from gui.app_state import AppState
from gui.i18n import install_language
from gui.latent.tab import LatentTab

TIMEOUT = 5000


def _labels(tab: LatentTab) -> tuple[str, ...]:
    return (tab.heat_check.text(), tab.panels.tabText(0), tab.panels.tabText(3), tab.picker.refresh_button.text(),
            tab.picker.run_combo.itemText(0), tab.picker.classifier_combo.itemText(0), tab.note.text(),
            tab.map.placeholder, tab.history_panel.label.text(), tab.interp_panel.end_labels["A"].text())


def test_latent_tab_switches_to_korean_and_back(qtbot: Any, latent_home: Any) -> None:
    app = QApplication.instance()
    install_language(app, "en")
    tab = LatentTab(AppState())
    qtbot.addWidget(tab)
    tab.show()
    english = _labels(tab)
    assert english[:4] == ("Classifier confidence heat map", "Manifold grid", "Latent history", "Refresh")
    assert english[8] == "no epochs recorded" and english[9] == "not set"
    try:
        assert install_language(app, "ko"), "gui/translations/latentlab_ko.qm is missing: run tools/i18n.py update"
        qtbot.waitUntil(lambda: tab.heat_check.text() == "분류 모델 확신도 히트맵", timeout=TIMEOUT)
        korean = _labels(tab)
        assert korean[1:4] == ("매니폴드 격자", "잠재 공간 기록", "새로 고침")
        assert korean[5] == "(없음)" and "오토 인코더" in korean[6] and "오토 인코더" in korean[7]
        assert korean[8] == "기록된 에포크가 없습니다" and korean[9] == "정하지 않음"
        assert all(k != e for k, e in zip(korean, english, strict=True))
    finally:
        install_language(app, "en")
    qtbot.waitUntil(lambda: tab.heat_check.text() == "Classifier confidence heat map", timeout=TIMEOUT)
    assert _labels(tab) == english
