"""Latent map timings: mouse event -> decoded image on screen, one-point decode, 30x30 grid.

Trains a small dense VAE (2-D latent) on the MNIST t10k split (1 epoch: timings do not depend
on how well it is trained), opens the real `LatentTab` offscreen and sends 500 synthetic drag
events to its map; each is timed from `sendEvent` until the decoded-image widget has painted.
The grid is compared with the keras-io VAE's way (one `predict` per cell), measured on a
sample of cells (`--cells`, default 60; `--cells 900` measures every cell); the two sides
alternate `--rounds` times (default 5) and report min / median / max (`sides`); the speed-up
is the median of the rounds' ratios.

Run from the checkout root: `.venv/bin/python bench/latent.py`. The last line is one JSON object
`{"event_to_image_p95_ms", "decode_p95_ms", "grid30_ms", "grid_speedup", ...}`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _common import ROUNDS, alternate, load_t10k, median, print_json, spread

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def p95(values: list[float]) -> float:
    """95th percentile."""
    return float(np.percentile(values, 95))


def train_vae(home: Path) -> Path:
    """A 1-epoch dense VAE on 2,000 t10k images, in the engine's run layout."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    data = load_t10k()
    config = TrainConfig(kind="vae", dataset=data.source, epochs=1, max_train=2000, max_test=2000, latent_dim=2)
    result = TrainingRun(config, run_dir=home / "bench-vae", dataset=data).train()
    if result.status != "completed":
        sys.exit(f"bench: training failed: {result.message}")
    return home / "bench-vae"


def bench_events(run_dir: Path, n_events: int) -> tuple[list[float], object]:
    """Per-event ms from a drag event to the decoded image painted, in the real tab."""
    from PySide6.QtCore import QEvent, QObject, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from gui.app_state import AppState
    from gui.latent.tab import LatentTab

    app = QApplication.instance() or QApplication([])
    state = AppState()
    state.mark_engine_ready()
    tab = LatentTab(state)
    tab.resize(1200, 900)
    tab.show()
    tab.load_run(run_dir, auto_classifier=False)
    deadline = time.monotonic() + 120
    while tab.view is None and time.monotonic() < deadline:
        app.processEvents()
    if tab.view is None:
        sys.exit(f"bench: the tab did not load the run: {tab.note.text()}")
    tab.map.render_now()
    app.processEvents()

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                PaintCounter.count += 1
            return False

    counter = PaintCounter()
    tab.decoded.installEventFilter(counter)
    m, rect = tab.map, tab.map.plot_rect()
    QApplication.sendEvent(m, QMouseEvent(QEvent.Type.MouseButtonPress, rect.center(), rect.center(),
                                          Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                          Qt.KeyboardModifier.NoModifier))
    app.processEvents()
    times, missed = [], 0
    for i in range(n_events):
        t = i / max(1, n_events - 1)
        pos = QPointF(rect.left() + rect.width() * (0.5 + 0.45 * np.cos(6.28 * t)),
                      rect.top() + rect.height() * (0.5 + 0.45 * np.sin(12.56 * t)))
        before = PaintCounter.count
        t0 = time.perf_counter()
        QApplication.sendEvent(m, QMouseEvent(QEvent.Type.MouseMove, pos, pos, Qt.MouseButton.NoButton,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        app.processEvents()  # delivers the update requests: the image and marker are painted
        times.append((time.perf_counter() - t0) * 1000)
        missed += PaintCounter.count == before
    if missed:
        print(f"warning: {missed} events did not repaint the decoded image")
    view = tab.view
    tab.shutdown(2.0)
    return times, view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--cells", type=int, default=60, help="grid cells decoded with predict (900 = all)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="alternations of the grid's two sides (default 5)")
    args = parser.parse_args()
    from core import tf_env

    tf_env.keras()
    home = Path(tempfile.mkdtemp(prefix="latent-bench-"))
    os.environ["LATENT_LAB_HOME"] = str(home)
    run_dir = train_vae(home)
    events, view = bench_events(run_dir, args.events)
    from core.latent.model import decode_grid
    from core.latent.plane import PlaneProjection, grid_points

    model = view.model
    rng = np.random.default_rng(0)
    zs = rng.normal(size=(1000, 2)).astype(np.float32)
    for z in zs[:50]:
        model.decode_one(z)
    one = []
    for z in zs:
        t0 = time.perf_counter()
        model.decode_one(z)
        one.append((time.perf_counter() - t0) * 1000)
    proj, bounds = PlaneProjection.identity(2), (-3.0, 3.0, -3.0, 3.0)
    decode_grid(model, proj, bounds, 30)
    # the keras-io way: one predict per cell (measured on a sample of cells, extrapolated to 900)
    cells = grid_points(bounds, 30, "gaussian")
    pick = rng.choice(900, size=min(900, args.cells), replace=False)
    model.decoder.predict(cells[:1], verbose=0)

    def ours() -> float:
        grid = []
        for _ in range(20):
            t0 = time.perf_counter()
            images = decode_grid(model, proj, bounds, 30)
            grid.append((time.perf_counter() - t0) * 1000)
        assert images.shape[0] == 900
        return median(grid)

    def keras_io() -> float:
        t0 = time.perf_counter()
        for i in pick:
            model.decoder.predict(cells[i:i + 1], verbose=0)
        return (time.perf_counter() - t0) * 1000 / len(pick) * 900

    runs = alternate({"grid30_ms": ours, "keras_io_grid30_ms": keras_io}, args.rounds)
    speedups = [k / g for g, k in zip(runs["grid30_ms"], runs["keras_io_grid30_ms"], strict=True)]
    result = {
        "event_to_image_p95_ms": round(p95(events), 3),
        "decode_p95_ms": round(p95(one), 4),
        "grid30_ms": round(median(runs["grid30_ms"]), 3),
        "grid_speedup": round(median(speedups), 1),
        "event_to_image_median_ms": round(median(events), 3),
        "decode_path": "numpy mirror" if model.has_mirror else "tf.function",
        "keras_io_grid30_ms": round(median(runs["keras_io_grid30_ms"]), 1),
        "sides": {"grid30_ms": spread(runs["grid30_ms"]), "keras_io_grid30_ms": spread(runs["keras_io_grid30_ms"], 1),
                  "grid_speedup": spread(speedups, 1)},
        "rounds": args.rounds,
        "keras_io_cells_measured": int(len(pick)),
        "image_shape": list(model.image_shape),
        "test_points": int(len(view.test_y)),
    }
    print_json(result)


if __name__ == "__main__":
    main()
