"""`--strategy multiworker`: TF_CONFIG checks, and two local workers training one classifier."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.training.cluster import cluster_from_env, other_worker
from core.training.consistency import run_problems

ROOT = Path(__file__).resolve().parents[3]


def _tf_config(ports: list[int], index: int) -> str:
    return json.dumps({"cluster": {"worker": [f"localhost:{p}" for p in ports]},
                       "task": {"type": "worker", "index": index}})


@pytest.mark.parametrize("raw, match", [
    ("", "needs TF_CONFIG"),
    ("{not json", "not valid JSON"),
    ('{"cluster": {"worker": []}, "task": {"type": "worker", "index": 0}}', "cluster.worker"),
    ('{"cluster": {"worker": ["a:1"], "ps": ["b:2"]}, "task": {"type": "worker", "index": 0}}', "not ps"),
    ('{"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 2}}', "task.index must be 0 to 1"),
    ('{"cluster": {"worker": ["a:1"]}, "task": {"type": "chief", "index": 0}}', "task.type 'worker'"),
])
def test_bad_tf_config_is_one_clear_line(raw: str, match: str) -> None:
    with pytest.raises(ConfigError, match=match) as info:
        cluster_from_env({"TF_CONFIG": raw})
    assert "\n" not in str(info.value)


def test_worker_zero_is_the_chief() -> None:
    assert cluster_from_env({"TF_CONFIG": _tf_config([1, 2], 0)}).is_chief
    assert other_worker({"TF_CONFIG": _tf_config([1, 2], 1)})
    assert not other_worker({})


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("localhost", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _summary(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


def test_two_workers_train_the_classifier_in_sync(tmp_path: Path) -> None:
    run = tmp_path / "run"
    ports = _free_ports(2)
    argv = [sys.executable, str(ROOT / "main.py"), "train", "classifier", "--dataset", "digits", "--epochs", "1",
            "--max-train", "300", "--max-test", "60", "--batch-size", "32", "--strategy", "multiworker",
            "--out", str(run)]  # both get --out: only the chief may use it
    env = {**os.environ, "LATENT_LAB_HOME": str(tmp_path / "home")}
    workers = [subprocess.Popen(argv, env={**env, "TF_CONFIG": _tf_config(ports, i)}, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = []
    for proc in workers:
        try:
            out, err = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            for p in workers:
                p.kill()
            raise
        assert proc.returncode == 0, err[-2000:]
        outputs.append((_summary(out), err))
    (chief, chief_err), (other, other_err) = outputs
    assert chief["status"] == other["status"] == "completed"
    assert chief["loss"] == other["loss"] and chief["test_accuracy"] == other["test_accuracy"]
    assert "epoch 1/1: loss" in chief_err and "Worker 1 of 2" in other_err
    assert Path(chief["run"]) == run and Path(other["run"]) != run
    assert not Path(other["run"]).exists()  # the worker's scratch folder went with it
    history = json.loads((run / "history.json").read_text())
    assert f"{history['loss'][0]:.4f}" == chief["loss"] and len(history["val_loss"]) == 1
    state = json.loads((run / "state.json").read_text())
    assert state["status"] == "completed" and state["epochs_done"] == 1
    assert run_problems(run) == []
    assert {p.name for p in run.iterdir()} >= {"config.json", "classifier.keras", "train_state.npz", "snapshots"}
    assert json.loads((run / ".lock").read_text())["pid"] == workers[0].pid  # the worker never took the lock


def test_a_reopened_multiworker_run_trains_alone_where_no_cluster_is_named(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.training.cluster import without_cluster
    from core.training.config import TrainConfig

    config = TrainConfig("classifier", strategy="multiworker")
    monkeypatch.delenv("TF_CONFIG", raising=False)
    assert without_cluster(config).strategy == "default"
    monkeypatch.setenv("TF_CONFIG", _tf_config([1, 2], 0))
    assert without_cluster(config).strategy == "multiworker"
