"""Run-folder storage: atomic writes survive a failing writer, listing and loading runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from core.atomic import atomic_save_model, atomic_write_bytes, atomic_write_json
from core.training.run_folder import (
    SNAPSHOT_DIR,
    EpochSnapshot,
    RunError,
    list_runs,
    load_role,
    load_run_info,
    load_snapshots,
    save_snapshot,
)


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


def test_atomic_write_json_round_trip_and_strict_json(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    atomic_write_json(path, {"loss": [0.5, float("nan"), np.float32(0.25)], "n": np.int64(3)})
    text = path.read_text()
    assert "NaN" not in text
    assert json.loads(text) == {"loss": [0.5, None, 0.25], "n": 3}
    assert _leftovers(tmp_path) == []


def test_failing_writer_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.json"
    atomic_write_json(path, {"status": "running", "epochs_done": 1})
    new = json.dumps({"status": "completed", "epochs_done": 2}).encode()

    real_open = open

    class HalfWriter:
        """A file whose write puts half the bytes on disk and then fails like a full disk."""

        def __init__(self, fh: object) -> None:
            self.fh = fh

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            self.fh.flush()  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")

    def fake_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        fh = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        return HalfWriter(fh) if "w" in mode else fh

    monkeypatch.setattr("builtins.open", fake_open)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(path, new)
    monkeypatch.undo()
    assert json.loads(path.read_text()) == {"status": "running", "epochs_done": 1}
    assert _leftovers(tmp_path) == []


def test_failing_model_save_keeps_previous_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.tf_env import keras

    k = keras()
    inputs = k.Input(shape=(3,))
    model = k.Model(inputs, k.layers.Dense(2, name="d")(inputs))
    path = tmp_path / "classifier.keras"
    atomic_save_model(model, path)
    saved = [w.copy() for w in model.get_weights()]
    model.set_weights([w + 1.0 for w in saved])

    real_save = type(model).save

    def crashing_save(self: object, filepath: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        real_save(self, filepath, *args, **kwargs)
        with open(filepath, "r+b") as fh:  # half-written archive
            fh.truncate(os.path.getsize(filepath) // 2)
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(type(model), "save", crashing_save)
    with pytest.raises(RuntimeError, match="mid-write"):
        atomic_save_model(model, path)
    monkeypatch.undo()
    assert _leftovers(tmp_path) == []
    loaded = load_role(tmp_path, "classifier")
    for a, b in zip(loaded.get_weights(), saved, strict=True):
        np.testing.assert_array_equal(a, b)


def _make_run(folder: Path, kind: str = "vae", status: str = "completed") -> Path:
    folder.mkdir(parents=True)
    atomic_write_json(folder / "config.json", {"kind": kind, "dataset": "digits"})
    atomic_write_json(folder / "state.json", {"status": status, "epochs_done": 2, "message": "", "test_metrics": {}})
    atomic_write_json(folder / "history.json", {"loss": [2.0, 1.0]})
    return folder


def test_list_runs_newest_first_skips_broken(tmp_path: Path) -> None:
    old = _make_run(tmp_path / "20240101-000000-vae")
    new = _make_run(tmp_path / "20240102-000000-gan", kind="gan")
    os.utime(old / "config.json", ns=(1_000_000_000, 1_000_000_000))
    broken = tmp_path / "20240103-000000-broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    (tmp_path / "stray-file.txt").write_text("x")
    runs = list_runs(tmp_path)
    assert [r.path for r in runs] == [new, old]
    assert runs[0].kind == "gan" and runs[1].history == {"loss": [2.0, 1.0]}
    assert runs[1].status == "completed" and runs[1].epochs_done == 2
    assert list_runs(tmp_path / "missing") == []


@pytest.mark.parametrize(
    "setup, expected",
    [
        (lambda d: None, "config.json: file is missing"),
        (lambda d: (d / "config.json").write_text("{oops"), "config.json: cannot read"),
        (lambda d: (d / "config.json").write_text('{"dataset": "digits"}'), "no model kind"),
        (lambda d: (d / "config.json").write_text('{"kind": "vae"}'), "state.json: file is missing"),
    ],
)
def test_load_run_info_broken_folder_raises_run_error(tmp_path: Path, setup, expected: str) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    setup(folder)
    with pytest.raises(RunError, match=expected):
        load_run_info(folder)


def test_load_run_info_missing_folder_and_role(tmp_path: Path) -> None:
    with pytest.raises(RunError, match="no such run folder"):
        load_run_info(tmp_path / "nope")
    run = _make_run(tmp_path / "run")
    with pytest.raises(RunError, match="no saved decoder model"):
        load_role(run, "decoder")
    (run / "decoder.keras").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(RunError, match="cannot load model"):
        load_role(run, "decoder")


def test_snapshots_round_trip_without_weights(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    snaps = [
        EpochSnapshot(
            epoch=e,
            logs={"loss": 1.0 / e, "kl_loss": float("nan")},
            originals=rng.random((8, 8, 8, 1), dtype=np.float32),
            reconstructions=rng.random((8, 8, 8, 1), dtype=np.float32),
            probe_z=rng.standard_normal((50, 2)).astype(np.float32),
            probe_labels=np.arange(50) % 10,
            weights={"decoder": [np.ones(3)]},
        )
        for e in (2, 1)
    ]
    for snap in snaps:
        save_snapshot(tmp_path, snap)
    assert _leftovers(tmp_path / SNAPSHOT_DIR) == []
    loaded = load_snapshots(tmp_path)
    assert [s.epoch for s in loaded] == [1, 2]
    assert loaded[1].logs == {"loss": 0.5}
    np.testing.assert_array_equal(loaded[1].probe_z, snaps[0].probe_z)
    np.testing.assert_array_equal(loaded[0].reconstructions, snaps[1].reconstructions)
    assert loaded[0].gan_samples is None and loaded[0].weights == {}
    assert load_snapshots(tmp_path / "none") == []
