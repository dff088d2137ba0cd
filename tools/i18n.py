"""The translation pipeline: extract, fill from the TSV files, compile, report.

    python tools/i18n.py update   # rewrite gui/translations/latentlab_ko.ts and .qm
    python tools/i18n.py check    # the same work in a scratch folder; writes nothing

Both run ``pyside6-lupdate`` over every ``gui/**/*.py`` (and ``main.py``), fill each
message's translation from ``gui/translations/ko/*.tsv`` (rows ``context<TAB>source<TAB>
translation``; ``\\n`` and ``\\t`` written as backslash escapes), mark it finished, compile
the ``.qm`` with ``pyside6-lrelease``, print every message still lacking a translation
(context, source, file:line) and exit 1 if there is any. TSV rows that match no message
are listed as unused (a warning, not a failure).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "gui" / "translations"
TS_PATH = TRANSLATIONS / "latentlab_ko.ts"
QM_PATH = TRANSLATIONS / "latentlab_ko.qm"
TSV_DIR = TRANSLATIONS / "ko"
LANGUAGE = "ko_KR"


@dataclass(frozen=True)
class Missing:
    """One message without a finished translation."""

    context: str
    source: str
    where: str


@dataclass
class Report:
    """What one pass found: message count, the missing ones, TSV rows used by nothing."""

    messages: int
    missing: list[Missing]
    unused: list[tuple[str, str, str]]


def _tool(name: str) -> str:
    """The path of a Qt tool: next to this Python first (the venv), then on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"error: {name} not found (install PySide6's tools)")
    return found


def sources() -> list[Path]:
    """Every Python file lupdate reads: gui/**/*.py and main.py."""
    files = sorted(p for p in (ROOT / "gui").rglob("*.py") if "__pycache__" not in p.parts)
    main = ROOT / "main.py"
    if main.exists():
        files.append(main)
    return files


def unescape(cell: str) -> str:
    """A TSV cell's text: ``\\n`` → newline, ``\\t`` → tab, ``\\\\`` → backslash."""
    out: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            nxt = cell[i + 1]
            if nxt in "nt\\":
                out.append({"n": "\n", "t": "\t", "\\": "\\"}[nxt])
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def load_tsv(folder: Path | None = None) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) → (translation, "file:line") from every TSV file in ``folder``."""
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for path in sorted((TSV_DIR if folder is None else folder).glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 3:
                print(f"warning: {path.name}:{number}: expected 3 tab-separated cells, got {len(cells)}")
                continue
            context, source, translation = (unescape(c) for c in cells)
            if not translation.strip():
                continue
            table[(context, source)] = (translation, f"{path.name}:{number}")
    return table


def extract(ts_path: Path) -> None:
    """Run lupdate over the sources into ``ts_path`` (merging into it if it exists)."""
    listing = ts_path.with_suffix(".lst")
    listing.write_text("\n".join(str(p) for p in sources()) + "\n", encoding="utf-8")
    try:
        subprocess.run(
            [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "absolute",
             "-target-language", LANGUAGE, f"@{listing}", "-ts", str(ts_path)],
            check=True, cwd=ROOT,
        )
    finally:
        listing.unlink(missing_ok=True)


def _location(message: ET.Element, ts_path: Path) -> str:
    loc = message.find("location")
    if loc is None:
        return "?"
    name = loc.get("filename", "?")
    try:
        name = str((ts_path.parent / name).resolve().relative_to(ROOT))
    except ValueError:
        pass
    return f"{name}:{loc.get('line', '?')}"


def fill(ts_path: Path, table: dict[tuple[str, str], tuple[str, str]]) -> Report:
    """Fill every message of ``ts_path`` from ``table``; rewrite the file; report."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    root.set("language", LANGUAGE)
    missing: list[Missing] = []
    used: set[tuple[str, str]] = set()
    count = 0
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source", default="")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            row = table.get((name, source))
            if row is None:
                missing.append(Missing(name, source, _location(message, ts_path)))
                translation.attrib.pop("type", None)
                translation.set("type", "unfinished")
                continue
            used.add((name, source))
            text = row[0]
            for child in list(translation):
                translation.remove(child)
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                translation.text = None
                form = ET.SubElement(translation, "numerusform")
                form.text = text
            else:
                translation.text = text
    ET.indent(tree, space="    ")
    with open(ts_path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")
    unused = [(c, s, where) for (c, s), (_, where) in table.items() if (c, s) not in used]
    return Report(count, missing, unused)


def compile_qm(ts_path: Path, qm_path: Path) -> None:
    """Compile ``ts_path`` into ``qm_path`` with lrelease (finished messages only)."""
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_path), "-qm", str(qm_path)],
                   check=True, cwd=ROOT)


def run(write: bool) -> Report:
    """Extract, fill and compile; into the real files when ``write``, else a scratch folder."""
    table = load_tsv()
    if write:
        TRANSLATIONS.mkdir(parents=True, exist_ok=True)
        extract(TS_PATH)
        report = fill(TS_PATH, table)
        compile_qm(TS_PATH, QM_PATH)
        return report
    with tempfile.TemporaryDirectory() as scratch:
        ts_path = Path(scratch) / TS_PATH.name
        if TS_PATH.exists():
            shutil.copyfile(TS_PATH, ts_path)
        extract(ts_path)
        report = fill(ts_path, table)
        compile_qm(ts_path, Path(scratch) / QM_PATH.name)
        return report


def _show(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main(argv: list[str] | None = None) -> int:
    """``update`` or ``check``; exit 1 when any message lacks a translation."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in ("update", "check"):
        print("usage: python tools/i18n.py update|check", file=sys.stderr)
        return 2
    report = run(write=args[0] == "update")
    for row in report.unused:
        print(f"unused: {row[2]}: [{row[0]}] {_show(row[1])}")
    for item in report.missing:
        print(f"missing: {item.where}: [{item.context}] {_show(item.source)}")
    done = report.messages - len(report.missing)
    print(f"{report.messages} messages, {done} translated, {len(report.missing)} missing")
    return 1 if report.missing else 0


if __name__ == "__main__":
    sys.exit(main())
