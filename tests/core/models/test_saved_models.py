"""Saved VAE models load in a fresh process, where nothing imported the custom layer yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_vae_encoder_loads_in_a_fresh_process(tmp_path: Path) -> None:
    from core.models import build_model

    bundle = build_model("vae", (8, 8, 1), latent_dim=2)
    path = tmp_path / "encoder.keras"
    bundle.roles["encoder"].save(path)
    code = (
        "import sys, numpy as np\n"
        "from core.training.run_folder import load_role\n"
        f"m = load_role({str(tmp_path)!r}, 'encoder')\n"
        "out = m(np.zeros((2, 8, 8, 1), 'float32'))\n"
        "print(len(out), tuple(out[0].shape))\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "3 (2, 2)"
