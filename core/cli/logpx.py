"""`main.py logpx RUN_DIR [--dataset SRC] [--k K] [--json]`: a VAE's −log p(x) on held-out images.

Binarized images (pixel > 0.5), decoder outputs read as Bernoulli means; the IWAE estimate
with K samples, the negative ELBO from the same samples (so nll ≤ elbo), bits per dimension,
and the exact −log p(x) of the mean-image model (independent Bernoulli pixels at the
training mean). With `--json` the last line is
`{"nll_nats", "elbo_nats", "bits_per_dim", "mean_image_nll_nats", "n", "k", "n_pixels"}`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from core.cli.errors import CommandError


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `logpx` sub-command."""
    p = subparsers.add_parser("logpx", help=help_text, description=__doc__.split("\n\n")[1])
    add_run_arguments(p, "a VAE or CVAE run folder", "importance samples per image (default 64)")


def add_run_arguments(p: argparse.ArgumentParser, run_help: str, k_help: str) -> None:
    """The options every density command over a run's held-out split shares."""
    p.add_argument("run_dir", type=Path, metavar="RUN_DIR", help=run_help)
    p.add_argument("--dataset", default=None, help="dataset source (default: the run's; its held-out split)")
    p.add_argument("--k", type=int, default=64, help=k_help)
    p.add_argument("--max-images", type=int, default=None, help="only the first N held-out images")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")


def check_sampling(args: argparse.Namespace, *run_dirs: Path) -> None:
    """`CommandError` for a `--k` or `--max-images` out of range or a missing run folder
    (shared by the density commands)."""
    for path in run_dirs:
        if not Path(path).is_dir():
            raise CommandError(f"{path}: no such run folder")
    if not 1 <= args.k <= 100_000:
        raise CommandError(f"--k must be between 1 and 100000, got {args.k}")
    if args.max_images is not None and args.max_images < 1:
        raise CommandError(f"--max-images must be at least 1, got {args.max_images}")


def run(args: argparse.Namespace) -> int:
    """Print the figures; bad input raises a `UserError` (exit code 2)."""
    from core.density.evaluate import logpx_of_run

    check_sampling(args, args.run_dir)
    record = logpx_of_run(args.run_dir, args.dataset, k=args.k, seed=args.seed, max_images=args.max_images)
    if args.json:
        print(json.dumps(record))
        return 0
    mean = record["mean_image_nll_nats"]
    print(f"-log p(x) (IWAE, K={record['k']}): {record['nll_nats']:.2f} nats "
          f"({record['bits_per_dim']:.4f} bits/dim) over {record['n']} held-out images")
    print(f"negative ELBO: {record['elbo_nats']:.2f} nats")
    if mean is not None:
        print(f"mean-image model: {mean:.2f} nats")
    return 0
