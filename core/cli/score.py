"""`main.py score RUN_DIR [--dataset SRC] [--samples K]`: GAN quality metrics as one JSON object.

Prints `{"gan": {...}, "real": {...}, "mean_image": {...}}`, each with "score" (the MNIST
score), "frechet" (to half of the real test images) and "class_histogram", so the GAN's
numbers can be read against real images and against the per-pixel mean image. With the
`mondrian` dataset each of them also gets "rule_score" (`core.gan.rules`: 1 obeys every rule).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from core.cli.errors import CommandError
from core.gan.rules import add_rule_scores


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `score` sub-command."""
    p = subparsers.add_parser("score", help=help_text)
    p.add_argument("run_dir", type=Path, metavar="RUN_OR_MODEL_FILE",
                   help="a GAN run folder (holds generator.keras) or a generator .keras file")
    p.add_argument("--dataset", default=None,
                   help="dataset source (default: the run's dataset; required for a model file)")
    p.add_argument("--samples", type=int, default=1000, help="generated samples to score (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="noise seed (default 0)")


def score_run(run_dir: Path, dataset_source: str | None = None, samples: int = 1000,
              seed: int = 0) -> dict[str, Any]:
    """The metrics dict of `run_dir`'s generator, the real test images and the mean image."""
    from core.data.sources import load_dataset
    from core.gan.quality import score_sets
    from core.gan.sampling import sample
    from core.gan.scorer import load_or_train_scorer
    from core.training.run_folder import load_role, load_run_info

    info = load_run_info(run_dir)
    if info.kind != "gan":
        raise CommandError(f"{run_dir}: this is a {info.kind} run, not a GAN run")
    run_source = str(info.config.get("dataset", "digits"))
    source = dataset_source or run_source
    dataset = load_dataset(source)
    generator = load_role(run_dir, "generator")
    images = sample(generator, samples, seed)
    if images.shape[1:] != dataset.image_shape:
        raise CommandError(f"the generator makes {images.shape[1:3]} images but {source} has "
                         f"{dataset.image_shape[:2]}")
    scorer = load_or_train_scorer(dataset.x_train, dataset.y_train, num_classes=dataset.num_classes,
                                  run_dir=run_dir if source == run_source else None, seed=seed)
    result = score_sets(scorer, images, dataset.x_test, dataset.x_train, seed=seed)
    add_rule_scores(result, images, dataset)
    result["dataset"] = {"name": dataset.name, "samples": samples}
    return result


RANGES = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


def score_generator_file(path: Path, dataset_source: str, samples: int = 1000, seed: int = 0,
                         output_range: str = "auto") -> dict[str, Any]:
    """The metrics dict of a user's generator file against `dataset_source` (same image shape).

    `output_range`: "auto" (from the final activation), "tanh" ([-1, 1]) or "sigmoid" ([0, 1]).
    """
    from core.data.sources import load_dataset
    from core.gan.quality import score_sets
    from core.gan.scorer import load_or_train_scorer
    from core.inspect.user_models import load_user_generator

    generator = load_user_generator(path, output_range=RANGES.get(output_range))
    dataset = load_dataset(dataset_source)
    if tuple(generator.image_shape) != tuple(dataset.image_shape):
        raise CommandError(f"{Path(path).name} makes {'x'.join(map(str, generator.image_shape))} images but "
                           f"{dataset_source} has {'x'.join(map(str, dataset.image_shape))}")
    images = generator.sample(samples, seed)
    scorer = load_or_train_scorer(dataset.x_train, dataset.y_train, num_classes=dataset.num_classes, seed=seed)
    result = score_sets(scorer, images, dataset.x_test, dataset.x_train, seed=seed)
    add_rule_scores(result, images, dataset)
    result["dataset"] = {"name": dataset.name, "samples": samples}
    return result


def run(args: argparse.Namespace) -> int:
    """Print the metrics JSON; bad input raises a `UserError` (exit code 2)."""
    if not 2 <= args.samples <= 100_000:
        raise CommandError(f"--samples must be between 2 and 100000, got {args.samples}")
    target = Path(args.run_dir)
    if target.suffix == ".keras":
        if not args.dataset:
            raise CommandError("a generator file needs --dataset SRC (real images of the generator's shape)")
        print(json.dumps(score_generator_file(target, args.dataset, args.samples, args.seed)))
        return 0
    print(json.dumps(score_run(target, args.dataset, args.samples, args.seed)))
    return 0
