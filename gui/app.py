"""Start the Qt application and the main window (`main.py` with no sub-command lands here)."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

EXIT_AFTER_SHOWN_ENV = "LATENT_LAB_EXIT_AFTER_SHOWN"
#: `=1`: print when the engine is ready and the GUI thread's worst gap until then, then quit.
EXIT_AFTER_READY_ENV = "LATENT_LAB_EXIT_AFTER_READY"
#: Seconds the process waits after the window closed for threads still stopping.
SHUTDOWN_GRACE_S = 0.5


def process_age_s() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        with open("/proc/self/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def create_application(argv: list[str] | None = None) -> QApplication:
    """The process's QApplication (created once), named for QSettings, with the bundled
    Korean font registered (before any widget exists)."""
    # A training thread running Python (Keras tracing, callbacks) hands the GIL over every
    # switch interval; 1 ms instead of 5 ms keeps the GUI thread's waits short.
    sys.setswitchinterval(0.001)
    app = cast(QApplication, QApplication.instance() or QApplication(["latent-lab", *(argv or [])]))
    app.setOrganizationName("LatentLab")
    app.setApplicationName("LatentLab")
    app.setApplicationDisplayName("Latent Lab")
    from gui.i18n import register_fonts

    register_fonts()
    return app


def start_language(app: QApplication, cli_code: str | None) -> str:
    """Install the language to start in (`--lang`, else the remembered one, else the system's)."""
    from gui.app_state import new_settings, read_setting
    from gui.i18n import LANGUAGES, SETTING_KEY, initial_language, install_language

    saved = read_setting(new_settings(), SETTING_KEY, "", str, choices=("", *LANGUAGES))
    code = initial_language(cli_code, saved or None)
    install_language(app, code)
    return code


def _report_shown(window: object, app: QApplication) -> None:
    age = process_age_s()
    title = window.windowTitle()  # type: ignore[attr-defined]
    print(f"window shown: {title} | unix_time={time.time():.3f} | process_age_s={age if age is not None else -1:.3f}",
          flush=True)
    app.quit()


def _probe_until_ready(window: object, app: QApplication) -> None:
    """From the first event-loop turn, a 5 ms timer records the GUI thread's gaps; at
    `engine_ready` print the time and the worst gap, then quit (for bench/startup.py).
    `ready_slots_ms` is the time since the last tick: mostly the window's own slots for
    `engine_ready` (curve warm-up), GUI work the engine's readiness starts."""
    ticks: list[float] = []
    timer = QTimer(app)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    QTimer.singleShot(0, lambda: (ticks.append(time.perf_counter()), timer.start()))

    def report() -> None:  # connected last: the window's own engine_ready slots ran just before
        now = time.perf_counter()
        worst = max((b - a for a, b in zip(ticks, ticks[1:], strict=False)), default=0.0)
        print(f"engine ready: unix_time={time.time():.3f} | max_gap_ms={worst * 1000:.1f} | ticks={len(ticks)} "
              f"| ready_slots_ms={(now - ticks[-1]) * 1000 if ticks else 0.0:.1f}", flush=True)
        app.quit()

    window.state.engine_ready.connect(report)  # type: ignore[attr-defined]


def run_app(argv: list[str] | None = None) -> int:
    """Show the main window and run the event loop; return the exit code.

    `--lang ko|en` anywhere in `argv` picks the language (a bad value: one line on stderr,
    exit 2). With `LATENT_LAB_EXIT_AFTER_SHOWN=1` the window prints a line once it is first
    shown (title, wall-clock time, process age) and quits: used by the smoke test and the
    startup benchmark.
    """
    from gui.i18n import LanguageError, split_lang_arg

    try:
        lang, argv = split_lang_arg(argv or [])
    except LanguageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    exit_after_shown = os.environ.get(EXIT_AFTER_SHOWN_ENV) == "1"
    exit_after_ready = os.environ.get(EXIT_AFTER_READY_ENV) == "1"
    app = create_application(argv)
    start_language(app, lang)
    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if exit_after_shown:
        QTimer.singleShot(0, lambda: _report_shown(window, app))
    elif exit_after_ready:
        _probe_until_ready(window, app)
    code = int(app.exec())
    # The window's closeEvent has already cancelled every job; give what is left one shared
    # deadline. Only a thread that truly cannot stop (an uninterruptible TensorFlow import,
    # a network probe) makes us exit hard, and we say so.
    from gui.bridge import report_stuck, stop_all

    grace = 0.0 if exit_after_shown or exit_after_ready else SHUTDOWN_GRACE_S
    deadline = time.monotonic() + grace
    stuck = stop_all(grace)
    for t in threading.enumerate():
        if t.name.startswith("Job-"):
            t.join(max(0.0, deadline - time.monotonic()))
    stuck += [t.name for t in threading.enumerate()
              if t.name.startswith("Job-") and t.is_alive() and t.name not in stuck]
    if stuck:
        if not exit_after_shown:
            report_stuck(stuck)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
