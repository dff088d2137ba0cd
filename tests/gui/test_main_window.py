"""The main window: tabs from TAB_SPECS, menus, status bar, model-file routing, remembered
geometry, and a clean close in the middle of a training run."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from gui import main_window as main_window_module
from gui.app_state import AppState
from gui.main_window import MainWindow


class ModelFileTab(QWidget):
    """A minimal tab that accepts model files (the Layers tab's routing contract)."""

    title = "Models"
    accepts_model_files = True

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opened: list[Path] = []
        self.shutdown_calls: list[float] = []

    def open_model_file(self, path: Path) -> None:
        self.opened.append(path)

    def shutdown(self, timeout_s: float) -> None:
        self.shutdown_calls.append(timeout_s)



@pytest.fixture
def training_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Window-level tests use the Training tab alone: faster, and independent of the other tabs."""
    monkeypatch.setattr(main_window_module, "TAB_SPECS", [("gui.training.tab", "TrainingTab")])


def test_every_capability_has_a_working_tab(qtbot: Any, latent_home: Path, errors: list[Any]) -> None:
    window = make_window(qtbot)  # `errors`: the Layers tab's "cannot open" must not block in a modal box
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["Training", "Layers", "Latent map", "GAN", "Generative vs discriminative"]
    assert not any(isinstance(tab, QLabel) for tab in window.tabs)  # none fell back to an error label
    assert window.open_model_file(latent_home / "missing.keras") is True  # routed to the Layers tab
    assert window.tab_widget.currentIndex() == 1
    window.close()


def make_window(qtbot: Any) -> MainWindow:
    state = AppState()
    state.settings.setValue("training/dataset", "digits")
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    return window


def test_tabs_menus_and_status_bar(qtbot: Any, latent_home: Path, errors: list[Any],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window_module, "TAB_SPECS",
                        [("gui.training.tab", "TrainingTab"), (__name__, "ModelFileTab"), (__name__, "NoSuchTab")])
    window = make_window(qtbot)
    assert [window.tab_widget.tabText(i) for i in range(3)] == ["Training", "Models", "NoSuchTab"]
    assert isinstance(window.tabs[2], QLabel) and "could not be created" in window.tabs[2].text()
    for name in ("File", "View", "Tools", "Help"):
        assert window.menu(name).title().replace("&", "") == name
    file_actions = [a.text() for a in window.menu("File").actions()]
    assert {"Open run…", "Recent runs", "Open model…", "Quit"} <= set(file_actions)
    quit_action = next(a for a in window.menu("File").actions() if a.text() == "Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    view = window.menu("View").actions()
    assert [a.shortcut().toString() for a in view[:3]] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    view[1].trigger()
    assert window.tab_widget.currentIndex() == 1
    assert {"About Latent Lab", "Keyboard shortcuts"} <= {a.text() for a in window.menu("Help").actions()}

    training = window.tab("Training")
    if not window.state.engine_loaded:
        assert "Loading the engine" in window.engine_label.text()
        assert "still loading" in training.train_button.toolTip()  # clickable: a click waits for the engine
    qtbot.waitUntil(lambda: window.state.engine_loaded and window.state.dataset is not None, timeout=90_000)
    assert window.engine_busy.isHidden()
    assert "TensorFlow" in window.engine_label.text() or "ready" in window.engine_label.text()
    assert window.dataset_label.text() == f"Dataset: {window.state.dataset.name}"
    assert training.train_button.isEnabled()

    # Open model… routes to the tab that accepts model files; nothing else gets it.
    model = latent_home / "m.keras"
    assert window.open_model_file(model) is True
    assert window.tabs[1].opened == [model] and window.tab_widget.currentIndex() == 1
    assert errors == []
    window.close()
    assert window.tabs[1].shutdown_calls and 0 < window.tabs[1].shutdown_calls[0] <= window.shutdown_timeout_s


def test_open_model_without_accepting_tab_is_a_clear_error(qtbot: Any, latent_home: Path,
                                                          errors: list[Any], training_only: None) -> None:
    window = make_window(qtbot)
    assert window.open_model_file(latent_home / "enc.keras") is False
    assert errors and "enc.keras" in errors[0][1]
    window.close()


def test_geometry_and_tab_are_remembered(qtbot: Any, latent_home: Path, training_only: None) -> None:
    window = make_window(qtbot)
    hint = window.minimumSizeHint()
    size = (hint.width() + 11, hint.height() + 23)  # the offscreen screen is only 800 px wide
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=2_000)
    window.menu("View").actions()[0].trigger()
    window.close()
    again = make_window(qtbot)
    assert (again.width(), again.height()) == size
    assert again.tab_widget.currentIndex() == 0
    again.close()


def test_close_mid_training_stops_cleanly_and_keeps_checkpoint(qtbot: Any, latent_home: Path) -> None:
    window = make_window(qtbot)
    tab = window.tab("Training")
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=90_000)
    tab.configure("classifier", epochs=300, batch_size=16, max_train=300)
    epochs: list[int] = []
    window.state.training_event.connect(lambda ev: epochs.append(ev.data["epoch"]) if ev.kind == "epoch" else None)
    tab.train_button.click()
    qtbot.waitUntil(lambda: len(epochs) >= 1, timeout=60_000)
    run_dir = window.state.live_run_dir
    assert run_dir is not None
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 3.0
    assert tab.job is not None and tab.job.wait(0.5)  # the worker has returned
    assert window.stuck_threads == []
    state = json.loads((run_dir / "state.json").read_text())
    assert state["status"] == "stopped" and 1 <= state["epochs_done"] < 300
    from core.training.run_folder import load_role

    model = load_role(run_dir, "classifier")
    assert model.count_params() > 0


def test_settings_stay_in_the_redirected_location(latent_home: Path) -> None:
    """Tests (and benchmarks) must never read or write the user's real settings file."""
    from gui.app_state import new_settings

    settings = new_settings()
    settings.setValue("probe/value", 1)
    settings.sync()
    assert Path(settings.fileName()).resolve().is_relative_to(latent_home.parent.resolve())


class PlainTab(QWidget):
    """A tab with nothing in it (for window-level shortcut tests)."""

    title = "Plain"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)


