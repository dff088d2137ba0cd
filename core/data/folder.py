"""The `folder:DIR` data source: class subfolders of image files, as Keras's
`image_dataset_from_directory` reads them (`DIR/cat/1.png`, `DIR/dog/7.jpg`, ...).

Class names are the subfolder names in sorted order. Every PNG, JPEG or BMP is resized to
one size: the most common one, or `folder:DIR?size=32` (a square side) /
`folder:DIR?size=32x48` (height x width). Colour is kept (RGB) when any image has colour,
else images are grey. A file that cannot be read is skipped, named in a
`SkippedImagesWarning` and counted in the dataset's name (the rest still load); a folder with no readable image is a `DatasetError`. The images are then
split 80/20, stratified, like any single-part source.
"""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from core.data.dataset import DatasetError

EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp")
MAX_SIDE = 256


class SkippedImagesWarning(UserWarning):
    """Some image files of a `folder:` source could not be read; the message names them."""


def parse_folder_arg(arg: str) -> tuple[Path, tuple[int, int] | None]:
    """`DIR` or `DIR?size=S` / `DIR?size=HxW` -> (folder, size or None)."""
    text, sep, query = arg.rpartition("?")
    if not sep or not query.lower().startswith("size="):
        return Path(arg).expanduser(), None
    value = query[5:].lower()
    h_text, _, w_text = value.partition("x")
    try:
        h = int(h_text)
        w = int(w_text) if w_text else h
    except ValueError:
        raise DatasetError(f"folder:{arg}: size must be a number or HxW, got {value!r}") from None
    if not (1 <= h <= MAX_SIDE and 1 <= w <= MAX_SIDE):
        raise DatasetError(f"folder:{arg}: size must be between 1 and {MAX_SIDE} pixels, got {value}")
    return Path(text).expanduser(), (h, w)


def class_files(folder: Path) -> dict[str, list[Path]]:
    """{class name: sorted image files} for each subfolder holding at least one image file."""
    if not folder.is_dir():
        raise DatasetError(f"{folder}: {'not a folder' if folder.exists() else 'folder not found'}")
    found = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(f for f in sub.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS)
        if files:
            found[sub.name] = files
    if len(found) < 1:
        raise DatasetError(f"{folder}: no class subfolders with PNG, JPEG or BMP files "
                           "(expected DIR/<class>/<image>.png)")
    return found


def _read(path: Path) -> Any:
    """The decoded PIL image, or None when the file is not a readable image."""
    from PIL import Image

    try:
        with Image.open(path) as img:
            img.load()
            return img.copy()
    except Exception:  # noqa: BLE001 - truncated, not an image, unsupported, unreadable
        return None


def _has_colour(img: Any) -> bool:
    if img.mode in ("L", "1", "I", "I;16", "F", "LA"):
        return False
    rgb = np.asarray(img.convert("RGB"), np.int16)
    return bool(np.any(rgb[..., 0] != rgb[..., 1]) or np.any(rgb[..., 1] != rgb[..., 2]))


def load_folder(arg: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], Path, list[str]]:
    """(uint8 images (N, H, W, C), labels, class names, folder, skipped files) of a `folder:` argument."""
    from PIL import Image

    folder, size = parse_folder_arg(arg)
    classes = class_files(folder)
    images: list[Any] = []
    labels: list[int] = []
    skipped: list[str] = []
    for label, files in enumerate(classes.values()):
        for path in files:
            img = _read(path)
            if img is None:
                skipped.append(str(path))
                continue
            images.append(img)
            labels.append(label)
    if not images:
        raise DatasetError(f"{folder}: none of the image files could be read")
    if size is None:
        (w, h), _ = Counter(img.size for img in images).most_common(1)[0]
        size = (h, w)
    colour = any(_has_colour(img) for img in images)
    mode = "RGB" if colour else "L"
    arrays = []
    for img in images:
        img = img.convert(mode)
        if img.size != (size[1], size[0]):
            img = img.resize((size[1], size[0]), Image.Resampling.BILINEAR)
        arrays.append(np.asarray(img, np.uint8))
    x = np.stack(arrays)
    if x.ndim == 3:
        x = x[..., None]
    return x, np.asarray(labels, np.int64), tuple(classes), folder, skipped


def warn_skipped(folder: Path, skipped: list[str]) -> None:
    """A `SkippedImagesWarning` naming every file that could not be read."""
    if skipped:  # warn_explicit: one line on stderr, no source line of ours under it
        warnings.warn_explicit(f"{folder}: skipped {len(skipped)} unreadable image file(s): {', '.join(skipped)}",
                               SkippedImagesWarning, "latent-lab", 0)
