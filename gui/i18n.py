"""The window's language (English or 한국어) and the bundled Korean font.

`install_language(app, "ko")` installs our compiled translation (`gui/translations/
latentlab_ko.qm`) and Qt's own `qtbase_ko.qm` (standard dialogs and buttons) when PySide6
ships it; `install_language(app, "en")` removes them. Installing or removing a translator
makes Qt send `QEvent.LanguageChange` to every widget, and each widget re-sets its texts in
its `retranslate()`: the live window switches at once, with no restart.

The language is chosen, in order, by `main.py --lang ko|en`, the remembered setting
(View → Language) and the system locale (`QLocale.system()`).

`register_fonts()` adds the bundled NanumGothic subset (SIL OFL, `gui/fonts/`) to Qt and
`register_matplotlib_font()` to matplotlib, both as a fallback after the system's fonts, so
Hangul never renders as empty boxes on machines without CJK fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

#: Language codes the window offers, with their names as shown in View → Language.
LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"
#: The settings key remembering the user's choice.
SETTING_KEY = "ui/language"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "NanumGothic-LatentLab.ttf"

_state: dict[str, object] = {"language": DEFAULT_LANGUAGE, "font_family": "", "mpl_done": False}
_translators: list[QTranslator] = []


class LanguageError(ValueError):
    """A `--lang` value that is not a language we offer."""


def current_language() -> str:
    """The language code installed last ("en" or "ko")."""
    return str(_state["language"])


def system_language() -> str:
    """"ko" when the system locale is Korean, else "en"."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else DEFAULT_LANGUAGE


def normalize(code: str) -> str:
    """A language code from the command line or settings ("ko", "ko_KR", "EN"…) → "ko" | "en"."""
    short = str(code).strip().lower().replace("-", "_").split("_")[0]
    if short not in LANGUAGES:
        raise LanguageError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    return short


def split_lang_arg(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """Take `--lang CODE` / `--lang=CODE` out of `argv` (anywhere): (code or None, the rest).

    Raises `LanguageError` for a missing or unknown code.
    """
    rest: list[str] = []
    code: str | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang":
            if i + 1 >= len(args):
                raise LanguageError("--lang needs a value: ko or en")
            code = normalize(args[i + 1])
            i += 2
            continue
        if arg.startswith("--lang="):
            code = normalize(arg.split("=", 1)[1])
        else:
            rest.append(arg)
        i += 1
    return code, rest


def qt_translations_dir() -> Path:
    """PySide6's folder of Qt's own translations (qtbase_*.qm)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def translation_files(code: str) -> list[Path]:
    """The .qm files installed for `code`, ours first; only those that exist."""
    if normalize(code) != "ko":
        return []
    candidates = [TRANSLATIONS_DIR / "latentlab_ko.qm", qt_translations_dir() / "qtbase_ko.qm"]
    return [p for p in candidates if p.is_file()]


def install_language(app: QCoreApplication, code: str) -> bool:
    """Switch the application to `code` ("en" | "ko"), live. True if every file loaded.

    Removes the translators installed before, so switching back and forth is idempotent.
    """
    code = normalize(code)
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    ok = True
    for path in translation_files(code):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _translators.append(translator)
        else:
            ok = False
    if code == "ko" and not (TRANSLATIONS_DIR / "latentlab_ko.qm").is_file():
        ok = False
    _state["language"] = code
    # Qt posts LanguageChange to each top-level widget; deliver those now so the switch is
    # complete when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return ok


def initial_language(cli_code: str | None, saved: str | None) -> str:
    """The language to start in: `--lang`, else the remembered choice, else the system's."""
    if cli_code:
        return normalize(cli_code)
    if saved:
        try:
            return normalize(saved)
        except LanguageError:
            pass
    return system_language()


# --- fonts -----------------------------------------------------------------------------
def register_fonts() -> str:
    """Add the bundled Korean font to Qt as a fallback for every family; its family name.

    Call once a Q(Gui)Application exists and before widgets are created. "" if missing.
    """
    if _state["font_family"]:
        return str(_state["font_family"])
    if not FONT_PATH.is_file():
        return ""
    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return ""
    family = families[0]
    # Fallback after the system's fonts: any family lacking a Hangul glyph falls back to it.
    for generic in ("Sans Serif", "sans-serif", "Helvetica", "Arial", "DejaVu Sans",
                    QFont().defaultFamily(), QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()):
        subs = QFont.substitutes(generic)
        if family not in subs:
            QFont.insertSubstitution(generic, family)
    _state["font_family"] = family
    return family


def font_family() -> str:
    """The bundled font's family name once registered ("" before)."""
    return str(_state["font_family"])


def register_matplotlib_font() -> str:
    """Add the bundled font to matplotlib, after the existing sans-serif fonts; its name.

    Also sets `axes.unicode_minus = False` (the Unicode minus is not in every font).
    Idempotent; imports matplotlib, so call it where a figure is about to be drawn.
    """
    import matplotlib
    from matplotlib import font_manager

    if not _state["mpl_done"] and FONT_PATH.is_file():
        font_manager.fontManager.addfont(str(FONT_PATH))
        _state["mpl_family"] = font_manager.FontProperties(fname=str(FONT_PATH)).get_name()
        _state["mpl_done"] = True
    name = str(_state.get("mpl_family", ""))
    if name:
        fonts = list(matplotlib.rcParams["font.sans-serif"])
        if name not in fonts:
            matplotlib.rcParams["font.sans-serif"] = [*fonts, name]
        # matplotlib falls back glyph by glyph only across font.family entries (a generic
        # family resolves to one font), so the font is named there too, last.
        families = list(matplotlib.rcParams["font.family"])
        if name not in families:
            matplotlib.rcParams["font.family"] = [*families, name]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name
