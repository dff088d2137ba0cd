"""log p(x) benchmark: density figures of the app's VAEs on the MNIST t10k split (issue 11).

Run from the checkout root: `.venv/bin/python bench/logpx.py [--k K] [--quick]`.
Trains, with the default epochs and settings of each kind (`--quick`: 2 epochs), on the t10k
split's 8,000 training images:
  - the default VAE (2-D latent) and a 32-D VAE: IWAE −log p(x) (K = 64), negative ELBO and
    bits/dim on the 2,000 held-out images (binarized, pixel > 0.5);
  - the mean-image model's exact −log p(x) on the same images;
  - OOD AUROCs of each VAE's log p(x) and the MLP classifier's max p(y|x): held-out digits vs
    uniform noise, and vs the same digits upside down (Fashion-MNIST too when it is cached);
  - a CVAE as a generative classifier (Bayes' rule, K samples per label) beside the MLP.
Quality figures, not timings; CPU seconds (user + sys of this process) are given per step.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_json, t10k_source  # noqa: E402


def cpu_s() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def train(kind: str, source: str, root: Path, **overrides: Any) -> tuple[Path, dict[str, Any]]:
    """One run with the kind's defaults (plus `overrides`); (run folder, its timing)."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    start = cpu_s()
    name = kind + "".join(f"_{k}{v}" for k, v in overrides.items())
    run = TrainingRun(TrainConfig(kind=kind, dataset=source, **overrides), run_dir=root / name)
    result = run.train()
    if result.status != "completed":
        sys.exit(f"bench: {name} did not complete: {result.message}")
    info = {"epochs": run.epochs_done, "train_cpu_s": round(cpu_s() - start, 1)}
    if "val_loss" in result.history:
        info["val_loss"] = round(result.history["val_loss"][-1], 3)
    if result.test_metrics:
        info["test_accuracy"] = round(result.test_metrics["accuracy"], 4)
    return root / name, info


def fashion_source() -> str | None:
    """"fashion_mnist" when keras has it cached here (never downloads)."""
    from core.data import keras_download

    cache = keras_download.keras_cache_dir() / keras_download.FASHION_DIR
    return "fashion_mnist" if all((cache / f).exists() for f in keras_download.FASHION_FILES) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--k", type=int, default=64, help="importance samples (default 64)")
    parser.add_argument("--quick", action="store_true", help="2 epochs per model (a smoke run)")
    args = parser.parse_args()
    from core.cli.ood import ood_record
    from core.density.evaluate import classify_generative, logpx_of_run

    source = t10k_source()
    epochs = {"epochs": 2} if args.quick else {}
    out: dict[str, Any] = {"dataset": "MNIST t10k (8,000 train / 2,000 held-out)", "k": args.k}
    with tempfile.TemporaryDirectory(prefix="bench-logpx-") as tmp:
        root = Path(tmp)
        clf, out["classifier"] = train("classifier", source, root, **epochs)
        outsides = ["noise", "flip", *([fs] if (fs := fashion_source()) else [])]
        for label, dim in (("vae_2d", 2), ("vae_32d", 32)):
            run, info = train("vae", source, root, latent_dim=dim, **epochs)
            start = cpu_s()
            info.update(logpx_of_run(run, k=args.k))
            info["logpx_cpu_s"] = round(cpu_s() - start, 1)
            info["ood_auroc"] = {o: ood_record(run, clf, o, k=args.k)["auroc"] for o in outsides}
            out[label] = info
            out.setdefault("mean_image_nll_nats", info["mean_image_nll_nats"])
        run, info = train("cvae", source, root, **epochs)
        start = cpu_s()
        info["generative_accuracy"] = classify_generative(run, k=args.k)["accuracy"]
        info["classify_cpu_s"] = round(cpu_s() - start, 1)
        info["logpx_given_label"] = logpx_of_run(run, k=args.k)
        out["cvae"] = info
        out["mlp_accuracy"] = out["classifier"].get("test_accuracy")
    out["literature"] = {"vae_nll_nats": 86.76, "source": "Burda et al. 2015, Table 1 (VAE, k=1 training, "
                                                             "binarized MNIST, 60k train, 50-D latent, K=5000)"}
    print_json(out)


if __name__ == "__main__":
    main()
