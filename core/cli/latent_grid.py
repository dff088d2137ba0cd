"""`main.py latent-grid RUN_DIR [--n N] [--out PNG]`: the manifold grid of an AE/VAE as one PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli.decode import last_probe_codes, load_latent_model
from core.latent.plane import SPACINGS


def add_parser(subparsers: argparse._SubParsersAction, help_text: str) -> None:
    """Register the `latent-grid` sub-command."""
    p = subparsers.add_parser(
        "latent-grid", help=help_text,
        description="Decode an n x n grid of latent points (one batched call) into one PNG of "
                    "n*H x n*W pixels, top row = largest y.")
    p.add_argument("run_dir", metavar="RUN_DIR", type=Path, help="an autoencoder or VAE run folder")
    p.add_argument("--n", type=int, default=20, help="images per side (default 20)")
    p.add_argument("--out", type=Path, default=None, help="PNG path (default RUN_DIR/latent_grid.png)")
    p.add_argument("--spacing", choices=SPACINGS, default=None,
                   help="grid spacing (default: gaussian for a VAE, linear for an autoencoder)")
    p.add_argument("--bounds", nargs=4, type=float, default=None, metavar=("XMIN", "XMAX", "YMIN", "YMAX"),
                   help="plane bounds (default: +-3 for a VAE, else the probe codes' extent)")
    p.add_argument("--scale", type=int, default=1, help="enlarge by this integer factor (default 1)")


def run(args: argparse.Namespace) -> int:
    """Decode the grid, save it, print the PNG path; bad input raises a `UserError` (exit code 2)."""
    import numpy as np

    from core.images import save_png, tile
    from core.latent.model import decode_grid
    from core.latent.plane import LatentError, PlaneProjection, data_bounds

    if not 1 <= args.n <= 100:
        raise LatentError(f"--n must be between 1 and 100, got {args.n}")
    model = load_latent_model(args.run_dir)
    probe = last_probe_codes(args.run_dir)
    if probe is None:
        probe = np.zeros((0, model.latent_dim), np.float32)
    if model.latent_dim > 2 and len(probe) < 3:
        raise LatentError("a latent larger than 2 needs the run's snapshots to find the PCA plane")
    projection = PlaneProjection.fit(probe) if len(probe) else PlaneProjection.identity(model.latent_dim)
    if args.bounds is not None:
        bounds = tuple(args.bounds)
    elif model.kind == "vae":
        bounds = (-3.0, 3.0, -3.0, 3.0) if projection.is_identity else data_bounds(projection.to_plane(probe), "vae")
    else:
        bounds = data_bounds(projection.to_plane(probe), model.kind)
    spacing = args.spacing or ("gaussian" if model.kind == "vae" else "linear")
    images = decode_grid(model, projection, bounds, args.n, spacing)
    out = args.out or args.run_dir / "latent_grid.png"
    save_png(tile(images, cols=args.n, pad=0), out, scale=max(1, int(args.scale)))
    print(out)
    return 0
