"""The F2 registration form, keyboard only: the NIK fills birth date and sex; errors per field."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.store.schema import registrations
from tests.services.conftest import NIK_MAN, NIK_WOMAN
from tests.ui.conftest import close_the_receipt, discard_asked, focused, press, type_text
from ui.context import Context
from ui.registration.page import RegistrationPage
from ui.window.main_window import MainWindow


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, teller: User) -> RegistrationPage:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: "memuat" not in window.status.pending.text())
    press(qtbot, Qt.Key.Key_F2)
    form = window.pages.currentWidget()
    assert isinstance(form, RegistrationPage)
    return form


def main_window(page: RegistrationPage) -> MainWindow:
    window = page.window()
    assert isinstance(window, MainWindow)
    return window


def stored(counter: Counter) -> list[sa.Row]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(registrations)))


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def fill(qtbot: QtBot, page: RegistrationPage, *, phone: str = "0812-3456-7890") -> None:
    """Every field from the NIK on, typed and tabbed; the cursor ends on the last field."""
    assert focused() is page.nik
    type_text(qtbot, NIK_MAN)
    assert page.birth_date.text() == "17/08/1985"
    assert page.sex.currentData() == "L"
    assert page.nik_info.text() == "Provinsi: DKI Jakarta"
    tab(qtbot)
    type_text(qtbot, "Joko Susanto")
    tab(qtbot)
    type_text(qtbot, "Jakarta")
    tab(qtbot, 3)  # the birth date and sex came from the NIK
    assert focused() is page.mother_maiden_name
    type_text(qtbot, "Sri Wahyuni")
    tab(qtbot)
    type_text(qtbot, phone)
    tab(qtbot)
    type_text(qtbot, "Jl. Melati No. 5, Jakarta Pusat")
    tab(qtbot)
    type_text(qtbot, "Pedagang")
    tab(qtbot)
    assert focused() is page.monthly_income
    press(qtbot, Qt.Key.Key_Down)  # the first tier
    assert page.monthly_income.currentData() == 1_000_000
    tab(qtbot)
    assert focused() is page.jht
    press(qtbot, Qt.Key.Key_Space)
    tab(qtbot)
    type_text(qtbot, "joko@contoh.id")
    tab(qtbot)
    assert focused() is page.agent_code


def test_a_registration_typed_and_saved_with_enter(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    close_the_receipt(qtbot, main_window(page))
    rows = stored(counter)
    assert len(rows) == 1
    row = rows[0]
    assert (row.nik, row.full_name, row.birth_date, row.sex) == (
        NIK_MAN,
        "Joko Susanto",
        "1985-08-17",
        "L",
    )
    assert row.monthly_income == 1_000_000
    assert row.programs == "JHT+JKK+JKM"
    assert page.done.text() == "Tersimpan: tanda terima BNI-0123-01-0000001"
    assert page.nik.text() == page.full_name.text() == ""
    assert focused() is page.nik


def test_ctrl_s_saves_and_the_status_bar_counts_it(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.done.isVisible)
    close_the_receipt(qtbot, main_window(page))
    assert len(stored(counter)) == 1
    window = page.window()
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.status.pending.text().startswith("Menunggu unggah: 1"))


def test_a_bad_phone_is_shown_under_the_phone_and_nothing_is_stored(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page, phone="12")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.errors["phone"].isVisible)
    assert page.errors["phone"].text().startswith("Nomor HP harus nomor seluler")
    assert focused() is page.phone
    assert not page.errors["nik"].isVisible()
    assert not page.done.isVisible()
    assert stored(counter) == []
    assert page.full_name.text() == "Joko Susanto"  # nothing cleared


def test_the_same_nik_again_names_the_earlier_receipt(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    close_the_receipt(qtbot, main_window(page))
    # Said as soon as the NIK is left, before anything else is typed.
    type_text(qtbot, NIK_MAN)
    tab(qtbot)
    qtbot.waitUntil(page.errors["nik"].isVisible)
    assert page.errors["nik"].text() == (
        "NIK ini sudah terdaftar dengan tanda terima BNI-0123-01-0000001."
    )
    page.nik.setFocus()
    page.nik.clear()
    fill(qtbot, page)
    qtbot.waitUntil(page.errors["nik"].isVisible)  # that NIK again: asked again, said again
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is page.nik)  # the save refused it too
    assert "BNI-0123-01-0000001" in page.errors["nik"].text()
    assert len(stored(counter)) == 1
    assert page.full_name.text() == "Joko Susanto"
    # Another NIK typed over it: the message goes at once.
    page.nik.selectAll()
    type_text(qtbot, NIK_WOMAN)
    assert not page.errors["nik"].isVisible(), page.errors["nik"].text()


def test_a_wrong_nik_is_flagged_as_it_is_typed(qtbot: QtBot, page: RegistrationPage) -> None:
    type_text(qtbot, "9971011708850002")
    assert page.errors["nik"].isVisible()
    assert "provinsi" in page.errors["nik"].text()
    press(qtbot, Qt.Key.Key_Backspace)
    assert not page.errors["nik"].isVisible()


def test_escape_clears_the_form_once_the_teller_says_so(
    qtbot: QtBot, page: RegistrationPage
) -> None:
    type_text(qtbot, NIK_MAN)
    tab(qtbot)
    type_text(qtbot, "Joko")
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Escape)  # "Kembali": what was typed stays, the cursor too
    qtbot.waitUntil(lambda: focused() is page.full_name)
    assert (page.nik.text(), page.full_name.text()) == (NIK_MAN, "Joko")
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # "Kosongkan"
    qtbot.waitUntil(lambda: page.nik.text() == "")
    qtbot.waitUntil(lambda: focused() is page.nik)
    assert page.nik.text() == page.full_name.text() == page.birth_date.text() == ""
    assert page.sex.currentData() == ""
    assert page.jkk.isChecked()
    assert page.jkm.isChecked()
    assert not page.jkk.isEnabled()
    assert focused() is page.nik


def label_of(page: RegistrationPage, widget: QWidget) -> str:
    [label] = [label for label in page.findChildren(QLabel) if label.buddy() is widget]
    return label.text()


def shown_errors(page: RegistrationPage) -> dict[str, str]:
    return {name: label.text() for name, label in page.errors.items() if label.isVisible()}


def test_every_error_at_once_each_cleared_as_it_is_fixed_and_required_fields_marked(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    assert label_of(page, page.full_name) == "Nama &lengkap *"
    assert label_of(page, page.monthly_income) == "Penghasilan per &bulan *"
    assert label_of(page, page.email) == "&Email"  # may stay empty: not marked
    note = page.findChild(QLabel, "required_note")
    assert note is not None
    assert note.isVisible()
    assert note.text() == "* wajib diisi"
    # A NIK one digit short: nothing said while it is typed, said when the field is left.
    type_text(qtbot, NIK_MAN[:15])
    assert not page.errors["nik"].isVisible()
    tab(qtbot)
    assert focused() is page.full_name
    assert shown_errors(page) == {"nik": "NIK harus 16 digit angka."}
    # Ctrl+S with the rest empty: every error at once, each under its field; the cursor on
    # the first.
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: focused() is page.nik)
    errors = shown_errors(page)
    assert set(errors) == {
        "nik",
        "full_name",
        "birth_place",
        "sex",
        "mother_maiden_name",
        "phone",
        "address",
        "occupation",
        "monthly_income",
    }
    assert errors["monthly_income"] == (
        "Penghasilan per bulan wajib diisi: pilih tingkat penghasilan."
    )
    assert stored(counter) == []
    # Each goes as soon as its field is right, without saving again.
    page.full_name.setFocus()
    type_text(qtbot, "Joko Susanto")
    assert "full_name" not in shown_errors(page)
    assert "birth_place" in shown_errors(page)  # the others stay until fixed
    page.nik.setFocus()
    page.nik.end(False)
    type_text(qtbot, NIK_MAN[15])  # the 16th digit: the NIK, birth date and sex are right
    assert page.sex.currentData() == "L"
    errors = shown_errors(page)
    assert "nik" not in errors
    assert "sex" not in errors
    page.monthly_income.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert "monthly_income" not in shown_errors(page)
    assert set(shown_errors(page)) == {
        "birth_place",
        "mother_maiden_name",
        "phone",
        "address",
        "occupation",
    }
