"""Small dialogs: file and folder choosers, About and Keyboard-shortcuts boxes.

Choosers are module-level functions so tests can monkeypatch them. Each kind of chooser
(run, model, IDX folder, .npz file) starts in the last folder used for that kind, remembered
in the settings passed in, or else in the runs folder. Texts are translated in the context
"Dialogs" at the moment a dialog opens, so they follow the current language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

APP_NAME = "Latent Lab"


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do) listed in Help -> Keyboard shortcuts, in the current language."""
    return [
        ("Ctrl+1 … Ctrl+4", QCoreApplication.translate("Dialogs", "Switch tabs")),
        ("Ctrl+PgDown / Ctrl+PgUp", QCoreApplication.translate("Dialogs", "Next / previous tab")),
        ("Ctrl+T", QCoreApplication.translate("Dialogs", "Train (Training tab)")),
        ("Ctrl+Space", QCoreApplication.translate("Dialogs", "Pause / resume while training (Tools menu)")),
        ("Ctrl+.", QCoreApplication.translate("Dialogs", "Stop training (Tools menu)")),
        ("Ctrl+O", QCoreApplication.translate("Dialogs", "Open run…")),
        ("Ctrl+Shift+O", QCoreApplication.translate("Dialogs", "Open model…")),
        ("F5", QCoreApplication.translate("Dialogs", "Rescan the runs folder")),
        ("Ctrl+Q", QCoreApplication.translate("Dialogs", "Quit")),
    ]


def last_folder_key(kind: str) -> str:
    """The settings key remembering the last folder of one kind of dialog."""
    return f"dialogs/last_{kind}_folder"


def start_folder(settings: QSettings | None, kind: str) -> Path:
    """Where a `kind` dialog opens: the last folder used for it, else the runs folder."""
    from core.paths import app_home, runs_root

    if settings is not None:
        from gui.app_state import read_setting

        last = str(read_setting(settings, last_folder_key(kind), ""))
        if last and _is_dir(last):
            return Path(last)
    for candidate in (runs_root(), app_home()):
        if candidate.is_dir():
            return candidate
    return Path.home()


def _is_dir(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False


def remember_folder(settings: QSettings | None, kind: str, folder: Path) -> None:
    """Remember `folder` as where the next `kind` dialog opens."""
    if settings is not None:
        settings.setValue(last_folder_key(kind), str(folder))


def _chosen(settings: QSettings | None, kind: str, path: str) -> Path | None:
    """The chosen path (None if cancelled); its parent folder is remembered for next time."""
    if not path:
        return None
    chosen = Path(path)
    remember_folder(settings, kind, chosen.parent)
    return chosen


def choose_idx_folder(parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
    """Ask for a folder holding MNIST-style IDX files (gzipped or raw)."""
    path = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("Dialogs", "Open IDX folder"),
                                            str(start_folder(settings, "idx")))
    return _chosen(settings, "idx", path)


def choose_image_folder(parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
    """Ask for a folder of class subfolders of images (PNG, JPEG, BMP): the `folder:` source."""
    path = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Dialogs", "Open image folder (one subfolder per class)"),
        str(start_folder(settings, "images")))
    return _chosen(settings, "images", path)


def choose_npz_file(parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
    """Ask for a .npz dataset file (x_train, y_train, x_test, y_test)."""
    path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("Dialogs", "Open .npz dataset"),
                                          str(start_folder(settings, "npz")),
                                          QCoreApplication.translate("Dialogs", "NumPy archives") + " (*.npz)")
    return _chosen(settings, "npz", path)


def choose_run_folder(parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
    """Ask for a run folder (one holding config.json)."""
    path = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("Dialogs", "Open run"),
                                            str(start_folder(settings, "run")))
    return _chosen(settings, "run", path)


def choose_model_file(parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
    """Ask for a saved Keras model (.keras)."""
    path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("Dialogs", "Open model"),
                                          str(start_folder(settings, "model")),
                                          QCoreApplication.translate("Dialogs", "Keras models") + " (*.keras)")
    return _chosen(settings, "model", path)


def open_folder(folder: Path) -> bool:
    """Show `folder` in the desktop's file manager (created first if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def about_text(engine: str = "") -> str:
    """The About box's rich text."""
    blurb = QCoreApplication.translate(
        "Dialogs",
        "Train an MNIST classifier, an autoencoder, a VAE with a 2-D latent space and a GAN "
        "live; inspect layer outputs, walk the latent map and sample the generator.")
    loading = QCoreApplication.translate("Dialogs", "The engine (TensorFlow) is still loading.")
    return f"<h3>{APP_NAME}</h3><p>{blurb}</p><p>{engine or loading}</p>"


def show_about(parent: QWidget | None, engine: str = "") -> None:
    """Help -> About Latent Lab."""
    QMessageBox.about(parent, QCoreApplication.translate("Dialogs", "About {0}").format(APP_NAME), about_text(engine))


def shortcuts_html(extra: list[tuple[str, str]] | None = None) -> str:
    """The shortcuts table as HTML."""
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in shortcuts() + (extra or []))
    return f"<table cellspacing='6'>{rows}</table>"


def show_shortcuts(parent: QWidget | None, extra: list[tuple[str, str]] | None = None) -> None:
    """Help -> Keyboard shortcuts."""
    QMessageBox.information(parent, QCoreApplication.translate("Dialogs", "Keyboard shortcuts"), shortcuts_html(extra))
