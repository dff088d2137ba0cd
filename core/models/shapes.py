"""Shape plumbing for the convolutional builders: images whose sides are not multiples of 4.

A decoder or generator upsamples twice by 2 from a base grid of `base_side(side)` =
ceil(side / 4), so it makes images at least as large as asked; `crop_to` then crops the
feature maps to the image size (centred) before the last layer. For sides divisible by 4 it
adds no layer, so MNIST's and the digits' models are unchanged.
"""

from __future__ import annotations

from typing import Any

from core.tf_env import keras


def base_side(side: int, factor: int = 4) -> int:
    """The smallest grid side that `factor`-fold upsampling takes to at least `side`."""
    return -(-int(side) // factor)


def crop_to(x: Any, image_shape: tuple[int, ...], name: str = "crop") -> Any:
    """`x` (N, h, w, C) cropped, centred, to the image's (H, W); `x` itself when it fits."""
    h, w = int(x.shape[1]), int(x.shape[2])
    th, tw = int(image_shape[0]), int(image_shape[1])
    if (h, w) == (th, tw):
        return x
    top, left = (h - th) // 2, (w - tw) // 2
    return keras().layers.Cropping2D(((top, h - th - top), (left, w - tw - left)), name=name)(x)
