"""The F4 claim handover page, keyboard only: the checklist per reason, the waiting period."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.store.schema import claim_documents, claim_handovers
from tests.conftest import PINS
from tests.services.conftest import NIK_WOMAN
from tests.ui.conftest import discard_asked, focused, focused_in, press, type_text
from ui.claim.page import ClaimPage
from ui.context import Context

RESIGNATION_CHECKLIST = [
    "kartu_peserta",
    "ktp",
    "surat_pengunduran_diri",
    "paklaring",
    "kartu_keluarga",
    "buku_tabungan",
    "pas_foto",
    "formulir_klaim",
]


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, teller: User) -> ClaimPage:
    """The page in a window of its own (the coordinator wires F4 into the main window later)."""
    form = ClaimPage(ctx, teller)
    qtbot.addWidget(form)
    form.resize(1100, 820)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.setFocus()
    qtbot.waitUntil(lambda: focused() is form.fields.reason)
    return form


def handovers(counter: Counter) -> list[sa.Row[Any]]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(claim_handovers)))


def documents(counter: Counter) -> dict[str, str]:
    with counter.store.read() as connection:
        rows = connection.execute(sa.select(claim_documents.c.document, claim_documents.c.status))
        return {document: status for document, status in rows}


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def choose(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Pick an item with the arrow keys, as a teller would without opening the list."""
    assert focused() is combo
    target = combo.findData(data)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        press(qtbot, key)
    assert combo.currentData() == data


