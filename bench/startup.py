"""Startup benchmark: seconds from process start to the main window shown, against
`python -c "import tensorflow"`, median of 3 each, in the same run.

Last stdout line: {"window_s", "import_tensorflow_s", "ratio"} (goal: ratio <= 0.5).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def _env(tmp: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
            "LATENT_LAB_HOME": str(Path(tmp) / "home"), "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "LATENT_LAB_EXIT_AFTER_SHOWN": "1"}


def window_seconds(tmp: str) -> float:
    """Spawn main.py; the app prints the wall-clock time at which its window was first shown."""
    start = time.time()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=_env(tmp),
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or "unix_time=" not in proc.stdout:
        raise SystemExit(f"error: main.py failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    shown = float(proc.stdout.split("unix_time=")[1].split()[0])
    return shown - start


def import_tensorflow_seconds(tmp: str) -> float:
    """Wall time of a fresh `python -c "import tensorflow"`."""
    start = time.time()
    subprocess.run([sys.executable, "-c", "import tensorflow"], env=_env(tmp), capture_output=True,
                   check=True, timeout=300)
    return time.time() - start


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="latent-lab-bench-") as tmp:
        window = [window_seconds(tmp) for _ in range(RUNS)]
        tf = [import_tensorflow_seconds(tmp) for _ in range(RUNS)]
    w, t = statistics.median(window), statistics.median(tf)
    print(f"window shown: {', '.join(f'{x:.2f}' for x in window)} s; import tensorflow: "
          f"{', '.join(f'{x:.2f}' for x in tf)} s")
    print(json.dumps({"window_s": round(w, 3), "import_tensorflow_s": round(t, 3), "ratio": round(w / t, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
