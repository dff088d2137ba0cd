"""`main.py ood --vae RUN --classifier RUN [--in SRC] --out SRC|noise|flip [--k K] [--json]`.

How well each model tells held-out in-distribution images (`--in`, default the VAE run's
dataset) from an outside set: `noise` (uniform noise of the same shape), `flip` (the same
held-out images upside down) or another dataset source's held-out split. Scores: the VAE's
log p(x) (IWAE, K samples; a CVAE's is summed over labels) and the classifier's max p(y|x).
With `--json` the last line is `{"auroc": {"vae_logpx", "classifier_maxprob"}, "n_in", "n_out"}`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `ood` sub-command."""
    p = subparsers.add_parser("ood", help=help_text, description=__doc__.split("\n\n")[1])
    p.add_argument("--vae", type=Path, required=True, metavar="RUN", help="a VAE or CVAE run folder")
    p.add_argument("--classifier", type=Path, required=True, metavar="RUN", help="a classifier run folder")
    p.add_argument("--in", dest="source_in", default=None, metavar="SRC",
                   help="in-distribution dataset source (default: the VAE run's dataset)")
    p.add_argument("--out", required=True, metavar="SRC|noise|flip", help="the outside set")
    p.add_argument("--k", type=int, default=64, help="importance samples per image (default 64)")
    p.add_argument("--max-images", type=int, default=None, help="at most N images in each set")
    p.add_argument("--seed", type=int, default=0, help="noise and sampling seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")


def ood_record(vae_run: Path, classifier_run: Path, out: str, source_in: str | None = None, *,
               k: int = 64, seed: int = 0, max_images: int | None = None) -> dict[str, Any]:
    """The AUROC record of `vae_run` and `classifier_run` on in-distribution vs `out`."""
    from core.density.evaluate import check_shape, run_dataset
    from core.density.model import DensityModel
    from core.density.ood import ClassifierScorer, ood_aurocs, out_images, prior_of

    model = DensityModel.from_run(vae_run)
    classifier = ClassifierScorer.from_run(classifier_run)
    data = run_dataset(vae_run, source_in)
    x_in = np.asarray(data.x_test)
    x_in = x_in if max_images is None else x_in[:max_images]
    check_shape(model, x_in, data.name)
    x_out = out_images(out, x_in, seed=seed, max_images=max_images)
    return ood_aurocs(model, classifier, x_in, x_out, k=k, seed=seed,
                      log_prior=prior_of(model, np.asarray(run_dataset(vae_run).y_train)))


def run(args: argparse.Namespace) -> int:
    """Print the AUROCs; bad input raises a `UserError` (exit code 2)."""
    from core.cli.logpx import check_sampling

    check_sampling(args, args.vae, args.classifier)
    record = ood_record(args.vae, args.classifier, args.out, args.source_in, k=args.k, seed=args.seed,
                        max_images=args.max_images)
    if args.json:
        print(json.dumps(record))
        return 0
    a = record["auroc"]
    print(f"AUROC, held-out ({record['n_in']}) vs {args.out} ({record['n_out']}): "
          f"VAE log p(x) {a['vae_logpx']:.3f}, classifier max p(y|x) {a['classifier_maxprob']:.3f}")
    if a["vae_logpx"] < 0.5:
        print("log p(x) ranks the outside set as more likely than the model's own data.")
    return 0
