"""What the screenshot scripts share: a scratch home and settings folder, the real main window
shown at 1280×800 on a chosen dataset once the engine is ready, and a `wait` that keeps Qt's
events flowing until a condition holds (exiting with one line when it never does)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class ShotWindow:
    """The application, its state and window, the scratch folder, and `wait(condition, timeout_s)`."""

    app: Any
    state: Any
    window: Any
    tmp: Path
    wait: Callable[[Callable[[], bool], float], None]


def open_window(prefix: str, dataset: str, lang: str | None = None) -> ShotWindow:
    """Scratch home and settings under a new temporary folder (an existing LATENT_LAB_HOME is
    kept), then the main window on `dataset` (in `lang` when given), engine and data loaded."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("LATENT_LAB_HOME", str(tmp / "home"))
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from gui import i18n
    from gui.app import create_application
    from gui.app_state import AppState
    from gui.main_window import MainWindow

    app = create_application()
    if lang is not None:
        i18n.install_language(app, lang)

    def wait(condition: Callable[[], bool], timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("error: timed out preparing a screenshot")
            app.processEvents()
            time.sleep(0.01)

    state = AppState()
    state.settings.setValue("training/dataset", dataset)
    window = MainWindow(state)
    window.resize(1280, 800)
    window.show()
    wait(lambda: state.engine_loaded and state.dataset is not None, 180)
    return ShotWindow(app, state, window, tmp, wait)
