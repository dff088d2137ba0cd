"""Where the project, the shared MNIST files and the user's runs live.

User data goes to each OS's standard place (`platformdirs`): `~/.local/share/latent-lab`
on Linux (or `$XDG_DATA_HOME/latent-lab`), `~/Library/Application Support/latent-lab` on
macOS, `%LOCALAPPDATA%\\latent-lab` on Windows; `LATENT_LAB_HOME` overrides it. Settings
are not here: the window keeps them in `QSettings`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

#: The folder name under the OS's user-data location, and the distribution's name.
APP_NAME = "latent-lab"
#: Environment variable: use this folder instead of the OS's user-data location.
HOME_ENV = "LATENT_LAB_HOME"
#: Environment variable: where the genuine MNIST test split (`t10k-*` IDX files) lies.
MNIST_ENV = "LATENT_LAB_MNIST_T10K"


def project_root() -> Path:
    """The folder holding the `core` package: the checkout, or `site-packages` when installed."""
    return Path(__file__).resolve().parent.parent


def checkout_root() -> Path | None:
    """The checkout this code runs from (it has `pyproject.toml`), or None for an installed copy."""
    root = project_root()
    return root if (root / "pyproject.toml").is_file() else None


def shared_mnist_dir() -> Path | None:
    """The genuine MNIST test split beside the checkout (`../shared/data/mnist-t10k`), if present.

    `LATENT_LAB_MNIST_T10K` overrides the location. An installed copy has no checkout, so only
    the override counts there. Tests skip (not fail) when this is None.
    """
    env = os.environ.get(MNIST_ENV)
    candidates = [Path(env).expanduser()] if env else []
    root = checkout_root()
    if root is not None:
        candidates.append(root.parent / "shared" / "data" / "mnist-t10k")
    for path in candidates:
        if (path / "t10k-images-idx3-ubyte.gz").exists() or (path / "t10k-images-idx3-ubyte").exists():
            return path
    return None


def default_app_home() -> Path:
    """The OS's user-data folder for Latent Lab, ignoring `LATENT_LAB_HOME`."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def app_home() -> Path:
    """Latent Lab's data folder: `$LATENT_LAB_HOME`, else the OS's user-data folder."""
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return default_app_home()


def runs_root() -> Path:
    """Folder holding one sub-folder per training run."""
    return app_home() / "runs"
