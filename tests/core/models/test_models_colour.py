"""Every builder sizes itself from a colour image shape, channels included; the convolutional
architectures take sides that are not multiples of 4 too (upsample past them, then crop)."""

from __future__ import annotations

import numpy as np
import pytest

from core.models import ARCHS, KINDS, build_model


def _image_outputs(bundle: object) -> list[tuple[int, ...]]:
    shapes = []
    for role, model in bundle.roles.items():  # type: ignore[attr-defined]
        if role in ("autoencoder", "decoder", "generator"):
            shapes.append(tuple(model.output_shape[1:]))
    return shapes


@pytest.mark.parametrize("shape", [(32, 32, 3), (30, 18, 3), (12, 12, 1)])
@pytest.mark.parametrize("kind", KINDS)
def test_every_architecture_takes_and_makes_the_image_shape(kind: str, shape: tuple[int, int, int]) -> None:
    x = np.random.default_rng(0).random((2, *shape)).astype(np.float32)
    for arch in ARCHS[kind]:
        bundle = build_model(kind, shape, arch=arch, num_classes=8)
        assert all(out == shape for out in _image_outputs(bundle))
        assert bundle.arch == arch or (kind == "gan" and shape[0] < 16)  # small GANs: dense by default
        if kind == "classifier":
            assert np.asarray(bundle.model(x.reshape(2, -1))).shape == (2, 8)
        elif kind == "gan":  # the AC-GAN's discriminator also names one of the 8 classes
            judged = bundle.roles["discriminator"](x)
            expected = [(2, 1), (2, 8)] if bundle.arch == "acgan" else [(2, 1)]
            assert [tuple(np.asarray(out).shape) for out in (judged if isinstance(judged, list) else [judged])] == expected
        elif kind == "cvae":  # the encoder sees the one-hot label beside the image
            onehot = np.eye(8, dtype=np.float32)[[0, 3]]
            assert np.asarray(bundle.roles["encoder"]([x, onehot])[0]).shape == (2, 2)
        else:
            assert np.asarray(bundle.roles["encoder"](x)[0] if kind == "vae" else bundle.roles["encoder"](x)).shape == (2, 2)
