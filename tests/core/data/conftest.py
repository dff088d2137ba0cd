"""Every data test runs with an empty Keras cache, no network and a fresh dataset cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.data import keras_download, sources


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty Keras cache, a download that always fails offline, and a fresh dataset cache."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))

    def offline(url: str, fname: str, file_hash: str | None, folder: Path) -> Path:
        raise OSError(f"URL fetch failure on {url}: no network in tests")

    monkeypatch.setattr(keras_download, "fetch", offline)
    sources.clear_dataset_cache()
