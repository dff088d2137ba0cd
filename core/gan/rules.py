"""The rule score: how well a set of colour images obeys the Mondrian rules (`core.data.mondrian`).

Each image gets three numbers in [0, 1], and its score is their product:

- **palette**: the mean over pixels of `max(0, 1 - d / 0.3)`, where `d` is the RGB distance to
  the nearest of the five palette colours (white, black, red, yellow, blue). Exact palette
  colours give 1; blurred, muddy or noisy colours fall towards 0 (cells filled uniformly
  with palette colours).
- **straight**: snap every pixel to its nearest palette colour, then take the share of 2x2
  windows that are uniform or split cleanly into two horizontal or two vertical halves.
  Axis-aligned lines and rectangles leave only their corners as exceptions (about 2-3 % of
  windows); diagonal, curved or ragged edges and noise fail almost everywhere.
- **lines**: whether there are black lines at all: the black share of the snapped image over
  the share of one full 2-px line (`min(1, black / (2 / side))`); a blank canvas scores 0.

`rule_score(images)` is the mean over images: real compositions score about 0.99, the
per-pixel mean image and uniform noise under 0.1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from core.data.dataset import Dataset
from core.data.mondrian import LINE, PALETTE

TOLERANCE = 0.3
_COLOURS = np.asarray(list(PALETTE.values()), np.float32)
_BLACK = list(PALETTE).index("black")


def _as_rgb(images: np.ndarray) -> np.ndarray:
    x = np.asarray(images, np.float32)
    if x.ndim == 3 and x.shape[-1] == 3:
        x = x[None]
    if x.ndim != 4 or x.shape[-1] != 3 or len(x) == 0:
        raise ValueError(f"the rule score needs RGB images (N, H, W, 3), got shape {x.shape}")
    return np.clip(np.nan_to_num(x), 0.0, 1.0)


def rule_components(images: np.ndarray) -> dict[str, np.ndarray]:
    """Per-image "palette", "straight", "lines" and their product "score", each (N,) in [0, 1]."""
    x = _as_rgb(images)
    dist = np.sqrt(((x[..., None, :] - _COLOURS) ** 2).sum(-1))  # (N, H, W, 5)
    nearest = dist.argmin(-1)
    palette = np.clip(1.0 - dist.min(-1) / TOLERANCE, 0.0, 1.0).mean(axis=(1, 2))
    a, b = nearest[:, :-1, :-1], nearest[:, :-1, 1:]
    c, d = nearest[:, 1:, :-1], nearest[:, 1:, 1:]
    clean = ((a == b) & (c == d)) | ((a == c) & (b == d))  # uniform windows are both
    straight = clean.mean(axis=(1, 2))
    side = min(x.shape[1], x.shape[2])
    lines = np.clip((nearest == _BLACK).mean(axis=(1, 2)) / (LINE / side), 0.0, 1.0)
    return {"palette": palette, "straight": straight, "lines": lines, "score": palette * straight * lines}


def rule_score(images: np.ndarray, max_images: int = 1000) -> float:
    """The mean rule score of (up to `max_images`) RGB images in [0, 1]: 1 obeys every rule."""
    return float(np.mean(rule_components(np.asarray(images)[:max_images])["score"]))


def is_mondrian_source(source: object) -> bool:
    """Whether a dataset source (or `Dataset`) is the Mondrian one, whose runs get a rule score."""
    name = getattr(source, "source", source)
    return isinstance(name, str) and name.strip().lower() == "mondrian"


def add_rule_scores(result: dict[str, dict[str, Any]], gan_images: np.ndarray | None, dataset: Dataset) -> None:
    """Add "rule_score" to the `gan`, `real` and `mean_image` entries of a score result
    (`core.gan.quality.score_sets`) when `dataset` is the Mondrian one; else leave it alone."""
    if not is_mondrian_source(dataset):
        return
    x_test = np.asarray(dataset.x_test)
    mean = np.asarray(dataset.x_train).mean(axis=0, keepdims=True)
    sets = {"real": x_test, "mean_image": mean, "gan": gan_images}
    for name, images in sets.items():
        if name in result and images is not None:
            result[name]["rule_score"] = rule_score(images)
