"""What the GAN tab samples: the noise grid with its locks, the enlarged cell, the A/B ends of
the interpolation, the generator weights, and the one `LatestWorker` that draws them.

`GanSampling` captures every request on the GUI thread (latest wins) and applies each result
to the grid, interpolation and side-panel widgets it is given, through their public methods.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.bridge import LatestWorker
from gui.gan.backend import GanSampleBackend, SampleRequest
from gui.gan.grid import GanGridWidget
from gui.gan.interpolation import GanInterpolationWidget
from gui.gan.side_panel import GanSidePanel

WALK_FRAMES = 60


class GanSampling(QObject):
    """Sampling state and worker of the GAN tab.

    Signals: `changed()` after a result is shown or a lock toggled; `failed(str)`;
    `classes_known(int)` when the generator shown reads that many classes from its noise
    (an AC-GAN's; 0 for an unconditional one), so the tab can offer them (`set_label`).
    """

    changed = Signal()
    failed = Signal(str)
    classes_known = Signal(int)

    def __init__(self, grid: GanGridWidget, interp: GanInterpolationWidget, side: GanSidePanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid, self.interp, self.side = grid, interp, side
        self.run_dir: Path | None = None
        self.latent_dim = 0
        self.seed = 0
        self.noise_grid: Any = None
        self.last_result: Any = None
        self.shown_weights_key: Any = None
        self.enlarged_index: int | None = None
        self.ends: list[int | None] = [None, None]
        self.weights: tuple[Any, list[np.ndarray]] | None = None
        self.train_images: np.ndarray | None = None
        self.worker: LatestWorker | None = None
        self.generation = 0  # which copy of the run's models on disk the worker must sample
        self.output_range = "auto"  # a user's generator file: auto / tanh / sigmoid
        self.classes = 0  # classes the generator reads from its noise (known after its first result)
        self.label: int | None = None  # the class every unlocked sample shows; None: their own
        grid.cell_clicked.connect(self._on_grid_cell_clicked)
        grid.lock_requested.connect(self._on_grid_lock_requested)
        side.set_a_button.clicked.connect(lambda: self._set_end(0))
        side.set_b_button.clicked.connect(lambda: self._set_end(1))
        interp.settings_changed.connect(self.request)
        interp.walk_toggled.connect(self._on_interp_walk_toggled)

    def reset(self, run_dir: Path, latent_dim: int, n: int, seed: int) -> None:
        """Start sampling a newly shown run: fresh noise, no locks, ends at the corners."""
        from core.gan.sampling import NoiseGrid

        self.run_dir, self.latent_dim, self.seed = Path(run_dir), latent_dim, seed
        self.generation += 1  # (re)shown: sample the models on disk now, never an older copy
        self.weights, self.last_result, self.shown_weights_key, self.train_images = None, None, None, None
        self.noise_grid = NoiseGrid(n, latent_dim, seed)
        self.enlarged_index, self.ends = None, [0, n * n - 1]
        if self.classes:
            self.classes, self.label = 0, None
            self.classes_known.emit(0)
        self.grid.clear("sampling" if self.has_generator() else "no_generator")
        self.interp.set_strip(None)
        self.interp.set_walk_frames(None)
        self.side.clear_sample()

    def has_generator(self) -> bool:
        """Whether there is a generator to sample (saved, stepped or live weights)."""
        if self.run_dir is not None and self.run_dir.suffix == ".keras":
            return self.run_dir.exists()  # a user's generator file
        return self.run_dir is not None and (self.weights is not None or (self.run_dir / "generator.keras").exists())

    @property
    def idle(self) -> bool:
        """Whether no sample request is pending or running."""
        return self.worker is None or self.worker.idle

    def set_weights(self, key: Any, weights: list[np.ndarray]) -> None:
        """Sample with these generator weights (live epoch or train steps) from now on."""
        self.weights = (key, weights)
        self.request()

    def set_output_range(self, output_range: str) -> None:
        """How a user's generator output maps to [0, 1]: "auto", "tanh" or "sigmoid"."""
        self.output_range = output_range
        self.request()

    def set_train_images(self, images: np.ndarray | None) -> None:
        """The run's training images, for the nearest real image."""
        self.train_images = images
        self.request()

    def resize(self, n: int) -> None:
        """An n x n grid (locked samples kept)."""
        if self.noise_grid is not None:
            self.noise_grid.resize(n)
            self.ends = [e if e is not None and e < n * n else None for e in self.ends]
            if self.enlarged_index is not None and self.enlarged_index >= n * n:
                self.enlarged_index = None
            self.request()

    def reseed(self, seed: int) -> None:
        """New noise for every unlocked sample."""
        self.seed = seed
        if self.noise_grid is not None:
            self.noise_grid.reseed(seed)
            self.request()

    def set_label(self, label: int | None) -> None:
        """Show every unlocked sample as class `label` (None: the class its own noise asks for)."""
        self.label = label
        self.request()

    def grid_noise(self) -> np.ndarray:
        """The grid's noise as sampled: with a chosen class, unlocked rows ask for it."""
        z = self.noise_grid.z
        if self.label is None or not 0 <= self.label < self.classes:
            return z
        from core.gan.sampling import with_class

        out = with_class(z, self.label, self.classes)
        locked = sorted(i for i in self.noise_grid.locked if i < len(z))
        out[locked] = z[locked]  # a locked sample keeps its own class
        return out

    def request(self) -> None:
        """Ask the worker for the grid, strip, walk and enlarged sample (latest wins)."""
        if self.run_dir is None or self.noise_grid is None or not self.has_generator():
            return
        if self.worker is None:
            self.worker = LatestWorker(GanSampleBackend())
            self.worker.computed.connect(self._on_worker_computed)
            self.worker.failed.connect(self.failed)
        z = self.grid_noise()
        strip = None
        a, b = self.ends
        if a is not None and b is not None and a < len(z) and b < len(z):
            strip = (z[a], z[b], int(self.interp.steps.value()), str(self.interp.method.currentData()))
        walk = None
        if self.interp.walk_check.isChecked():
            from core.gan.sampling import latent_walk

            walk = latent_walk(self.latent_dim, WALK_FRAMES, self.seed)
        key, weights = self.weights if self.weights is not None else (None, None)
        self.worker.submit(SampleRequest(run_dir=self.run_dir, grid_z=z.copy(), weights_key=key,
                                         weights=weights, strip=strip, walk_z=walk, enlarge=self.enlarged_index,
                                         train_images=self.train_images, generation=self.generation,
                                         output_range=self.output_range))

    def _on_worker_computed(self, request: SampleRequest, result: Any) -> None:
        if request.run_dir != self.run_dir or request.generation != self.generation:
            return  # stale: drawn for a run or a copy of its models no longer shown
        self.last_result, self.shown_weights_key = result, request.weights_key
        if result.classes != self.classes:
            self.classes = result.classes
            if self.label is not None and self.label >= self.classes:
                self.label = None
            self.classes_known.emit(self.classes)
        self.grid.set_samples(result.grid)
        self._update_marks()
        self.interp.set_strip(result.strip)
        self.interp.set_walk_frames(result.walk)
        if result.enlarged is None:
            self.side.clear_sample()
        elif result.nearest_index is not None and result.nearest_image is not None:
            dist = float(np.sqrt(np.mean((result.enlarged - result.nearest_image) ** 2)))
            self.side.show_sample(result.enlarged, result.nearest_image, result.nearest_index, dist)
        else:
            self.side.clear_sample(waiting=True)
            self.side.show_sample(result.enlarged, None)
        self.changed.emit()

    def _update_marks(self) -> None:
        marks = {i: label for i, label in zip(self.ends, "AB", strict=False) if i is not None}
        self.grid.set_marks(self.noise_grid.locked if self.noise_grid else set(), marks)
        self.interp.set_ends(*self.ends)

    def _on_grid_cell_clicked(self, index: int) -> None:
        self.enlarged_index = index
        self.request()

    def _on_grid_lock_requested(self, index: int) -> None:
        if self.noise_grid is not None:
            self.noise_grid.toggle_lock(index)
            self._update_marks()
            self.changed.emit()

    def _set_end(self, which: int) -> None:
        if self.enlarged_index is not None:
            self.ends[which] = self.enlarged_index
            self.request()

    def _on_interp_walk_toggled(self, on: bool) -> None:
        if on:
            self.request()

    def close(self, timeout_s: float) -> None:
        """Stop the worker."""
        if self.worker is not None:
            self.worker.close(timeout_s)
