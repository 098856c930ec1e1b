"""English is selectable: our texts and Qt's standard buttons follow the language; the compiled
translation is complete and current for every text in ui/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.settings import PcSettings, save_settings, settings_file
from tools.update_translations import OUR_TS, QT_TS, Message, collect, read_ts
from ui.app import resolve_language
from ui.context import Context
from ui.i18n import install_translators, remove_translators
from ui.login import LoginWindow
from ui.registration.page import RegistrationPage
from ui.tasks import TaskManager


@pytest.fixture
def language(qapp: QApplication) -> Iterator[object]:
    """Install a language for one test; the next test starts untranslated again."""

    def install(lang: str) -> str:
        return install_translators(qapp, lang)

    yield install
    remove_translators(qapp)


def texts(widget: QWidget) -> set[str]:
    found = {label.text() for label in widget.findChildren(QLabel)}
    found |= {button.text() for button in widget.findChildren(QPushButton)}
    return found


def cancel_texts() -> tuple[str, str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    message = QMessageBox()
    message.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    in_message = message.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    assert in_message is not None
    return cancel.text(), in_message.text()


def test_in_english_the_login_window_and_standard_buttons_are_english(
    qtbot: QtBot, language: object, counter: Counter, tasks: TaskManager, network: TaskManager
) -> None:
    assert callable(language)
    assert language("en") == "en"
    window = LoginWindow(Context(counter, tasks, network, "en"))
    qtbot.addWidget(window)
    shown = texts(window)
    assert "Enter your user ID and PIN." in shown
    assert "&User ID" in shown
    assert "Log in" in shown
    assert "Masuk" not in shown
    assert window.windowTitle().startswith("SPO Counter — ")
    assert cancel_texts() == ("Cancel", "Cancel")


def test_in_english_the_registration_form_and_its_errors_are_english(
    qtbot: QtBot,
    language: object,
    counter: Counter,
    tasks: TaskManager,
    network: TaskManager,
    teller: User,
) -> None:
    assert callable(language)
    language("en")
    page = RegistrationPage(Context(counter, tasks, network, "en"), teller)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    shown = texts(page)
    assert {"BPU participant registration", "Fu&ll name *", "&Mother's maiden name *"} <= shown
    assert "Save (Ctrl+S)" in shown
    assert page.sex.itemText(1) == "L — Male"
    qtbot.keyClicks(page.nik, "9971011708850002")  # no such province: the core's own English
    assert page.errors["nik"].isVisible()
    assert "province" in page.errors["nik"].text()


def test_in_indonesian_standard_buttons_are_indonesian_too(
    qtbot: QtBot, language: object, counter: Counter, tasks: TaskManager, network: TaskManager
) -> None:
    assert callable(language)
    assert language("id") == "id"
    assert cancel_texts() == ("Batal", "Batal")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    yes, no = box.button(QMessageBox.StandardButton.Yes), box.button(QMessageBox.StandardButton.No)
    assert yes is not None
    assert no is not None
    assert (yes.text(), no.text()) == ("&Ya", "&Tidak")
    window = LoginWindow(Context(counter, tasks, network))
    qtbot.addWidget(window)
    assert "Masukkan ID pengguna dan PIN Anda." in texts(window)


def test_switching_language_replaces_the_translators_and_unknown_means_indonesian(
    qapp: QApplication, language: object
) -> None:
    assert callable(language)
    language("en")
    assert cancel_texts()[0] == "Cancel"
    assert language("fr") == "id"
    assert cancel_texts()[0] == "Batal"
    remove_translators(qapp)
    assert cancel_texts()[0] == "Cancel"  # Qt's own, untranslated


def test_the_language_is_the_one_given_else_the_one_saved_in_settings(tmp_path: Path) -> None:
    assert resolve_language(None, tmp_path) == "id"
    save_settings(tmp_path, PcSettings(language="en"))
    assert resolve_language(None, tmp_path) == "en"
    assert resolve_language("id", tmp_path) == "id"  # --lang or SPO_LANG wins
    settings_file(tmp_path).write_text("{broken", encoding="utf-8")
    assert resolve_language(None, tmp_path) == "id"  # a broken file never stops the start


# --- the translation files are complete and compiled ---------------------------------------------

PLACEHOLDER = re.compile(r"\{\d*\}|%[0-9nvmp]")


def accelerators(text: str) -> int:
    return text.replace("&&", "").count("&")


def check_compiled(ts: Path, messages: list[Message]) -> None:
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    stale = [
        m.source
        for m in messages
        if translator.translate(m.context, m.source, m.comment or None) != m.translation
    ]
    assert stale == [], f"{ts.with_suffix('.qm').name} is older than {ts.name}: run the tool"


def test_every_ui_text_has_a_finished_english_translation_compiled_in_the_qm() -> None:
    written = {m.key: m for m in read_ts(OUR_TS)}
    found = collect()
    assert len(found) > 100
    missing = [f"{m.context}: {m.source}" for m in found if m.key not in written]
    assert missing == [], "run tools/update_translations.py and translate the new texts"
    unfinished = [f"{m.context}: {m.source}" for m in found if not written[m.key].finished]
    assert unfinished == [], "texts without English: tools/update_translations.py --unfinished"
    gone = sorted(set(written) - {m.key for m in found})
    assert gone == [], "texts no longer in ui/: run tools/update_translations.py"
    for message in written.values():
        where = f"{message.context}: {message.source!r}"
        assert message.translation.strip(), where
        assert sorted(PLACEHOLDER.findall(message.translation)) == sorted(
            PLACEHOLDER.findall(message.source)
        ), where
        assert accelerators(message.translation) == accelerators(message.source), where
    check_compiled(OUR_TS, list(written.values()))


def test_the_indonesian_qt_buttons_are_compiled() -> None:
    messages = read_ts(QT_TS)
    assert {m.source for m in messages if m.context == "QPlatformTheme"} >= {
        "OK",
        "Cancel",
        "&Yes",
        "&No",
        "Close",
        "Save",
    }
    assert all(m.finished and m.translation for m in messages)
    check_compiled(QT_TS, messages)


def dialog_texts(widget: QWidget) -> set[str]:
    """Every word a teller reads on a dialog: labels, buttons, boxes, choices, the title."""
    found = texts(widget) | {widget.windowTitle()}
    found |= {box.title() for box in widget.findChildren(QGroupBox)}
    found |= {button.text() for button in widget.findChildren(QAbstractButton)}
    for combo in widget.findChildren(QComboBox):
        found |= {combo.itemText(i) for i in range(combo.count())}
    return {text for text in found if text}


ENGLISH = re.compile(
    r"\b(Look in|File name|Files of type|Print range|Copies|Collate|Options|Print|Properties"
    r"|Location|Type|Save|Cancel|Pages|All Pages)\b"  # "Printer" is Indonesian too
)


def test_in_indonesian_the_file_and_print_dialogs_speak_indonesian(
    qtbot: QtBot, language: object
) -> None:
    assert callable(language)
    language("id")
    files = QFileDialog(None, "Simpan tanda terima sebagai PDF", "", "Dokumen PDF (*.pdf)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(files)
    shown = dialog_texts(files)
    assert {"&Lihat di:", "&Nama berkas:", "&Jenis berkas:", "&Simpan", "Batal"} <= shown
    assert [text for text in shown if ENGLISH.search(text)] == []
    printer = QPrinter()  # kept: the dialog does not own it
    printing = QPrintDialog(printer)
    qtbot.addWidget(printing)
    shown = dialog_texts(printing)
    assert {"Cetak", "&Cetak", "Halaman yang dicetak", "Rangkap:", "&Nama:"} <= shown
    assert [text for text in shown if ENGLISH.search(text)] == []
    # Saving over a file asks in Indonesian too.
    assert QCoreApplication.translate(
        "QFileDialog", "%1 already exists.\nDo you want to replace it?"
    ) == ("%1 sudah ada.\nGanti dengan yang baru?")
