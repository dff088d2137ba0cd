"""Quality per unit of time: the default 2-D VAE against keras-io's conv VAE, and the default GAN's score.

Run from the checkout root: `.venv/bin/python bench/quality.py [--budget S | --cpu-budget S] [--no-gan]`.
(a) The default VAE (`core.models.build_model("vae", …)`, the default batch size and learning
    rate) and keras-io's convolutional VAE (Conv2D 32/64 stride 2 → Dense 16 → 2-D z_mean and
    z_log_var; Dense 7·7·64 → Conv2DTranspose 64/32 stride 2 → sigmoid; Adam, batch 128) train on
    the same split for the same time: `--budget` seconds of wall time each (default 60), or with
    `--cpu-budget` that many seconds of this process's CPU time each (for a contended machine).
    The sides alternate in `--turns` turns (default 5), whole epochs at a time, so both meet
    the same load. Both are scored on the held-out test images with
    `core.models.vae.heldout_loss` (summed binary cross-entropy from the posterior mean plus KL).
(b) The default GAN (`main.py train gan`'s settings) trains on the same split, then is scored
    as `main.py score RUN --samples 2000` does (MNIST score, Fréchet distance).
The last line is one JSON object: vae_val_loss, keras_io_val_loss, vae_ratio, gan_score,
gan_frechet, gan_wall_s (plus the epochs and CPU seconds behind them).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import cpu_seconds, load_t10k, print_json  # noqa: E402


def keras_io_vae(image_shape: tuple[int, ...]) -> Any:
    """keras-io's "Variational AutoEncoder" example, its architecture verbatim (sized from the image)."""
    from core.models.vae import VAE, Sampling
    from core.tf_env import keras

    k = keras()
    layers = k.layers
    h4, w4 = image_shape[0] // 4, image_shape[1] // 4
    inputs = k.Input(shape=image_shape)
    x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(inputs)
    x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(16, activation="relu")(x)
    z_mean, z_log_var = layers.Dense(2, name="z_mean")(x), layers.Dense(2, name="z_log_var")(x)
    encoder = k.Model(inputs, [z_mean, z_log_var, Sampling(seed=0)([z_mean, z_log_var])])
    latent = k.Input(shape=(2,))
    x = layers.Dense(h4 * w4 * 64, activation="relu")(latent)
    x = layers.Reshape((h4, w4, 64))(x)
    x = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same")(x)
    outputs = layers.Conv2DTranspose(image_shape[-1], 3, activation="sigmoid", padding="same")(x)
    vae = VAE(encoder, k.Model(latent, outputs))
    vae.compile(optimizer=k.optimizers.Adam())
    return vae


class Side:
    """One VAE trained whole epochs at a time on a shuffled pipeline, with its time spent so far."""

    def __init__(self, name: str, vae: Any, x: Any, batch_size: int, use_cpu: bool) -> None:
        from core.tf_env import tf

        self.name, self.vae, self.use_cpu = name, vae, use_cpu
        self.data = tf().data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=0).batch(batch_size)
        self.spent = 0.0
        self.epochs = 0
        self.cpu = 0.0
        self.wall = 0.0

    def train_for(self, seconds: float) -> None:
        """Whole epochs until `seconds` more of this side's clock (wall or CPU) are spent."""
        goal = self.spent + seconds
        while self.spent < goal:
            w, c = time.perf_counter(), cpu_seconds()
            self.vae.fit(self.data, epochs=self.epochs + 1, initial_epoch=self.epochs, verbose=0)
            dw, dc = time.perf_counter() - w, cpu_seconds() - c
            self.epochs += 1
            self.wall += dw
            self.cpu += dc
            self.spent += dc if self.use_cpu else dw


