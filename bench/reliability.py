"""Run-folder reliability: kills at random moments, repair, exact resume, memory across runs.

Kills a small VAE training subprocess (digits) with SIGKILL at `--kills` random moments;
after each, opening the run repairs it: "consistent" counts folders that then describe one
committed epoch (`core.training.consistency.run_problems`), "resumed" those that trained one
more epoch. "resume_max_rel_diff": the largest relative per-epoch difference between 2
epochs + resume 2 and 4 straight epochs (classifier, VAE, GAN; the MNIST test split when
present, else digits). "rss_growth_mb": resident memory growth over 10 consecutive
trainings in this process, after the second. Last line: one JSON object.

    .venv/bin/python bench/reliability.py [--kills 50]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, print_json

TRAIN = ("import sys; from core.training.config import TrainConfig; from core.training.run import TrainingRun\n"
         "c = TrainConfig(kind='vae', dataset='digits', epochs=3, batch_size=20, max_train=400, max_test=64)\n"
         "TrainingRun(c, run_dir=sys.argv[1]).train()")


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def kills(n: int, work: Path, seed: int) -> tuple[int, int]:
    """(consistent, resumed) over `n` runs killed at random moments."""
    from core.training.consistency import run_problems
    from core.training.run import TrainingRun
    from core.training.run_folder import load_run_info

    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    consistent = resumed = 0
    for i in range(n):
        run_dir = work / f"kill_{i:03d}"
        proc = subprocess.Popen([sys.executable, "-c", TRAIN, str(run_dir)], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(3.5, 9.0))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        if not (run_dir / "state.json").exists():  # killed before the run folder existed
            consistent += 1
            resumed += 1
            continue
        try:
            load_run_info(run_dir)  # repairs
        except Exception:  # noqa: BLE001 - counted as inconsistent
            continue
        if run_problems(run_dir):
            continue
        consistent += 1
        try:
            before = load_run_info(run_dir).epochs_done
            if TrainingRun.open(run_dir).train(1).status == "completed":
                resumed += int(load_run_info(run_dir).epochs_done == before + 1 and not run_problems(run_dir))
        except Exception:  # noqa: BLE001
            pass
        shutil.rmtree(run_dir, ignore_errors=True)
    return consistent, resumed


def resume_diff(work: Path, source: str) -> float:
    """Max relative difference of per-epoch values, 2 + resume 2 vs 4 straight epochs, over three kinds."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    worst = 0.0
    for kind in ("classifier", "vae", "gan"):
        cfg = TrainConfig(kind=kind, dataset=source, epochs=4, max_train=3000, seed=1, gan_metrics=False)
        straight = TrainingRun(cfg, run_dir=work / f"{kind}_4")
        straight.train(4)
        TrainingRun(cfg, run_dir=work / f"{kind}_2").train(2)
        again = TrainingRun.open(work / f"{kind}_2")
        again.train(2)
        for name, values in straight.history.items():
            for a, b in zip(values, again.history.get(name, []), strict=False):
                if math.isfinite(a) and math.isfinite(b):
                    worst = max(worst, abs(a - b) / max(abs(a), abs(b), 1e-12))
    return worst


def rss_growth(work: Path, n: int = 10) -> float:
    """Resident memory growth (MB) over `n` consecutive small trainings, after the second."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    after_second = 0.0
    for i in range(n):
        cfg = TrainConfig(kind="vae", dataset="digits", epochs=1, batch_size=50, max_train=400, max_test=64)
        TrainingRun(cfg, run_dir=work / f"mem_{i}").train()
        if i == 1:
            after_second = _rss_mb()
    return _rss_mb() - after_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="random kill moments (default 50)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--digits", action="store_true", help="resume check on digits even if MNIST is present")
    args = parser.parse_args()
    from core.paths import shared_mnist_dir

    folder = None if args.digits else shared_mnist_dir()
    source = f"idx:{folder}" if folder is not None else "digits"
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
        work = Path(tmp)
        consistent, resumed = kills(args.kills, work / "kills", args.seed)
        print(f"kills: {consistent}/{args.kills} consistent, {resumed} resumed", file=sys.stderr)
        diff = resume_diff(work / "resume", source)
        print(f"resume on {source}: max relative difference {diff:.2e}", file=sys.stderr)
        growth = rss_growth(work / "memory")
    result: dict[str, Any] = {
        "kills": args.kills, "consistent": consistent, "resumed": resumed,
        "resume_max_rel_diff": diff, "rss_growth_mb": round(growth, 1),
        "resume_dataset": source, "seconds": round(time.perf_counter() - t0, 1),
    }
    print_json(result)


if __name__ == "__main__":
    main()
