"""`main.py latent-grid RUN_DIR|MODEL_FILE [--n N] [--out PNG]`: the manifold grid of an AE/VAE as one PNG.

On a decoder file the plane is two latent dimensions (`--dims I J`, default 0 1), the
others held at 0; bounds default to +-3.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from core.cli.decode import last_probe_codes, load_latent_model
from core.latent.plane import SPACINGS, LatentError, PlaneProjection


def add_parser(subparsers: argparse._SubParsersAction, help_text: str) -> None:
    """Register the `latent-grid` sub-command."""
    p = subparsers.add_parser(
        "latent-grid", help=help_text,
        description="Decode an n x n grid of latent points (one batched call) into one PNG of "
                    "n*H x n*W pixels, top row = largest y.")
    p.add_argument("run_dir", metavar="RUN_DIR|MODEL_FILE", type=Path,
                   help="an autoencoder or VAE run folder, or a decoder .keras file")
    p.add_argument("--n", type=int, default=20, help="images per side (default 20)")
    p.add_argument("--out", type=Path, default=None, help="PNG path (default RUN_DIR/latent_grid.png)")
    p.add_argument("--spacing", choices=SPACINGS, default=None,
                   help="grid spacing (default: gaussian for a VAE, linear for an autoencoder)")
    p.add_argument("--bounds", nargs=4, type=float, default=None, metavar=("XMIN", "XMAX", "YMIN", "YMAX"),
                   help="plane bounds (default: +-3 for a VAE, else the probe codes' extent)")
    p.add_argument("--scale", type=int, default=1, help="enlarge by this integer factor (default 1)")
    p.add_argument("--dims", type=int, nargs=2, default=None, metavar=("I", "J"),
                   help="a decoder file's two latent dimensions on the plane (default 0 1; others 0)")
    p.add_argument("--range", type=float, nargs=2, default=None, metavar=("LO", "HI"),
                   help="a model file's raw output range (default: from its final activation)")
    p.add_argument("--allow-unsafe", action="store_true",
                   help="load files containing code (Lambda layers); only for files you trust")


def axis_plane(latent_dim: int, dims: tuple[int, int] | None) -> PlaneProjection:
    """The plane spanned by latent dimensions `dims` (default the first two), the others 0."""
    i, j = dims if dims is not None else (0, 1)
    if latent_dim == 1:
        return PlaneProjection.identity(1)
    if i == j or not (0 <= i < latent_dim and 0 <= j < latent_dim):
        raise LatentError(f"--dims needs two different dimensions in 0..{latent_dim - 1}, got {i} {j}")
    return PlaneProjection(np.zeros(latent_dim, np.float32), np.eye(latent_dim, dtype=np.float32)[[i, j]])


def _file_grid(args: argparse.Namespace) -> np.ndarray:
    """The decoded grid images of a decoder file."""
    from core.latent.model import decode_grid

    model = load_latent_model(args.run_dir, args)
    projection = axis_plane(model.latent_dim, None if args.dims is None else tuple(args.dims))
    bounds = tuple(args.bounds) if args.bounds is not None else (-3.0, 3.0, -3.0, 3.0)
    return decode_grid(model, projection, bounds, args.n, args.spacing or "linear")


def run(args: argparse.Namespace) -> int:
    """Decode the grid, save it, print the PNG path; bad input raises a `UserError` (exit code 2)."""
    from core.cli.user_files import default_out, is_model_file, tile_images
    from core.images import save_png
    from core.latent.model import decode_grid
    from core.latent.plane import data_bounds

    if not 1 <= args.n <= 100:
        raise LatentError(f"--n must be between 1 and 100, got {args.n}")
    if is_model_file(args.run_dir):
        out = args.out or default_out(args.run_dir, "latent_grid.png")
        save_png(tile_images(_file_grid(args), cols=args.n), out, scale=max(1, int(args.scale)))
        print(out)
        return 0
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
    save_png(tile_images(images, cols=args.n), out, scale=max(1, int(args.scale)))
    print(out)
    return 0