def save(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def fill(
    qtbot: QtBot,
    page: ClaimPage,
    *,
    event_date: str = "01/09/2026",
    account: str = "0012-3456-78",
) -> None:
    """A resignation, typed from the reason to the account holder; the cursor ends there."""
    f = page.fields
    choose(qtbot, f.reason, "resignation")
    tab(qtbot)
    type_text(qtbot, NIK_WOMAN)
    tab(qtbot, 2)  # no KPJ number at hand
    type_text(qtbot, "Ratna Handayani")
    tab(qtbot)
    assert focused() is f.event_date
    type_text(qtbot, event_date)
    tab(qtbot)
    assert focused() is f.claimant_name  # the participant claims herself: left empty
    tab(qtbot, 3)  # the two NPWP questions: no, no
    assert focused() is f.payout_bank
    type_text(qtbot, "BRI")
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on, as Tab does
    type_text(qtbot, account)
    tab(qtbot)
    type_text(qtbot, "Ratna Handayani")
    assert focused() is f.payout_account_holder


def tick_documents(qtbot: QtBot, page: ClaimPage, letters: str) -> None:
    """From the account holder, Tab into the checklist and type one status letter per row.

    A = asli (original), F = fotokopi (copy), T = tidak ada (missing), "-" leaves the row as it is.
    """
    for code, letter in zip(RESIGNATION_CHECKLIST, letters, strict=False):
        tab(qtbot)
        assert focused() is page.checklist.combo(code)
        if letter != "-":
            type_text(qtbot, letter)


def test_a_complete_handover_typed_and_saved(
    qtbot: QtBot, page: ClaimPage, counter: Counter
) -> None:
    fill(qtbot, page)
    assert page.fields.waiting_info.text() == "Masa tunggu sudah selesai (01/10/2026)."
    assert not page.approval.isVisible()
    assert page.checklist.summary.text().startswith("Belum lengkap: Kartu peserta")
    # Card original, KTP copy, no resignation letter but the paklaring, and the savings book.
    tick_documents(qtbot, page, "afta-a")
    assert page.checklist.summary.text() == "Berkas wajib lengkap."
    assert not page.accept_incomplete.isVisible()
    tab(qtbot, 3)  # past the last rows; the approval is hidden, so Save comes next
    assert focused() is page.save_button
    with qtbot.waitSignal(page.saved) as signal:
        press(qtbot, Qt.Key.Key_Return)
    captured = signal.args[0]
    assert isinstance(captured, Captured)
    assert page.done.text() == f"Tersimpan: tanda terima {captured.receipt_no}"
    assert captured.receipt_no.startswith("BNI-")
    [row] = handovers(counter)
    assert (row.reason, row.nik, row.participant_name, row.claimant_name) == (
        "resignation",
        NIK_WOMAN,
        "Ratna Handayani",
        "Ratna Handayani",
    )
    assert (row.event_date, row.waiting_period_end, row.approved_by) == (
        "2026-09-01",
        "2026-10-01",
        None,
    )
    assert (row.payout_bank, row.payout_account, row.missing_count) == ("BRI", "0012345678", 0)
    assert documents(counter) == {
        "kartu_peserta": "original",
        "ktp": "copy",
        "surat_pengunduran_diri": "missing",
        "paklaring": "original",
        "kartu_keluarga": "missing",
        "buku_tabungan": "original",
        "pas_foto": "missing",
        "formulir_klaim": "missing",
    }
    # The form is empty again, ready for the next participant.
    assert page.fields.reason.currentIndex() == 0
    assert page.fields.nik.text() == page.fields.payout_account.text() == ""
    assert page.checklist.combos() == []
    assert focused() is page.fields.reason


def test_changing_the_reason_rebuilds_the_checklist(qtbot: QtBot, page: ClaimPage) -> None:
    f = page.fields
    assert page.checklist.combos() == []
    assert page.checklist.placeholder.isVisible()
    choose(qtbot, f.reason, "resignation")
    assert list(page.checklist.statuses()) == RESIGNATION_CHECKLIST
    assert f.event_date.isVisible()
    press(qtbot, Qt.Key.Key_Down)  # the next reason: dismissal, any one proof of PHK
    assert f.reason.currentData() == "dismissal"
    codes = list(page.checklist.statuses())
    assert "paklaring" not in codes
    assert codes[:3] == ["kartu_peserta", "ktp", "tanda_terima_laporan_phk"]
    assert "perjanjian_bersama" in codes
    assert page.checklist.summary.text() == (
        "Belum lengkap: Kartu peserta BPJS Ketenagakerjaan, KTP, Salah satu bukti PHK"
    )
    choose(qtbot, f.reason, "death")
    assert "akta_kematian" in page.checklist.statuses()
    assert "ktp" not in page.checklist.statuses()
    assert not f.event_date.isVisible()  # no date to type for a death claim
    assert f.claimant_name.placeholderText() == "wajib: nama ahli waris"
    # A balance above Rp50.000.000 adds the NPWP; the rows already ticked keep their status.
    tab(qtbot, 5)
    assert focused() is f.balance_above_50m
    press(qtbot, Qt.Key.Key_Space)
    assert "npwp" in page.checklist.statuses()
    assert f.npwp_info.text() == "NPWP wajib dilampirkan."
    assert page.checklist.summary.text().endswith("NPWP (Nomor Pokok Wajib Pajak)")
    tab(qtbot, 5)
    assert focused() is page.checklist.combo("kartu_peserta")
    type_text(qtbot, "a")
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # back to the reason
    assert focused() is f.reason
    choose(qtbot, f.reason, "retirement")
    assert list(page.checklist.statuses()) == [
        "kartu_peserta",
        "ktp",
        "npwp",
        "kartu_keluarga",
        "buku_tabungan",
        "pas_foto",
        "formulir_klaim",
    ]
    assert page.checklist.statuses()["kartu_peserta"] == "original"


def test_a_missing_required_document_is_shown_and_needs_a_deliberate_tick(
    qtbot: QtBot, page: ClaimPage, counter: Counter
) -> None:
    fill(qtbot, page)
    tick_documents(qtbot, page, "af")  # neither the resignation letter nor the paklaring
    summary = page.checklist.summary
    assert summary.isVisible()
    assert summary.text() == (
        "Belum lengkap: Surat keterangan pengunduran diri dari perusahaan atau paklaring"
    )
    assert "#b00020" in summary.styleSheet()
    save(qtbot)
    error = page.errors["documents"]
    assert error.isVisible()
    assert error.text().startswith("Berkas wajib belum lengkap.")
    assert focused() is page.checklist.combo("surat_pengunduran_diri")
    assert handovers(counter) == []
    # The teller takes the file as it is: Tab to the tick box, Space, save; the gap is recorded.
    tab(qtbot, 6)
    assert focused() is page.accept_incomplete
    press(qtbot, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.saved):
        save(qtbot)
    [row] = handovers(counter)
    assert row.missing_count == 1
    stored = documents(counter)
    assert stored["surat_pengunduran_diri"] == stored["paklaring"] == "missing"
    assert stored["ktp"] == "copy"


def test_before_the_waiting_period_ends_a_supervisor_approves(
    qtbot: QtBot, page: ClaimPage, counter: Counter
) -> None:
    fill(qtbot, page, event_date="10/11/2026")
    assert page.fields.waiting_info.text() == (
        "Masa tunggu belum selesai: berakhir 10/12/2026. Perlu persetujuan supervisor."
    )
    assert page.approval.isVisible()
    assert page.approval.supervisor_pin.echoMode() == QLineEdit.EchoMode.Password
    tick_documents(qtbot, page, "afta")
    tab(qtbot, 5)
    assert focused() is page.approval.supervisor_id
    errors = page.errors

    # Without a supervisor: refused, the message at the supervisor's field.
    save(qtbot)
    qtbot.waitUntil(errors["supervisor_id"].isVisible)
    assert errors["supervisor_id"].text().startswith("Masa tunggu belum selesai (berakhir 10/12")
    assert focused() is page.approval.supervisor_id
    assert handovers(counter) == []

    # The teller's own id and PIN: a teller cannot approve.
    type_text(qtbot, "teller01")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is page.approval.supervisor_pin
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)  # Enter in the PIN saves
    qtbot.waitUntil(lambda: errors["supervisor_id"].text() != "")
    assert errors["supervisor_id"].text() == "Persetujuan harus diberikan oleh supervisor."
    assert handovers(counter) == []

    # The supervisor's id with a wrong PIN (the teller's): named under the PIN, which is emptied.
    type_text(qtbot, "spv01")  # the id was selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(errors["supervisor_pin"].isVisible)
    assert errors["supervisor_pin"].text().startswith("ID pengguna atau PIN salah.")
    assert not errors["supervisor_id"].isVisible()
    assert page.approval.supervisor_pin.text() == ""
    assert focused() is page.approval.supervisor_pin
    assert handovers(counter) == []

    # spv01's own PIN: stored, with the approval recorded.
    type_text(qtbot, PINS["spv01"])
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    [row] = handovers(counter)
    assert (row.approved_by, row.waiting_period_end) == ("spv01", "2026-12-10")
    assert not page.approval.isVisible()
    assert page.approval.supervisor_id.text() == page.approval.supervisor_pin.text() == ""


