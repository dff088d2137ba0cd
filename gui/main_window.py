"""The main window: one tab per capability, menus, status bar, drag-and-drop, clean shutdown.

Tabs are created from `TAB_SPECS` (module, class name) in order; each is
`Cls(state: AppState, parent)` with a `title` and `shutdown(timeout_s)`. A tab may declare
`accepts_model_files = True` and `open_model_file(path)` to receive File -> Open model… and
dropped `.keras` files, `open_run(path)` to receive runs, and `install_menus(window)` to add
actions through `MainWindow.menu(name)`.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QTabWidget, QWidget

from gui import dialogs
from gui.app_state import AppState
from gui.bridge import Job, running_jobs, stop_all

TAB_SPECS: list[tuple[str, str]] = [
    ("gui.training", "TrainingTab"),
    ("gui.layers", "LayersTab"),
    ("gui.latent", "LatentTab"),
    ("gui.gan", "GanTab"),
]
MENU_NAMES = ("File", "View", "Tools", "Help")
WINDOW_TITLE = "Latent Lab"


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
        self._build_menus()
        self._build_status_bar()
        self._create_tabs()
        self._restore_settings()
        self.state.engine_ready.connect(self._on_state_engine_ready)
        self.state.dataset_changed.connect(self._on_state_dataset_changed)
        self.state.current_run_changed.connect(self._on_state_current_run_changed)
        self.state.status_message.connect(self._on_state_status_message)
        self.state.refresh_runs()

    # --- public API -------------------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """The File, View, Tools or Help menu (tabs add their actions here)."""
        if name not in self._menus:
            raise KeyError(f"no menu {name!r}; choose one of {', '.join(MENU_NAMES)}")
        return self._menus[name]

    def tab(self, title_or_class: str) -> QWidget | None:
        """The tab with this title or class name, if present."""
        for tab in self.tabs:
            if title_or_class in (getattr(tab, "title", ""), type(tab).__name__):
                return tab
        return None

    def start_engine(self) -> None:
        """Import TensorFlow on a worker (once); `state.engine_ready` fires when done."""
        if self.engine_job is not None or self.state.engine_loaded:
            return
        from gui.engine import start_engine_loading

        self.engine_job = start_engine_loading(self.state)
        self.engine_job.succeeded.connect(self._on_engine_job_succeeded)
        self.engine_job.failed.connect(self._on_engine_job_failed)

    def open_model_file(self, path: Path) -> bool:
        """Route a `.keras` file to the tab that accepts model files; False if none does."""
        for index, tab in enumerate(self.tabs):
            if getattr(tab, "accepts_model_files", False):
                self.tab_widget.setCurrentIndex(index)
                tab.open_model_file(Path(path))  # type: ignore[attr-defined]
                return True
        self.state.show_error(self, "Cannot open model", f"{Path(path).name}: no tab here opens model files yet")
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
        self._add_action(file_menu, "Open run…", self._on_open_run_triggered, "Ctrl+O")
        self.recent_menu = file_menu.addMenu("Recent runs")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._add_action(file_menu, "Open model…", self._on_open_model_triggered, "Ctrl+Shift+O")
        file_menu.addSeparator()
        self._add_action(file_menu, "Quit", self.close, "Ctrl+Q")
        tools_menu = self._menus["Tools"]
        self._add_action(tools_menu, "Open runs folder", self._on_open_runs_folder_triggered)
        self._add_action(tools_menu, "Rescan runs", self.state.refresh_runs, "F5")
        help_menu = self._menus["Help"]
        self._add_action(help_menu, "About Latent Lab", lambda: dialogs.show_about(self, self.engine_text))
        self._add_action(help_menu, "Keyboard shortcuts", lambda: dialogs.show_shortcuts(self))

    def _add_action(self, menu: QMenu, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.engine_busy = QProgressBar()
        self.engine_busy.setRange(0, 0)
        self.engine_busy.setMaximumWidth(90)
        self.engine_busy.setMaximumHeight(14)
        self.engine_label = QLabel("Loading the engine (TensorFlow)…")
        self.dataset_label = QLabel("Dataset: resolving…")
        self.model_label = QLabel("Model: none")
        for widget in (self.engine_busy, self.engine_label, self.dataset_label, self.model_label):
            bar.addPermanentWidget(widget)

    def _create_tabs(self) -> None:
        view_menu = self._menus["View"]
        for module_name, class_name in TAB_SPECS:
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
                tab = cls(self.state, self)
                title = str(getattr(tab, "title", class_name))
            except Exception as exc:  # a broken tab must not take the window down
                from gui.bridge import one_line_error

                tab = QLabel(f"{class_name} could not be created: {one_line_error(exc)}")
                title = class_name
            self.tabs.append(tab)
            index = self.tab_widget.addTab(tab, title)
            shortcut = f"Ctrl+{index + 1}" if index < 9 else None
            self._add_action(view_menu, title, lambda _=False, i=index: self.tab_widget.setCurrentIndex(i), shortcut)
        view_menu.addSeparator()
        self._add_action(view_menu, "Next tab", lambda: self.switch_tab(1), "Ctrl+PgDown")
        self._add_action(view_menu, "Previous tab", lambda: self.switch_tab(-1), "Ctrl+PgUp")
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
            self.state.status_message.emit(f"Could not open {runs_root()} in a file manager.")

    def _on_open_model_triggered(self) -> None:
        path = dialogs.choose_model_file(self, self.state.settings)
        if path is not None:
            self.open_model_file(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        runs = self.state.recent_runs()
        if not runs:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for path in runs:
            self._add_action(self.recent_menu, path.name, lambda _=False, p=path: self.open_run(p))

    def _on_state_engine_ready(self) -> None:
        from gui.engine import freeze_long_lived_objects

        QTimer.singleShot(0, freeze_long_lived_objects)
        self.engine_busy.hide()
        self.engine_label.setText(f"Engine: {self.engine_text or 'ready'}")

    def _on_engine_job_succeeded(self, text: str) -> None:
        self.engine_text = str(text)
        self.engine_label.setText(f"Engine: {self.engine_text}")

    def _on_engine_job_failed(self, message: str) -> None:
        self.engine_busy.hide()
        self.engine_label.setText("Engine failed to load")

    def _on_state_dataset_changed(self, dataset: Any) -> None:
        self.dataset_label.setText(f"Dataset: {dataset.name}")

    def _on_state_current_run_changed(self, run_dir: Path | None) -> None:
        if run_dir is None:
            self.model_label.setText("Model: none")
        else:
            self.model_label.setText(f"Model: {self.state.current_run_kind or '?'} · {Path(run_dir).name}")

    def _on_state_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # --- Qt overrides -----------------------------------------------------------------
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
