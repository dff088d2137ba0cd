"""The one place TensorFlow and Keras are imported, with quiet logging applied first."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

_lock = threading.Lock()


def _prepare_environment() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


#: TensorFlow's big native libraries, relative to its package folder, in load order.
NATIVE_LIBRARIES = ("libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "python/_pywrap_tensorflow_internal.so")


def preload_native_libraries() -> list[str]:
    """Load TensorFlow's native libraries with the GIL released; return the ones loaded.

    Python's import (and `ctypes.CDLL`) calls `dlopen` holding the GIL, and running these
    libraries' static initialisers takes ~0.3 s of CPU: every other thread, the window's
    included, stops meanwhile. Calling libc's `dlopen` as a ctypes foreign function releases
    the GIL; the later import then finds them loaded. Linux only; a no-op elsewhere or when
    anything is missing (the import loads them as usual).
    """
    if not sys.platform.startswith("linux"):
        return []
    _prepare_environment()  # the libraries read TF_CPP_MIN_LOG_LEVEL as they load
    import ctypes
    import importlib.util

    try:
        spec = importlib.util.find_spec("tensorflow")
        folder = Path(next(iter(spec.submodule_search_locations or []))) if spec is not None else None
        libc = ctypes.CDLL(None)
    except (ImportError, ValueError, StopIteration, OSError):
        return []
    if folder is None:
        return []
    dlopen = libc.dlopen
    dlopen.restype, dlopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_int]
    loaded = []
    for name in NATIVE_LIBRARIES:
        path = folder / name
        if path.is_file() and dlopen(os.fsencode(path), sys.getdlopenflags()):
            loaded.append(name)
    return loaded


def tf() -> ModuleType:
    """Import TensorFlow (quietly) and return the module."""
    with _lock:
        _prepare_environment()
        import tensorflow

        # Python-side notices such as "N out of the last M calls triggered tf.function
        # retracing" (each inspected model has its own compiled forward pass) are noise in
        # an interactive app; errors still show.
        tensorflow.get_logger().setLevel("ERROR")
        return tensorflow


def keras() -> Any:
    """Import Keras 3 (TensorFlow backend) and return the module."""
    tf()
    import keras as _keras

    return _keras