def test_a_bad_payout_account_is_shown_under_it(
    qtbot: QtBot, page: ClaimPage, counter: Counter
) -> None:
    fill(qtbot, page, account="12")
    tick_documents(qtbot, page, "afta")
    save(qtbot)
    error = page.errors["payout_account"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Nomor rekening harus 6-20 angka."
    assert focused() is page.fields.payout_account
    assert not page.errors["nik"].isVisible()
    assert not page.done.isVisible()
    assert handovers(counter) == []
    assert page.fields.participant_name.text() == "Ratna Handayani"  # nothing cleared
    assert page.checklist.statuses()["ktp"] == "copy"


def test_an_event_date_ahead_is_named_when_leaving_it(qtbot: QtBot, page: ClaimPage) -> None:
    choose(qtbot, page.fields.reason, "dismissal")
    tab(qtbot, 4)
    assert focused() is page.fields.event_date
    type_text(qtbot, "01/01/2027")
    assert not page.approval.isVisible()
    tab(qtbot)
    error = page.errors["event_date"]
    assert error.isVisible()
    assert error.text() == "Tanggal kejadian tidak boleh di masa depan."


def test_escape_clears_the_form_once_the_teller_says_so(qtbot: QtBot, page: ClaimPage) -> None:
    fill(qtbot, page, event_date="10/11/2026")
    tick_documents(qtbot, page, "af")
    assert page.approval.isVisible()
    f = page.fields
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Escape)  # "Kembali": the claim as typed
    qtbot.waitUntil(lambda: focused_in(page))
    assert f.nik.text() != ""
    assert page.checklist.combos() != []
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # "Kosongkan"
    qtbot.waitUntil(lambda: f.nik.text() == "")
    qtbot.waitUntil(lambda: focused() is f.reason)
    assert f.reason.currentIndex() == 0
    assert f.nik.text() == f.participant_name.text() == f.event_date.text() == ""
    assert f.payout_bank.text() == f.payout_account.text() == f.payout_account_holder.text() == ""
    assert page.checklist.combos() == []
    assert not page.approval.isVisible()
    assert not f.waiting_info.isVisible()
    assert focused() is f.reason


