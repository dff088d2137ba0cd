"""`main.py explain MODEL_FILE [--dataset SRC --index I | --image PNG] --method M [--layer NAME]
[--class C] --out FILE.npy|FILE.png`: an attribution map of a classifier for one input.

`.npy` gets the raw map (the input's H x W; saliency keeps the input's full shape), `.png`
an overlay: the map as a colour map over the grey or colour input, with a colour bar.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from core.cli.errors import CommandError
from core.inspect.attribution import METHODS


def add_parser(subparsers: argparse._SubParsersAction, help_text: str) -> None:
    """Register the `explain` sub-command."""
    p = subparsers.add_parser(
        "explain", help=help_text,
        description="Saliency |d score/d x|, gradient x input, SmoothGrad or Grad-CAM of a classifier "
                    "for one input; the score is the pre-softmax logit of the class (default: predicted).")
    p.add_argument("model_file", metavar="MODEL_FILE", type=Path,
                   help="a classifier .keras file (a run's classifier.keras or your own)")
    p.add_argument("--dataset", default=None, metavar="SRC",
                   help="dataset source (mnist, digits, idx:DIR, npz:FILE); default: the shared MNIST "
                        "test split for 784-pixel inputs, else digits")
    p.add_argument("--index", type=int, default=0, metavar="I", help="test image index (default 0)")
    p.add_argument("--image", type=Path, default=None, metavar="PNG", help="an image file instead")
    p.add_argument("--method", choices=METHODS, required=True, help="the attribution method")
    p.add_argument("--layer", default=None, metavar="NAME",
                   help="Grad-CAM layer (default: the last one with a spatial output)")
    p.add_argument("--class", dest="class_index", type=int, default=None, metavar="C",
                   help="class to explain (default: the predicted one)")
    p.add_argument("--samples", type=int, default=25, help="SmoothGrad samples (default 25)")
    p.add_argument("--noise", type=float, default=0.15,
                   help="SmoothGrad noise sigma as a fraction of the input range (default 0.15)")
    p.add_argument("--seed", type=int, default=0, help="SmoothGrad noise seed (default 0)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="FILE.npy or FILE.png")
    p.add_argument("--allow-unsafe", action="store_true",
                   help="load files containing code (Lambda layers); only for files you trust")


def default_source(pixels: int) -> str:
    """The shared MNIST split for 784-pixel inputs when present, else the bundled digits."""
    from core.paths import shared_mnist_dir

    folder = shared_mnist_dir()
    return f"idx:{folder}" if pixels == 784 and folder is not None else "digits"


def choose_image(shape: tuple[int, ...], args: argparse.Namespace) -> tuple[np.ndarray, str]:
    """The input (the model's input shape) and where it came from."""
    from core.inspect.attribution import input_hw

    h, w = input_hw(shape)
    channels = int(shape[2]) if len(shape) == 3 else 1
    if args.image is not None:
        from core.cli.activations import image_from_png

        img = image_from_png(args.image, h)
        if w != h:
            raise CommandError(f"--image needs a square model input, this one is {h}x{w}")
        x = np.repeat(img[..., None], channels, axis=-1)
        return x.reshape(shape), f"image {args.image.name}"
    from core.data.sources import load_dataset

    data = load_dataset(args.dataset or default_source(h * w * channels))
    if not 0 <= args.index < len(data.x_test):
        raise CommandError(f"--index {args.index} is outside the {len(data.x_test)} test images of {data.name}")
    x = np.asarray(data.x_test[args.index], np.float32)
    if channels == 3 and x.size == h * w:
        x = np.repeat(x.reshape(h, w, 1), 3, axis=-1)
    if x.size != int(np.prod(shape)):
        raise CommandError(f"the model takes inputs of shape {shape}; {data.name} images are "
                           f"{tuple(data.x_test.shape[1:])}")
    return x.reshape(shape), f"{data.name} test image {args.index}"


def overlay_png(image: np.ndarray, amap: np.ndarray, path: Path, title: str = "") -> None:
    """Save the map as a colour map (alpha 0.5) over the input, with a colour bar; atomic."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from core.atomic import atomic_write_bytes

    img = np.asarray(image, np.float32)
    img = img[..., 0] if img.ndim == 3 and img.shape[-1] == 1 else img
    lo, hi = float(img.min()), float(img.max())
    img = (img - lo) / (hi - lo) if hi > lo else np.zeros_like(img)
    fig = Figure(figsize=(4.2, 3.6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.imshow(img, cmap="gray" if img.ndim == 2 else None, interpolation="nearest")
    shown = ax.imshow(amap, cmap="jet", alpha=0.5, interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=9)
    fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    atomic_write_bytes(path, buf.getvalue())


def run(args: argparse.Namespace) -> int:
    """Compute the map and write it; print the path. Bad input raises a `UserError` (exit 2)."""
    from core.atomic import atomic_write_bytes
    from core.inspect.attribution import explain
    from core.inspect.model_files import load_model_file
    from core.inspect.user_models import UserClassifier

    suffix = args.out.suffix.lower()
    if suffix not in (".npy", ".png"):
        raise CommandError(f"--out must end in .npy or .png, got {args.out.name}")
    if args.image is not None and args.dataset is not None:
        raise CommandError("give --dataset/--index or --image, not both")
    model: Any = load_model_file(args.model_file, allow_unsafe=bool(args.allow_unsafe))
    clf = UserClassifier(model, path=Path(args.model_file))
    x, source = choose_image(clf.input_shape, args)
    result = explain(model, x, args.method, class_index=args.class_index, layer=args.layer,
                     samples=args.samples, noise=args.noise, seed=args.seed)
    if suffix == ".npy":
        import io

        buf = io.BytesIO()
        np.save(buf, result.raw.astype(np.float32))
        atomic_write_bytes(args.out, buf.getvalue())
    else:
        from core.inspect.attribution import input_hw

        h, w = input_hw(clf.input_shape)
        shown = x.reshape(h, w, -1)
        title = f"{args.method} · class {result.class_index} (predicted {result.predicted})"
        overlay_png(shown, result.display, args.out, title + (f" · {result.layer}" if result.layer else ""))
    print(f"{args.out}  ({source}; class {result.class_index}, predicted {result.predicted})")
    return 0
