"""Screenshots of the four tabs on Mondrian-style colour data (`mondrian` source) into
assets/screenshots/mondrian/: a short VAE trained live in the Training tab, its encoder in
the Layers tab, a 2-D VAE in the Latent map and a GAN (with its rule score) in the GAN tab.
The runs are trained here with the engine, headless, then made current the way a finished
run is.

Usage: python tools/mondrian_screenshots.py [--out assets/screenshots/mondrian] [--gan-epochs N]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from tools.screenshots import _make_current, _settle  # noqa: E402

Wait = Callable[[Callable[[], bool], float], None]


def _train(kind: str, epochs: int, **extra: Any) -> Path:
    """Train a Mondrian run with the engine (blocking) and return its folder."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    result = TrainingRun(TrainConfig(kind=kind, dataset="mondrian", epochs=epochs, **extra)).train()
    if result.status != "completed":
        raise SystemExit(f"error: {kind} run for the screenshots {result.status}: {result.message}")
    return Path(result.run_dir)


def prepare_training(window: Any, wait: Wait) -> None:
    """A 3-epoch VAE trained live on Mondrian data: curves and colour reconstructions."""
    tab = window.tab("Training")
    if tab.form.source != "mondrian":
        tab.select_dataset("mondrian")
    wait(lambda: tab.form.source == "mondrian" and tab.train_button.isEnabled(), 180)
    tab.configure("vae", epochs=3)
    tab.start_training()
    wait(lambda: tab.last_result is not None and not tab.training, 600)
    tab.curves.flush()


def prepare_layers(window: Any, wait: Wait) -> None:
    """The Training tab's VAE encoder (the current run): a colour test image as its input, the
    flattened input pixels in colour, then the dense layers."""
    tab = window.tab("Layers")
    wait(lambda: tab.result is not None and tab.result.outputs is not None, 120)
    tab.inputs.index_spin.setValue(7)
    _settle(wait, 3.0)


def prepare_latent(window: Any, wait: Wait) -> None:
    """A 2-D VAE (10 epochs) as the current run, a point decoded."""
    _make_current(window, wait, _train("vae", 10))
    _settle(wait, 3.0)
    window.tab("Latent map").pick_point(0.8, -0.6)
    _settle(wait, 1.0)


def prepare_gan(window: Any, wait: Wait, epochs: int, run_dir: Path | None = None) -> None:
    """A GAN (trained here, or `run_dir`) as the current run: samples and the nearest real image."""
    run_dir = run_dir or _train("gan", epochs)
    _make_current(window, wait, run_dir)
    tab = window.tab("GAN")
    wait(lambda: tab.run_dir == run_dir, 60)
    _settle(wait, 3.0)
    tab.grid.cell_clicked.emit(10)
    _settle(wait, 2.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "assets" / "screenshots" / "mondrian"))
    parser.add_argument("--gan-epochs", type=int, default=8)
    parser.add_argument("--gan-run", type=Path, default=None,
                        help="show this GAN run (in LATENT_LAB_HOME's runs folder) instead of training one")
    parser.add_argument("--only", default="", help="comma-separated tab titles to grab (default all)")
    args = parser.parse_args(argv)
    from shot_window import open_window

    shot = open_window("latent-lab-mondrian-", "mondrian")
    window, wait = shot.window, shot.wait
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    hooks: dict[str, Callable[[Any, Wait], None]] = {
        "Training": prepare_training, "Layers": prepare_layers, "Latent map": prepare_latent,
        "GAN": lambda w, wt: prepare_gan(w, wt, args.gan_epochs, args.gan_run)}
    only = {t.strip() for t in args.only.split(",") if t.strip()}
    for index, tab in enumerate(window.tabs):
        title = str(getattr(tab, "title", type(tab).__name__))
        if title not in hooks or (only and title not in only):
            continue
        window.tab_widget.setCurrentIndex(index)
        hooks[title](window, wait)
        _settle(wait, 0.5)
        path = out / f"{title.lower().replace(' ', '_')}.png"
        window.grab().save(str(path))
        print(f"saved {path}")
        if title == "GAN":  # the per-epoch quality curves, with the rule score
            tab.panels.setCurrentWidget(tab.quality)
            _settle(wait, 1.0)
            window.grab().save(str(out / "gan_quality.png"))
            print(f"saved {out / 'gan_quality.png'}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
