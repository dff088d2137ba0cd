"""Loading the engine: TensorFlow and Keras are imported on a worker after the window shows.

`start_engine_loading` imports the engine on a worker thread and fires
`AppState.engine_ready` on the GUI thread; `freeze_long_lived_objects` then keeps the
garbage collector from rescanning TensorFlow's millions of long-lived objects.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from gui.bridge import Job, start_job

if TYPE_CHECKING:
    from core.progress import ProgressHandle
    from gui.app_state import AppState

# Imported on the loader's worker so later imports on the GUI thread are instant.
WARM_MODULES = ("core.models", "core.training.run_folder", "core.training.run")


def load_engine(*, handle: ProgressHandle) -> str:
    """Import TensorFlow and Keras (and the core modules that need them); return a version line.

    Two things keep the window's thread from waiting on this one: TensorFlow's native
    libraries are loaded with the GIL released (`tf_env.preload_native_libraries`), and the
    garbage collector is off during the import, whose full collections over a growing heap
    each held the GIL for up to ~250 ms (and cost ~0.8 s of the ~3 s import); what the
    import leaves is then frozen, never rescanned. No C call of the import holds it 10 ms.
    """
    handle.message("Importing TensorFlow…")
    from core import tf_env

    first = "tensorflow" not in sys.modules  # later calls (tests, a reloaded engine) find it imported
    if first:
        tf_env.preload_native_libraries()
    collecting = gc.isenabled() and first
    if collecting:
        gc.disable()
    try:
        keras = tf_env.keras()
        tf = tf_env.tf()
        for name in WARM_MODULES:
            importlib.import_module(name)
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
    return f"TensorFlow {tf.__version__} · Keras {keras.__version__}"


def start_engine_loading(state: AppState) -> Job:
    """Import the engine on a worker; `state.engine_ready` fires on the GUI thread when done.

    A failed import is reported through `state.show_error` (one line).
    """
    job = start_job(load_engine)
    job.succeeded.connect(state.mark_engine_ready)
    job.failed.connect(lambda msg: state.show_error(
        None, QCoreApplication.translate("Engine", "The engine could not be loaded"), msg))
    return job


def freeze_long_lived_objects() -> None:
    """Collect once, then move every object alive now out of the garbage collector's reach.

    Why: after TensorFlow is imported a full (generation-2) collection walks millions of
    long-lived objects and takes ~250 ms while holding the GIL, which freezes the window
    whenever a training thread's allocations trigger one. Frozen objects are never scanned.
    """
    import gc

    gc.collect()
    gc.freeze()
