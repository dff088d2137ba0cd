"""The training engine on ~256 digits images: every kind, stop, pause, NaN, resume, hooks."""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.progress import ProgressEvent, ProgressHandle
from core.training.callbacks import per_batch_values
from core.training.config import TrainConfig
from core.training.run import TrainingRun
from core.training.run_folder import load_role, load_run_info, load_snapshots

SMALL = {"dataset": "digits", "max_train": 256, "max_test": 64, "gan_metrics": False}


class Recorder:
    """Collects events; an optional `react(event, handle)` runs on the training thread."""

    def __init__(self, react: Any = None) -> None:
        self.events: list[ProgressEvent] = []
        self.react = react
        self.handle = ProgressHandle(self)

    def __call__(self, event: ProgressEvent) -> None:
        self.events.append(event)
        if self.react is not None:
            self.react(event, self.handle)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e.data for e in self.events if e.kind == kind]


def _run(kind: str, tmp_path: Path, rec: Recorder, **overrides: Any) -> TrainingRun:
    config = TrainConfig(kind=kind, **{**SMALL, "epochs": 1, "batch_size": 32, **overrides})
    return TrainingRun(config, run_dir=tmp_path / f"run-{kind}", handle=rec.handle)


def test_per_batch_values_undo_running_mean() -> None:
    batch_values = [4.0, 2.0, 6.0]
    means = np.cumsum(batch_values) / np.arange(1, 4)
    prev: dict[str, float] = {}
    out = []
    for k, m in enumerate(means, start=1):
        out.append(per_batch_values({"loss": float(m)}, prev, k)["loss"])
        prev = {"loss": float(m)}
    np.testing.assert_allclose(out, batch_values)


