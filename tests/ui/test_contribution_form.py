"""The F3 contribution form, keyboard only: BPU by NIK or KPJ, PU by payment code, cash or debit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import register_participant
from desktop.store.schema import (
    contribution_lines,
    contributions,
    debit_references,
    participants,
    transactions,
)
from tests.services.conftest import NIK_MAN, NIK_WOMAN, registration
from tests.ui.conftest import (
    accept_figures,
    discard_asked,
    figures_asked,
    focused,
    press,
    type_text,
)
from ui.context import Context
from ui.contribution.page import ContributionPage

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@dataclass(frozen=True)
class Paid:
    """One stored contribution: its transaction joined to its detail row, and its program lines."""

    row: sa.Row[Any]
    lines: dict[str, int]


def stored(counter: Counter) -> list[Paid]:
    with counter.store.read() as connection:
        found = connection.execute(
            sa.select(transactions, contributions)
            .join(contributions, contributions.c.seq == transactions.c.seq)
            .order_by(transactions.c.seq)
        ).all()
        paid = []
        for row in found:
            lines = connection.execute(
                sa.select(contribution_lines.c.program, contribution_lines.c.amount).where(
                    contribution_lines.c.seq == row.seq
                )
            )
            paid.append(Paid(row, {program: amount for program, amount in lines}))
        return paid


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, teller: User) -> ContributionPage:
    form = ContributionPage(ctx, teller)
    qtbot.addWidget(form)
    form.resize(880, 640)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.setFocus()
    assert focused() is form.bpu.participant
    return form


@pytest.fixture
def with_jht(counter: Counter, teller: User) -> Captured:
    """Joko registered at Rp1.000.000 with JHT: his payments default to JKK+JKM+JHT."""
    return register_participant(counter, teller, registration(programs="JKK+JKM+JHT"))


@pytest.fixture
def plain(counter: Counter, teller: User) -> Captured:
    """Joko registered at Rp1.000.000 with the mandatory programs only."""
    return register_participant(counter, teller, registration())


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def look_up(qtbot: QtBot, page: ContributionPage, number: str) -> None:
    """Type the NIK or KPJ and Enter: the participant is found, tier, programs and months
    filled in, and the cursor goes to the cash handed over."""
    assert focused() is page.bpu.participant
    type_text(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.bpu.participant_name.isVisible)
    assert page.bpu.participant_name.text() == "Joko Susanto"
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)


def to_cash(qtbot: QtBot, page: ContributionPage) -> None:
    """Back to the cash handed over (Alt+D, "Uang &diterima") from wherever the cursor is."""
    press(qtbot, Qt.Key.Key_D, ALT)
    assert focused() is page.tender.cash_given


def test_a_bpu_payment_by_nik_shows_the_breakdown_as_typed_and_is_stored(
    qtbot: QtBot, page: ContributionPage, counter: Counter, with_jht: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    assert "3171••••••••0002" in page.bpu.participant_info.text()
    assert NIK_MAN not in page.bpu.participant_info.text()
    assert page.bpu.monthly_income.currentText() == "Rp1.000.000"  # from the registration
    assert page.bpu.jht.isChecked()
    assert page.breakdown.lines() == [
        ("JKK", "Rp10.000 × 1 bulan", "Rp10.000"),
        ("JKM", "Rp6.800 × 1 bulan", "Rp6.800"),
        ("JHT", "Rp20.000 × 1 bulan", "Rp20.000"),
    ]
    assert page.breakdown.total.text() == "Rp36.800"
    press(qtbot, Qt.Key.Key_J, ALT)  # "&Jumlah bulan"
    assert focused() is page.bpu.months
    press(qtbot, Qt.Key.Key_Down)  # 3 months
    assert page.breakdown.lines() == [
        ("JKK", "Rp10.000 × 3 bulan", "Rp30.000"),
        ("JKM", "Rp6.800 × 3 bulan", "Rp20.400"),
        ("JHT", "Rp20.000 × 3 bulan", "Rp60.000"),
    ]
    assert page.breakdown.total.text() == "Rp110.400"
    assert page.breakdown.period.text() == "Periode November 2026 – Januari 2027"
    assert page.breakdown.words.text() == "Seratus sepuluh ribu empat ratus rupiah"
    tab(qtbot, 2)
    assert focused() is page.tender.cash
    tab(qtbot)
    type_text(qtbot, "150000")
    assert page.tender.change.text() == "Kembalian: Rp39.600"
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.saved) as saved:
        assert accept_figures(qtbot) == {
            "Total": "Rp110.400",
            "Uang diterima": "Rp150.000",
            "Kembalian": "Rp39.600",
        }
    captured = saved.args[0]
    assert isinstance(captured, Captured)
    assert captured.receipt_no == "BNI-0123-01-0000002"
    [paid] = stored(counter)
    assert paid.row.amount == 110_400
    assert (paid.row.tender, paid.row.cash_given) == ("cash", 150_000)
    assert paid.lines == {"JKK": 30_000, "JKM": 20_400, "JHT": 60_000}
    row = paid.row
    assert (row.category, row.identified_by, row.monthly_income, row.months) == (
        "BPU",
        "nik",
        1_000_000,
        3,
    )
    assert (row.period_start, row.period_end) == ("2026-11-01", "2027-01-01")
    assert page.done.text() == "Tersimpan: tanda terima BNI-0123-01-0000002"
    # The change to hand back stays on screen until the next payment is started.
    assert page.change_banner.isVisible()
    assert page.change_banner.text().startswith("Kembalian Rp39.600")
    assert page.bpu.participant.text() == page.tender.cash_given.text() == ""
    assert page.breakdown.total.text() == "—"
    assert focused() is page.bpu.participant
    type_text(qtbot, "3")  # the next payment starts: the change is no longer news
    assert not page.change_banner.isVisible()


def test_a_bpu_payment_by_kpj_with_jht_left_out_and_ctrl_s(
    qtbot: QtBot, page: ContributionPage, counter: Counter, with_jht: Captured
) -> None:
    with counter.store.write() as connection:
        connection.execute(
            sa.update(participants).where(participants.c.nik == NIK_MAN).values(kpj="12345678901")
        )
    look_up(qtbot, page, "123 4567 8901")
    assert "KPJ 1234•••8901" in page.bpu.participant_info.text()
    press(qtbot, Qt.Key.Key_P, ALT)  # "&Penghasilan per bulan"
    press(qtbot, Qt.Key.Key_Down)  # the next tier, Rp1.500.000
    tab(qtbot)
    assert focused() is page.bpu.jht
    press(qtbot, Qt.Key.Key_Space)  # JHT off this time
    assert page.breakdown.lines() == [
        ("JKK", "Rp15.000 × 1 bulan", "Rp15.000"),
        ("JKM", "Rp6.800 × 1 bulan", "Rp6.800"),
    ]
    assert page.breakdown.total.text() == "Rp21.800"
    press(qtbot, Qt.Key.Key_S, CTRL)  # cash, the exact amount: nothing typed for the change
    assert accept_figures(qtbot) == {
        "Total": "Rp21.800",
        "Uang diterima": "Rp21.800",
        "Kembalian": "Rp0",
    }
    qtbot.waitUntil(page.done.isVisible)
    [paid] = stored(counter)
    assert paid.row.identified_by == "kpj"
    assert paid.row.monthly_income == 1_500_000
    assert paid.lines == {"JKK": 15_000, "JKM": 6_800}
    assert (paid.row.amount, paid.row.cash_given) == (21_800, None)


def test_a_pu_bill_by_payment_code_paid_by_account_debit(
    qtbot: QtBot, page: ContributionPage, counter: Counter
) -> None:
    press(qtbot, Qt.Key.Key_U, ALT)
    assert page.pu_mode.isChecked()
    assert focused() is page.pu.payment_code
    type_text(qtbot, "1234 5678 9012")
    tab(qtbot)
    type_text(qtbot, "12345678")
    tab(qtbot)
    type_text(qtbot, "PT Maju Jaya Abadi")
    tab(qtbot)
    assert focused() is page.pu.period
    assert page.pu.period.currentText() == "Oktober 2026"  # last month's bill, by default
    tab(qtbot)
    for amount in ("24000", "30.000", "570000", "Rp300.000"):
        type_text(qtbot, amount)
        tab(qtbot)
    assert page.pu.billed["JKK"].text() == "24.000"  # dotted once the field is left
    assert page.breakdown.lines() == [
        ("JKK", "Kecelakaan Kerja", "Rp24.000"),
        ("JKM", "Kematian", "Rp30.000"),
        ("JHT", "Hari Tua", "Rp570.000"),
        ("JP", "Pensiun", "Rp300.000"),
    ]
    assert page.breakdown.total.text() == "Rp924.000"
    assert page.breakdown.period.text() == "Periode Oktober 2026"
    assert focused() is page.tender.cash
    press(qtbot, Qt.Key.Key_Right)
    assert page.tender.debit.isChecked()
    assert not page.tender.cash_given.isVisible()
    tab(qtbot)
    assert focused() is page.tender.debit_account
    type_text(qtbot, "0123-456-789")
    press(qtbot, Qt.Key.Key_Return)  # on to the bank's reference of the debit
    assert focused() is page.tender.debit_reference
    press(qtbot, Qt.Key.Key_Return)  # left empty: refused under it, nothing taken
    error = page.tender.errors["debit_reference"]
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("Nomor referensi debit wajib diisi")
    assert focused() is page.tender.debit_reference
    assert stored(counter) == []
    type_text(qtbot, "482913")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    [paid] = stored(counter)
    assert paid.row.amount == 924_000
    assert (paid.row.tender, paid.row.debit_account) == ("debit", "0123456789")
    with counter.store.read() as connection:
        references = connection.execute(sa.select(debit_references)).all()
    assert [tuple(r) for r in references] == [(paid.row.seq, "482913")]
    row = paid.row
    assert (row.category, row.payment_code, row.npp, row.employer_name) == (
        "PU",
        "123456789012",
        "12345678",
        "PT Maju Jaya Abadi",
    )
    assert (row.period_start, row.period_end) == ("2026-10-01", "2026-10-01")
    assert paid.lines == {"JKK": 24_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000}
    assert page.pu_mode.isChecked()  # the next bill is likely PU too
    assert focused() is page.pu.payment_code
    assert page.tender.cash.isChecked()


def test_too_little_cash_is_refused_under_the_cash_field_and_nothing_is_stored(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    assert page.breakdown.total.text() == "Rp16.800"
    to_cash(qtbot, page)
    type_text(qtbot, "10.000")
    assert page.tender.change.text() == "Kurang Rp6.800"
    press(qtbot, Qt.Key.Key_Return)
    error = page.errors["cash_given"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Uang yang diterima kurang dari jumlah yang harus dibayar."
    assert focused() is page.tender.cash_given
    assert stored(counter) == []
    assert not page.done.isVisible()
    type_text(qtbot, "20.000")  # replaces the selected amount
    assert not error.isVisible()
    assert page.tender.change.text() == "Kembalian: Rp3.200"
    press(qtbot, Qt.Key.Key_Return)
    accept_figures(qtbot)
    qtbot.waitUntil(page.done.isVisible)
    [paid] = stored(counter)
    assert (paid.row.amount, paid.row.cash_given) == (16_800, 20_000)


def test_cash_that_is_not_an_amount_is_refused_before_the_store_is_asked(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    to_cash(qtbot, page)
    type_text(qtbot, "dua puluh ribu")
    press(qtbot, Qt.Key.Key_Return)
    assert page.errors["cash_given"].text().startswith("Uang diterima harus berupa jumlah rupiah")
    assert focused() is page.tender.cash_given
    assert stored(counter) == []


def test_an_unknown_nik_is_shown_under_the_nik_field(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    type_text(qtbot, NIK_WOMAN)
    press(qtbot, Qt.Key.Key_Return)
    error = page.errors["participant"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == (
        "Peserta 3201••••••••0001 belum terdaftar di loket ini dan belum dikenali server pusat. "
        "Tanyakan saat server pusat terhubung, atau daftarkan dulu."
    )
    assert focused() is page.bpu.participant
    assert not page.bpu.participant_name.isVisible()
    press(qtbot, Qt.Key.Key_S, CTRL)  # saving anyway names the same field, and stores nothing
    qtbot.waitUntil(lambda: page.save_button.isEnabled() and error.isVisible())
    assert "belum terdaftar" in error.text()
    assert stored(counter) == []
    # Asked once for the save, not again and again: the look-up worker falls idle.
    qtbot.waitUntil(lambda: not page.ctx.asking.busy)
    assert not page.bpu.looking
    press(qtbot, Qt.Key.Key_Backspace)  # the selected number goes; so does its message
    assert not error.isVisible()


def test_a_month_paid_here_is_not_offered_again(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    page.start_for(NIK_MAN)
    qtbot.waitUntil(page.bpu.participant_name.isVisible)
    assert not page.bpu.paid_through.isVisible()  # nothing paid, no upstream: not said
    press(qtbot, Qt.Key.Key_S, CTRL)
    accept_figures(qtbot)
    qtbot.waitUntil(page.done.isVisible)
    page.start_for(NIK_MAN)
    qtbot.waitUntil(page.bpu.participant_name.isVisible)
    assert page.bpu.paid_through.text() == "Lunas s.d. November 2026"
    assert page.bpu.period_start.itemData(0) == "2026-12"  # November is paid: not offered
    assert page.bpu.period_start.currentData() == "2026-12"
    press(qtbot, Qt.Key.Key_S, CTRL)
    accept_figures(qtbot)
    qtbot.waitUntil(page.done.isVisible)
    assert [paid.row.period_start for paid in stored(counter)] == [
        "2026-11-01",
        "2026-12-01",
    ]


def test_escape_clears_the_form_once_the_teller_says_so(
    qtbot: QtBot, page: ContributionPage, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    press(qtbot, Qt.Key.Key_J, ALT)
    press(qtbot, Qt.Key.Key_Down)
    assert page.breakdown.total.text() == "Rp50.400"
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Escape)  # "Kembali": nothing is thrown away
    qtbot.waitUntil(lambda: focused() is page.bpu.months)
    assert page.bpu.participant.text() == NIK_MAN
    assert page.breakdown.total.text() == "Rp50.400"
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # "Kosongkan"
    qtbot.waitUntil(lambda: page.bpu.participant.text() == "")
    qtbot.waitUntil(lambda: focused() is page.bpu.participant)
    assert not page.bpu.participant_name.isVisible()
    assert page.bpu.monthly_income.currentData() == ""
    assert page.bpu.months.currentText() == "1 bulan"
    assert page.breakdown.total.text() == "—"
    assert focused() is page.bpu.participant
    press(qtbot, Qt.Key.Key_U, ALT)
    type_text(qtbot, "123456789012")
    press(qtbot, Qt.Key.Key_Escape)
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.pu.payment_code.text() == "")
    qtbot.waitUntil(lambda: focused() is page.pu.payment_code)
    assert page.pu_mode.isChecked()
    assert focused() is page.pu.payment_code
    press(qtbot, Qt.Key.Key_B, ALT)
    assert focused() is page.bpu.participant


def test_start_for_looks_the_participant_up_and_waits_on_the_tier(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    press(qtbot, Qt.Key.Key_U, ALT)
    type_text(qtbot, "123")
    page.start_for(NIK_MAN)
    assert page.bpu_mode.isChecked()
    assert page.pu.payment_code.text() == ""
    assert focused() is page.bpu.monthly_income
    qtbot.waitUntil(page.bpu.participant_name.isVisible)
    assert page.bpu.participant.text() == NIK_MAN
    assert page.breakdown.total.text() == "Rp16.800"
    press(qtbot, Qt.Key.Key_S, CTRL)
    accept_figures(qtbot)
    qtbot.waitUntil(page.done.isVisible)
    [paid] = stored(counter)
    assert paid.row.amount == 16_800


def test_a_found_participant_needs_a_tier_on_screen(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    press(qtbot, Qt.Key.Key_P, ALT)
    press(qtbot, Qt.Key.Key_Up)  # back to "choose a tier"
    assert page.breakdown.total.text() == "—"
    assert page.breakdown.message.text().endswith("pilih tingkat penghasilan.")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert page.errors["monthly_income"].text() == "Pilih tingkat penghasilan."
    assert focused() is page.bpu.monthly_income
    assert stored(counter) == []


def test_pu_mistakes_are_shown_under_their_own_fields(
    qtbot: QtBot, page: ContributionPage, counter: Counter
) -> None:
    press(qtbot, Qt.Key.Key_U, ALT)
    type_text(qtbot, "12345")
    press(qtbot, Qt.Key.Key_S, CTRL)
    code_error = page.errors["payment_code"]
    qtbot.waitUntil(code_error.isVisible)
    assert "Kode iuran" in code_error.text()
    assert focused() is page.pu.payment_code
    # Every mistake at once, each under its own field.
    shown = {name for name, label in page.errors.items() if label.isVisible()}
    assert shown == {"payment_code", "npp", "employer_name", "billed"}
    billed_error = page.errors["billed"]
    assert billed_error.text() == "Isi jumlah tagihan sedikitnya satu program."
    type_text(qtbot, "123456789012")  # over the selected mistake: its error goes
    assert not code_error.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "12345678")
    assert not page.errors["npp"].isVisible()
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "PT Maju Jaya Abadi")
    assert not page.errors["employer_name"].isVisible()
    assert billed_error.isVisible()  # not fixed yet: still said
    press(qtbot, Qt.Key.Key_S, CTRL)  # no amount billed yet
    qtbot.waitUntil(lambda: focused() is page.pu.billed["JKK"])
    assert billed_error.text() == "Isi jumlah tagihan sedikitnya satu program."
    assert not code_error.isVisible()
    assert stored(counter) == []


def test_the_debit_fields_are_said_when_left_and_go_as_soon_as_right(
    qtbot: QtBot, page: ContributionPage
) -> None:
    press(qtbot, Qt.Key.Key_U, ALT)
    page.tender.debit.setChecked(True)
    page.tender.debit_account.setFocus()
    type_text(qtbot, "0123456789")
    tab(qtbot)
    assert focused() is page.tender.debit_reference
    type_text(qtbot, "48")
    error = page.tender.errors["debit_reference"]
    assert not error.isVisible()  # not while it is typed
    page.tender.debit_account.setFocus()  # left
    assert error.isVisible()
    assert error.text() == (
        "Nomor referensi debit harus 4-20 huruf atau angka, seperti tercetak di struk."
    )
    page.tender.debit_reference.setFocus()
    page.tender.debit_reference.end(False)
    type_text(qtbot, "2")
    assert error.isVisible()  # still short
    type_text(qtbot, "9")
    assert not error.isVisible()  # right now: gone at once
    assert not page.tender.errors["debit_account"].isVisible()
    # The NPP likewise, with the save's own check of it.
    page.pu.npp.setFocus()
    type_text(qtbot, "123")
    tab(qtbot)
    assert page.errors["npp"].isVisible()
    page.pu.npp.setFocus()
    page.pu.npp.end(False)
    type_text(qtbot, "45678")
    assert not page.errors["npp"].isVisible()


def test_esc_on_the_cash_figures_goes_back_and_nothing_is_taken(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    type_text(qtbot, "50000")
    press(qtbot, Qt.Key.Key_Return)
    assert figures_asked(qtbot).figures() == {
        "Total": "Rp16.800",
        "Uang diterima": "Rp50.000",
        "Kembalian": "Rp33.200",
    }
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    assert stored(counter) == []
    assert page.tender.cash_given.text() == "50.000"  # as typed, selected to be put right
    assert page.tender.cash_given.selectedText() == "50.000"
    assert not page.change_banner.isVisible()
    # Put right, Enter twice: taken once.
    type_text(qtbot, "20000")
    press(qtbot, Qt.Key.Key_Return)
    assert accept_figures(qtbot)["Kembalian"] == "Rp3.200"
    qtbot.waitUntil(page.done.isVisible)
    [paid] = stored(counter)
    assert paid.row.cash_given == 20_000
    assert page.change_banner.text().startswith("Kembalian Rp3.200")


def test_the_nik_is_asked_at_its_16th_digit_and_the_cursor_goes_to_the_cash(
    qtbot: QtBot, page: ContributionPage, plain: Captured
) -> None:
    # 15 digits: nobody asked about yet (a KPJ or a short NIK is asked on Enter or Tab).
    type_text(qtbot, NIK_MAN[:15])
    assert not page.bpu.looking
    assert not page.bpu.participant_name.isVisible()
    assert focused() is page.bpu.participant
    # The 16th digit asks at once; the cursor goes where the teller types next: the cash.
    type_text(qtbot, NIK_MAN[15])
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    assert page.bpu.participant_name.text() == "Joko Susanto"


def test_enter_on_kembali_goes_back_too(
    qtbot: QtBot, page: ContributionPage, counter: Counter, plain: Captured
) -> None:
    look_up(qtbot, page, NIK_MAN)
    press(qtbot, Qt.Key.Key_Return)
    dialog = figures_asked(qtbot)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.back_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    assert stored(counter) == []
