"""The tiny GAN run shared by the GAN tab tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="package")
def gan_run() -> Path:
    """A 2-epoch GAN on 300 digits in the session's runs folder."""
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=300, max_test=100,
                      latent_dim=8, gan_metrics=False)
    run_dir = runs_root() / "gan_tab_fixture"
    result = TrainingRun(cfg, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir
