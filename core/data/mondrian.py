"""The `mondrian` data source: seeded, offline Mondrian-style compositions (32x32 RGB).

The chapter's example of what a generative model learns: a model that paints convincing
Mondrian-style pictures has learned the rules of that style. These are the rules every
image here obeys (`core.gan.rules.rule_score` measures how well other images obey them):

1. The canvas is 32x32 pixels and starts white.
2. Black lines 2 px wide, perfectly horizontal or vertical, split it into rectangles by
   recursive splits: the whole canvas is always split once; each rectangle is split again,
   across its full width or height, with a probability that falls with depth (0.85, 0.6,
   0.35), as long as both sides keep at least 4 px. Every line therefore runs from one line
   (or the canvas edge) to another.
3. Each rectangle (cell) is filled uniformly with one colour of the palette: white, red,
   yellow or blue. Only five colours ever appear: those four and the black of the lines.
4. The label is the set of primary colours that appear, one of eight classes balanced by
   construction: none (white only), red, yellow, blue, red+yellow, red+blue, yellow+blue,
   red+yellow+blue. Each chosen primary fills at least one cell; other cells are white
   (probability 0.55) or one of the chosen primaries.

`mondrian_images(n, seed)` makes any number; the data source is 4,000 training images
(seed 0) and 1,000 test images (seed 1), the same on every machine.
"""

from __future__ import annotations

import numpy as np

SIZE = 32
LINE = 2
MIN_CELL = 4
SPLIT_PROBABILITY = (1.0, 0.85, 0.6, 0.35)
WHITE_PROBABILITY = 0.55
TRAIN_COUNT, TEST_COUNT = 4000, 1000

#: The five colours of the style (RGB in [0, 1]): white, black and the three primaries.
PALETTE = {
    "white": (1.0, 1.0, 1.0),
    "black": (0.0, 0.0, 0.0),
    "red": (0.86, 0.08, 0.08),
    "yellow": (0.98, 0.84, 0.10),
    "blue": (0.08, 0.20, 0.62),
}
PRIMARIES = ("red", "yellow", "blue")
#: Class i is the set of primaries whose bits are set in i (bit 0 red, 1 yellow, 2 blue),
#: ordered by how many colours appear.
CLASS_SETS: tuple[tuple[str, ...], ...] = (
    (), ("red",), ("yellow",), ("blue",), ("red", "yellow"), ("red", "blue"),
    ("yellow", "blue"), ("red", "yellow", "blue"))
CLASS_NAMES = tuple("+".join(s) if s else "white only" for s in CLASS_SETS)

Rect = tuple[int, int, int, int]  # y0, x0, y1, x1 (exclusive)


def _split(canvas: np.ndarray, rect: Rect, depth: int, rng: np.random.Generator,
           cells: list[Rect]) -> None:
    """Split `rect` recursively, drawing the black lines into `canvas`; collect the leaves."""
    y0, x0, y1, x1 = rect
    p = SPLIT_PROBABILITY[depth] if depth < len(SPLIT_PROBABILITY) else 0.0
    room = {"v": x1 - x0 - LINE - 2 * MIN_CELL, "h": y1 - y0 - LINE - 2 * MIN_CELL}
    options = [d for d, r in room.items() if r >= 0]
    if not options or rng.random() >= p:
        cells.append(rect)
        return
    direction = options[int(rng.integers(len(options)))]
    if direction == "v":
        at = x0 + MIN_CELL + int(rng.integers(room["v"] + 1))
        canvas[y0:y1, at:at + LINE] = PALETTE["black"]
        _split(canvas, (y0, x0, y1, at), depth + 1, rng, cells)
        _split(canvas, (y0, at + LINE, y1, x1), depth + 1, rng, cells)
    else:
        at = y0 + MIN_CELL + int(rng.integers(room["h"] + 1))
        canvas[at:at + LINE, x0:x1] = PALETTE["black"]
        _split(canvas, (y0, x0, at, x1), depth + 1, rng, cells)
        _split(canvas, (at + LINE, x0, y1, x1), depth + 1, rng, cells)


def mondrian_image(label: int, rng: np.random.Generator) -> np.ndarray:
    """One (32, 32, 3) float32 composition whose primaries are exactly `CLASS_SETS[label]`."""
    colours = CLASS_SETS[label]
    while True:
        canvas = np.ones((SIZE, SIZE, 3), np.float32)
        cells: list[Rect] = []
        _split(canvas, (0, 0, SIZE, SIZE), 0, rng, cells)
        if len(cells) >= len(colours):
            break
    fills = ["white"] * len(cells)
    order = rng.permutation(len(cells))
    for colour, cell in zip(colours, order, strict=False):  # each chosen primary at least once
        fills[int(cell)] = colour
    for cell in order[len(colours):]:
        if colours and rng.random() >= WHITE_PROBABILITY:
            fills[int(cell)] = colours[int(rng.integers(len(colours)))]
    for (y0, x0, y1, x1), name in zip(cells, fills, strict=True):
        canvas[y0:y1, x0:x1] = PALETTE[name]
    return canvas


def mondrian_images(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`n` compositions (n, 32, 32, 3) float32 in [0, 1] and their labels (classes cycle evenly)."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(CLASS_SETS)).astype(np.int64)
    images = np.stack([mondrian_image(int(k), rng) for k in labels]) if n else np.zeros((0, SIZE, SIZE, 3))
    return images.astype(np.float32), labels
