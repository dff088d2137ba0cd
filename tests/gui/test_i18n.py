"""Korean beside English: every string translated, live switching, and fonts with Hangul glyphs."""

from __future__ import annotations

import importlib.util
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from gui import i18n
from gui.app import create_application, run_app
from gui.app_state import AppState
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "gui" / "translations" / "latentlab_ko.ts"


def _pipeline() -> ModuleType:
    spec = importlib.util.spec_from_file_location("latentlab_i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english() -> Iterator[None]:
    """Run in English and come back to English whatever happens."""
    app = create_application()
    i18n.install_language(app, "en")
    yield
    i18n.install_language(app, "en")


def test_every_string_has_a_finished_korean_translation() -> None:
    """lupdate over the sources; any message without a finished translation fails the test."""
    report = _pipeline().run(write=False)
    assert report.messages > 300  # the sources were really scanned
    missing = [f"{m.where}: [{m.context}] {m.source!r}" for m in report.missing]
    assert missing == [], "untranslated strings (add them to gui/translations/ko/*.tsv):\n" + "\n".join(missing)
    assert (ROOT / "gui" / "translations" / "latentlab_ko.qm").is_file()


def test_pipeline_reports_a_message_missing_from_the_tsv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: a string with no TSV row is listed with its file and line."""
    tool = _pipeline()
    source = tmp_path / "probe.py"
    source.write_text('from PySide6.QtCore import QCoreApplication\n\n'
                      'TEXT = QCoreApplication.translate("Probe", "Not translated yet")\n'
                      'DONE = QCoreApplication.translate("Probe", "Translated\\nline")\n')
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "probe.tsv").write_text("Probe\tTranslated\\nline\t번역됨\\n줄\n", encoding="utf-8")
    monkeypatch.setattr(tool, "sources", lambda: [source])
    monkeypatch.setattr(tool, "TSV_DIR", tmp_path / "ko")
    report = tool.run(write=False)
    assert report.messages == 2
    assert [(m.context, m.source) for m in report.missing] == [("Probe", "Not translated yet")]
    assert report.missing[0].where.endswith("probe.py:3")


def test_switching_to_korean_at_runtime_and_back(qtbot: Any, latent_home: Path, english: None) -> None:
    window = MainWindow(AppState(), load_engine=False)
    qtbot.addWidget(window)
    curves = window.tab("TrainingTab").curves  # type: ignore[union-attr]
    curves.reset(3, ["loss", "accuracy"])
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["Training", "Layers", "Latent map", "GAN", "Generative vs discriminative"]
    assert window.menu("File").title() == "&File" and curves.titles() == ["loss", "accuracy"]

    window.language_actions["ko"].trigger()  # View → Language → 한국어
    assert i18n.current_language() == "ko"
    assert [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())] == [
        "학습", "은닉층", "잠재 공간 지도", "GAN", "생성 모델 vs 분류 모델"]
    assert window.menu("File").title() == "파일(&F)"
    assert window.menu("View").title() == "보기(&V)"
    assert curves.titles() == ["손실 (loss)", "정확도 (accuracy)"]
    training = window.tab("TrainingTab")
    assert training.train_button.text() == "학습"  # type: ignore[union-attr]
    assert training.progress.format() == "대기 중"  # type: ignore[union-attr]
    assert window.language_actions["ko"].isChecked()
    assert window.state.settings.value(i18n.SETTING_KEY) == "ko"  # remembered

    window.language_actions["en"].trigger()
    assert [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())] == titles
    assert window.menu("File").title() == "&File" and curves.titles() == ["loss", "accuracy"]
    assert training.progress.format() == "Idle"  # type: ignore[union-attr]
    assert window.state.settings.value(i18n.SETTING_KEY) == "en"
    window.close()


def test_language_choice_order_and_lang_option(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "ko")
    assert i18n.initial_language(None, None) == "ko"  # the system locale by default
    assert i18n.initial_language(None, "en") == "en"  # the remembered choice beats it
    assert i18n.initial_language("ko", "en") == "ko"  # --lang beats both
    assert i18n.initial_language(None, "klingon") == "ko"  # a garbled setting is ignored
    assert i18n.split_lang_arg(["-x", "--lang", "ko", "y"]) == ("ko", ["-x", "y"])
    assert i18n.split_lang_arg(["--lang=en"]) == ("en", [])
    assert run_app(["--lang", "fr"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "fr" in err[0]


def _hangul_in_translations() -> set[str]:
    text = "".join(t.text or "" for t in ET.parse(TS_FILE).getroot().iter("translation"))
    text += "".join(t.text or "" for t in ET.parse(TS_FILE).getroot().iter("numerusform"))
    return set(re.findall(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]", text))


def test_bundled_font_has_every_hangul_glyph_used(qtbot: Any) -> None:
    create_application()
    family = i18n.register_fonts()
    assert family == "LatentLab Gothic" and i18n.FONT_PATH.stat().st_size < 2_000_000
    hangul = _hangul_in_translations()
    assert len(hangul) > 200
    font = QFont(family)
    metrics = QFontMetrics(font)
    assert [ch for ch in sorted(hangul) if not metrics.inFontUcs4(ord(ch))] == []
    image = QImage(400, 40, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(5, 30, "잠재 공간 · 학습률 (learning rate)")
    painter.end()
    assert any(image.pixel(x, y) != 0 for x in range(400) for y in range(40))  # something was drawn


def test_matplotlib_draws_korean_without_missing_glyphs() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    assert i18n.register_matplotlib_font() == "LatentLab Gothic"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    figure = Figure(figsize=(3, 2))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.plot([-1.0, 0.5], label=QCoreApplication.translate("PlotCanvas", "validation") + " 검증")
    ax.set_title("손실 (loss) · 에포크 −1")
    ax.set_xlabel("에포크")
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        figure.canvas.draw()
