"""Files that `keras.datasets` serves: the cache folder, hash-checked downloads, an offline check."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from core.data.dataset import DatasetError

KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
MNIST_FILE, MNIST_SHA256 = "mnist.npz", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
FASHION_DIR = "fashion-mnist"
FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
OFFLINE_HINT = ("offline alternatives: 'digits', 'mondrian', 'idx:DIR' (a folder of MNIST IDX files), "
                "'folder:DIR' (class subfolders of images) or 'npz:FILE'")


def keras_cache_dir() -> Path:
    """Where Keras caches its datasets: `$KERAS_HOME/datasets`, else `~/.keras/datasets`."""
    home = os.environ.get("KERAS_HOME")
    if home:
        return Path(home).expanduser() / "datasets"
    base = Path.home() if os.access(Path.home(), os.W_OK) else Path("/tmp")
    return base / ".keras" / "datasets"


def fetch(url: str, fname: str, file_hash: str | None, folder: Path) -> Path:
    """Download `url` into `folder/fname` through Keras (hash-checked); tests replace this."""
    from core.tf_env import keras

    return Path(keras().utils.get_file(fname, origin=url, file_hash=file_hash,
                                       cache_dir=str(folder), cache_subdir=""))


def download(source: str, files: list[tuple[str, str | None]], target: Path,
             origin: str = KERAS_ORIGIN) -> None:
    """Fetch `files` from `origin` into a temp folder, then link each into `target` without overwriting."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".latent-lab-download-", dir=target))
    except OSError as exc:
        raise DatasetError(f"{source}: cannot create the cache folder {target} ({exc})") from None
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(30.0)
    try:
        for fname, digest in files:
            got = fetch(origin + fname, fname, digest, temp)
            link_new(got, target / fname)
    except Exception as exc:  # noqa: BLE001 - offline, HTTP errors, hash mismatch, ...
        raise DatasetError(f"{source}: download from {origin} failed ({exc}); {OFFLINE_HINT}") from None
    finally:
        socket.setdefaulttimeout(previous)
        shutil.rmtree(temp, ignore_errors=True)


def link_new(src: Path, dst: Path) -> None:
    """Put `src` at `dst` unless something is already there (never overwrite a cache)."""
    with contextlib.suppress(FileExistsError):
        try:
            os.link(src, dst)
        except OSError:  # exists (-> suppressed below) or no hard links: exclusive-create copy
            with open(dst, "xb") as out, open(src, "rb") as inp:
                shutil.copyfileobj(inp, out)


def host_reachable(host: str, port: int, timeout_s: float) -> bool:
    """Whether a TCP connection opens within `timeout_s` (DNS included, via a daemon thread)."""
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout_s):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True, name="latent-lab-net-probe")
    thread.start()
    thread.join(timeout_s)
    return bool(result and result[0])