@pytest.mark.parametrize("kind", ["classifier", "autoencoder", "vae", "gan", "cvae"])
def test_every_kind_trains_one_epoch_and_writes_its_files(kind: str, tmp_path: Path) -> None:
    rec = Recorder()
    run = _run(kind, tmp_path, rec)
    result = run.train()
    assert result.status == "completed", result.message
    steps = rec.of("start")[0]["steps"]
    batches = rec.of("batch")
    assert len(batches) == steps > 1
    assert [b["batch"] for b in batches] == list(range(1, steps + 1))
    assert batches[-1]["progress"] == pytest.approx(1.0)
    for b in batches:  # running mean at k == mean of the per-batch values 1..k
        k = b["batch"]
        seen = [x["batch_logs"] for x in batches[:k]]
        for name, mean in b["logs"].items():
            assert np.mean([s[name] for s in seen]) == pytest.approx(mean, rel=1e-4, abs=1e-5)
    (epoch,) = rec.of("epoch")
    assert epoch["epoch"] == 1 and epoch["eta_s"] == pytest.approx(0.0, abs=1e-6)
    snap = epoch["snapshot"]
    assert set(snap.weights) == set(run.bundle.roles)
    info = load_run_info(run.run_dir)
    assert info.status == "completed" and info.epochs_done == 1
    assert all(len(v) == 1 and math.isfinite(v[0]) for v in info.history.values())
    for role in run.bundle.roles:
        assert (run.run_dir / f"{role}.keras").is_file()
    (saved,) = load_snapshots(run.run_dir)
    h, w = run.dataset.image_shape[:2]
    if kind == "classifier":
        assert set(info.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
        assert set(info.state["test_metrics"]) == {"loss", "accuracy"}
        assert rec.of("done")[0]["test_metrics"] == info.state["test_metrics"]
        assert saved.reconstructions is None and saved.gan_samples is None
    elif kind in ("autoencoder", "vae", "cvae"):
        parts = ("loss",) if kind == "autoencoder" else ("loss", "reconstruction_loss", "kl_loss")
        assert set(info.history) == {*parts, *(f"val_{p}" for p in parts)}
        assert epoch["logs"]["val_loss"] == pytest.approx(info.history["val_loss"][0])
        if kind == "autoencoder":  # deterministic: the held-out loss is the end-of-epoch model's
            x_test = run.dataset.x_test.astype(np.float32)
            held_out = run.bundle.model.evaluate(x_test, x_test, verbose=0)
            assert info.history["val_loss"][0] == pytest.approx(held_out, rel=1e-4)
        assert saved.originals.shape == saved.reconstructions.shape == (8, h, w, 1)
        assert [int(run.dataset.y_test[np.flatnonzero((run.dataset.x_test == o).all(axis=(1, 2, 3)))[0]])
                for o in saved.originals] == list(range(8))
        assert saved.probe_z.shape == (64, run.config.latent_dim) and saved.probe_labels.shape == (64,)
        assert np.isfinite(saved.probe_z).all() and not np.allclose(saved.reconstructions, saved.originals)
    else:
        assert saved.gan_samples.shape == (64, h, w, 1)
        assert (run.run_dir / "checkpoints" / "epoch_0001" / "generator.keras").is_file()
        noise = np.load(run.run_dir / "fixed_noise.npy")
        gen = load_role(run.run_dir, "generator")
        np.testing.assert_allclose(np.asarray(gen(noise)), saved.gan_samples, atol=1e-5)


@pytest.mark.parametrize("stop_epoch", [1, 2])
def test_stop_mid_epoch_keeps_last_checkpoint(stop_epoch: int, tmp_path: Path) -> None:
    def react(event: ProgressEvent, handle: ProgressHandle) -> None:
        if event.kind == "batch" and event.data["epoch"] == stop_epoch and event.data["batch"] == 2:
            handle.cancel()

    rec = Recorder(react)
    run = _run("classifier", tmp_path, rec, epochs=3)
    result = run.train()
    steps = rec.of("start")[0]["steps"]
    done = stop_epoch - 1
    assert result.status == "stopped" and result.epochs_done == done
    assert len(rec.of("batch")) == done * steps + 2 < stop_epoch * steps
    assert [e["epoch"] for e in rec.of("epoch")] == list(range(1, stop_epoch))
    assert rec.of("done")[0]["status"] == "stopped"
    info = load_run_info(run.run_dir)
    assert info.status == "stopped" and info.epochs_done == done
    assert len(info.history.get("loss", [])) == done
    assert [s.epoch for s in load_snapshots(run.run_dir)] == list(range(1, stop_epoch))
    if done == 0:
        assert not (run.run_dir / "classifier.keras").exists()
        return
    disk = load_role(run.run_dir, "classifier").get_weights()
    for a, b in zip(disk, run.bundle.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)  # in-memory weights rolled back to the checkpoint


def test_cancel_before_fit_is_not_lost(tmp_path: Path) -> None:
    rec = Recorder()
    run = _run("autoencoder", tmp_path, rec)
    rec.handle.cancel()
    result = run.train()
    assert result.status == "stopped" and rec.of("batch") == []
    assert load_run_info(run.run_dir).status == "stopped"


class RecordingHandle(ProgressHandle):
    """A handle that signals when the job really sits in `wait_if_paused` while paused."""

    def __init__(self, on_event: Any) -> None:
        super().__init__(on_event)
        self.blocked = threading.Event()

    def wait_if_paused(self) -> None:
        if self.paused:
            self.blocked.set()
        super().wait_if_paused()


def test_pause_blocks_between_batches_and_resume_continues(tmp_path: Path) -> None:
    paused_at = threading.Event()
    events: list[ProgressEvent] = []

    def on_event(event: ProgressEvent) -> None:
        events.append(event)
        if event.kind == "batch" and event.data["batch"] == 1:
            handle.pause()
            paused_at.set()

    handle = RecordingHandle(on_event)
    run = TrainingRun(TrainConfig("classifier", **{**SMALL, "epochs": 1, "batch_size": 32}),
                      run_dir=tmp_path / "run", handle=handle)
    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(run.train()))
    worker.start()
    try:
        assert paused_at.wait(60)
        assert handle.blocked.wait(30), "the callback never waited while paused"
        assert [e.data["batch"] for e in events if e.kind == "batch"] == [1]
        assert worker.is_alive()
    finally:
        handle.resume()
        worker.join(60)
    batches = [e.data for e in events if e.kind == "batch"]
    assert results[0].status == "completed"
    assert [b["batch"] for b in batches] == list(range(1, batches[0]["steps"] + 1))


