"""The one place TensorFlow and Keras are imported, with quiet logging applied first."""

from __future__ import annotations

import os
import threading
from types import ModuleType
from typing import Any

_lock = threading.Lock()


def _prepare_environment() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


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
