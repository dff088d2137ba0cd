"""The main window: one tab per capability, menus, status bar, drag-and-drop, clean shutdown.

Tabs are created from `TAB_SPECS` (module, class name) in order; each is
`Cls(state: AppState, parent)` with a `title` and `shutdown(timeout_s)`. A tab may declare
`accepts_model_files = True` and `open_model_file(path)` to receive File -> Open model… and
dropped `.keras` files, `open_run(path)` to receive runs, and `install_menus(window)` to add
actions through `MainWindow.menu(name)`.

Every visible text is set in `retranslate()`, called at construction and again on
`QEvent.LanguageChange` (View → Language installs or removes the Korean translator, and Qt
sends that event to every widget): the window switches language live.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from gui import dialogs, i18n
from gui.app_state import AppState
from gui.bridge import Job, running_jobs, stop_all
from gui.widgets.status_panel import StatusPanel

TAB_SPECS: list[tuple[str, str]] = [
    ("gui.training", "TrainingTab"),
    ("gui.layers", "LayersTab"),
    ("gui.latent", "LatentTab"),
    ("gui.gan", "GanTab"),
    ("gui.density", "DensityTab"),
]
MENU_NAMES = ("File", "View", "Tools", "Help")
WINDOW_TITLE = "Latent Lab"


def ask_which_tab(parent: QWidget, file_name: str, titles: list[str]) -> int | None:
    """Ask which tab opens a model file several tabs can use: the chosen index, or None."""
    title = QCoreApplication.translate("MainWindow", "Open model")
    text = QCoreApplication.translate("MainWindow", "Open {0} in:").format(file_name)
    item, ok = QInputDialog.getItem(parent, title, text, titles, 0, False)
    return titles.index(item) if ok and item in titles else None


class MainWindow(QMainWindow):
    """Latent Lab's window. `start_engine()` runs automatically once the window is first shown."""

    shutdown_timeout_s = 2.5

    def __init__(self, state: AppState | None = None, *, load_engine: bool = True) -> None:
        super().__init__()
        self.state = state if state is not None else AppState(parent=self)
        self.setWindowTitle(WINDOW_TITLE)
        self.setAcceptDrops(True)
        self.engine_job: Job | None = None
        self.engine_text = ""
        self._load_engine = load_engine
        self._shown_once = False
        self.stuck_threads: list[str] = []
        self.tab_widget = QTabWidget()
        self.setCentralWidget(self.tab_widget)
        self.tabs: list[QWidget] = []
        self._menus: dict[str, QMenu] = {}
        self._actions: dict[str, QAction] = {}
        self._tab_actions: list[QAction] = []
        self._build_menus()
        self._build_status_bar()
        self._create_tabs()
        self._build_language_menu()
        self.retranslate()
        self._restore_settings()
        self.state.engine_ready.connect(self._on_state_engine_ready)
        self.state.status_message.connect(self._on_state_status_message)
        self.state.refresh_runs()

    # --- public API -------------------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """The File, View, Tools or Help menu (tabs add their actions here)."""
        if name not in self._menus:
            raise KeyError(f"no menu {name!r}; choose one of {', '.join(MENU_NAMES)}")
        return self._menus[name]

    def tab(self, title_or_class: str) -> QWidget | None:
        """The tab with this title (English or as shown) or class name, if present."""
        for index, tab in enumerate(self.tabs):
            names = (getattr(tab, "title", ""), type(tab).__name__, self.tab_widget.tabText(index))
            if title_or_class in names:
                return tab
        return None

    def tab_title(self, tab: QWidget) -> str:
        """A tab's title in the current language (the window names the four tabs itself)."""
        titles = {
            "TrainingTab": self.tr("Training"),
            "LayersTab": self.tr("Layers"),
            "LatentTab": self.tr("Latent map"),
            "GanTab": self.tr("GAN"),
            "DensityTab": self.tr("Generative vs discriminative"),
        }
        failed = tab.property("failed_class")  # a tab that could not be created: its class name
        return titles.get(type(tab).__name__, str(failed or getattr(tab, "title", type(tab).__name__)))

    def set_language(self, code: str) -> None:
        """Switch the whole application's language live and remember the choice."""
        app = QCoreApplication.instance()
        if app is None:
            return
        i18n.install_language(app, code)
        self.state.settings.setValue(i18n.SETTING_KEY, i18n.current_language())
        self._check_language_action()

    def retranslate(self) -> None:
        """Set every text of the window (menus, actions, tab titles, status bar)."""
        menu_titles = {"File": self.tr("&File"), "View": self.tr("&View"),
                       "Tools": self.tr("&Tools"), "Help": self.tr("&Help")}
        for name, menu in self._menus.items():
            menu.setTitle(menu_titles[name])
        texts = {
            "open_run": self.tr("Open run…"),
            "open_model": self.tr("Open model…"),
            "quit": self.tr("Quit"),
            "open_runs_folder": self.tr("Open runs folder"),
            "rescan": self.tr("Rescan runs"),
            "about": self.tr("About Latent Lab"),
            "shortcuts": self.tr("Keyboard shortcuts"),
            "next_tab": self.tr("Next tab"),
            "previous_tab": self.tr("Previous tab"),
        }
        for key, text in texts.items():
            if key in self._actions:
                self._actions[key].setText(text)
        self.recent_menu.setTitle(self.tr("Recent runs"))
        self.language_menu.setTitle(self.tr("Language"))
        for index, tab in enumerate(self.tabs):
            title = self.tab_title(tab)
            self.tab_widget.setTabText(index, title)
            if index < len(self._tab_actions):
                self._tab_actions[index].setText(title)
            if isinstance(tab, QLabel) and tab.property("failed_class"):
                tab.setText(self.tr("{0} could not be created: {1}").format(
                    tab.property("failed_class"), tab.property("failed_error")))


    def start_engine(self) -> None:
        """Import TensorFlow on a worker (once); `state.engine_ready` fires when done."""
        if self.engine_job is not None or self.state.engine_loaded:
            return
        from gui.engine import start_engine_loading

        self.engine_job = start_engine_loading(self.state)
        self.engine_job.succeeded.connect(self._on_engine_job_succeeded)
        self.engine_job.failed.connect(self._on_engine_job_failed)

    def open_model_file(self, path: Path) -> bool:
        """Route a `.keras` file to the tab that can use it (a tab's `can_open_model_file(path)`
        says; without one it takes any file); asks which when several can. False if none does."""
        fits = [i for i, tab in enumerate(self.tabs) if getattr(tab, "accepts_model_files", False)
                and getattr(tab, "can_open_model_file", lambda _p: True)(Path(path))]
        if len(fits) > 1:
            choice = ask_which_tab(self, Path(path).name, [self.tab_title(self.tabs[i]) for i in fits])
            fits = [] if choice is None else [fits[choice]]
            if not fits:
                return False
        if fits:
            self.tab_widget.setCurrentIndex(fits[0])
            self.tabs[fits[0]].open_model_file(Path(path))  # type: ignore[attr-defined]
            return True
        self.state.show_error(self, self.tr("Cannot open model"),
                              self.tr("{0}: no tab here opens model files yet").format(Path(path).name))
        return False

    def open_run(self, path: Path) -> bool:
        """Show a run folder in the tab that opens runs (the Training tab)."""
        for index, tab in enumerate(self.tabs):
            if callable(getattr(tab, "open_run", None)):
                self.tab_widget.setCurrentIndex(index)
                tab.open_run(Path(path))  # type: ignore[attr-defined]
                return True
        return False

    def switch_tab(self, step: int) -> None:
        """Show the tab `step` places after (negative: before) the current one, wrapping round."""
        count = self.tab_widget.count()
        if count:
            self.tab_widget.setCurrentIndex((self.tab_widget.currentIndex() + step) % count)

    # --- construction -----------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        for name in MENU_NAMES:
            self._menus[name] = bar.addMenu(f"&{name}")
        file_menu = self._menus["File"]
        self._add_action(file_menu, "open_run", self._on_open_run_triggered, "Ctrl+O")
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._add_action(file_menu, "open_model", self._on_open_model_triggered, "Ctrl+Shift+O")
        file_menu.addSeparator()
        self._add_action(file_menu, "quit", self.close, "Ctrl+Q")
        tools_menu = self._menus["Tools"]
        self._add_action(tools_menu, "open_runs_folder", self._on_open_runs_folder_triggered)
        self._add_action(tools_menu, "rescan", self.state.refresh_runs, "F5")
        help_menu = self._menus["Help"]
        self._add_action(help_menu, "about", lambda: dialogs.show_about(self, self.engine_text))
        self._add_action(help_menu, "shortcuts", lambda: dialogs.show_shortcuts(self))

    def _build_language_menu(self) -> None:
        """View → Language: one checkable action per language, named in its own language."""
        view_menu = self._menus["View"]
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self._check_language_action()

    def _check_language_action(self) -> None:
        action = self.language_actions.get(i18n.current_language())
        if action is not None:
            action.setChecked(True)

    def _add_action(self, menu: QMenu, key: str, slot: Any, shortcut: str | None = None) -> QAction:
        """Add an action to `menu`; `key` names it in `_actions` (texts come from `retranslate`)."""
        action = QAction(key, self)
        self._actions[key] = action
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.status_panel = StatusPanel(self.state)
        self.statusBar().addPermanentWidget(self.status_panel)
        panel = self.status_panel  # the labels, for tests and scripts
        self.engine_busy, self.engine_label = panel.engine_busy, panel.engine_label
        self.dataset_label, self.model_label = panel.dataset_label, panel.model_label

    def _create_tabs(self) -> None:
        view_menu = self._menus["View"]
        for module_name, class_name in TAB_SPECS:
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
                tab = cls(self.state, self)
                title = str(getattr(tab, "title", class_name))
            except Exception as exc:  # a broken tab must not take the window down
                from gui.bridge import one_line_error

                tab = QLabel()
                tab.setProperty("failed_class", class_name)
                tab.setProperty("failed_error", one_line_error(exc))
                title = class_name
            self.tabs.append(tab)
            index = self.tab_widget.addTab(tab, title)
            shortcut = f"Ctrl+{index + 1}" if index < 9 else None
            action = self._add_action(view_menu, f"tab_{index}",
                                      lambda _=False, i=index: self.tab_widget.setCurrentIndex(i), shortcut)
            self._tab_actions.append(action)
        view_menu.addSeparator()
        self._add_action(view_menu, "next_tab", lambda: self.switch_tab(1), "Ctrl+PgDown")
        self._add_action(view_menu, "previous_tab", lambda: self.switch_tab(-1), "Ctrl+PgUp")
        for tab in self.tabs:
            if callable(getattr(tab, "install_menus", None)):
                tab.install_menus(self)  # type: ignore[attr-defined]

    # --- slots ------------------------------------------------------------------------
    def _on_open_run_triggered(self) -> None:
        path = dialogs.choose_run_folder(self, self.state.settings)
        if path is not None:
            self.open_run(path)

    def _on_open_runs_folder_triggered(self) -> None:
        from core.paths import runs_root

        if not dialogs.open_folder(runs_root()):
            self.state.status_message.emit(self.tr("Could not open {0} in a file manager.").format(runs_root()))

    def _on_open_model_triggered(self) -> None:
        path = dialogs.choose_model_file(self, self.state.settings)
        if path is not None:
            self.open_model_file(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        runs = self.state.recent_runs()
        if not runs:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        for path in runs:
            action = QAction(path.name, self.recent_menu)
            action.triggered.connect(lambda _=False, p=path: self.open_run(p))
            self.recent_menu.addAction(action)

    def _on_state_engine_ready(self) -> None:
        from gui.engine import freeze_long_lived_objects

        QTimer.singleShot(0, freeze_long_lived_objects)
        self.status_panel.set_engine("ready", self.engine_text)

    def _on_engine_job_succeeded(self, text: str) -> None:
        self.engine_text = str(text)
        self.status_panel.set_engine("ready", self.engine_text)

    def _on_engine_job_failed(self, message: str) -> None:
        self.status_panel.set_engine("failed")

    def _on_state_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # --- Qt overrides -----------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self._load_engine:
                QTimer.singleShot(0, self.start_engine)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if any(self._droppable(Path(u.toLocalFile())) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix == ".keras":
                self.open_model_file(path)
            elif (path / "config.json").exists():
                self.open_run(path)
        event.acceptProposedAction()

    @staticmethod
    def _droppable(path: Path) -> bool:
        return path.suffix == ".keras" or (path / "config.json").exists()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Stop every job (training, loads, scans, sampling workers) at its next batch or hook
        check, waiting at most `shutdown_timeout_s` in all, and save settings."""
        deadline = time.monotonic() + self.shutdown_timeout_s
        for job in running_jobs():  # everything is asked first, so all stop in parallel
            job.cancel()
            job.resume()
        for tab in self.tabs:
            if callable(getattr(tab, "shutdown", None)):
                try:
                    tab.shutdown(max(0.05, deadline - time.monotonic()))  # type: ignore[attr-defined]
                except Exception as exc:  # shutting down must go on for the other tabs
                    self.state.last_error = ("Shutdown", str(exc))
        self.stuck_threads = stop_all(max(0.0, deadline - time.monotonic()))
        try:
            self._save_settings()
        except Exception as exc:  # a settings file that cannot be written must not block closing
            self.state.last_error = ("Shutdown", str(exc))
        event.accept()

    # --- settings ---------------------------------------------------------------------
    def _restore_settings(self) -> None:
        read = self.state.setting
        geometry = read("window/geometry", None, QByteArray)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = read("window/state", None, QByteArray)
        if state is not None:
            self.restoreState(state)
        index = read("window/tab", 0, int, valid=lambda i: 0 <= i < self.tab_widget.count())
        self.tab_widget.setCurrentIndex(index)

    def _save_settings(self) -> None:
        s = self.state.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/tab", self.tab_widget.currentIndex())
        s.sync()
