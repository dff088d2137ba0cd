"""The wheel: built from the checkout, installed `--no-deps` into a temporary folder, and run
from outside the checkout as the `latent-lab` command: `--version`, a one-epoch training and
an offscreen window start. Its file list holds every run-time file (translations, fonts).

Offline and quick: setuptools from the project's venv (`--no-build-isolation`), and the
project venv's packages (TensorFlow, Qt) as the installed copy's dependencies.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What a wheel is built from: everything else in the checkout stays out of it.
SOURCES = ("pyproject.toml", "README.md", "core", "gui", "latent_lab")
#: Run-time files that must travel in the wheel once the checkout has them.
RUNTIME_GLOBS = ("gui/translations/*.qm", "gui/fonts/*.ttf", "gui/fonts/*.otf", "gui/fonts/OFL.txt")

pytestmark = pytest.mark.install


@dataclass
class Installed:
    """The built wheel and the folder it was installed into."""

    wheel: Path
    site: Path
    work: Path

    @property
    def command(self) -> Path:
        scripts = self.site / ("Scripts" if os.name == "nt" else "bin")
        return scripts / ("latent-lab.exe" if os.name == "nt" else "latent-lab")

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LATENT_LAB_")}
        env.update({"PYTHONPATH": str(self.site), "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
                    "LATENT_LAB_HOME": str(self.work / "home"), "XDG_CONFIG_HOME": str(self.work / "config"),
                    **extra})
        return env

    def run(self, args: list[str], timeout: float, **extra: str) -> subprocess.CompletedProcess[str]:
        outside = self.work / "elsewhere"
        outside.mkdir(exist_ok=True)
        return subprocess.run([str(self.command), *args], cwd=outside, env=self.env(**extra),
                              capture_output=True, text=True, timeout=timeout)


def _pip(*args: str, timeout: float = 120) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-1500:] + proc.stderr[-3000:]


def build_wheel(dest: Path) -> Path:
    """Build the project's wheel into `dest` from a clean copy of its sources (no build/ left here)."""
    src = dest / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "*.tmp")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            src.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name)
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dest / "dist"), str(src))
    wheels = sorted((dest / "dist").glob("latent_lab-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def folder_counts(names: list[str]) -> dict[str, int]:
    """Files per folder of a wheel (`core/data`: 5, ...), for the wheel's file list by folder."""
    return dict(sorted(Counter(n.rsplit("/", 1)[0] if "/" in n else "." for n in names).items()))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("install")
    wheel = build_wheel(work)
    site = work / "site"
    _pip("install", "--no-deps", "--no-index", "--target", str(site), str(wheel))
    return Installed(wheel, site, work)


def project_version() -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert match
    return match.group(1)


def test_wheel_holds_the_packages_and_every_runtime_file(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    counts = folder_counts(names)
    for package in ("core", "core/cli", "core/data", "gui", "gui/training", "latent_lab"):
        assert counts.get(package, 0) > 0, package
    assert "latent_lab/entry.py" in names
    assert not [n for n in names if n.startswith(("tests/", "bench/", "tools/")) or n == "main.py"]
    assert not [n for n in names if "__pycache__" in n]
    runtime = sorted(str(p.relative_to(ROOT)).replace(os.sep, "/") for g in RUNTIME_GLOBS for p in ROOT.glob(g))
    missing = [n for n in runtime if n not in names]
    assert missing == [], f"run-time files missing from the wheel: {missing}"
    info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "latent-lab = latent_lab.entry:main" in zipfile.ZipFile(installed.wheel).read(info).decode()
    print(f"\nwheel {installed.wheel.name}: {installed.wheel.stat().st_size} bytes, {len(names)} files")
    print(json.dumps(counts, indent=1))


def test_installed_code_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    code = "import core, gui, latent_lab; print(core.__file__, gui.__file__, latent_lab.__file__)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=installed.work, env=installed.env(),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    files = [Path(p) for p in proc.stdout.split()]
    assert all(installed.site in p.parents for p in files), files


def test_installed_command_prints_version_and_help(installed: Installed) -> None:
    proc = installed.run(["--version"], timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == f"latent-lab {project_version()}"
    proc = installed.run(["--help"], timeout=60)
    assert proc.returncode == 0 and "latent-lab <command>" in proc.stdout
    assert "tensorflow" not in proc.stderr.lower()


def test_installed_command_trains_and_shows_the_window(installed: Installed) -> None:
    train = subprocess.Popen([str(installed.command), "train", "classifier", "--dataset", "digits", "--epochs", "1",
                              "--max-train", "300"], cwd=installed.work, env=installed.env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        shown = installed.run([], timeout=90, LATENT_LAB_EXIT_AFTER_SHOWN="1")
        assert shown.returncode == 0, shown.stderr[-2000:]
        assert "window shown: Latent Lab" in shown.stdout
        out, err = train.communicate(timeout=180)
    finally:
        if train.poll() is None:
            train.kill()
            train.wait()
    assert train.returncode == 0, err[-2000:]
    runs = sorted((installed.work / "home" / "runs").iterdir())
    assert len(runs) == 1 and (runs[0] / "classifier.keras").is_file()
    state = json.loads((runs[0] / "state.json").read_text())
    assert state["status"] == "completed" and state["epochs_done"] == 1
