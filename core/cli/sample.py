"""`main.py sample RUN_DIR [--n N] [--seed S] [--out PNG]`: a grid of GAN samples as a PNG.

The same run and seed give a byte-identical PNG; another seed gives another grid.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `sample` sub-command."""
    p = subparsers.add_parser("sample", help=help_text)
    p.add_argument("run_dir", type=Path, help="a GAN run folder (holds generator.keras)")
    p.add_argument("--n", type=int, default=64, help="number of samples (1..1024, default 64)")
    p.add_argument("--seed", type=int, default=0, help="noise seed (default 0)")
    p.add_argument("--out", type=Path, default=None,
                   help="PNG to write (default RUN_DIR/samples_seed<S>_n<N>.png)")
    p.add_argument("--scale", type=int, default=2, help="pixel upscaling factor (default 2)")


def render_grid(run_dir: Path, n: int, seed: int) -> Any:
    """The (rows*H, cols*W) float image of `n` samples tiled square-ish, from `run_dir`'s generator."""
    from core.gan.sampling import sample
    from core.images import tile
    from core.training.run_folder import load_role

    images = sample(load_role(run_dir, "generator"), n, seed)
    return tile(images, pad=1)


def run(args: argparse.Namespace) -> int:
    """Write the sample grid; print its path. Bad input raises a `UserError` (exit code 2)."""
    from core.cli.errors import CommandError
    from core.images import save_png

    if not 1 <= args.n <= 1024:
        raise CommandError(f"--n must be between 1 and 1024, got {args.n}")
    if not 1 <= args.scale <= 32:
        raise CommandError(f"--scale must be between 1 and 32, got {args.scale}")
    if not Path(args.run_dir).is_dir():
        raise CommandError(f"{args.run_dir}: no such run folder")
    grid = render_grid(Path(args.run_dir), args.n, args.seed)
    out = args.out or Path(args.run_dir) / f"samples_seed{args.seed}_n{args.n}.png"
    save_png(grid, out, scale=args.scale)
    print(out)
    return 0
