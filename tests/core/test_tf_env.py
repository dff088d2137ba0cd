"""`core.tf_env`: TensorFlow's native libraries preloaded with the GIL released, then imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from core import tf_env
loaded = tf_env.preload_native_libraries()
print(",".join(loaded))
tf = tf_env.tf()
print(float(tf.reduce_sum(tf.constant([1.0, 2.0]))))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is Linux-only")
def test_preloaded_libraries_are_the_ones_tensorflow_then_uses() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}  # tf_env must set it itself
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, timeout=300,
                          env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded, total = proc.stdout.split()
    assert "libtensorflow_cc.so.2" in loaded.split(",") or "libtensorflow_framework.so.2" in loaded.split(",")
    assert float(total) == 3.0
    assert "rebuild TensorFlow" not in proc.stderr  # quiet: the environment was set before loading
