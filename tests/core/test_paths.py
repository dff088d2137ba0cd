"""core.paths: the OS's user-data folder (platformdirs), the override, and an installed copy."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from core import paths


def test_app_home_is_the_os_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    expected = Path(platformdirs.user_data_dir("latent-lab", appauthor=False))
    assert paths.app_home() == paths.default_app_home() == expected
    assert paths.runs_root() == expected / "runs"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG layout is Linux's")
def test_linux_keeps_the_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.app_home() == tmp_path / ".local" / "share" / "latent-lab"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.runs_root() == tmp_path / "data" / "latent-lab" / "runs"


def test_environment_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    assert paths.app_home() == tmp_path / "home"
    assert paths.runs_root() == tmp_path / "home" / "runs"
    monkeypatch.setenv(paths.HOME_ENV, "   ")
    assert paths.app_home() == paths.default_app_home()


def test_the_checkout_is_found_and_an_installed_copy_has_none(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    assert paths.checkout_root() == Path(__file__).resolve().parents[2]
    monkeypatch.setattr(paths, "project_root", lambda: tmp_path / "site-packages")
    monkeypatch.delenv(paths.MNIST_ENV, raising=False)
    assert paths.checkout_root() is None
    assert paths.shared_mnist_dir() is None


def test_mnist_override_is_used_when_it_holds_the_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "project_root", lambda: tmp_path / "site-packages")
    monkeypatch.setenv(paths.MNIST_ENV, str(tmp_path / "t10k"))
    assert paths.shared_mnist_dir() is None
    (tmp_path / "t10k").mkdir()
    (tmp_path / "t10k" / "t10k-images-idx3-ubyte.gz").write_bytes(b"")
    assert paths.shared_mnist_dir() == tmp_path / "t10k"
