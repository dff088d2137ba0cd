"""core.data.idx: reading, writing and finding IDX files, and refusing broken ones clearly."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import paths
from core.data.idx import (
    IdxError,
    encode_idx,
    find_idx_pairs,
    folder_title,
    parse_idx,
    read_idx,
    read_idx_pair,
    write_idx,
)

RNG = np.random.default_rng(0)
IMAGES = RNG.integers(0, 256, size=(12, 5, 4), dtype=np.uint8)
LABELS = RNG.integers(0, 10, size=12).astype(np.uint8)


@pytest.mark.parametrize("dtype", ["u1", "i1", ">i2", "<i4", ">f4", "<f8"])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_round_trip_every_type(tmp_path: Path, dtype: str, suffix: str) -> None:
    array = (np.arange(60).reshape(3, 4, 5) * (1 if dtype == "u1" else -1)).astype(dtype)
    if dtype == "u1":
        array = np.arange(60, dtype=np.uint8).reshape(3, 4, 5)
    path = tmp_path / f"data-idx3-ubyte{suffix}"
    write_idx(path, array)
    assert path.read_bytes()[:2] == (b"\x1f\x8b" if suffix else b"\x00\x00")
    back = read_idx(path)
    assert back.shape == (3, 4, 5)
    assert back.dtype.isnative and back.dtype.kind == np.dtype(dtype).kind
    np.testing.assert_array_equal(back, array)


def test_gzip_detected_from_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "labels-idx1-ubyte"  # no .gz, but gzipped
    write_idx(path, LABELS, compress=True)
    np.testing.assert_array_equal(read_idx(path), LABELS)


def test_header_layout_matches_the_spec() -> None:
    data = encode_idx(IMAGES)
    assert data[:4] == b"\x00\x00\x08\x03"
    assert struct.unpack(">3I", data[4:16]) == (12, 5, 4)
    assert len(data) == 16 + IMAGES.size


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "only 0 bytes"),
        (b"\x00\x00\x08", "only 3 bytes"),
        (b"\x01\x02\x08\x01" + b"\x00" * 8, "wrong magic number 0x01020801"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "unknown IDX type code 0x07"),
        (b"\x00\x00\x08\x00", "declares 0 dimensions"),
        (b"\x00\x00\x08\x03\x00\x00\x00\x02", "truncated IDX header"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x05\x01\x02", "truncated IDX file"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x01\x01\x02", "1 unexpected trailing bytes"),
        (b"\x00\x00\x08\x02\xff\xff\xff\xff\xff\xff\xff\xff", "truncated IDX file"),
    ],
)
def test_parse_errors_name_the_problem(data: bytes, needle: str) -> None:
    with pytest.raises(IdxError) as info:
        parse_idx(data, name="some/file-idx1-ubyte")
    assert "some/file-idx1-ubyte" in str(info.value)
    assert needle in str(info.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope-idx1-ubyte"
    with pytest.raises(IdxError, match="file not found") as info:
        read_idx(missing)
    assert str(missing) in str(info.value)
    with pytest.raises(IdxError, match="is a folder"):
        read_idx(tmp_path)
    good = gzip.compress(encode_idx(IMAGES))
    truncated = tmp_path / "truncated-idx3-ubyte.gz"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(IdxError, match="corrupt gzip data") as info:
        read_idx(truncated)
    assert str(truncated) in str(info.value)
    garbled = tmp_path / "garbled-idx3-ubyte.gz"
    garbled.write_bytes(good[:10] + bytes(255 - b for b in good[10:]))
    with pytest.raises(IdxError, match="corrupt gzip data"):
        read_idx(garbled)


def _write_set(folder: Path, prefix: str, split: str, images: np.ndarray, labels: np.ndarray,
               suffix: str = ".gz", sep: str = "-") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    x = folder / f"{prefix}{split}-images{sep}idx3-ubyte{suffix}"
    y = folder / f"{prefix}{split}-labels{sep}idx1-ubyte{suffix}"
    write_idx(x, images)
    write_idx(y, labels)
    return x, y


def test_find_pairs_recognises_distribution_names(tmp_path: Path) -> None:
    x, y = _write_set(tmp_path / "a", "", "t10k", IMAGES, LABELS)
    assert find_idx_pairs(tmp_path / "a") == {"test": (x, y)}
    tx, ty = _write_set(tmp_path / "b", "emnist-digits-", "train", IMAGES, LABELS, "", ".")
    sx, sy = _write_set(tmp_path / "b", "emnist-digits-", "test", IMAGES, LABELS, "", ".")
    (tmp_path / "b" / "README.md").write_text("not idx")
    assert find_idx_pairs(tmp_path / "b") == {"train": (tx, ty), "test": (sx, sy)}


def test_raw_copy_preferred_over_gzip(tmp_path: Path) -> None:
    _write_set(tmp_path, "", "t10k", IMAGES, LABELS, ".gz")
    x, y = _write_set(tmp_path, "", "t10k", IMAGES, LABELS, "")
    assert find_idx_pairs(tmp_path)["test"] == (x, y)


def test_find_pairs_errors(tmp_path: Path) -> None:
    with pytest.raises(IdxError, match="folder not found"):
        find_idx_pairs(tmp_path / "absent")
    (tmp_path / "file").write_text("x")
    with pytest.raises(IdxError, match="not a folder"):
        find_idx_pairs(tmp_path / "file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IdxError, match="no IDX files found"):
        find_idx_pairs(tmp_path / "empty")
    x, y = _write_set(tmp_path / "lonely", "", "train", IMAGES, LABELS)
    y.unlink()
    with pytest.raises(IdxError, match="no matching labels file") as info:
        find_idx_pairs(tmp_path / "lonely")
    assert str(x) in str(info.value)
    _write_set(tmp_path / "two", "emnist-letters-", "test", IMAGES, LABELS)
    _write_set(tmp_path / "two", "emnist-digits-", "test", IMAGES, LABELS)
    with pytest.raises(IdxError, match="several IDX files"):
        find_idx_pairs(tmp_path / "two")


def test_read_pair_checks_shapes_and_counts(tmp_path: Path) -> None:
    x, y = _write_set(tmp_path, "", "t10k", IMAGES, LABELS[:-1])
    with pytest.raises(IdxError, match="12 images but t10k-labels-idx1-ubyte.gz has 11 labels"):
        read_idx_pair(x, y)
    write_idx(x, IMAGES.reshape(12, 20))
    with pytest.raises(IdxError, match=r"expected images shaped \(N, H, W\)"):
        read_idx_pair(x, y)
    write_idx(x, IMAGES)
    write_idx(y, LABELS.reshape(3, 4))
    with pytest.raises(IdxError, match=r"expected labels shaped \(N,\)"):
        read_idx_pair(x, y)


def test_folder_title() -> None:
    assert folder_title("mnist-t10k") == "MNIST t10k"
    assert folder_title("fashion-mnist") == "Fashion-MNIST"
    assert folder_title("kmnist") == "KMNIST"
    assert folder_title("my_digits") == "my digits"


def test_real_t10k_files() -> None:
    folder = paths.shared_mnist_dir()
    if folder is None:
        pytest.skip("shared MNIST t10k folder absent")
    images = read_idx(folder / "t10k-images-idx3-ubyte.gz")
    labels = read_idx(folder / "t10k-labels-idx1-ubyte.gz")
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert images.max() == 255 and images.min() == 0
    counts = np.bincount(labels, minlength=10).tolist()
    assert counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


_VALID = encode_idx(IMAGES)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(_VALID)), st.integers(0, 255)), max_size=6),
    length=st.integers(0, len(_VALID) + 8),
    gz=st.booleans(),
)
def test_fuzz_mutated_files_only_raise_idx_error(
    tmp_path: Path, cuts: list[tuple[int, int]], length: int, gz: bool
) -> None:
    data = bytearray(_VALID + b"\x00" * 8)[:length]
    for pos, value in cuts:
        if pos < len(data):
            data[pos] = value
    raw = bytes(data)
    if gz:
        compressed = bytearray(gzip.compress(raw))
        for pos, value in cuts[:2]:  # also corrupt the compressed stream
            compressed[pos % len(compressed)] = value
        raw = bytes(compressed)
    path = tmp_path / "fuzz-idx3-ubyte"
    path.write_bytes(raw)
    try:
        array = read_idx(path)
    except IdxError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(array, np.ndarray) and array.dtype.isnative and array.ndim >= 1
