"""Where importing the engine holds the GIL: the longest C calls of the import, in CPU time.

While one C call runs without releasing the GIL, no other thread (the window's included)
runs any Python; pure Python code hands the GIL over every switch interval. So the longest
"leaf" C calls (no Python code runs inside them) bound how long the window can stall on
the import, measured in the importing thread's CPU time: a busy machine stretches wall
times, not this. Each mode runs in a fresh child process:

- `plain`: `import tensorflow, keras` and the engine's core modules, as Python does it;
- `engine`: the way `gui.engine.load_engine` does it (native libraries loaded with the GIL
  released, the garbage collector off during the import, then frozen).

Garbage collections hold the GIL too, however they were triggered: `gc.callbacks` times them
(CPU ms of the collecting thread).

Last line: {"plain": {"longest_ms", "over_10ms", "import_cpu_s", "gc_pauses", "longest_gc_ms",
"gc_total_ms", "top": [...]}, "engine": {...}}.
"""

from __future__ import annotations

import json
import subprocess
import sys

from _common import ROOT, print_json

CHILD = r"""
import gc, json, sys, threading, time
sys.path.insert(0, sys.argv[2])
mode = sys.argv[1]
open_calls, holds, pauses, gc_start = [], [], [], [0.0]

def on_gc(phase, info):  # a collection holds the GIL throughout, whether C or bytecode triggered it
    if phase == "start":
        gc_start[0] = time.thread_time()
    else:
        pauses.append((time.thread_time() - gc_start[0]) * 1000)

def profile(frame, event, arg):
    if event == "c_call":
        open_calls.append([getattr(arg, "__qualname__", str(arg)), time.thread_time(), True])
    elif event in ("c_return", "c_exception") and open_calls:
        name, t0, leaf = open_calls.pop()
        if leaf:
            holds.append(((time.thread_time() - t0) * 1000, name))
    elif event == "call":
        for c in open_calls:
            c[2] = False

def work():
    from core import tf_env
    t = time.thread_time()
    if mode == "engine":
        tf_env.preload_native_libraries()
        gc.disable()
    gc.callbacks.append(on_gc)
    sys.setprofile(profile)
    tf_env.keras()
    import core.models, core.training.run, core.training.run_folder
    sys.setprofile(None)
    gc.callbacks.remove(on_gc)
    if mode == "engine":
        gc.freeze()
    holds.sort(reverse=True)
    print(json.dumps({"longest_ms": round(holds[0][0], 1), "over_10ms": sum(h > 10 for h, _ in holds),
                      "import_cpu_s": round(time.thread_time() - t, 2), "gc_pauses": len(pauses),
                      "longest_gc_ms": round(max(pauses, default=0.0), 1), "gc_total_ms": round(sum(pauses), 1),
                      "top": [[round(h, 1), n] for h, n in holds[:5]]}))

thread = threading.Thread(target=work)
thread.start()
thread.join()
"""


def measure(mode: str) -> dict[str, object]:
    """Run the profiled import in a child process; its result line."""
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(ROOT)], capture_output=True, text=True,
                          timeout=900, env={"TF_CPP_MIN_LOG_LEVEL": "2", "PATH": "/usr/bin:/bin"})
    if proc.returncode != 0:
        raise SystemExit(f"error: the {mode} child failed: {proc.stderr.strip()[-300:]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    out = {mode: measure(mode) for mode in ("plain", "engine")}
    for mode, r in out.items():
        print(f"{mode}: longest GIL-holding C call {r['longest_ms']} CPU ms, {r['over_10ms']} over 10 ms; "
              f"top {r['top']}; {r['gc_pauses']} garbage collections, longest {r['longest_gc_ms']} ms, "
              f"total {r['gc_total_ms']} ms (import CPU under the profiler: {r['import_cpu_s']} s)")
    print_json(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
