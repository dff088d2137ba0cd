"""TensorBoard events in each run folder: every history metric per epoch, one image per epoch."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from core.tf_env import tf
from core.training.commit import needs_repair, repair_run
from core.training.config import TrainConfig
from core.training.run import TrainingRun
from core.training.tensorboard import snapshot_image, tensorboard_dir

SMALL = {"dataset": "digits", "max_train": 128, "max_test": 32, "gan_metrics": False, "batch_size": 32}


def read_events(run_dir: Path) -> tuple[dict[str, dict[int, float]], dict[str, list[int]]]:
    """{tag: {step: value}} for scalars and {tag: [steps]} for images, read back with TF's reader."""
    scalars: dict[str, dict[int, float]] = defaultdict(dict)
    images: dict[str, list[int]] = defaultdict(list)
    t = tf()
    files = sorted(tensorboard_dir(run_dir).glob("events.out.tfevents.*"))
    assert files, "no event file written"
    for path in files:
        for event in t.compat.v1.train.summary_iterator(str(path)):
            for value in event.summary.value:
                tensor = t.make_ndarray(value.tensor)
                if value.metadata.plugin_data.plugin_name == "images":
                    images[value.tag].append(int(event.step))
                    w, h = int(tensor[0]), int(tensor[1])
                    png = t.io.decode_png(tensor[2]).numpy()
                    assert png.shape[:2] == (h, w)
                else:
                    scalars[value.tag][int(event.step)] = float(tensor)
    return scalars, images


@pytest.mark.parametrize("kind,image_tag", [("autoencoder", "reconstructions"), ("gan", "samples"),
                                            ("classifier", None)])
def test_each_epoch_writes_every_metric_and_one_image(kind: str, image_tag: str | None, tmp_path: Path) -> None:
    run = TrainingRun(TrainConfig(kind=kind, epochs=2, **SMALL), run_dir=tmp_path / "run")
    result = run.train()
    assert result.status == "completed"
    scalars, images = read_events(run.run_dir)
    for name, values in result.history.items():
        assert set(scalars[name]) == {1, 2}, name
        for epoch in (1, 2):
            v = values[epoch - 1]
            if v is not None and np.isfinite(v):
                assert scalars[name][epoch] == pytest.approx(v, rel=1e-6)
    if image_tag is None:
        assert not images
    else:
        assert sorted(images[image_tag]) == [1, 2]
    assert not needs_repair(run.run_dir)
    repair_run(run.run_dir)
    assert list(tensorboard_dir(run.run_dir).glob("events.out.tfevents.*"))


def test_continuing_a_run_adds_the_next_epochs(tmp_path: Path) -> None:
    run = TrainingRun(TrainConfig(kind="autoencoder", epochs=1, **SMALL), run_dir=tmp_path / "run")
    assert run.train().status == "completed"
    again = TrainingRun.open(run.run_dir)
    assert again.train(1).status == "completed"
    scalars, images = read_events(run.run_dir)
    assert set(scalars["loss"]) == {1, 2}
    assert sorted(images["reconstructions"]) == [1, 2]


def test_snapshot_image_maps_tanh_samples_and_stacks_reconstructions() -> None:
    class Snap:
        originals = np.zeros((3, 4, 4, 1), np.float32)
        reconstructions = np.ones((3, 16), np.float32)
        gan_samples = None

    img = snapshot_image(Snap())
    assert img is not None and img.shape == (2 * 4 + 1, 3 * 4 + 2, 1)
    assert img[:4, :4].max() == 0.0 and img[5:, :4].min() == 1.0

    class Gan:
        originals = reconstructions = None
        gan_samples = -np.ones((4, 4, 4, 1), np.float32)

    grid = snapshot_image(Gan(), tanh_output=True)
    assert grid is not None and grid.shape == (9, 9, 1)
    assert grid[:4, :4].max() == 0.0 and grid[4, :].min() == 1.0  # tanh -1 -> 0; white gaps
