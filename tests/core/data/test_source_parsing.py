"""`KIND:PATH` sources split on the first colon only: Windows drive letters survive everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.data import sources
from core.data.dataset import DatasetError
from core.data.sources import canonical_source, load_dataset, split_source
from tests.core.data.helpers import idx_folder, write_npz

DRIVE_PATHS = ["C:\\data\\mnist", "c:/data/mnist", "D:relative\\x", "\\\\server\\share\\mnist"]


@pytest.mark.parametrize("path", DRIVE_PATHS)
@pytest.mark.parametrize("kind", ["idx", "npz", "IDX", " Npz "])
def test_split_keeps_everything_after_the_first_colon(kind: str, path: str) -> None:
    assert split_source(f"{kind}:{path}") == (kind.strip().lower(), path)
    assert split_source(f"  {kind}:  {path}  ") == (kind.strip().lower(), path)


@pytest.mark.parametrize("source", ["mnist", "digits", "idx:", "npz:   ", "C:\\data\\mnist", "zip:C:\\x", ""])
def test_split_refuses_what_is_not_a_path_source(source: str) -> None:
    assert split_source(source) is None


@pytest.mark.parametrize("path", ["C:\\data\\mnist", "c:/data/mnist", "\\\\server\\share\\mnist"])
def test_canonical_source_keeps_windows_paths_whole(path: str) -> None:
    assert canonical_source(f"idx:{path}") == f"idx:{path}"
    assert canonical_source(f"NPZ:{path}.npz") == f"npz:{path}.npz"


def test_load_dataset_hands_the_whole_drive_path_to_the_idx_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def fake_idx(source: str, folder: Path) -> object:
        seen.append(folder)
        raise DatasetError("stop here")

    monkeypatch.setattr(sources, "_load_idx", fake_idx)
    with pytest.raises(DatasetError, match="stop here"):
        load_dataset("idx:C:\\data\\mnist")
    assert [str(p) for p in seen] == [str(Path("C:\\data\\mnist"))]


@pytest.mark.parametrize("source", ["idx:C:\\data\\mnist", "npz:C:\\data\\mnist.npz"])
def test_a_missing_drive_path_is_named_in_full(source: str) -> None:
    with pytest.raises(DatasetError) as info:
        load_dataset(source)
    message = str(info.value)
    assert source.split(":", 1)[1] in message and "unknown dataset source" not in message


def test_paths_with_colons_still_load(tmp_path: Path) -> None:
    folder = idx_folder(tmp_path / "odd:name")
    assert len(load_dataset(f"idx:{folder}").x_train) > 0
    npz = write_npz(tmp_path / "a:b.npz")
    assert len(load_dataset(f"NPZ:{npz}").x_test) > 0
