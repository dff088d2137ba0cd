"""core.data (dataset, sources, keras_download): every source, the t10k split, the caches, and one clear error for bad input."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import paths
from core.data import sources
from core.data.dataset import FASHION_CLASS_NAMES, Dataset, DatasetError
from core.data.idx import encode_idx, write_idx
from core.data.sources import default_source, describe_sources, load_dataset, load_dataset_cached
from tests.core.data.helpers import RNG, assert_valid, digits_like, idx_folder, write_npz

ROOT = Path(__file__).resolve().parents[3]


# ---------------------------------------------------------------- sources


def test_digits_is_offline_and_split_80_20() -> None:
    ds = load_dataset("digits")
    assert_valid(ds)
    assert (len(ds.y_train), len(ds.y_test)) == (1438, 359)
    assert ds.image_shape == (8, 8, 1) and ds.class_names == tuple("0123456789")
    assert "1,797 images, stratified 80/20 split" in ds.name
    assert ds.x_train.max() == 1.0 and len(np.unique(ds.x_train)) == 17  # 0..16 / 16
    again = load_dataset("Digits")
    np.testing.assert_array_equal(again.x_test, ds.x_test)
    np.testing.assert_array_equal(again.y_train, ds.y_train)


def test_real_t10k_split_is_stratified_and_deterministic() -> None:
    folder = paths.shared_mnist_dir()
    if folder is None:
        pytest.skip("shared MNIST t10k folder absent")
    ds = load_dataset(f"idx:{folder}")
    assert_valid(ds)
    assert ds.x_train.shape == (8000, 28, 28, 1) and ds.x_test.shape == (2000, 28, 28, 1)
    assert ds.name == "MNIST t10k (10,000 images, stratified 80/20 split: 8,000 train / 2,000 test)"
    per_class = np.bincount(np.concatenate([ds.y_train, ds.y_test]), minlength=10)
    assert per_class.tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert np.all(np.abs(np.bincount(ds.y_test, minlength=10) - per_class * 0.2) <= 1)
    again = load_dataset(f"idx:{folder}/")
    np.testing.assert_array_equal(again.x_train, ds.x_train)
    np.testing.assert_array_equal(again.y_test, ds.y_test)
    # the two halves are disjoint: no test image also sits in train
    train_rows = {row.tobytes() for row in ds.x_train[:, :, :, 0]}
    assert sum(row.tobytes() in train_rows for row in ds.x_test[:300, :, :, 0]) <= 3  # MNIST has rare duplicates


def testidx_folder_with_train_and_test_raw_files(tmp_path: Path) -> None:
    folder = idx_folder(tmp_path / "fashion-mnist", ("train", "t10k"), n=30, suffix="")
    ds = load_dataset(f"idx:{folder}")
    assert_valid(ds)
    assert (len(ds.y_train), len(ds.y_test)) == (30, 30)
    assert ds.name == "Fashion-MNIST (30 train / 30 test)"
    assert ds.class_names == FASHION_CLASS_NAMES


def test_npz_uint8_and_float_layouts(tmp_path: Path) -> None:
    ds = load_dataset(f"npz:{write_npz(tmp_path / 'mine.npz')}")
    assert_valid(ds)
    assert ds.name == "mine (40 train / 20 test)" and ds.image_shape == (6, 6, 1)
    raw = np.load(tmp_path / "mine.npz")
    np.testing.assert_allclose(ds.x_train[..., 0], raw["x_train"] / 255.0, atol=1e-7)
    x = RNG.random((40, 6, 6, 1))
    ds2 = load_dataset(f"npz:{write_npz(tmp_path / 'f.npz', x_train=x, y_train=np.arange(40)[:, None] % 3)}")
    np.testing.assert_allclose(ds2.x_train, x.astype(np.float32))
    assert ds2.y_train.dtype == np.int64 and ds2.num_classes == 10


def test_loaders_never_import_tensorflow(tmp_path: Path) -> None:
    idx = idx_folder(tmp_path / "idx")
    npz = write_npz(tmp_path / "d.npz")
    code = (
        "import sys; from core.data.sources import load_dataset, describe_sources, default_source\n"
        f"for s in ('digits', 'idx:{idx}', 'npz:{npz}'): load_dataset(s).subset(10, 5)\n"
        "describe_sources(); default_source(allow_download=False)\n"
        "bad = [m for m in ('tensorflow', 'keras', 'PySide6', 'sklearn') if m in sys.modules]\n"
        "print('IMPORTED', bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "IMPORTED []" in out.stdout


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("arrays", "needle"),
    [
        ({"y_test": None}, "missing keys y_test"),
        ({"x_train": np.full((40, 6, 6), np.nan)}, "NaN or infinite"),
        ({"x_train": np.full((40, 6, 6), 2.0)}, "float pixels must be in [0, 1]"),
        ({"x_train": np.zeros((0, 6, 6), np.uint8), "y_train": np.zeros(0, np.uint8)}, "no images"),
        ({"x_train": np.zeros((40, 36), np.uint8)}, "expected images shaped"),
        ({"x_train": np.zeros((40, 6, 6, 2), np.uint8)}, "expected images shaped"),
        ({"x_train": np.full((40, 6, 6), 300, np.int32)}, "integer pixels must be 0..255"),
        ({"y_train": np.full(40, -1)}, "labels out of range"),
        ({"y_train": np.full(40, 256)}, "labels out of range"),
        ({"y_train": np.full(40, 0.5)}, "whole numbers"),
        ({"y_train": np.zeros(39, np.uint8)}, "image/label count mismatch (40 images, 39 labels)"),
        ({"x_test": np.zeros((20, 5, 5), np.uint8)}, "test images"),
        ({"x_train": np.full((40, 6, 6), "a")}, "unsupported pixel type"),
    ],
)
def test_bad_npz_content(tmp_path: Path, arrays: dict, needle: str) -> None:
    path = write_npz(tmp_path / "bad.npz", **arrays)
    with pytest.raises(DatasetError) as info:
        load_dataset(f"npz:{path}")
    assert str(path) in str(info.value) and needle in str(info.value)


def test_bad_npz_files(tmp_path: Path) -> None:
    good = write_npz(tmp_path / "good.npz").read_bytes()
    cases = {
        "missing.npz": (None, "file not found"),
        "folder.npz": ("dir", "not a file"),
        "text.npz": (b"hello world", "not an .npz archive"),
        "cut.npz": (good[: len(good) - 200], "corrupt .npz"),
    }
    for name, (content, needle) in cases.items():
        path = tmp_path / name
        if content == "dir":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content)
        with pytest.raises(DatasetError, match=needle) as info:
            load_dataset(f"npz:{path}")
        assert str(path) in str(info.value)
    objects = tmp_path / "objects.npz"
    np.savez(objects, x_train=np.array([{"a": 1}], dtype=object), y_train=[0], x_test=[0], y_test=[0])
    with pytest.raises(DatasetError, match="refusing to unpickle"):
        load_dataset(f"npz:{objects}")


def test_badidx_folders(tmp_path: Path) -> None:
    folder = idx_folder(tmp_path / "mnist")
    labels = folder / "t10k-labels-idx1-ubyte.gz"
    images = folder / "t10k-images-idx3-ubyte.gz"
    write_idx(labels, np.arange(50, dtype=np.int32) + 250)
    with pytest.raises(DatasetError, match="labels out of range") as info:
        load_dataset(f"idx:{folder}")
    assert str(labels) in str(info.value)
    write_idx(labels, np.zeros(49, np.uint8))
    with pytest.raises(DatasetError, match="50 images but t10k-labels-idx1-ubyte.gz has 49 labels"):
        load_dataset(f"idx:{folder}")
    images.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(DatasetError, match="corrupt gzip data") as info:
        load_dataset(f"idx:{folder}")
    assert str(images) in str(info.value)
    images.write_bytes(b"\x00\x00\x08\x03" + b"\x00" * 3)
    with pytest.raises(DatasetError, match="truncated IDX header"):
        load_dataset(f"idx:{folder}")
    images.write_bytes(b"\x12\x34\x08\x03" + b"\x00" * 12)
    with pytest.raises(DatasetError, match="wrong magic number"):
        load_dataset(f"idx:{folder}")
    images.write_bytes(encode_idx(digits_like(50)[0])[:-7])
    with pytest.raises(DatasetError, match="truncated IDX file"):
        load_dataset(f"idx:{folder}")
    (tmp_path / "emptydir").mkdir()
    for bad, needle in ((tmp_path / "absent", "folder not found"), (tmp_path / "emptydir", "no IDX files")):
        with pytest.raises(DatasetError, match=needle) as info:
            load_dataset(f"idx:{bad}")
        assert str(bad) in str(info.value)


@pytest.mark.parametrize("source", ["svhn", "idx:", "npz:  ", "", "   ", None, 3, "zip:/tmp/x"])
def test_unknown_or_empty_sources(source: object) -> None:
    with pytest.raises(DatasetError, match="unknown dataset source|non-empty string"):
        load_dataset(source)  # type: ignore[arg-type]


def test_single_image_cannot_be_split(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    write_idx(folder / "t10k-images-idx3-ubyte", np.zeros((1, 4, 4), np.uint8))
    write_idx(folder / "t10k-labels-idx1-ubyte", np.zeros(1, np.uint8))
    with pytest.raises(DatasetError, match="too few for an 80/20 split"):
        load_dataset(f"idx:{folder}")


# ---------------------------------------------------------------- subset, caches, GUI list


def test_subset_is_class_balanced_deterministic_and_read_only() -> None:
    ds = load_dataset("digits")
    small = ds.subset(100, 30)
    assert_valid(small)
    assert (len(small.y_train), len(small.y_test)) == (100, 30)
    assert np.bincount(small.y_train, minlength=10).min() >= 9
    assert np.bincount(small.y_test, minlength=10).tolist() == [3] * 10
    np.testing.assert_array_equal(ds.subset(100, 30).x_train, small.x_train)
    assert not np.array_equal(ds.subset(100, 30, seed=1).y_train, small.y_train) or \
        not np.array_equal(ds.subset(100, 30, seed=1).x_train, small.x_train)
    assert "[subset: 100 train / 30 test]" in small.name
    assert ds.subset(None, 10_000) is ds
    only_test = ds.subset(None, 10)
    assert len(only_test.y_train) == len(ds.y_train) and len(only_test.y_test) == 10
    with pytest.raises(DatasetError, match="at least 1"):
        ds.subset(0, 5)
    with pytest.raises(ValueError):
        small.x_train[0, 0, 0, 0] = 0.5


def test_cached_loader_loads_each_source_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = sources.load_dataset

    def counting(source: str) -> Dataset:
        calls.append(source)
        return real(source)

    monkeypatch.setattr(sources, "load_dataset", counting)
    results: list[Dataset] = []
    threads = [threading.Thread(target=lambda: results.append(load_dataset_cached(" digits"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(results) == 4 and all(r is results[0] for r in results)
    assert load_dataset_cached("DIGITS") is results[0]
    assert calls == ["digits"]
    with pytest.raises(DatasetError):
        load_dataset_cached("npz:/nonexistent.npz")
    with pytest.raises(DatasetError):
        load_dataset_cached("npz:/nonexistent.npz")
    assert calls == ["digits", "npz:/nonexistent.npz", "npz:/nonexistent.npz"]  # errors not cached


def test_describe_sources_and_default_source() -> None:
    sources = dict(describe_sources())
    assert list(sources)[:3] == ["mnist", "fashion_mnist", "digits"]
    assert "11 MB download" in sources["mnist"] and all(sources.values())
    shared = paths.shared_mnist_dir()
    assert (f"idx:{shared}" in sources) == (shared is not None)
    assert default_source(allow_download=False) == "digits"


# ---------------------------------------------------------------- fuzz

_GOOD_IMAGES = encode_idx(digits_like(20)[0])
_GOOD_LABELS = encode_idx(digits_like(20)[1])
_FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(
    which=st.sampled_from(["images", "labels"]),
    edits=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), min_size=1, max_size=5),
    cut=st.integers(0, 600),
)
def test_fuzz_mutatedidx_folder(tmp_path: Path, which: str, edits: list, cut: int) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    files = {"images": bytearray(_GOOD_IMAGES), "labels": bytearray(_GOOD_LABELS)}
    target = files[which]
    for pos, value in edits:
        target[pos % len(target)] = value
    if cut:
        del target[-min(cut, len(target)):]
    (folder / "t10k-images-idx3-ubyte").write_bytes(bytes(files["images"]))
    (folder / "t10k-labels-idx1-ubyte").write_bytes(bytes(files["labels"]))
    try:
        ds = load_dataset(f"idx:{folder}")
    except DatasetError as exc:
        assert str(folder) in str(exc)
    else:
        assert_valid(ds)


@_FUZZ
@given(data=st.one_of(st.binary(max_size=400), st.binary(min_size=4, max_size=400).map(lambda b: b"PK\x03\x04" + b)))
def test_fuzz_random_bytes_aswrite_npz(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.npz"
    path.write_bytes(data)
    with pytest.raises(DatasetError) as info:
        load_dataset(f"npz:{path}")
    assert str(path) in str(info.value)


@_FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=4))
def test_fuzz_mutatedwrite_npz(tmp_path: Path, edits: list) -> None:
    path = tmp_path / "mutated.npz"
    data = bytearray(write_npz(tmp_path / "base.npz").read_bytes())
    for pos, value in edits:
        data[pos % len(data)] = value
    path.write_bytes(bytes(data))
    try:
        ds = load_dataset(f"npz:{path}")
    except DatasetError as exc:
        assert str(path) in str(exc)
    else:
        assert_valid(ds)