def test_ctrl_page_down_and_up_switch_tabs(qtbot: Any, latent_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt

    from gui import dialogs

    monkeypatch.setattr(main_window_module, "TAB_SPECS", [(__name__, "PlainTab")] * 3)
    window = make_window(qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.tab_widget.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_widget.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_widget.currentIndex() == 2  # wraps round
    shortcuts = {a.text(): a.shortcut().toString() for a in window.menu("View").actions()}
    assert shortcuts["Next tab"] == "Ctrl+PgDown" and shortcuts["Previous tab"] == "Ctrl+PgUp"
    assert "Ctrl+PgDown / Ctrl+PgUp" in dialogs.shortcuts_html()
    window.close()


def test_tools_menu_opens_and_rescans_the_runs_folder(qtbot: Any, latent_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from gui import dialogs

    monkeypatch.setattr(main_window_module, "TAB_SPECS", [(__name__, "PlainTab")])
    opened: list[Path] = []
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: opened.append(folder) or True)
    window = make_window(qtbot)
    window.state.wait_for_scan(5.0)
    qtbot.waitUntil(lambda: window.state.runs_scanned, timeout=5_000)
    actions = {a.text(): a for a in window.menu("Tools").actions()}
    assert actions["Rescan runs"].shortcut().toString() == "F5"
    (latent_home / "runs" / "20990101-000000-vae").mkdir(parents=True)
    (latent_home / "runs" / "20990101-000000-vae" / "config.json").write_text('{"kind": "vae"}')
    (latent_home / "runs" / "20990101-000000-vae" / "state.json").write_text('{"status": "completed"}')
    with qtbot.waitSignal(window.state.runs_changed, timeout=5_000):
        actions["Rescan runs"].trigger()
    assert [Path(r.path).name for r in window.state.runs] == ["20990101-000000-vae"]
    actions["Open runs folder"].trigger()
    assert opened == [latent_home / "runs"]
    window.close()


def test_file_dialogs_start_in_the_runs_folder_then_the_last_one_used(
    qtbot: Any, latent_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui import dialogs

    monkeypatch.setattr(main_window_module, "TAB_SPECS", [(__name__, "PlainTab")])
    (latent_home / "runs").mkdir()
    elsewhere = tmp_path / "elsewhere" / "a-run"
    elsewhere.mkdir(parents=True)
    starts: list[str] = []

    def fake_dialog(parent: Any, caption: str, start: str = "") -> str:
        starts.append(start)
        return str(elsewhere)

    monkeypatch.setattr(dialogs.QFileDialog, "getExistingDirectory", fake_dialog)
    opened: list[Path] = []
    window = make_window(qtbot)
    monkeypatch.setattr(window, "open_run", lambda path: opened.append(path) or True)
    open_run = next(a for a in window.menu("File").actions() if a.text() == "Open run…")
    open_run.trigger()
    assert starts == [str(latent_home / "runs")] and opened == [elsewhere]
    window.close()
    again = make_window(qtbot)  # remembered across windows, in the settings
    monkeypatch.setattr(again, "open_run", lambda path: opened.append(path) or True)
    next(a for a in again.menu("File").actions() if a.text() == "Open run…").trigger()
    assert starts[-1] == str(elsewhere.parent)
    # Another kind of dialog keeps its own folder: the IDX chooser still starts in the runs folder.
    dialogs.choose_idx_folder(again, again.state.settings)
    assert starts[-1] == str(latent_home / "runs")
    again.close()


def test_a_generator_file_asks_which_tab_and_the_chosen_tab_shows_it(
        qtbot: Any, latent_home: Path, errors: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from core.tf_env import keras

    k = keras()
    z = k.Input((100,))
    generator = k.Model(z, k.layers.Reshape((8, 8, 1))(k.layers.Dense(64, activation="tanh")(z)))
    path = tmp_path / "gen.keras"
    generator.save(path)
    asked: list[tuple[str, list[str]]] = []
    answer = ["GAN"]

    def ask(parent: Any, name: str, titles: list[str]) -> int | None:
        asked.append((name, titles))
        return titles.index(answer[0]) if answer[0] in titles else None

    monkeypatch.setattr(main_window_module, "ask_which_tab", ask)
    window = make_window(qtbot)
    assert window.open_model_file(path) is True  # File → Open model…
    assert asked == [("gen.keras", ["Layers", "Latent map", "GAN"])]  # every tab that can use it
    gan = window.tab("GAN")
    assert window.tab_widget.currentWidget() is gan
    qtbot.waitUntil(lambda: gan.last_result is not None, timeout=30_000)
    assert gan.user.active and gan.last_result.grid.shape == (64, 8, 8, 1)

    answer[0] = "Latent map"  # dropped on the window, the user picks the Latent map
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    latent = window.tab("Latent map")
    assert len(asked) == 2 and window.tab_widget.currentWidget() is latent
    qtbot.waitUntil(lambda: latent.user.active, timeout=30_000)
    assert latent.view.model.latent_dim == 100

    answer[0] = "nothing"  # the dialog cancelled: no tab opens it
    assert window.open_model_file(path) is False
    assert window.tab_widget.currentWidget() is latent
    assert errors == []
    window.close()
