"""Mondrian rule scores: real compositions, the mean image, uniform noise, a VAE decoded from its
prior and a GAN, each trained on `mondrian` with the default settings (or given epochs).

Run from the checkout root: `.venv/bin/python bench/mondrian.py [--vae-epochs N] [--gan-epochs N]
[--vae RUN_DIR] [--gan RUN_DIR]` (a given run folder is scored as it is, not trained). Reports
training wall and CPU seconds (user + sys of this process: fairer on a shared machine), the
rule score (`core.gan.rules`, 1 obeys every rule) of 1000 images of each set and its three
parts, and the GAN's score from `main.py score` (which also trains/loads the scorer).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_json  # noqa: E402

N = 1000


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _train(kind: str, epochs: int | None) -> tuple[Path, dict[str, Any]]:
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    wall, cpu = time.perf_counter(), _cpu()
    config = TrainConfig(kind=kind, dataset="mondrian", epochs=epochs)
    result = TrainingRun(config).train()
    if result.status != "completed":
        sys.exit(f"bench: the {kind} run {result.status}: {result.message}")
    info = {"epochs": config.resolved((32, 32, 3)).epochs, "wall_s": round(time.perf_counter() - wall, 1),
            "cpu_s": round(_cpu() - cpu, 1), "run_dir": str(result.run_dir)}
    return Path(result.run_dir), info


def _parts(images: Any) -> dict[str, float]:
    from core.gan.rules import rule_components

    parts = rule_components(images)
    return {k: round(float(v.mean()), 4) for k, v in parts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vae-epochs", type=int, default=None, help="default: the VAE's default")
    parser.add_argument("--gan-epochs", type=int, default=None, help="default: the GAN's default")
    parser.add_argument("--vae", type=Path, default=None, help="score this VAE run instead of training one")
    parser.add_argument("--gan", type=Path, default=None, help="score this GAN run instead of training one")
    args = parser.parse_args(argv)
    import numpy as np

    from core.cli.score import score_run
    from core.data.sources import load_dataset
    from core.gan.sampling import sample
    from core.latent.model import LatentModel
    from core.training.run_folder import load_role

    ds = load_dataset("mondrian")
    rng = np.random.default_rng(0)
    out: dict[str, Any] = {"dataset": ds.name, "images_per_set": N}
    out["real"] = _parts(ds.x_test[:N])
    out["mean_image"] = _parts(np.repeat(ds.x_train.mean(axis=0, keepdims=True), 10, axis=0))
    out["noise"] = _parts(rng.random((N, 32, 32, 3), dtype=np.float32))
    vae_dir, vae_info = (args.vae, {"run_dir": str(args.vae)}) if args.vae else _train("vae", args.vae_epochs)
    model = LatentModel.from_run(vae_dir)
    prior = rng.standard_normal((N, model.latent_dim)).astype(np.float32)
    out["vae_prior_samples"] = {**_parts(model.decode(prior)), "training": vae_info}
    gan_dir, gan_info = (args.gan, {"run_dir": str(args.gan)}) if args.gan else _train("gan", args.gan_epochs)
    out["gan_samples"] = {**_parts(sample(load_role(gan_dir, "generator"), N, 0)), "training": gan_info}
    scored = score_run(gan_dir, "mondrian", N, 0)
    out["score_command"] = {k: scored[k].get("rule_score") for k in ("gan", "real", "mean_image")}
    print_json(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
