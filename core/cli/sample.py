"""`main.py sample MODEL_FILE_OR_RUN [--n N] [--seed S] [--label Y] [--out PNG]`: a grid of samples as a PNG.

The source is a GAN run folder or a user's generator file (any noise length, any image
size, 1 or 3 channels; output range from its final activation or `--range LO HI`). The same
source and seed give a byte-identical PNG; another seed gives another grid. `--label Y`
asks a class-conditional (AC-GAN) run's generator for class Y only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any, help_text: str) -> None:
    """Register the `sample` sub-command."""
    p = subparsers.add_parser("sample", help=help_text)
    p.add_argument("run_dir", metavar="MODEL_FILE_OR_RUN", type=Path,
                   help="a GAN run folder (holds generator.keras) or a generator .keras file")
    p.add_argument("--n", type=int, default=64, help="number of samples (1..1024, default 64)")
    p.add_argument("--seed", type=int, default=0, help="noise seed (default 0)")
    p.add_argument("--label", type=int, default=None,
                   help="class to draw, for a class-conditional (acgan) run (default: all classes)")
    p.add_argument("--out", type=Path, default=None,
                   help="PNG to write (default RUN_DIR/samples_seed<S>_n<N>.png)")
    p.add_argument("--scale", type=int, default=2, help="pixel upscaling factor (default 2)")
    p.add_argument("--range", type=float, nargs=2, default=None, metavar=("LO", "HI"),
                   help="a model file's raw output range (default: from its final activation)")
    p.add_argument("--allow-unsafe", action="store_true",
                   help="load files containing code (Lambda layers); only for files you trust")


def render_grid(run_dir: Path, n: int, seed: int, output_range: tuple[float, float] | None = None,
                allow_unsafe: bool = False, label: int | None = None) -> Any:
    """The (rows*H, cols*W[, 3]) float image of `n` samples tiled square-ish, from a run's
    generator or a generator file (`label`: a class-conditional run's class)."""
    from core.cli.errors import CommandError
    from core.cli.user_files import is_model_file, tile_images

    if is_model_file(run_dir) and label is not None:
        raise CommandError("--label works with a class-conditional GAN run folder, not a model file")
    if is_model_file(run_dir):
        from core.inspect.user_models import load_user_generator

        gen = load_user_generator(run_dir, output_range=output_range, allow_unsafe=allow_unsafe)
        return tile_images(gen.sample(n, seed), pad=1)
    from core.gan.sampling import sample
    from core.training.run_folder import load_role

    try:
        images = sample(load_role(run_dir, "generator"), n, seed, label=label)
    except ValueError as exc:  # no classes, or a class out of range
        raise CommandError(f"--label {label}: {exc}") from exc
    return tile_images(images, pad=1)


def run(args: argparse.Namespace) -> int:
    """Write the sample grid; print its path. Bad input raises a `UserError` (exit code 2)."""
    from core.cli.errors import CommandError
    from core.images import save_png

    if not 1 <= args.n <= 1024:
        raise CommandError(f"--n must be between 1 and 1024, got {args.n}")
    if not 1 <= args.scale <= 32:
        raise CommandError(f"--scale must be between 1 and 32, got {args.scale}")
    from core.cli.user_files import default_out, require_source

    source = Path(args.run_dir)
    require_source(source)
    rng = None if args.range is None else (float(args.range[0]), float(args.range[1]))
    grid = render_grid(source, args.n, args.seed, rng, bool(args.allow_unsafe), args.label)
    suffix = "" if args.label is None else f"_label{args.label}"
    out = args.out or default_out(source, f"samples_seed{args.seed}_n{args.n}{suffix}.png")
    save_png(grid, out, scale=args.scale)
    print(out)
    return 0
