"""core.data.keras_download and the Keras sources: the cache, downloads, offline messages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.data import keras_download
from core.data.dataset import FASHION_CLASS_NAMES, DatasetError
from core.data.idx import write_idx
from core.data.sources import default_source, load_dataset
from tests.core.data.helpers import assert_valid, digits_like, write_npz


def test_mnist_from_an_existing_keras_cache_needs_no_download(tmp_path: Path) -> None:
    cache = tmp_path / "keras-home" / "datasets"
    cache.mkdir(parents=True)
    write_npz(cache / "mnist.npz")
    assert default_source(allow_download=False) == "mnist"
    ds = load_dataset("mnist")
    assert_valid(ds)
    assert ds.name == "MNIST (40 train / 20 test)" and ds.source == "mnist"


def test_corrupt_keras_cache_is_reported_and_left_alone(tmp_path: Path) -> None:
    cache = tmp_path / "keras-home" / "datasets"
    cache.mkdir(parents=True)
    good = write_npz(tmp_path / "good.npz").read_bytes()
    (cache / "mnist.npz").write_bytes(good[: len(good) // 2])
    with pytest.raises(DatasetError, match="delete it to download again") as info:
        load_dataset("mnist")
    assert "mnist.npz" in str(info.value)
    assert (cache / "mnist.npz").read_bytes() == good[: len(good) // 2]
    assert default_source(allow_download=False) == "digits"


@pytest.mark.parametrize("source", ["mnist", "fashion_mnist"])
def test_offline_keras_sources_name_the_alternatives(tmp_path: Path, source: str) -> None:
    with pytest.raises(DatasetError) as info:
        load_dataset(source)
    message = str(info.value)
    assert message.startswith(f"{source}: download") and "no network in tests" in message
    for alternative in ("'digits'", "'idx:DIR'", "'npz:FILE'"):
        assert alternative in message
    leftovers = list((tmp_path / "keras-home" / "datasets").rglob("*"))
    assert [p for p in leftovers if p.is_file()] == []  # no partial file, temp folder removed


def test_fashion_download_fills_only_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "keras-home" / "datasets" / "fashion-mnist"
    folder.mkdir(parents=True)
    images, labels = digits_like(30)
    write_idx(folder / "train-images-idx3-ubyte.gz", images)
    write_idx(folder / "train-labels-idx1-ubyte.gz", labels)
    before = (folder / "train-images-idx3-ubyte.gz").read_bytes()
    fetched: list[str] = []

    def fake_keras(url: str, fname: str, file_hash: str | None, into: Path) -> Path:
        fetched.append(fname)
        assert into.parent == folder and url.endswith(fname)  # downloads land in a temp folder
        write_idx(into / fname, images[:10] if "images" in fname else labels[:10])
        return into / fname

    monkeypatch.setattr(keras_download, "fetch", fake_keras)
    ds = load_dataset("fashion_mnist")
    assert fetched == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert (len(ds.y_train), len(ds.y_test)) == (30, 10) and ds.class_names == FASHION_CLASS_NAMES
    assert (folder / "train-images-idx3-ubyte.gz").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(keras_download.FASHION_FILES)


def test_link_new_never_overwrites(tmp_path: Path) -> None:
    src, dst = tmp_path / "new", tmp_path / "cached"
    src.write_bytes(b"fresh download")
    dst.write_bytes(b"user's file")
    keras_download.link_new(src, dst)
    assert dst.read_bytes() == b"user's file"
    fresh = tmp_path / "fresh"
    keras_download.link_new(src, fresh)
    assert fresh.read_bytes() == b"fresh download"


def test_host_probe_is_bounded_and_real() -> None:
    import socket
    import time

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert keras_download.host_reachable("127.0.0.1", port, timeout_s=2.0) is True
    start = time.perf_counter()
    assert keras_download.host_reachable("127.0.0.1", port, timeout_s=1.0) is False  # closed now
    assert time.perf_counter() - start < 1.5


def test_mnist_cache_with_labels_beyond_the_ten_digits(tmp_path: Path) -> None:
    cache = tmp_path / "keras-home" / "datasets"
    cache.mkdir(parents=True)
    write_npz(cache / "mnist.npz", y_test=np.full(20, 12, np.uint8))
    with pytest.raises(DatasetError, match=r"y_test: labels out of range \(max 12; this dataset has 10 classes"):
        load_dataset("mnist")


def test_fashion_files_get_the_idx_shape_and_count_checks(tmp_path: Path) -> None:
    folder = tmp_path / "keras-home" / "datasets" / "fashion-mnist"
    folder.mkdir(parents=True)
    images, labels = digits_like(30)
    for split in ("train", "t10k"):
        write_idx(folder / f"{split}-images-idx3-ubyte.gz", images)
        write_idx(folder / f"{split}-labels-idx1-ubyte.gz", labels[:29] if split == "t10k" else labels)
    with pytest.raises(DatasetError, match="image/label count mismatch"):
        load_dataset("fashion_mnist")