def test_nan_loss_fails_and_keeps_last_good_checkpoint(tmp_path: Path) -> None:
    rec = Recorder()
    run = _run("classifier", tmp_path, rec)
    assert run.train(1).status == "completed"
    good = [w.copy() for w in run.bundle.model.get_weights()]
    run.bundle.model.optimizer.learning_rate.assign(1e30)
    result = run.train(2)
    assert result.status == "failed"
    assert result.message.startswith("Training stopped at epoch 2, batch ")
    assert "NaN" in result.message or "infinite" in result.message
    assert "the last good checkpoint (epoch 1) is kept" in result.message
    assert rec.of("done")[-1]["status"] == "failed"
    info = load_run_info(run.run_dir)
    assert info.status == "failed" and info.epochs_done == 1 and len(info.history["loss"]) == 1
    assert [s.epoch for s in load_snapshots(run.run_dir)] == [1]
    disk = load_role(run.run_dir, "classifier").get_weights()
    for a, b in zip(disk, good, strict=True):
        assert np.isfinite(a).all()
        np.testing.assert_array_equal(a, b)


def test_reopen_and_continue_numbering_and_history(tmp_path: Path) -> None:
    first = _run("vae", tmp_path, Recorder())
    assert first.train(1).status == "completed"
    weights = first.bundle.roles["decoder"].get_weights()
    rec = Recorder()
    again = TrainingRun.open(first.run_dir, rec.handle)
    assert again.epochs_done == 1 and again.config == first.config
    for a, b in zip(again.bundle.roles["decoder"].get_weights(), weights, strict=True):
        np.testing.assert_array_equal(a, b)
    result = again.train(epochs=2)
    assert result.status == "completed" and result.epochs_done == 3
    start = rec.of("start")[0]
    assert start["initial_epoch"] == 1 and start["epochs"] == 3
    assert [e["epoch"] for e in rec.of("epoch")] == [2, 3]
    assert {b["epoch"] for b in rec.of("batch")} == {2, 3}
    history = json.loads((first.run_dir / "history.json").read_text())
    assert len(history["loss"]) == 3 and history["loss"][0] == first.history["loss"][0]
    assert [s.epoch for s in load_snapshots(first.run_dir)] == [1, 2, 3]


def test_gan_fixed_noise_survives_reopen(tmp_path: Path) -> None:
    first = _run("gan", tmp_path, Recorder(), seed=5)
    noise = first.fixed_noise.copy()
    assert first.train(1).status == "completed"
    np.save(first.run_dir / "fixed_noise.npy", noise * 2)  # a run's own noise wins over the seed
    again = TrainingRun.open(first.run_dir)
    np.testing.assert_array_equal(again.fixed_noise, noise * 2)


def test_gan_quality_hook_failure_is_a_message_not_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import core.gan.quality

    class Broken:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def __call__(self, generator: Any, epoch: int) -> dict[str, float]:
            raise RuntimeError("scorer exploded")

    monkeypatch.setattr(core.gan.quality, "GanQualityHook", Broken)
    rec = Recorder()
    result = _run("gan", tmp_path, rec, gan_metrics=True).train()
    assert result.status == "completed"
    assert any("scorer exploded" in m["text"] for m in rec.of("message"))


def test_gan_quality_metrics_reach_history(tmp_path: Path) -> None:
    rec = Recorder()
    run = _run("gan", tmp_path, rec, gan_metrics=True)
    result = run.train()
    assert result.status == "completed", result.message
    for name in ("mnist_score", "frechet", "class_entropy", "diversity"):
        assert len(result.history[name]) == 1 and math.isfinite(result.history[name][0])
        assert name in rec.of("epoch")[0]["logs"]


def test_mirrored_strategy_trains(tmp_path: Path) -> None:
    rec = Recorder()
    run = _run("autoencoder", tmp_path, rec, strategy="mirrored")
    assert type(run.bundle.model.distribute_strategy).__name__ == "MirroredStrategy"
    assert run.train().status == "completed"
    assert len(load_snapshots(run.run_dir)) == 1


@pytest.mark.parametrize(
    "overrides, match",
    [({"kind": "transformer"}, "unknown model kind"), ({"epochs": -1}, "epochs must be"),
     ({"learning_rate": float("nan")}, "learning rate"), ({"strategy": "tpu"}, "unknown strategy")],
)
def test_bad_config_is_a_one_line_value_error(overrides: dict[str, Any], match: str) -> None:
    config = TrainConfig(**{"kind": "vae", **overrides})
    with pytest.raises(ValueError, match=match):
        config.resolved()
