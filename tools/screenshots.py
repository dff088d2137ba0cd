"""Render one PNG per tab of the real MainWindow (offscreen) into assets/screenshots/<tab>.png,
and the same tab in Korean into assets/screenshots/ko/<tab>.png.

Each tab may have a "prepare" hook in `PREPARE` (tab title -> function(window, wait)) that
puts it in a representative state first, e.g. the Training tab trains a short VAE run. Once
prepared, the tab is grabbed in each language of `--langs`, switching the live window
(View → Language does the same), so both pictures show the very same state.
Usage: python tools/screenshots.py [--out DIR] [--langs en,ko] [--tabs "GAN,Layers"]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

Wait = Callable[[Callable[[], bool], float], None]


def prepare_training(window: Any, wait: Wait) -> None:
    """Train a 2-epoch VAE (shared MNIST t10k if present, else digits) and show its curves."""
    from core.paths import shared_mnist_dir

    tab = window.tab("Training")
    mnist = shared_mnist_dir()
    source = f"idx:{mnist}" if mnist is not None else "digits"
    if tab.form.source != source:
        tab.select_dataset(source)
    wait(lambda: window.state.engine_loaded and tab.form.source == source and tab.train_button.isEnabled(), 180)
    tab.configure("vae", epochs=2, max_train=4000 if mnist is not None else None)
    tab.start_training()
    wait(lambda: tab.last_result is not None and not tab.training, 300)
    tab.curves.flush()


def _source_and_slice() -> tuple[str, int | None]:
    from core.paths import shared_mnist_dir

    mnist = shared_mnist_dir()
    return (f"idx:{mnist}", None) if mnist is not None else ("digits", None)


def _train_headless(kind: str, epochs: int, **extra: Any) -> Path:
    """Train a run with the engine directly (blocking) and return its folder."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    source, _ = _source_and_slice()
    run = TrainingRun(TrainConfig(kind=kind, dataset=source, epochs=epochs, **extra))
    result = run.train()
    if result.status != "completed":
        raise SystemExit(f"error: {kind} run for the screenshots {result.status}: {result.message}")
    return Path(result.run_dir)


def _settle(wait: Wait, seconds: float) -> None:
    until = time.monotonic() + seconds
    wait(lambda: time.monotonic() > until, seconds + 5)


def _make_current(window: Any, wait: Wait, run_dir: Path) -> None:
    """What a user sees after a run: the app state rescans and makes it current; tabs follow."""
    state = window.state
    state.refresh_runs()
    wait(lambda: state.run_info(run_dir) is not None, 60)
    state.set_current_run(run_dir)


def prepare_layers(window: Any, wait: Wait) -> None:
    """The chapter's classifier (2 epochs), preselected as the current run, one test image."""
    run_dir = _train_headless("classifier", 2)
    _make_current(window, wait, run_dir)
    _settle(wait, 3.0)


def prepare_latent(window: Any, wait: Wait) -> None:
    """A 2-D VAE (15 epochs), preselected as the current run, a point decoded."""
    run_dir = _train_headless("vae", 15)
    _make_current(window, wait, run_dir)
    _settle(wait, 3.0)
    window.tab("Latent map").pick_point(0.8, -0.6)
    _settle(wait, 1.0)


def prepare_gan(window: Any, wait: Wait) -> None:
    """A GAN after 8 epochs, preselected as the current run: samples, mean image, metrics."""
    run_dir = _train_headless("gan", 8)
    _make_current(window, wait, run_dir)
    tab = window.tab("GAN")
    wait(lambda: tab.run_dir == run_dir, 60)
    _settle(wait, 3.0)
    tab.side.score_button.click()
    wait(lambda: tab.actions.metrics_result is not None, 300)
    tab.grid.cell_clicked.emit(10)
    _settle(wait, 2.0)


def prepare_density(window: Any, wait: Wait) -> None:
    """The VAE of the Latent map and the classifier of the Layers tab, on uniform noise: the
    classifier still picks a digit while log p(x) falls far below the held-out histogram."""
    from core.paths import runs_root

    runs = sorted(p for p in runs_root().iterdir() if (p / "state.json").is_file())
    vae = next(p for p in reversed(runs) if "vae" in p.name and "cvae" not in p.name)
    clf = next(p for p in reversed(runs) if "classifier" in p.name)
    tab = window.tab("Generative vs discriminative")
    tab.select_runs(vae, clf)
    wait(lambda: tab.session is not None and tab.summary is not None and tab.last_scores is not None
         and tab.worker.idle, 300)
    before = tab.last_scores
    tab.chooser.set_kind("noise")
    wait(lambda: tab.last_scores is not before and tab.worker.idle, 120)
    _settle(wait, 1.0)


#: Tab title -> hook run before that tab is grabbed.
PREPARE: dict[str, Callable[[Any, Wait], None]] = {
    "Training": prepare_training,
    "Layers": prepare_layers,
    "Latent map": prepare_latent,
    "GAN": prepare_gan,
    "Generative vs discriminative": prepare_density,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "assets" / "screenshots"))
    parser.add_argument("--langs", default="en,ko",
                        help="languages to grab each tab in (en goes to OUT, others to OUT/<lang>)")
    parser.add_argument("--tabs", default="",
                        help="comma-separated tab titles to grab (default: every tab); the others keep their PNGs")
    args = parser.parse_args(argv)
    langs = [code.strip() for code in args.langs.split(",") if code.strip()]
    wanted = {title.strip() for title in args.tabs.split(",") if title.strip()}
    from shot_window import open_window

    from gui import i18n

    shot = open_window("latent-lab-shots-", "digits", langs[0] if langs else "en")
    app, window, wait = shot.app, shot.window, shot.wait
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for index, tab in enumerate(window.tabs):
        title = str(getattr(tab, "title", type(tab).__name__))
        if wanted and title not in wanted:
            continue
        window.tab_widget.setCurrentIndex(index)
        hook = PREPARE.get(title)
        if hook is not None:
            hook(window, wait)
        for lang in langs:
            i18n.install_language(app, lang)
            settle = time.monotonic() + 0.3
            wait(lambda s=settle: time.monotonic() > s, 5)
            folder = out if lang == "en" else out / lang
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{title.lower().replace(' ', '_')}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
    i18n.install_language(app, "en")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