def test_an_empty_handover_says_every_missing_field_at_once_each_going_as_it_is_filled(
    qtbot: QtBot, page: ClaimPage, counter: Counter
) -> None:
    from PySide6.QtWidgets import QLabel

    [nik_label] = [label for label in page.findChildren(QLabel) if label.buddy() is page.fields.nik]
    assert nik_label.text().endswith(" *")  # required, marked
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    errors = page.errors
    qtbot.waitUntil(errors["payout_account_holder"].isVisible)
    shown = {name for name, label in errors.items() if label.isVisible()}
    assert shown == {
        "reason",
        "nik",
        "participant_name",
        "payout_bank",
        "payout_account",
        "payout_account_holder",
    }
    assert errors["reason"].text() == "Pilih alasan klaim."
    assert focused() is page.fields.reason  # the first
    assert handovers(counter) == []
    page.fields.nik.setFocus()
    type_text(qtbot, NIK_WOMAN)
    assert not errors["nik"].isVisible()  # goes as the field is typed again
    assert errors["participant_name"].isVisible()  # the others stay until they are
    page.fields.payout_account.setFocus()
    type_text(qtbot, "01234")
    assert errors["payout_account"].isVisible()  # still short: still said
    type_text(qtbot, "5")
    assert not errors["payout_account"].isVisible()  # right: gone at once
    # A field left wrong is said at once, before any save.
    page.fields.payout_bank.setFocus()
    type_text(qtbot, "BNI")
    assert not errors["payout_bank"].isVisible()
    page.fields.payout_account_holder.setFocus()
    type_text(qtbot, "X")
    assert errors["payout_account_holder"].isVisible()  # said since the save, kept up to date
    assert handovers(counter) == []


def test_a_nik_a_digit_short_is_said_when_the_field_is_left(qtbot: QtBot, page: ClaimPage) -> None:
    page.fields.nik.setFocus()
    type_text(qtbot, NIK_WOMAN[:15])
    assert not page.errors["nik"].isVisible()  # still being typed
    press(qtbot, Qt.Key.Key_Tab)
    assert page.errors["nik"].isVisible()
    assert page.errors["nik"].text() == "NIK harus 16 digit angka."
    page.fields.nik.setFocus()
    page.fields.nik.end(False)
    type_text(qtbot, NIK_WOMAN[15])
    assert not page.errors["nik"].isVisible()  # right now: gone at once


def test_a_claim_field_left_wrong_is_said_at_once(qtbot: QtBot, page: ClaimPage) -> None:
    page.fields.payout_account.setFocus()
    type_text(qtbot, "12ab")
    assert not page.errors["payout_account"].isVisible()  # not while it is typed
    press(qtbot, Qt.Key.Key_Tab)
    assert page.errors["payout_account"].text() == "Nomor rekening harus 6-20 angka."
