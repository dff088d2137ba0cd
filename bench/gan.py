"""GAN benchmark: engine throughput vs a plain keras-io-style script of the default AC-GAN, grid latency, metric sanity.

Run from the checkout root: `.venv/bin/python bench/gan.py [--quick] [--rounds R]`.
(a) images/s of `core.training.run.TrainingRun` (gan_metrics off) against a plain script of the same
    architecture and step written the keras-io way (subclassed `train_step`, `fit`), alternated epoch by
    epoch (at least 5 each, which side first alternating too), median and min / max of the per-pair ratio;
(b) a 64-sample grid generated and drawn in the real GanTab offscreen;
(c) MNIST score / Fréchet distance of real-vs-real, the mean image, uniform noise and the GAN
    after 1, 5 and 20 epochs (`--quick` stops at 5) on the MNIST t10k split.
The last line is one JSON object.
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
from _common import load_t10k, median, print_json, spread  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def plain_acgan(image_shape: tuple[int, ...], latent_dim: int, lr: float, seed: int, num_classes: int) -> Any:
    """The keras-io DCGAN, verbatim in spirit: subclassed Model with its own train_step, with the
    engine's default architecture and step (AC-GAN: the class read from the noise and a class
    head on the discriminator; one-sided label smoothing, moving average of the generator)."""
    from core.models.gan import (
        CLASS_WEIGHT,
        EMA_DECAY,
        REAL_TARGET,
        build_discriminator,
        build_generator,
    )
    from core.tf_env import keras, tf

    k, tfm = keras(), tf()

    class PlainGAN(k.Model):  # type: ignore[misc]
        def __init__(self, discriminator: Any, generator: Any, latent_dim: int) -> None:
            super().__init__()
            self.discriminator, self.generator, self.latent_dim = discriminator, generator, latent_dim
            self.ema_generator = k.models.clone_model(generator)
            self.ema_generator.set_weights(generator.get_weights())
            self.seed_generator = k.random.SeedGenerator(seed)

        def compile(self, d_optimizer: Any, g_optimizer: Any, loss_fn: Any) -> None:  # type: ignore[override]
            super().compile()
            self.d_optimizer, self.g_optimizer, self.loss_fn = d_optimizer, g_optimizer, loss_fn
            self.class_loss_fn = k.losses.SparseCategoricalCrossentropy(from_logits=True)
            self.d_loss_metric = k.metrics.Mean(name="d_loss")
            self.g_loss_metric = k.metrics.Mean(name="g_loss")

        @property
        def metrics(self) -> list[Any]:
            return [self.d_loss_metric, self.g_loss_metric]

        def train_step(self, data: Any) -> dict[str, Any]:
            real_images, real_labels = data
            batch_size = k.ops.shape(real_images)[0]
            z = k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
            labels = k.ops.concatenate([k.ops.ones((batch_size, 1)), k.ops.full((batch_size, 1), REAL_TARGET)],
                                       axis=0)
            combined = k.ops.concatenate([self.generator(z, training=True), real_images], axis=0)
            with tfm.GradientTape() as tape:
                logit, class_logits = self.discriminator(combined, training=True)
                d_loss = (self.loss_fn(labels, logit)
                          + CLASS_WEIGHT * self.class_loss_fn(real_labels, class_logits[batch_size:]))
            grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
            self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_weights, strict=True))
            z = k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
            asked = k.ops.argmax(z[:, :num_classes], axis=-1)
            misleading = k.ops.zeros((batch_size, 1))
            with tfm.GradientTape() as tape:
                logit, class_logits = self.discriminator(self.generator(z, training=True), training=False)
                g_loss = self.loss_fn(misleading, logit) + CLASS_WEIGHT * self.class_loss_fn(asked, class_logits)
            grads = tape.gradient(g_loss, self.generator.trainable_weights)
            self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights, strict=True))
            t = k.ops.cast(self.g_optimizer.iterations, "float32")
            decay = k.ops.minimum(EMA_DECAY, (1.0 + t) / (10.0 + t))
            for averaged, trained in zip(self.ema_generator.weights, self.generator.weights, strict=True):
                averaged.assign(decay * averaged + (1.0 - decay) * trained)
            self.d_loss_metric.update_state(d_loss)
            self.g_loss_metric.update_state(g_loss)
            return {"d_loss": self.d_loss_metric.result(), "g_loss": self.g_loss_metric.result()}

    gan = PlainGAN(build_discriminator(image_shape, "acgan", num_classes),
                   build_generator(image_shape, latent_dim, "acgan", num_classes=num_classes), latent_dim)
    gan.compile(k.optimizers.Adam(lr, beta_1=0.5), k.optimizers.Adam(lr, beta_1=0.5),
                k.losses.BinaryCrossentropy(from_logits=True))
    return gan


def throughput(dataset: Any, rounds: int, home: Path) -> dict[str, float]:
    """Alternate one engine epoch and one plain epoch `rounds` times (after one warm-up each)."""
    import numpy as np

    from core.models import DEFAULTS
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    cfg = TrainConfig(kind="gan", dataset=dataset.source, gan_metrics=False, seed=0)
    engine = TrainingRun(cfg, run_dir=home / "bench_engine", dataset=dataset)
    d = DEFAULTS["gan"]
    assert engine.bundle.arch == "acgan", engine.bundle.arch  # the plain side copies the default
    plain = plain_acgan(dataset.image_shape, d["latent_dim"], d["learning_rate"], 0, dataset.num_classes)
    x, y = np.asarray(dataset.x_train, np.float32), np.asarray(dataset.y_train, np.int64)
    bs = engine.config.batch_size
    engine.train(1)
    plain.fit(x, y, epochs=1, batch_size=bs, verbose=0, shuffle=True)
    times: dict[str, list[float]] = {"engine": [], "plain": []}
    for i in range(rounds):  # which side goes first alternates too
        for side in ("engine", "plain") if i % 2 == 0 else ("plain", "engine"):
            t = time.perf_counter()
            if side == "engine":
                engine.train(1)
            else:
                plain.fit(x, y, epochs=1, batch_size=bs, verbose=0, shuffle=True)
            times[side].append(time.perf_counter() - t)
    n = len(x)
    eng, pl = n / median(times["engine"]), n / median(times["plain"])
    ratios = spread([p / e for e, p in zip(times["engine"], times["plain"], strict=True)])
    print(f"(a) throughput over {rounds} alternated epochs of {n} images: engine {eng:.0f} img/s "
          f"(median epoch {median(times['engine']):.2f} s, incl. snapshot + 4 model saves), "
          f"plain keras-io {pl:.0f} img/s (median {median(times['plain']):.2f} s); ratio per pair "
          f"min {ratios['min']:.3f} / median {ratios['median']:.3f} / max {ratios['max']:.3f}")
    return {"engine_images_per_s": round(eng, 1), "plain_images_per_s": round(pl, 1),
            "throughput_ratio": round(ratios["median"], 3), "throughput_ratio_spread": ratios,
            "engine_run_dir": str(engine.run_dir)}


def grid_latency(run_dir: Path, reps: int = 30) -> dict[str, float]:
    """64 samples generated (the tab's backend) and drawn (grid widget repaint) in the real GanTab."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app_state import AppState
    from gui.gan.backend import SampleRequest
    from gui.gan.tab import GanTab

    _app = QApplication.instance() or QApplication([])  # must outlive the tab
    state = AppState()
    tab = GanTab(state)
    tab.resize(1100, 850)
    tab.show()
    def wait_result() -> None:  # event loop until the tab applied a sampling result (no busy-wait)
        loop = QEventLoop()
        assert tab._worker is not None
        tab._worker.computed.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        tab._worker.computed.disconnect(loop.quit)

    tab.select_run(run_dir)
    loop = QEventLoop()
    while tab.last_result is None:
        QTimer.singleShot(50, loop.quit)
        loop.exec()
    e2e = []
    for i in range(reps):
        t = time.perf_counter()
        tab.seed_spin.setValue(1000 + i)
        wait_result()
        tab.grid.repaint()
        e2e.append((time.perf_counter() - t) * 1000)
    grab = tab.grab()
    grab.save("/tmp/gan_bench_tab.png")
    backend = tab._worker._fn
    tab.shutdown(5.0)  # from here the backend (and its generator) has one owner: this thread
    sync = []
    for i in range(reps):
        tab.noise_grid.reseed(100 + i)
        t = time.perf_counter()
        result = backend(SampleRequest(run_dir=run_dir, grid_z=tab.noise_grid.z.copy()))
        tab.grid.set_samples(result.grid)
        tab.grid.repaint()
        sync.append((time.perf_counter() - t) * 1000)
    print(f"(b) 64-sample grid generated + drawn in GanTab: median {median(sync):.2f} ms direct, "
          f"{median(e2e):.2f} ms through the LatestWorker (seed change -> painted)")
    return {"grid64_ms": round(median(sync), 2), "grid64_worker_ms": round(median(e2e), 2)}


def sanity(dataset: Any, quick: bool, home: Path, samples: int) -> dict[str, Any]:
    """Score and Fréchet of reference sets and of a GAN after 1, 5 (and 20) epochs."""
    import numpy as np

    from core.gan.quality import score_sets
    from core.gan.sampling import sample
    from core.gan.scorer import load_or_train_scorer
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    t = time.perf_counter()
    scorer = load_or_train_scorer(dataset.x_train, dataset.y_train, num_classes=dataset.num_classes)
    print(f"(c) scorer ready in {time.perf_counter() - t:.1f} s; test accuracy "
          f"{scorer.accuracy(dataset.x_test, dataset.y_test):.3f}")
    uniform = np.random.default_rng(0).random((samples, *dataset.image_shape)).astype(np.float32)
    base = score_sets(scorer, None, dataset.x_test, dataset.x_train, extra={"uniform_noise": uniform})
    rows = {"real_half_vs_half": base["real"], "mean_image": base["mean_image"], "uniform_noise": base["uniform_noise"]}
    run = TrainingRun(TrainConfig(kind="gan", dataset=dataset.source, gan_metrics=False, seed=1),
                      run_dir=home / "bench_sanity", dataset=dataset)
    for target in (1, 5) if quick else (1, 5, 20):
        t = time.perf_counter()
        run.train(target - run.epochs_done)
        images = sample(run.bundle.roles["generator"], samples, seed=0)
        rows[f"gan_{target}_epochs"] = score_sets(scorer, images, dataset.x_test, dataset.x_train)["gan"]
        print(f"    GAN trained to epoch {target} ({time.perf_counter() - t:.0f} s)")
    print(f"    {'set':<22}{'MNIST score':>12}{'Fréchet':>10}{'class bits':>12}")
    for name, m in rows.items():
        print(f"    {name:<22}{m['score']:>12.2f}{m['frechet']:>10.2f}{m['class_entropy']:>12.2f}")
    return {name: {"score": round(m["score"], 3), "frechet": round(m["frechet"], 3)} for name, m in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 20-epoch GAN")
    parser.add_argument("--rounds", type=int, default=5, help="alternated epochs per side (default 5, at least 5)")
    parser.add_argument("--samples", type=int, default=1000, help="samples per scored set")
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("--rounds must be at least 5 (the figures are judged on the median of 5 or more)")
    dataset = load_t10k()
    print(f"dataset: {dataset.name} ({len(dataset.x_train)} train / {len(dataset.x_test)} test)")
    with tempfile.TemporaryDirectory(prefix="gan-bench-") as tmp:
        os.environ["LATENT_LAB_HOME"] = str(Path(tmp) / "home")
        home = Path(tmp)
        result: dict[str, Any] = throughput(dataset, args.rounds, home)
        result.update(grid_latency(Path(result.pop("engine_run_dir"))))
        result["sanity"] = sanity(dataset, args.quick, home, args.samples)
    print_json(result)


if __name__ == "__main__":
    main()
