"""Startup benchmark: from process start to the main window shown, and to the engine ready
(Train usable), against `python -c "import tensorflow"`; plus the GUI thread's worst gap
between the window showing and the engine being ready (a 5 ms QTimer in the app,
`LATENT_LAB_EXIT_AFTER_READY=1`; `ready_slots_ms`, the window's own work when the engine
becomes ready, is reported beside it).

The three sides alternate (`--rounds`, default 5, rotating which goes first); each reports
min / median / max and goals are judged on the median. The children's CPU seconds are
reported beside the wall times: when the machine is shared, wall times stretch but CPU
seconds barely move.

Last stdout line: {"window_s", "engine_ready_s", "import_tensorflow_s", "ratio",
"engine_ratio", "max_gap_ms", "sides": {...}} (goals: ratio <= 0.5, engine_ratio <= 1.05,
max_gap_ms <= 100; all medians).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROUNDS, alternate, median, print_json, spread

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
            "LATENT_LAB_HOME": str(Path(tmp) / "home"), "XDG_CONFIG_HOME": str(Path(tmp) / "config"), **extra}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _field(stdout: str, name: str) -> float:
    return float(stdout.split(f"{name}=")[1].split()[0])


def _app(tmp: str, mode: str) -> dict[str, float]:
    """Spawn main.py with LATENT_LAB_EXIT_AFTER_<mode>=1; it prints the wall-clock time of the event."""
    start, cpu = time.time(), _children_cpu()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=ROOT, capture_output=True, text=True,
                          env=_env(tmp, **{f"LATENT_LAB_EXIT_AFTER_{mode}": "1"}), timeout=300)
    if proc.returncode != 0 or "unix_time=" not in proc.stdout:
        raise SystemExit(f"error: main.py failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    out = {"s": _field(proc.stdout, "unix_time") - start, "cpu_s": _children_cpu() - cpu}
    if mode == "READY":
        out["max_gap_ms"] = _field(proc.stdout, "max_gap_ms")
        out["ready_slots_ms"] = _field(proc.stdout, "ready_slots_ms")
    return out


def _import_tensorflow(tmp: str) -> dict[str, float]:
    """Wall time of a fresh `python -c "import tensorflow"`."""
    start, cpu = time.time(), _children_cpu()
    subprocess.run([sys.executable, "-c", "import tensorflow"], env=_env(tmp), capture_output=True,
                   check=True, timeout=300)
    return {"s": time.time() - start, "cpu_s": _children_cpu() - cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="latent-lab-bench-") as tmp:
        runs = alternate({"window": lambda: _app(tmp, "SHOWN"), "engine_ready": lambda: _app(tmp, "READY"),
                          "import_tensorflow": lambda: _import_tensorflow(tmp)}, args.rounds)
    sides: dict[str, Any] = {}
    for name, samples in runs.items():
        sides[name] = {"s": spread([r["s"] for r in samples]), "cpu_s": spread([r["cpu_s"] for r in samples])}
        walls, cpus = (", ".join(f"{r[k]:.2f}" for r in samples) for k in ("s", "cpu_s"))
        print(f"{name}: {walls} s (CPU {cpus} s)")
    gaps = [r["max_gap_ms"] for r in runs["engine_ready"]]
    sides["engine_ready"]["max_gap_ms"] = spread(gaps, 1)
    sides["engine_ready"]["ready_slots_ms"] = spread([r["ready_slots_ms"] for r in runs["engine_ready"]], 1)
    w, e, t = (median([r["s"] for r in runs[n]]) for n in ("window", "engine_ready", "import_tensorflow"))
    print_json({"window_s": round(w, 3), "engine_ready_s": round(e, 3), "import_tensorflow_s": round(t, 3),
                "ratio": round(w / t, 3), "engine_ratio": round(e / t, 3), "max_gap_ms": round(median(gaps), 1),
                "rounds": args.rounds, "sides": sides})
    return 0


if __name__ == "__main__":
    sys.exit(main())