def vae_race(dataset: Any, budget: float, use_cpu: bool, turns: int) -> dict[str, Any]:
    """Both VAEs for `budget` seconds each, alternating in `turns` turns; their held-out losses."""
    import numpy as np

    from core.models import DEFAULTS, build_model
    from core.models.vae import heldout_loss
    from core.tf_env import keras

    x = np.asarray(dataset.x_train, np.float32)
    keras().utils.set_random_seed(0)
    ours = build_model("vae", dataset.image_shape)
    keras().utils.set_random_seed(0)
    theirs = keras_io_vae(dataset.image_shape)
    sides = [Side("default", ours.model, x, int(DEFAULTS["vae"]["batch_size"]), use_cpu),
             Side("keras_io", theirs, x, 128, use_cpu)]
    for turn in range(turns):
        for side in sides if turn % 2 == 0 else sides[::-1]:
            side.train_for(budget * (turn + 1) / turns - side.spent)
    out: dict[str, Any] = {}
    for side in sides:
        loss = heldout_loss(side.vae.encoder, side.vae.decoder, dataset.x_test)["loss"]
        print(f"(a) {side.name:<9} {side.epochs:4d} epochs, {side.wall:6.1f} s wall, {side.cpu:6.1f} s CPU: "
              f"held-out loss {loss:.2f}")
        out[side.name] = {"val_loss": round(loss, 2), "epochs": side.epochs, "wall_s": round(side.wall, 1),
                          "cpu_s": round(side.cpu, 1)}
    return out


def gan_quality(dataset: Any, run_dir: Path, samples: int) -> dict[str, Any]:
    """The default GAN trained as `main.py train gan` trains it, then `main.py score --samples`."""
    from core.cli.score import score_run
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    run = TrainingRun(TrainConfig(kind="gan", dataset=dataset.source), run_dir=run_dir, dataset=dataset)
    w, c = time.perf_counter(), cpu_seconds()
    result = run.train()
    wall, cpu = time.perf_counter() - w, cpu_seconds() - c
    if result.status != "completed":
        sys.exit(f"bench: the GAN run ended {result.status}: {result.message}")
    metrics = score_run(run.run_dir, samples=samples)["gan"]
    print(f"(b) default GAN: {run.epochs_done} epochs in {wall:.0f} s wall, {cpu:.0f} s CPU; MNIST score "
          f"{metrics['score']:.2f}, Fréchet {metrics['frechet']:.2f} ({samples} samples)")
    return {"gan_score": round(float(metrics["score"]), 3), "gan_frechet": round(float(metrics["frechet"]), 3),
            "gan_wall_s": round(wall, 1), "gan_cpu_s": round(cpu, 1), "gan_epochs": run.epochs_done}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=60.0, help="wall seconds per VAE (default 60)")
    parser.add_argument("--cpu-budget", type=float, help="CPU seconds per VAE instead of wall seconds")
    parser.add_argument("--turns", type=int, default=5, help="alternated turns per VAE (default 5)")
    parser.add_argument("--samples", type=int, default=2000, help="GAN samples scored (default 2000)")
    parser.add_argument("--no-gan", action="store_true", help="skip the GAN (its figures are then null)")
    parser.add_argument("--gan-run", metavar="DIR", help="keep the GAN run in DIR (new) for `main.py sample`")
    args = parser.parse_args()
    use_cpu = args.cpu_budget is not None
    budget = float(args.cpu_budget if use_cpu else args.budget)
    if budget <= 0 or args.turns < 1:
        sys.exit("bench: the budget must be positive and --turns at least 1")
    dataset = load_t10k()
    print(f"dataset: {dataset.name}; VAE budget {budget:g} {'CPU' if use_cpu else 'wall'} s each, "
          f"{args.turns} alternated turns")
    vae = vae_race(dataset, budget, use_cpu, args.turns)
    ours, theirs = vae["default"]["val_loss"], vae["keras_io"]["val_loss"]
    result: dict[str, Any] = {"vae_val_loss": ours, "keras_io_val_loss": theirs,
                              "vae_ratio": round(ours / theirs, 3),
                              "gan_score": None, "gan_frechet": None, "gan_wall_s": None}
    if not args.no_gan:
        with tempfile.TemporaryDirectory(prefix="quality-bench-") as tmp:
            os.environ["LATENT_LAB_HOME"] = str(Path(tmp) / "home")  # a first run: the scorer is trained too
            run_dir = Path(args.gan_run) if args.gan_run else Path(tmp) / "gan"
            result.update(gan_quality(dataset, run_dir, args.samples))
    result["budget"] = {"seconds": budget, "clock": "cpu" if use_cpu else "wall", "turns": args.turns}
    result["vae_epochs"], result["keras_io_epochs"] = vae["default"]["epochs"], vae["keras_io"]["epochs"]
    result["vae_cpu_s"], result["keras_io_cpu_s"] = vae["default"]["cpu_s"], vae["keras_io"]["cpu_s"]
    print_json(result)


if __name__ == "__main__":
    main()
