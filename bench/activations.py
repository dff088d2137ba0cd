"""Benchmark the Layers tab: input change -> all layer outputs, and drawing stroke -> view.

Run from the checkout root: `.venv/bin/python bench/activations.py [--n 200]`.
Prints a few human-readable lines; the last line is one JSON object
`{"mlp_p95_ms", "cnn_p95_ms", "draw_p95_ms", "sides"}` (targets: <= 5, <= 5, <= 33): each
side runs `--rounds` times (default 5, alternating which goes first); the headline figures
are the medians of the rounds' p95s, `sides` holds their min / median / max.
Uses the shared MNIST t10k test images when present, else random images.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _common import ROUNDS, alternate, median, spread

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _images(n: int) -> np.ndarray:
    from core.data.sources import load_dataset
    from core.paths import shared_mnist_dir

    folder = shared_mnist_dir()
    if folder is not None:
        return load_dataset(f"idx:{folder}").x_test[:n]
    return np.random.default_rng(0).random((n, 28, 28, 1), dtype=np.float32)


def small_cnn() -> Any:
    """A small MNIST CNN: conv 16 / pool / conv 32 / pool / dense 10."""
    from core.tf_env import keras

    k = keras()
    inp = k.Input((28, 28, 1))
    x = k.layers.Conv2D(16, 3, activation="relu", padding="same")(inp)
    x = k.layers.MaxPooling2D(2)(x)
    x = k.layers.Conv2D(32, 3, activation="relu", padding="same")(x)
    x = k.layers.MaxPooling2D(2)(x)
    x = k.layers.Flatten()(x)
    return k.Model(inp, k.layers.Dense(10, activation="softmax")(x), name="small_cnn")


def p95(samples: list[float]) -> float:
    """95th percentile in milliseconds of samples in seconds."""
    return float(np.percentile(np.asarray(samples) * 1000.0, 95))


def time_extractor(model: Any, images: np.ndarray, warmup: int = 5) -> list[float]:
    """Seconds per input change: adapt the image, compute every layer, take the stats."""
    from core.inspect.activations import FeatureExtractor, stats

    ext = FeatureExtractor(model)
    out = []
    for i, img in enumerate(images):
        t0 = time.perf_counter()
        outs = ext.compute(ext.adapt_input(img))
        _ = [stats(o) for o in outs]
        if i >= warmup:
            out.append(time.perf_counter() - t0)
    return out


def time_drawing(model_path: Path, strokes: int) -> list[float]:
    """Seconds from a mouse stroke segment on the real pad to the repainted Layers view."""
    from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from gui.app_state import AppState
    from gui.layers.tab import LayersTab

    app = QApplication.instance() or QApplication([])
    tab = LayersTab(AppState())
    tab.resize(1400, 900)
    tab.show()

    def wait(signal: Any, ms: int = 10000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    tab.open_model_file(model_path)
    wait(tab.view_updated)
    tab.inputs.set_mode(1)
    wait(tab.view_updated)
    app.processEvents()
    pad = tab.inputs.pad
    w, h = pad.width(), pad.height()

    def send(kind: QMouseEvent.Type, x: float, y: float, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        pos = QPointF(x, y)
        app.sendEvent(pad, QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier))

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    rng = np.random.default_rng(0)
    times = []
    for i in range(strokes + 3):
        if i % 15 == 0:
            pad.clear()
            wait(tab.view_updated)
        x0, y0 = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
        t0 = time.perf_counter()
        send(QMouseEvent.Type.MouseButtonPress, x0, y0, left, left)
        send(QMouseEvent.Type.MouseMove, x0 + 0.08 * w, y0 + 0.05 * h, none, left)
        send(QMouseEvent.Type.MouseButtonRelease, x0 + 0.08 * w, y0 + 0.05 * h, left, none)
        wait(tab.view_updated)
        tab.outputs_panel.repaint()  # the painted view, not just the computed numbers
        if i >= 3:
            times.append(time.perf_counter() - t0)
    tab.shutdown(2.0)
    return times


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="input changes per model (default 200)")
    parser.add_argument("--strokes", type=int, default=60, help="drawing strokes (default 60)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs of each side, alternating (default 5)")
    args = parser.parse_args(argv)
    from core.models import build_model

    images = _images(args.n + 5)
    mlp = build_model("classifier", (28, 28, 1)).roles["classifier"]
    cnn = small_cnn()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mnist_model.keras"
        mlp.save(path)
        os.environ.setdefault("LATENT_LAB_HOME", tmp)
        runs = alternate({"mlp": lambda: p95(time_extractor(mlp, images)),
                          "cnn": lambda: p95(time_extractor(cnn, images)),
                          "draw": lambda: p95(time_drawing(path, args.strokes))}, args.rounds)
    for name, label in (("mlp", "mlp 784-64-64-10"), ("cnn", "small cnn"), ("draw", "draw -> view")):
        print(f"{label}: p95 {', '.join(f'{v:.2f}' for v in runs[name])} ms over {args.rounds} rounds")
    print(json.dumps({"mlp_p95_ms": round(median(runs["mlp"]), 3), "cnn_p95_ms": round(median(runs["cnn"]), 3),
                      "draw_p95_ms": round(median(runs["draw"]), 3), "rounds": args.rounds,
                      "sides": {name: spread(values) for name, values in runs.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
