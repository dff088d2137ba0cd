"""Small dialogs: file and folder choosers, About and Keyboard-shortcuts boxes.

Choosers are module-level functions so tests can monkeypatch them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

APP_NAME = "Latent Lab"

#: (keys, what they do) listed in Help -> Keyboard shortcuts.
SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+1 … Ctrl+4", "Switch tabs"),
    ("Ctrl+T", "Train (Training tab)"),
    ("Space", "Pause / resume while training (Training tab)"),
    ("Esc", "Stop training (Training tab)"),
    ("Ctrl+O", "Open run…"),
    ("Ctrl+Shift+O", "Open model…"),
    ("Ctrl+Q", "Quit"),
]


def choose_idx_folder(parent: QWidget | None) -> Path | None:
    """Ask for a folder holding MNIST-style IDX files (gzipped or raw)."""
    path = QFileDialog.getExistingDirectory(parent, "Open IDX folder")
    return Path(path) if path else None


def choose_npz_file(parent: QWidget | None) -> Path | None:
    """Ask for a .npz dataset file (x_train, y_train, x_test, y_test)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open .npz dataset", "", "NumPy archives (*.npz)")
    return Path(path) if path else None


def choose_run_folder(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """Ask for a run folder (one holding config.json)."""
    path = QFileDialog.getExistingDirectory(parent, "Open run", str(start or ""))
    return Path(path) if path else None


def choose_model_file(parent: QWidget | None) -> Path | None:
    """Ask for a saved Keras model (.keras)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open model", "", "Keras models (*.keras)")
    return Path(path) if path else None


def about_text(engine: str = "") -> str:
    """The About box's rich text."""
    return (
        f"<h3>{APP_NAME}</h3><p>Train an MNIST classifier, an autoencoder, a VAE with a 2-D "
        "latent space and a GAN live; inspect layer outputs, walk the latent map and sample "
        "the generator.</p>"
        f"<p>{engine or 'The engine (TensorFlow) is still loading.'}</p>"
    )


def show_about(parent: QWidget | None, engine: str = "") -> None:
    """Help -> About Latent Lab."""
    QMessageBox.about(parent, f"About {APP_NAME}", about_text(engine))


def shortcuts_html(extra: list[tuple[str, str]] | None = None) -> str:
    """The shortcuts table as HTML."""
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS + (extra or []))
    return f"<table cellspacing='6'>{rows}</table>"


def show_shortcuts(parent: QWidget | None, extra: list[tuple[str, str]] | None = None) -> None:
    """Help -> Keyboard shortcuts."""
    QMessageBox.information(parent, "Keyboard shortcuts", shortcuts_html(extra))
