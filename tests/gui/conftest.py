"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Intercept error dialogs: each becomes a (title, message) entry the test can assert on."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr("gui.app_state.show_error_dialog", lambda parent, title, msg: seen.append((title, msg)))
    return seen


@pytest.fixture
def colourful():
    """`colourful(widget)`: whether the widget, as painted, shows colour (some pixel's R, G and B
    differ by more than 40), i.e. an RGB image and not a grey one."""
    import numpy as np
    from PySide6.QtGui import QImage

    def check(widget) -> bool:
        img = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
        h, w, stride = img.height(), img.width(), img.bytesPerLine()
        arr = np.frombuffer(img.constBits(), np.uint8, count=h * stride).reshape(h, stride)[:, : w * 3]
        rgb = arr.reshape(h, w, 3).astype(int)
        return bool((rgb.max(axis=-1) - rgb.min(axis=-1) > 40).any())

    return check


@pytest.fixture(scope="session")
def mondrian_runs(tmp_path_factory):
    """Tiny Mondrian (colour) runs, one epoch each, trained on first use: `mondrian_runs[kind]`
    for "vae", "gan" or "classifier" is the run folder (all in one runs folder)."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    root = tmp_path_factory.mktemp("mondrian_home") / "runs"

    class Runs(dict):
        def __missing__(self, kind: str):
            config = TrainConfig(kind=kind, dataset="mondrian", epochs=1, max_train=96, max_test=48,
                                 gan_metrics=False)
            result = TrainingRun(config, run_dir=root / kind).train()
            assert result.status == "completed", result.message
            self[kind] = root / kind
            return self[kind]

    return Runs()
