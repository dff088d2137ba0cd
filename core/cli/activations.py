"""`main.py activations MODEL_FILE [--dataset SRC] [--index I | --image PNG | --latent V…] [--json]`.

Prints, for every layer (nested models' layers included under their own path names),
its name, class, output shape and the mean, std, min and max of its output for one
input. A refused (unsafe) or broken model file gives one line `error: …` and exit code 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from core.cli.errors import CommandError


def add_parser(subparsers: argparse._SubParsersAction, help_text: str) -> None:
    """Register the `activations` sub-command."""
    p = subparsers.add_parser(
        "activations", help=help_text,
        description="Build the functional-API feature extractor of a .keras model and print each "
                    "layer's output shape and mean/std/min/max for one input.")
    p.add_argument("model_file", metavar="MODEL_FILE", type=Path, help="a .keras model file")
    p.add_argument("--dataset", default=None, metavar="SRC",
                   help="dataset source (mnist, digits, idx:DIR, npz:FILE); default: the shared "
                        "MNIST test split for 784-input models, else digits")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--index", type=int, default=0, metavar="I", help="test image index (default 0)")
    group.add_argument("--image", type=Path, default=None, metavar="PNG", help="an image file instead")
    group.add_argument("--latent", type=float, nargs="+", default=None, metavar="V",
                       help="a latent vector (for decoders and generators; default: seeded normal)")
    p.add_argument("--seed", type=int, default=0, help="seed for the default latent vector")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--allow-unsafe", action="store_true",
                   help="load files containing code (Lambda layers); only for files you trust")


def _default_source(pixels: int) -> str:
    from core.paths import shared_mnist_dir

    folder = shared_mnist_dir()
    if pixels == 784 and folder is not None:
        return f"idx:{folder}"
    return "digits"


def image_from_png(path: Path, side: int) -> np.ndarray:
    """A PNG as a (side, side) float image in [0, 1], white ink on black (inverted if needed)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            grey = im.convert("L").resize((side, side), Image.Resampling.LANCZOS)
    except FileNotFoundError:
        raise CommandError(f"{path.name}: image file not found") from None
    except (UnidentifiedImageError, OSError) as exc:
        raise CommandError(f"{path.name}: not a readable image ({type(exc).__name__})") from None
    arr = np.asarray(grey, dtype=np.float32) / 255.0
    return 1.0 - arr if arr.mean() > 0.5 else arr  # dark ink on white paper -> MNIST style


def choose_input(ext: Any, args: argparse.Namespace) -> tuple[np.ndarray, str]:
    """The model input for the options and a description of where it came from."""
    shape = ext.input_shape
    pixels = int(np.prod([s for s in shape if s is not None])) if shape else 0
    if args.latent is not None or (args.image is None and args.dataset is None and ext.input_kind() == "vector"):
        if len(shape) != 1 or shape[0] is None:
            raise CommandError(f"model '{ext.model.name}' takes inputs of shape {shape}, not a latent vector")
        if args.latent is not None:
            if len(args.latent) != shape[0]:
                raise CommandError(f"--latent needs {shape[0]} values for this model, got {len(args.latent)}")
            return np.asarray(args.latent, np.float32), "latent vector (given)"
        z = np.random.default_rng(args.seed).standard_normal(int(shape[0])).astype(np.float32)
        return z, f"latent vector (standard normal, seed {args.seed})"
    if args.image is not None:
        side = int(round(pixels ** 0.5)) if len(shape) == 1 else int(shape[0])
        return ext.adapt_input(image_from_png(args.image, side)), f"image {args.image.name}"
    from core.data.sources import load_dataset

    source = args.dataset or _default_source(pixels)
    data = load_dataset(source)
    if not 0 <= args.index < len(data.x_test):
        raise CommandError(f"--index {args.index} is outside the {len(data.x_test)} test images of {data.name}")
    return ext.adapt_input(data.x_test[args.index]), f"{data.name} test image {args.index} (label {int(data.y_test[args.index])})"


def layer_report(ext: Any, x: np.ndarray) -> list[dict[str, Any]]:
    """One dict per layer: name, class, output_shape and output statistics."""
    from core.inspect.activations import stats

    rows = []
    for info, out in zip(ext.layer_infos, ext.compute(x), strict=False):
        s = stats(out)
        rows.append({"name": info.name, "class": info.class_name, "output_shape": list(info.output_shape),
                     "mean": s["mean"], "std": s["std"], "min": s["min"], "max": s["max"]})
    return rows


def _print_table(model_name: str, source: str, rows: list[dict[str, Any]]) -> None:
    width = max(len(r["name"]) for r in rows)
    cwidth = max(len(r["class"]) for r in rows)
    print(f"model {model_name}; input: {source}")
    print(f"{'layer':<{width}}  {'class':<{cwidth}}  {'output shape':<16} {'mean':>10} {'std':>10} {'min':>10} {'max':>10}")
    for r in rows:
        shape = "(" + ", ".join(str(s) for s in r["output_shape"]) + ")"
        print(f"{r['name']:<{width}}  {r['class']:<{cwidth}}  {shape:<16} "
              f"{r['mean']:>10.4g} {r['std']:>10.4g} {r['min']:>10.4g} {r['max']:>10.4g}")


def run(args: argparse.Namespace) -> int:
    """Print the layer table (or JSON); a refused or broken model file, or bad input, raises a
    `UserError` (exit code 2)."""
    from core.inspect.activations import FeatureExtractor
    from core.inspect.model_files import load_model_file

    model = load_model_file(args.model_file, allow_unsafe=getattr(args, "allow_unsafe", False))
    ext = FeatureExtractor(model)
    x, source = choose_input(ext, args)
    rows = layer_report(ext, x)
    if args.json:
        print(json.dumps({"model": model.name, "input": source, "layers": rows}))
    else:
        _print_table(model.name, source, rows)
    return 0
