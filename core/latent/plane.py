"""The 2-D plane the latent map is viewed through, and the point maths on it.

Plane coordinates are what the user sees: for a 2-D latent the plane *is* the latent space;
for a larger latent it is the PCA plane of the encoded means, and a plane point `p` is decoded
from its inverse projection `mean + p @ components`.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from core.errors import UserError

#: (xmin, xmax, ymin, ymax) in plane coordinates.
Bounds = tuple[float, float, float, float]
SPACINGS = ("linear", "gaussian")


class LatentError(UserError, ValueError):
    """A run or request the latent map cannot use; the message is one user-facing line."""


@dataclass(frozen=True)
class PlaneProjection:
    """Maps latent vectors (N, D) to plane points (N, 2) and back: `p = (z - mean) @ components.T`.

    `components` has orthonormal rows, so `from_plane(to_plane(z))` is the closest plane point's
    latent vector and `to_plane(from_plane(p)) == p`.
    """

    mean: np.ndarray
    components: np.ndarray
    explained: tuple[float, float] = (1.0, 1.0)

    @classmethod
    def identity(cls, latent_dim: int = 2) -> PlaneProjection:
        """The plane is the latent space itself (1-D latents are shown on the x axis)."""
        if latent_dim not in (1, 2):
            raise LatentError(f"an identity plane needs a 1-D or 2-D latent, not {latent_dim}-D")
        return cls(np.zeros(latent_dim, np.float32), np.eye(2, latent_dim, dtype=np.float32))

    @classmethod
    def fit(cls, z: np.ndarray) -> PlaneProjection:
        """Identity for a latent of 2 dimensions or fewer, else the PCA plane of `z` (N, D)."""
        z = np.asarray(z, dtype=np.float64)
        dim = z.shape[1]
        if dim <= 2:
            return cls.identity(dim)
        if len(z) < 3:
            raise LatentError("need at least 3 encoded points to fit a PCA plane")
        mean = z.mean(axis=0)
        _, s, vt = np.linalg.svd(z - mean, full_matrices=False)
        var = s**2
        ratio = var[:2] / max(float(var.sum()), 1e-12)
        return cls(mean.astype(np.float32), vt[:2].astype(np.float32), (float(ratio[0]), float(ratio[1])))

    @property
    def latent_dim(self) -> int:
        """D, the latent vector size."""
        return int(self.components.shape[1])

    @property
    def is_identity(self) -> bool:
        """Whether plane coordinates are latent coordinates (no PCA)."""
        return self.latent_dim <= 2

    def to_plane(self, z: np.ndarray) -> np.ndarray:
        """Latent (N, D) -> plane (N, 2), float32."""
        return ((np.asarray(z, np.float32) - self.mean) @ self.components.T).astype(np.float32)

    def from_plane(self, p: np.ndarray) -> np.ndarray:
        """Plane (N, 2) or (2,) -> latent (N, D) or (D,), float32 (the inverse projection)."""
        return (self.mean + np.asarray(p, np.float32) @ self.components).astype(np.float32)

    def prior_offset(self) -> np.ndarray:
        """Centre of the N(0, I) prior seen on this plane (it stays unit-variance: rows are orthonormal)."""
        return (-self.mean @ self.components.T).astype(np.float32)


def axis_values(lo: float, hi: float, n: int, spacing: str = "linear") -> np.ndarray:
    """`n` ascending values spanning [lo, hi]: evenly spaced, or at Gaussian quantiles
    `inv_cdf((i + 0.5) / n)` stretched onto [lo, hi] (denser near the middle)."""
    if n < 1:
        raise LatentError(f"grid size must be at least 1, got {n}")
    if spacing == "linear":
        return np.linspace(lo, hi, n, dtype=np.float64).astype(np.float32)
    if spacing != "gaussian":
        raise LatentError(f"unknown grid spacing {spacing!r}; choose linear or gaussian")
    if n == 1:
        return np.array([(lo + hi) / 2], np.float32)
    q = np.array([NormalDist().inv_cdf((i + 0.5) / n) for i in range(n)])
    q /= abs(q[0])
    return ((lo + hi) / 2 + (hi - lo) / 2 * q).astype(np.float32)


def grid_points(bounds: Bounds, n: int, spacing: str = "linear") -> np.ndarray:
    """n x n plane points (n*n, 2), row-major with the top row (largest y) first, so the
    decoded images tile in the same orientation as the map."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    xs = axis_values(xmin, xmax, n, spacing)
    ys = axis_values(ymin, ymax, n, spacing)[::-1]
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)


def interpolate(z0: np.ndarray, z1: np.ndarray, k: int) -> np.ndarray:
    """`k` evenly spaced points (k, D) on the segment from `z0` to `z1`, both ends included."""
    if k < 2:
        raise LatentError(f"an interpolation needs at least 2 steps, got {k}")
    t = np.linspace(0.0, 1.0, k, dtype=np.float32)[:, None]
    a, b = np.asarray(z0, np.float32), np.asarray(z1, np.float32)
    return (a + t * (b - a)).astype(np.float32)


def nearest_train_index(z: np.ndarray, train_z: np.ndarray) -> int:
    """Index of the row of `train_z` (N, D) closest (Euclidean) to the latent point `z` (D,)."""
    if len(train_z) == 0:
        raise LatentError("no encoded training images to search")
    d = np.sum((np.asarray(train_z, np.float32) - np.asarray(z, np.float32)) ** 2, axis=1)
    return int(np.argmin(d))


def data_bounds(points: np.ndarray, kind: str = "autoencoder", margin: float = 0.1) -> Bounds:
    """Bounds that show the bulk of `points` (0.5-99.5 percentile, padded); a VAE's view also
    covers the prior's +-3 sigma square."""
    if len(points) == 0:
        lo, hi = np.array([-3.0, -3.0]), np.array([3.0, 3.0])
    else:
        lo, hi = np.percentile(points, 0.5, axis=0), np.percentile(points, 99.5, axis=0)
    if kind == "vae":
        lo, hi = np.minimum(lo, -3.0), np.maximum(hi, 3.0)
    pad = np.maximum((hi - lo) * margin, 1e-3)
    lo, hi = lo - pad, hi + pad
    return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
