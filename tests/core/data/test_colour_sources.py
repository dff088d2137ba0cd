"""Colour sources: `mondrian`, `folder:DIR` (tiny folders made here, one damaged PNG) and CIFAR."""

from __future__ import annotations

import io
import pickle
import tarfile
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.data import keras_download, mondrian
from core.data.dataset import DatasetError
from core.data.folder import SkippedImagesWarning, parse_folder_arg
from core.data.sources import canonical_source, load_dataset, split_source
from tests.core.data.helpers import assert_valid


def test_mondrian_is_seeded_balanced_and_obeys_its_rules() -> None:
    ds = load_dataset("mondrian")
    assert_valid(ds)
    assert ds.image_shape == (32, 32, 3) and ds.num_classes == 8
    assert len(ds.x_train) == mondrian.TRAIN_COUNT and len(ds.x_test) == mondrian.TEST_COUNT
    assert set(np.bincount(ds.y_train)) == {mondrian.TRAIN_COUNT // 8}
    first, labels = mondrian.mondrian_images(20, 5)
    again, same = mondrian.mondrian_images(20, 5)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(labels, same)
    assert not np.array_equal(first, mondrian.mondrian_images(20, 6)[0])
    palette = np.asarray(list(mondrian.PALETTE.values()), np.float32)
    pixels = ds.x_train[:200].reshape(-1, 3)
    assert np.all(np.min(np.abs(pixels[:, None, :] - palette[None]).sum(-1), axis=1) < 1e-6)
    for image, label in zip(ds.x_train[:200], ds.y_train[:200], strict=True):
        present = {name for name in mondrian.PRIMARIES
                   if np.all(image == np.asarray(mondrian.PALETTE[name], np.float32), axis=-1).any()}
        assert present == set(mondrian.CLASS_SETS[int(label)])
        black = np.all(image == 0.0, axis=-1)
        assert black.all(axis=0).any() or black.all(axis=1).any()  # the first split spans the canvas


def _png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (12, 10), mode: str = "RGB") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, colour if mode == "RGB" else colour[0]).save(path)


def test_folder_source_keeps_colour_resizes_and_splits(tmp_path: Path) -> None:
    for i in range(10):
        _png(tmp_path / "red" / f"{i}.png", (200, 10, 10))
        _png(tmp_path / "blue" / f"{i}.jpg", (10, 10, 200), size=(12, 10) if i else (20, 20))
    (tmp_path / "blue" / "broken.png").write_bytes(Image.new("RGB", (12, 10)).tobytes()[:30])
    with pytest.warns(SkippedImagesWarning, match="broken.png"):
        ds = load_dataset(f"folder:{tmp_path}")
    assert_valid(ds)
    assert ds.class_names == ("blue", "red")
    assert ds.image_shape == (10, 12, 3)  # the most common size, (H, W, RGB)
    assert (len(ds.x_train), len(ds.x_test)) == (16, 4)
    assert sorted(np.bincount(ds.y_test)) == [2, 2]
    assert "1 unreadable file(s) skipped" in ds.name
    reds = ds.x_train[ds.y_train == 1]
    assert np.allclose(reds[..., 0], 200 / 255) and np.allclose(reds[..., 2], 10 / 255)
    with pytest.warns(SkippedImagesWarning):
        sized = load_dataset(f"folder:{tmp_path}?size=8")
    assert sized.image_shape == (8, 8, 3)


def test_folder_of_grey_images_stays_grey(tmp_path: Path) -> None:
    for name in ("a", "b"):
        for i in range(5):
            _png(tmp_path / name / f"{i}.bmp", (40 * i, 0, 0), size=(6, 6), mode="L")
    ds = load_dataset(f"folder:{tmp_path}")
    assert ds.image_shape == (6, 6, 1)


def test_folder_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="folder not found"):
        load_dataset(f"folder:{tmp_path / 'nope'}")
    (tmp_path / "empty" / "cls").mkdir(parents=True)
    with pytest.raises(DatasetError, match="no class subfolders"):
        load_dataset(f"folder:{tmp_path / 'empty'}")
    bad = tmp_path / "bad" / "cls"
    bad.mkdir(parents=True)
    (bad / "x.png").write_bytes(b"not a png")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DatasetError, match="none of the image files could be read"):
            load_dataset(f"folder:{tmp_path / 'bad'}")
    with pytest.raises(DatasetError, match="size must be"):
        load_dataset(f"folder:{tmp_path}?size=big")


def test_folder_paths_keep_windows_drive_letters() -> None:
    assert split_source("folder:C:\\photos\\pets") == ("folder", "C:\\photos\\pets")
    assert canonical_source("Folder:C:\\photos\\pets?size=32") == "folder:C:\\photos\\pets?size=32"
    folder, size = parse_folder_arg("C:\\photos\\pets?size=32x48")
    assert str(folder).endswith("pets") and size == (32, 48)


def _cifar_tar(path: Path) -> None:
    rng = np.random.default_rng(0)

    def batch(n: int) -> bytes:
        data = rng.integers(0, 256, (n, 3072), dtype=np.uint8)
        return pickle.dumps({b"data": data, b"labels": [i % 10 for i in range(n)]}, protocol=4)

    with tarfile.open(path, "w:gz") as tar:
        names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
        for name in names:
            payload = batch(10)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))


def test_cifar10_reads_the_cached_archive_as_colour(tmp_path: Path) -> None:
    cache = keras_download.keras_cache_dir()
    cache.mkdir(parents=True)
    _cifar_tar(cache / "cifar-10-python.tar.gz")
    ds = load_dataset("cifar10")
    assert_valid(ds)
    assert ds.image_shape == (32, 32, 3) and len(ds.x_train) == 50 and len(ds.x_test) == 10
    assert ds.class_names[0] == "airplane"


@pytest.mark.parametrize("source", ["cifar10", "cifar100"])
def test_cifar_offline_message_is_one_clear_line(source: str) -> None:
    with pytest.raises(DatasetError) as info:
        load_dataset(source)
    message = str(info.value)
    assert message.startswith(f"{source}: download from ") and "offline alternatives" in message
    assert "mondrian" in message and "\n" not in message
