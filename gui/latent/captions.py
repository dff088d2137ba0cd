"""What the Latent map tab writes: the note about the run shown, the scene's titles and
legend, and the export dialog, in the current language (context "LatentTab")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.dialogs import remember_folder, start_folder
from gui.latent.scatter import ScatterScene


def view_note(view: Any) -> str:
    """One line about the run on the map: its model, latent size, projection and data."""
    proj, kind, dim = view.projection, view.model.kind, view.model.latent_dim
    if view.config.get("kind") == "user":
        return user_note(view)
    if proj.is_identity and kind == "vae":
        text = QCoreApplication.translate("LatentTab", "Variational autoencoder (VAE) with a {0}-D latent space: the map is the latent plane itself.")
    elif proj.is_identity:
        text = QCoreApplication.translate("LatentTab", "Autoencoder with a {0}-D latent space: the map is the latent plane itself.")
    else:
        text = QCoreApplication.translate("LatentTab", "{0}-D latent space shown on the PCA plane of the encoded means (PC1 {1}, PC2 {2} of variance); "
                  "a clicked point is decoded from its inverse projection.")
    text = text.format(dim, f"{proj.explained[0]:.0%}", f"{proj.explained[1]:.0%}") if not proj.is_identity \
        else text.format(dim)
    return QCoreApplication.translate("LatentTab", "{0}  {1} test points · {2}").format(text, f"{len(view.test_y):,}", view.dataset_name)


def user_note(view: Any) -> str:
    """One line about a user's decoder file on the map."""
    name, dim = Path(view.run_dir).name, view.model.latent_dim
    text = QCoreApplication.translate("LatentTab", "{0}: a user's decoder with a {1}-D latent space.").format(name, dim)
    if len(view.test_z):
        text += " " + QCoreApplication.translate("LatentTab", "{0} encoded test points · {1}").format(
            f"{len(view.test_z):,}", view.dataset_name)
    return text


def make_scene(view: Any, bounds: tuple[float, float, float, float], history_index: int,
               heat: np.ndarray | None) -> ScatterScene:
    """The map's background: the encoded test set, or the probe set at one recorded epoch."""
    from core.latent.plane import data_bounds

    proj = view.projection
    axes = ("z[0]", "z[1]") if proj.is_identity else (f"PC1 ({proj.explained[0]:.0%})", f"PC2 ({proj.explained[1]:.0%})")
    if view.config.get("kind") == "user" and not proj.is_identity and proj.explained == (1.0, 1.0):
        axes = (f"z[{int(np.argmax(proj.components[0]))}]", f"z[{int(np.argmax(proj.components[1]))}]")  # two chosen dims
    points, labels, title = view.test_plane, view.test_y, QCoreApplication.translate("LatentTab", "encoded test set")
    if 0 <= history_index < len(view.history):
        frame = view.history[history_index]
        points, labels = proj.to_plane(frame.z), frame.labels
        every = np.concatenate([f.z for f in view.history])
        bounds, title = data_bounds(proj.to_plane(every), view.model.kind), QCoreApplication.translate("LatentTab", "probe set after epoch {0}").format(
            frame.epoch)
    prior = tuple(proj.prior_offset()) if view.model.kind == "vae" else None
    return ScatterScene(points, labels, bounds, view.class_names, prior, heat, title, *axes,
                        prior_label=prior_legend())


def prior_legend() -> str:
    """The legend entry of a VAE's prior contours."""
    return QCoreApplication.translate("LatentTab", "prior N(0, I)")


def ask_export_path(parent: QWidget, settings: Any, what: str, fmt: str) -> str:
    """Ask where to export the grid, strip or history ("" when cancelled); remembers the folder."""
    titles = {"grid": QCoreApplication.translate("LatentTab", "Export manifold grid"), "strip": QCoreApplication.translate("LatentTab", "Export interpolation strip"),
              "history": QCoreApplication.translate("LatentTab", "Export latent history")}
    filt = QCoreApplication.translate("LatentTab", "GIF animation (*.gif)") if fmt == "gif" else QCoreApplication.translate("LatentTab", "PNG image (*.png)")
    start = start_folder(settings, "export") / f"latent_{what}.{fmt}"
    path, _ = QFileDialog.getSaveFileName(parent, titles.get(what, what), str(start), filt)
    if path:
        remember_folder(settings, "export", Path(path).parent)
    return path
