"""`main.py decode RUN_DIR|MODEL_FILE --z z1 … zd [--label Y] [--out PNG]`: decode one latent point into an 8-bit PNG.

A conditional VAE (cvae) run needs `--label Y`: the digit to write in the style `--z`.

With a user's decoder file, `--z` must give exactly its latent length; the PNG is
round(255 x output) (a tanh output is mapped by (x + 1) / 2 first).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np


def add_parser(subparsers: argparse._SubParsersAction, help_text: str) -> None:
    """Register the `decode` sub-command."""
    p = subparsers.add_parser(
        "decode", help=help_text,
        description="Decode one latent point into an 8-bit PNG at the image size (grey, or RGB for colour models) "
                    "(pixel = round(255 x decoder output)).")
    p.add_argument("run_dir", metavar="RUN_DIR|MODEL_FILE", type=Path,
                   help="an autoencoder or VAE run folder, or a decoder .keras file")
    p.add_argument("--z", nargs="+", type=float, required=True, metavar="V",
                   help="latent_dim values; for a latent larger than 2, two values are a point "
                        "on the PCA plane of the last epoch's probe codes")
    p.add_argument("--label", type=int, default=None, metavar="Y",
                   help="the class to decode (a conditional VAE run only; required there)")
    p.add_argument("--out", type=Path, default=None, help="PNG path (default RUN_DIR/decoded.png)")
    p.add_argument("--scale", type=int, default=1, help="enlarge by this integer factor (default 1)")
    p.add_argument("--range", type=float, nargs=2, default=None, metavar=("LO", "HI"),
                   help="a model file's raw output range (default: from its final activation)")
    p.add_argument("--allow-unsafe", action="store_true",
                   help="load files containing code (Lambda layers); only for files you trust")


def latent_point(values: list[float], latent_dim: int, run_dir: Path) -> np.ndarray:
    """The latent vector for `--z`: as given, or through the PCA plane of the probe codes."""
    from core.latent.plane import LatentError, PlaneProjection

    z = np.asarray(values, np.float32)
    if len(z) == latent_dim:
        return z
    if len(z) == 2 and latent_dim > 2:
        probe = last_probe_codes(run_dir)
        if probe is None:
            raise LatentError(f"--z X Y needs snapshots to find the PCA plane; give {latent_dim} values")
        return PlaneProjection.fit(probe).from_plane(z)
    raise LatentError(f"--z needs {latent_dim} values for this run's {latent_dim}-D latent, got {len(z)}")


def last_probe_codes(run_dir: Path) -> np.ndarray | None:
    """The probe set's latent codes after the run's last recorded epoch (None without snapshots)."""
    from core.training.run_folder import latest_snapshot

    snap = latest_snapshot(run_dir)
    return None if snap is None or snap.probe_z is None else np.asarray(snap.probe_z)


def load_latent_model(run_dir: Path, args: argparse.Namespace | None = None) -> Any:
    """The run's LatentModel, or a `UserDecoder` for a model file; `LatentError` (one line)
    for a run without a decoder, `ModelFileError` for a file that is not a decoder."""
    from core.cli.user_files import is_model_file
    from core.latent.model import LatentModel
    from core.latent.plane import LatentError

    if is_model_file(run_dir):
        from core.inspect.user_models import load_user_decoder

        rng = getattr(args, "range", None)
        return load_user_decoder(run_dir, output_range=None if rng is None else (float(rng[0]), float(rng[1])),
                                 allow_unsafe=bool(getattr(args, "allow_unsafe", False)))
    if not run_dir.is_dir():
        raise LatentError(f"{run_dir}: no such run folder or model file")
    return LatentModel.from_run(run_dir)


def run_kind(run_dir: Path) -> str | None:
    """The kind in a run folder's config.json (None when there is none)."""
    import json

    try:
        return str(json.loads((Path(run_dir) / "config.json").read_text()).get("kind"))
    except (OSError, ValueError, AttributeError):
        return None


def _decode_conditional(args: argparse.Namespace) -> int:
    """A CVAE run: decode `--z` as the digit `--label`."""
    from core.cli.user_files import default_out
    from core.density.model import DensityModel
    from core.images import save_png
    from core.latent.plane import LatentError

    model = DensityModel.from_run(args.run_dir)
    if args.label is None:
        raise LatentError(f"a conditional VAE run needs --label Y (0..{model.num_classes - 1})")
    if not 0 <= args.label < model.num_classes:
        raise LatentError(f"--label must be 0..{model.num_classes - 1}, got {args.label}")
    z = latent_point(list(args.z), model.latent_dim, args.run_dir)
    image = model.decode(z[None], np.array([args.label]))[0]
    out = args.out or default_out(args.run_dir, "decoded.png")
    save_png(image, out, scale=max(1, int(args.scale)))
    print(out)
    return 0


def run(args: argparse.Namespace) -> int:
    """Decode, save, print the PNG path; bad input raises a `UserError` (exit code 2)."""
    from core.cli.user_files import default_out, is_model_file
    from core.images import save_png
    from core.latent.plane import LatentError

    if not is_model_file(args.run_dir) and run_kind(args.run_dir) == "cvae":
        return _decode_conditional(args)
    if args.label is not None:
        raise LatentError("--label is for a conditional VAE (cvae) run only")
    model = load_latent_model(args.run_dir, args)
    if is_model_file(args.run_dir):
        if len(args.z) != model.latent_dim:
            raise LatentError(f"--z needs {model.latent_dim} values for this decoder's "
                              f"{model.latent_dim}-D latent, got {len(args.z)}")
        z = np.asarray(args.z, np.float32)
    else:
        z = latent_point(list(args.z), model.latent_dim, args.run_dir)
    image = model.decode(z[None])[0]
    out = args.out or default_out(args.run_dir, "decoded.png")
    save_png(image, out, scale=max(1, int(args.scale)))
    print(out)
    return 0
