"""The window's language: our translation and Qt's own (standard buttons), installed at start.

The source texts are Indonesian, so "id" needs no translation of ours; but Qt's own texts (OK,
Cancel, Yes, No on standard buttons) are English and Qt ships no Indonesian (`qtbase_id.qm`), so
for "id" our small `qt_id.qm` stands in. For "en", our `spo_counter_en.qm` and Qt's `qtbase_en.qm`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop.resources import resource_path
from desktop.services.opening import LANGUAGES
from ui.store_failure import LANGUAGE_PROPERTY

DEFAULT_LANGUAGE = "id"
_TRANSLATOR = "spo_counter_translator"  # objectName of the translators installed here


def translation_files(lang: str) -> list[Path]:
    """The .qm files for `lang` that exist, Qt's first: a translator installed later wins."""
    ours = resource_path("translations")
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt_own = qt_dir / f"qtbase_{lang}.qm"
    candidates = [
        qt_own if qt_own.is_file() else ours / f"qt_{lang}.qm",
        ours / f"spo_counter_{lang}.qm",
    ]
    return [path for path in candidates if path.is_file()]


def install_translators(app: QCoreApplication, lang: str) -> str:
    """Install the translators for `lang` (replacing any installed here before); the language
    actually used, Indonesian when `lang` is not one we have."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    remove_translators(app)
    for path in translation_files(lang):
        translator = QTranslator(app)
        translator.setObjectName(_TRANSLATOR)
        if not translator.load(str(path)):
            raise RuntimeError(f"cannot load translation {path}")  # a broken build, a bug
        app.installTranslator(translator)
    app.setProperty(LANGUAGE_PROPERTY, lang)  # for texts the core gives in both languages
    return lang


def remove_translators(app: QCoreApplication) -> None:
    app.setProperty(LANGUAGE_PROPERTY, None)  # the source texts again: Indonesian
    for translator in app.findChildren(QTranslator, _TRANSLATOR):
        app.removeTranslator(translator)
        translator.setObjectName("")  # found no more, though deleted only by the event loop
        translator.deleteLater()
