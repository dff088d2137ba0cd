"""`main.py classify-generative RUN_DIR [--dataset SRC] [--k K] [--json]`: a conditional VAE as a classifier.

Bayes' rule: the predicted class of a held-out image is argmax over y of log p(x|y) + log p(y),
with log p(x|y) the IWAE estimate (K samples, binarized images) and p(y) the run's training
label frequencies. With `--json` the last line is `{"accuracy", "n"}`.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `classify-generative` sub-command."""
    from core.cli.logpx import add_run_arguments

    p = subparsers.add_parser("classify-generative", help=help_text, description=__doc__.split("\n\n")[1])
    add_run_arguments(p, "a conditional VAE (cvae) run folder", "importance samples per image and label (default 64)")


def run(args: argparse.Namespace) -> int:
    """Print the accuracy; bad input raises a `UserError` (exit code 2)."""
    from core.cli.logpx import check_sampling
    from core.density.evaluate import classify_generative

    check_sampling(args, args.run_dir)
    record = classify_generative(args.run_dir, args.dataset, k=args.k, seed=args.seed, max_images=args.max_images)
    if args.json:
        print(json.dumps(record))
    else:
        print(f"generative classifier (Bayes' rule, K={args.k}): accuracy {record['accuracy']:.4f} "
              f"on {record['n']} held-out images")
    return 0
