"""Test-wide setup: offscreen Qt, quiet TensorFlow, and throw-away settings and run folders.

Everything here runs before any test module imports Qt, so the environment variables and
the QSettings location take effect for the whole session.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

_SESSION_TMP = Path(tempfile.mkdtemp(prefix="latent-lab-tests-"))
os.environ["LATENT_LAB_HOME"] = str(_SESSION_TMP / "home")
os.environ.setdefault("XDG_CONFIG_HOME", str(_SESSION_TMP / "config"))

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


def _use_temporary_settings(folder: Path) -> None:
    """Point QSettings (INI format, user and system scope) at `folder`."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # core tests run without Qt installed
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


_use_temporary_settings(_SESSION_TMP / "settings")

@pytest.fixture
def latent_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh LATENT_LAB_HOME (runs land in `<it>/runs`) and fresh QSettings for one test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LATENT_LAB_HOME", str(home))
    _use_temporary_settings(tmp_path / "settings")
    return home


@pytest.fixture
def project_root() -> Path:
    """The checkout root (holds main.py)."""
    return ROOT
