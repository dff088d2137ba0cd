"""Run a Python module with Qt made unimportable: `python tools/without_qt.py -m pytest tests/core`.

The engine (`core/`) must work with no Qt installed; blocking the imports proves it
without a second environment.
"""

from __future__ import annotations

import importlib.abc
import runpy
import sys

BLOCKED = ("PySide6", "shiboken6", "superqt", "qtpy", "pytestqt", "gui")


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".")[0] in BLOCKED:
            raise ImportError(f"{fullname} is blocked: core code must not need Qt")
        return None


def main() -> None:
    sys.meta_path.insert(0, _BlockQt())
    if len(sys.argv) < 3 or sys.argv[1] != "-m":
        raise SystemExit("usage: python tools/without_qt.py -m MODULE [ARGS...]")
    module = sys.argv[2]
    sys.argv = [module, *sys.argv[3:]]
    if module == "pytest":
        sys.argv += ["-p", "no:pytest-qt"]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
