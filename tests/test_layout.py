"""The layout rules a newcomer relies on: one package per feature, small modules, no cycles.

import-linter checks which package may import which (`pyproject.toml`); these tests check
what it cannot: import cycles between modules, module size, the size of the window shell,
private names imported across modules, tests mirroring the packages, and no superqt.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import tomllib

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
MAX_SHELL_MODULES = 8
CORE_FEATURES = ("data", "models", "training", "inspect", "latent", "gan", "density", "cli")
GUI_FEATURES = ("training", "layers", "latent", "gan", "density", "widgets")
TABS = {"training": "TrainingTab", "layers": "LayersTab", "latent": "LatentTab", "gan": "GanTab",
        "density": "DensityTab"}


def _python_files() -> list[Path]:
    dirs = ("core", "gui", "tests", "bench", "tools")
    return sorted([ROOT / "main.py", *(p for d in dirs for p in (ROOT / d).rglob("*.py"))])


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: components with more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_no_import_cycles_between_modules() -> None:
    graph = grimp.build_graph("core", "gui")
    modules = {m for m in graph.modules if m.split(".")[0] in ("core", "gui")}
    edges = {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules} for m in modules}
    # A package's __init__ re-exporting its own submodules is not a cycle a reader trips on.
    for m, targets in edges.items():
        edges[m] = {t for t in targets if not t.startswith(m + ".")}
    assert _strongly_connected(edges) == []


def test_no_module_over_the_size_limit() -> None:
    big = {str(p.relative_to(ROOT)): n for p in _python_files() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert big == {}


def test_window_shell_is_small_and_features_are_packages() -> None:
    shell = sorted(p.name for p in (ROOT / "gui").glob("*.py") if p.name != "__init__.py")
    assert len(shell) <= MAX_SHELL_MODULES, shell
    for feature in CORE_FEATURES:
        assert (ROOT / "core" / feature / "__init__.py").is_file(), feature
    for feature in GUI_FEATURES:
        assert (ROOT / "gui" / feature / "__init__.py").is_file(), feature
    assert not [p.name for p in (ROOT / "core").glob("*.py") if p.stem.startswith(CORE_FEATURES)]


def test_each_tab_package_exports_its_tab() -> None:
    for package, cls in TABS.items():
        tree = ast.parse((ROOT / "gui" / package / "__init__.py").read_text())
        names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for a in node.names}
        assert cls in names, f"gui/{package}/__init__.py does not export {cls}"


def test_tests_mirror_the_packages() -> None:
    for feature in CORE_FEATURES:
        assert list((ROOT / "tests" / "core" / feature).glob("test_*.py")), f"tests/core/{feature}/"
    for feature in GUI_FEATURES:
        assert list((ROOT / "tests" / "gui" / feature).glob("test_*.py")), f"tests/gui/{feature}/"
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), "test module names must be unique (pytest's rootdir import)"


def test_no_private_name_imported_from_another_module() -> None:
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("core", "gui", "tests"):
                offenders += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert offenders == []


def test_superqt_is_gone() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [d for d in project["dependencies"] if d.lower().startswith("superqt")]
    users = [str(p.relative_to(ROOT)) for p in _python_files()
             if any(isinstance(n, ast.Import | ast.ImportFrom) and "superqt" in ast.unparse(n)
                    for n in ast.walk(ast.parse(p.read_text())))]
    assert users == []
