"""Settings are validated on read (garbage never breaks the window) and the training keys
need a modifier (bare Space/Esc belong to the focused widget)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, Qt

from gui.app_state import AppState, read_setting
from gui.bridge import Job
from gui.main_window import MainWindow

#: Every key the window reads at start or later.
KEYS = ["window/geometry", "window/state", "window/tab", "training/kind", "training/seed",
        "training/max_train", "training/dataset", "gan/export_dir", "recent_runs", "layers/recent_models",
        "dialogs/last_run_folder", "dialogs/last_model_folder", "dialogs/last_export_folder"]

VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1), st.integers().map(str), st.floats(allow_nan=True), st.text(max_size=30),
                   st.binary(max_size=40), st.lists(st.text(max_size=10), max_size=3))


@pytest.fixture(autouse=True)
def offline_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """A garbled dataset source falls back to the default: keep that offline and fast."""
    monkeypatch.setattr("core.data.sources.default_source", lambda allow_download=True: "digits")


def build_window(qtbot: Any) -> MainWindow:
    window = MainWindow(AppState(), load_engine=False)
    qtbot.addWidget(window)
    return window


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({k: VALUES for k in KEYS}))
def test_arbitrary_setting_values_never_break_the_window(qtbot: Any, latent_home: Path, errors: list[Any],
                                                         values: dict[str, Any]) -> None:
    state = AppState()
    for key, value in values.items():
        if value is not None:
            state.settings.setValue(key, value)
    state.settings.sync()
    window = build_window(qtbot)
    training = window.tab("Training")
    assert 0 <= window.tab_widget.currentIndex() < window.tab_widget.count()
    assert training.form.kind in ("classifier", "autoencoder", "vae", "gan")
    seed = window.state.setting("training/seed", 0, int)
    assert isinstance(seed, int)
    assert all(isinstance(p, str) for p in window.state.setting_list("recent_runs"))
    assert all(p.is_dir() for p in window.state.recent_runs())
    window.close()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.text(max_size=400))
def test_a_garbled_settings_file_never_breaks_the_window(qtbot: Any, latent_home: Path, errors: list[Any],
                                                         garbage: str) -> None:
    path = Path(AppState().settings.fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key.split('/')[-1]}={garbage[i::7]}" for i, key in enumerate(KEYS)]
    path.write_text("[window]\n" + "\n".join(lines[:3]) + "\n[training]\n" + "\n".join(lines[3:7]) + "\n" + garbage)
    window = build_window(qtbot)
    assert 0 <= window.tab_widget.currentIndex() < window.tab_widget.count()
    window.close()


def test_read_setting_types_and_validation(latent_home: Path) -> None:
    s = AppState().settings
    s.setValue("a", "12")
    s.setValue("b", "x12")
    s.setValue("c", b"\x00\x01")
    s.setValue("d", "true")
    assert read_setting(s, "a", 0, int) == 12
    assert read_setting(s, "a", 0, int, valid=lambda v: v < 10) == 0
    assert read_setting(s, "b", 5, int) == 5
    assert read_setting(s, "c", None, QByteArray) == QByteArray(b"\x00\x01")
    assert read_setting(s, "a", None, QByteArray) is None
    assert read_setting(s, "d", False, bool) is True
    assert read_setting(s, "b", "gan", choices=["gan", "vae"]) == "gan"
    assert read_setting(s, "missing", 3.5, float) == 3.5


def test_space_elsewhere_does_not_pause_but_ctrl_space_does(qtbot: Any, latent_home: Path,
                                                           errors: list[Any]) -> None:
    window = build_window(qtbot)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    training = window.tab("Training")
    job = Job()  # a stand-in live job (never started): pause/stop only touch its handle
    training.job, training._training = job, True
    training._update_buttons()  # as when a run starts: the Pause and Stop actions are enabled
    try:
        window.tab_widget.setCurrentIndex(1)  # the Layers tab
        layers = window.tab("Layers")
        qtbot.keyClick(layers, Qt.Key.Key_Space)
        qtbot.keyClick(layers, Qt.Key.Key_Escape)
        assert not job.handle.paused and not job.handle.cancelled
        window.tab_widget.setCurrentIndex(0)
        training.train_button.setFocus()
        qtbot.keyClick(training, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
        assert job.handle.paused
        qtbot.keyClick(training, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
        assert not job.handle.paused
        qtbot.keyClick(training, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
        assert job.handle.cancelled
        tools = {a.text(): a.shortcut().toString() for a in window.menu("Tools").actions()}
        assert tools["Pause/resume training"] == "Ctrl+Space" and tools["Stop training"] == "Ctrl+."
    finally:
        training.job, training._training = None, False
    window.close()
