"""Where the project, the shared MNIST files and the user's runs live."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout (or installed) root: the folder holding `main.py`."""
    return Path(__file__).resolve().parent.parent


def shared_mnist_dir() -> Path | None:
    """The genuine MNIST test split beside the checkout (`../shared/data/mnist-t10k`), if present.

    `LATENT_LAB_MNIST_T10K` overrides the location. Tests skip (not fail) when this is None.
    """
    env = os.environ.get("LATENT_LAB_MNIST_T10K")
    candidates = [Path(env)] if env else []
    candidates.append(project_root().parent / "shared" / "data" / "mnist-t10k")
    for path in candidates:
        if (path / "t10k-images-idx3-ubyte.gz").exists() or (path / "t10k-images-idx3-ubyte").exists():
            return path
    return None


def app_home() -> Path:
    """Latent Lab's data folder: `$LATENT_LAB_HOME`, else `~/.local/share/latent-lab`."""
    env = os.environ.get("LATENT_LAB_HOME")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "latent-lab"


def runs_root() -> Path:
    """Folder holding one sub-folder per training run."""
    return app_home() / "runs"
