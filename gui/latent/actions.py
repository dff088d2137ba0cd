"""The latent tab's panel work: manifold grid, heat map, interpolation, digit location, history,
exports and following the live training run. A mixin of `LatentTab` (kept apart so each file
stays small); every method runs on the GUI thread and hands model work to the tab's workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import QFileDialog

from gui.latent.requests import GridRequest, MiscRequest
from gui.latent.scatter import ScatterScene, render_scatter

HEAT_N = 40


class LatentActionsMixin:
    """Panel handlers for `LatentTab` (uses its widgets, `view`, `_bounds` and `_workers`)."""

    view: Any
    state: Any
    _workers: dict[str, Any]

    # --- manifold grid and heat map -----------------------------------------------------
    def request_grid(self) -> None:
        """Decode the n x n grid over the visible bounds (one batched call, on the grid worker)."""
        if self.view is None or self._bounds is None:
            return
        n, spacing = self.grid_panel.params()
        self.grid_panel.info.setText(f"decoding {n} × {n} …")
        self._workers["grid"].submit(GridRequest(self.view, self._bounds, n, spacing))

    def _on_grid_computed(self, req: GridRequest, images: np.ndarray) -> None:
        from core.images import tile

        if req.view is not self.view:
            return
        self._grid, self._grid_n = images, req.n
        self.grid_panel.view.set_image(tile(images, cols=req.n, pad=1))
        xmin, xmax, ymin, ymax = req.bounds
        self.grid_panel.info.setText(f"{req.n} × {req.n} images, {req.spacing} spacing over "
                                     f"x [{xmin:.2f}, {xmax:.2f}], y [{ymin:.2f}, {ymax:.2f}] (top row = largest y)")
        self._show_grid_overlay()

    def _show_grid_overlay(self) -> None:
        from core.images import tile

        show = self.grid_panel.overlay.isChecked() and self._grid is not None and self._history_index < 0
        self.map.set_overlay(tile(self._grid, cols=self._grid_n, pad=0) if show else None)

    def _on_heat_check_toggled(self, on: bool) -> None:
        if on and self.view is not None and self.view.model.has_classifier:
            self._workers["heat"].submit(GridRequest(self.view, self._bounds, HEAT_N, "linear", heat=True))
        elif self._heat is not None:
            self._heat = None
            self._refresh_scene()

    def _on_heat_computed(self, req: GridRequest, result: tuple[np.ndarray, np.ndarray]) -> None:
        if req.view is self.view and self.heat_check.isChecked() and req.bounds == self._bounds:
            self._heat = result[0]
            self._refresh_scene()

    # --- interpolation and "where does my digit land" ------------------------------------
    def set_end(self, end: str, z: np.ndarray) -> None:
        """Set interpolation end `end` ("A" or "B") to latent point `z`; decode when both are set."""
        from gui.latent.tab import _END_COLOURS

        self._ends[end] = np.asarray(z, np.float32)
        p = self.view.projection.to_plane(self._ends[end][None])[0]
        self.interp_panel.end_labels[end].setText(f"({p[0]:+.2f}, {p[1]:+.2f})")
        self.map.set_named_marker(end, (float(p[0]), float(p[1])), _END_COLOURS[end])
        if len(self._ends) == 2:
            self.request_strip()

    def _on_interp_end_requested(self, end: str, source: str) -> None:
        if self.view is None:
            return
        if source == "cursor":
            if self._z is not None:
                self.set_end(end, self._z)
        else:
            self.set_end(end, self.view.test_z[self.interp_panel.index_spins[end].value()])

    def request_strip(self) -> None:
        """Decode k images along the segment A -> B (on the misc worker)."""
        if self.view is not None and len(self._ends) == 2:
            k = self.interp_panel.k_spin.value()
            self._workers["interp"].submit(MiscRequest(self.view, "interp", (self._ends["A"], self._ends["B"], k)))

    def locate_digit(self, image: np.ndarray) -> None:
        """Encode a drawn or chosen image; mark where it lands and show its reconstruction."""
        if self.view is None:
            return
        arr = np.asarray(image, np.float32)
        h, w = self.view.model.image_shape[:2]
        if arr.shape[:2] != (h, w):
            from PIL import Image

            arr = np.asarray(Image.fromarray(arr.reshape(arr.shape[:2])).resize((w, h), Image.Resampling.BOX))
        self._workers["encode"].submit(MiscRequest(self.view, "encode", (arr.reshape(h, w, 1),)))

    def _on_digit_pick_clicked(self) -> None:
        if self.view is None:
            return
        image = self.view.test_x[self.digit_panel.index_spin.value()]
        pad = self.digit_panel.pad
        if pad is not None:
            pad.blockSignals(True)
            pad.set_image(image[..., 0])
            pad.blockSignals(False)
        self.locate_digit(image)

    def _on_misc_computed(self, req: MiscRequest, result: Any) -> None:
        from core.images import tile
        from gui.latent.tab import _END_COLOURS

        if req.view is not self.view:
            return
        if req.what == "interp":
            self._strip = result
            self.interp_panel.view.set_image(tile(result, cols=len(result), pad=1))
        elif req.what == "encode":
            z, p, recon = result
            self.digit_position = (float(p[0]), float(p[1]))
            self.map.set_named_marker("digit", self.digit_position, _END_COLOURS["digit"])
            self.digit_panel.reconstruction.set_image(recon)
            self.digit_panel.info.setText(f"lands at ({p[0]:+.2f}, {p[1]:+.2f}) on the map")
        elif req.what == "reencode":
            self.view.test_z, self.view.train_z = result
            self.view.test_plane = self.view.projection.to_plane(self.view.test_z)
            self._refresh_scene()

    # --- latent history --------------------------------------------------------------------
    def _on_history_frame_changed(self, index: int) -> None:
        self._history_index = index
        self._refresh_scene()
        self._show_grid_overlay()

    def history_frames(self, width: int = 480, height: int = 400) -> list[np.ndarray]:
        """One rendered RGB image per recorded epoch (fixed bounds, so clusters visibly move)."""
        from core.latent.maps import data_bounds

        view = self.view
        if view is None or not view.history:
            return []
        proj = view.projection
        bounds = data_bounds(proj.to_plane(np.concatenate([f.z for f in view.history])), view.model.kind)
        prior = tuple(proj.prior_offset()) if view.model.kind == "vae" else None
        return [render_scatter(ScatterScene(proj.to_plane(f.z), f.labels, bounds, view.class_names, prior,
                                            title=f"epoch {f.epoch}"), width, height)[..., :3]
                for f in view.history]

    # --- exports -----------------------------------------------------------------------------
    def export(self, what: str, path: str | Path, fmt: str = "png") -> Path:
        """Write the grid ("grid", png), the interpolation strip ("strip", png or gif) or the
        latent history ("history", gif); ValueError when there is nothing to export."""
        from core.images import save_gif, save_png, tile

        if what == "grid" and self._grid is not None:
            return save_png(tile(self._grid, cols=self._grid_n, pad=0), path, scale=2)
        if what == "strip" and self._strip is not None:
            if fmt == "gif":
                frames = list(self._strip) + list(self._strip[::-1][1:-1])  # there and back
                return save_gif(frames, path, fps=10, scale=8)
            return save_png(tile(self._strip, cols=len(self._strip), pad=1), path, scale=4)
        if what == "history":
            frames = self.history_frames()
            if frames:
                return save_gif(frames, path, fps=3, scale=1)
        raise ValueError(f"nothing to export yet: decode the {what} first")

    def _export_dialog(self, what: str, fmt: str) -> None:
        filt = "GIF animation (*.gif)" if fmt == "gif" else "PNG image (*.png)"
        path, _ = QFileDialog.getSaveFileName(self, f"Export {what}", f"latent_{what}.{fmt}", filt)
        if not path:
            return
        try:
            self.note.setText(f"Saved {self.export(what, path, fmt)}")
        except (ValueError, OSError) as exc:
            self.state.show_error(self, "Export", str(exc))

    # --- the live run and errors -------------------------------------------------------------
    def _on_state_training_event(self, ev: Any) -> None:
        from core.latent.maps import HistoryFrame

        if ev.kind == "start":
            self._live_run = Path(ev.data.get("run_dir", "")) if ev.data.get("run_dir") else None
            self._live_has_latent = ev.data.get("kind") in ("autoencoder", "vae")
        elif ev.kind == "epoch":
            live = self._live_run or getattr(self.state, "live_run_dir", None)
            view = self.view
            if view is None or live is None or Path(live) != Path(view.run_dir):
                # A live AE/VAE run joins the list once its first epoch is saved; other
                # kinds never do, so they cost no per-epoch rescan of the runs folder.
                if self._live_has_latent and self.run_combo.findData(str(live)) < 0:
                    self.refresh_runs()
                return
            snap = ev.data["snapshot"]
            view.model.set_weights(snap.weights)  # our own copy: the trainer's model is never touched
            if snap.probe_z is not None:
                labels = snap.probe_labels if snap.probe_labels is not None else np.zeros(len(snap.probe_z), np.int64)
                view.history.append(HistoryFrame(int(snap.epoch), np.asarray(snap.probe_z), np.asarray(labels)))
                self.history_panel.set_epochs([f.epoch for f in view.history], follow=True)
            if self._point is not None:
                self.pick_point(*self._point)
            self._workers["live"].submit(MiscRequest(view, "reencode", ()))
            self.request_grid()
        elif ev.kind == "done":
            self.refresh_runs()

    def _on_worker_failed(self, message: str) -> None:
        self.note.setText(f"Error: {message}")
        self.state.status_message.emit(f"Latent map: {message}")

    def shutdown(self, timeout_s: float) -> None:
        """Stop the loading job and the workers (waiting at most about `timeout_s`)."""
        if self._load_job is not None:
            self._load_job.cancel()
            self._load_job.wait(timeout_s / 2)
        for worker in self._workers.values():
            worker.close(timeout_s / (2 * len(self._workers)))
