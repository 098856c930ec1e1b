"""The Day close page, driven from the keyboard on a real store: the blind count, a difference
approved by another supervisor, the report shown and kept, captures refused after, the closing
upload against the real sandbox (and Retry after the upstream was down), reopening into
version 2; and the window's upload confirming closed days after the records."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.domain.cash import COINS, NOTES
from desktop.domain.money import format_rupiah
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import day_state
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.day_upload import awaiting_confirmation
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import cash_counts, day_closes
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import FAST_RETRY as FAST
from tests.helpers import FakeClock, closed_port_url
from tests.services.conftest import NIK_WOMAN, bpu_payment, pu_payment, registration
from tests.ui.conftest import focused, press, type_text
from ui.context import Context
from ui.day_close.page import CLOSED, COUNT, RESULT, DayClosePage
from ui.day_close.reopen import ReopenDialog
from ui.tasks import TaskManager
from ui.upload.controller import UploadController, done_text

TOKEN = "token-bni-0123-01"
SPV02 = User("spv02", "Budi Santoso", Role.SUPERVISOR)
PAGE_AREA = (800, 560)  # what a 1024x680 window leaves for a page


@pytest.fixture
def day(counter: Counter, teller: User) -> int:
    """Cash and debit captures and a void of a cash payment; returns the expected cash."""
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(months=3, tender="cash"))
    paid = pay_pu(counter, teller, pu_payment(tender="cash"))
    pay_pu(counter, teller, pu_payment(payment_code="123456789013"))  # debit
    void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah kode", "spv01", PINS["spv01"])
    )
    return cash_taken(counter)


def cash_taken(counter: Counter) -> int:
    """What the drawer should hold (a zero float): cash received less the cash voided, worked
    out here from the stored transactions, apart from the services' own sums."""
    with counter.store.read() as connection:
        cash = connection.exec_driver_sql(
            "SELECT COALESCE(SUM(t.amount), 0), "
            "COALESCE(SUM(CASE WHEN v.seq IS NOT NULL THEN t.amount END), 0) "
            "FROM transactions t LEFT JOIN voids v ON v.voided_seq = t.seq "
            "WHERE t.tender = 'cash'"
        ).one()
    return int(cash[0]) - int(cash[1])


@pytest.fixture
def no_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(db, {"BNI-0123-01": TOKEN}, clock=FakeClock()) as upstream:
        yield upstream


def open_page(qtbot: QtBot, ctx: Context, user: User) -> DayClosePage:
    page = DayClosePage(ctx, user, upload_policy=FAST)
    qtbot.addWidget(page)
    page.resize(*PAGE_AREA)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.overview is not None)
    page.setFocus()
    return page


def fits(page: DayClosePage) -> None:
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AREA[0]
    assert hint.height() <= PAGE_AREA[1]


def pieces_for(amount: int) -> dict[str, int]:
    """`amount` as the fewest notes and coins (Rp1.000 as notes)."""
    pieces: dict[str, int] = {}
    for denomination in (*NOTES, *(c for c in COINS if c.value < 1_000)):
        pieces[denomination.code], amount = divmod(amount, denomination.value)
    assert amount == 0, "not countable in notes and coins"
    return pieces


def count_text(amount: int) -> str:
    """The count as the command line writes it: "100000=3,50000=1,..."."""
    return ",".join(f"{code}={n}" for code, n in pieces_for(amount).items())


def type_count(qtbot: QtBot, page: DayClosePage, pieces: dict[str, int]) -> None:
    """From the first denomination down, as a teller types: pieces, Enter, pieces, Enter..."""
    form = page.counting.form
    assert focused() is form.first
    order = [*NOTES, *COINS]
    for denomination in order:
        box = form.boxes[denomination.code]
        assert focused() is box
        number = pieces.get(denomination.code, 0)
        if number:
            type_text(qtbot, str(number))
        if denomination is not order[-1]:
            press(qtbot, Qt.Key.Key_Return)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def stored_closes(counter: Counter) -> list[tuple[str, int, int, str | None, bytes]]:
    """(report_no, version, variance, approved_by, pdf) of every close report kept."""
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(
                day_closes.c.report_no,
                day_closes.c.version,
                day_closes.c.variance,
                day_closes.c.approved_by,
                day_closes.c.pdf,
            ).order_by(day_closes.c.version)
        ).all()
    return [(str(r[0]), int(r[1]), int(r[2]), r[3], bytes(r[4])) for r in rows]


def test_a_blind_count_with_a_difference_closes_only_with_another_supervisor(
    qtbot: QtBot, ctx: Context, counter: Counter, day: int, no_upstream: None
) -> None:
    counting_supervisor = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    page = open_page(qtbot, ctx, counting_supervisor)
    assert page.step == COUNT
    assert page.day_line.text().startswith("Dibuka otomatis oleh transaksi pertama pukul 10:00")
    assert page.day_line.text().endswith("· 5 transaksi")
    # Blind: nothing on the page shows, or holds, what the drawer should have.
    assert not page.result.expected.isVisible()
    assert page.result.expected.text() == ""
    assert format_rupiah(day) not in {label.text() for label in page.findChildren(QLabel)}
    fits(page)

    counted = pieces_for(day + 5_000)  # Rp5.000 too much in the drawer
    type_count(qtbot, page, counted)
    assert page.counting.form.total.text() == format_rupiah(day + 5_000)
    assert not page.result.expected.isVisible()
    press(qtbot, Qt.Key.Key_Return)  # on the last denomination: stores the count

    qtbot.waitUntil(lambda: page.step == RESULT)
    result = page.result
    assert result.expected.isVisible()
    assert result.expected.text() == format_rupiah(day)
    assert result.counted_cash.text() == format_rupiah(day + 5_000)
    assert result.variance.text() == "+Rp5.000"
    assert result.debit_total.text() == format_rupiah(924_000)
    assert result.verdict.text() == "Kas lebih Rp5.000 dari seharusnya."
    assert result.approval.isVisible()
    assert focused() is result.reason
    fits(page)

    # No reason: refused under the reason, nothing closed.
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(result.errors["reason"].isVisible)
    assert "alasan" in result.errors["reason"].text()
    assert focused() is result.reason
    # The supervisor who counted cannot approve their own count.
    type_text(qtbot, "Uang kembalian salah beri")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "spv01")
    press(qtbot, Qt.Key.Key_Return)
    assert isinstance(focused(), QLineEdit)
    assert focused() is result.supervisor_pin
    assert result.supervisor_pin.echoMode() == QLineEdit.EchoMode.Password
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(result.errors["supervisor_id"].isVisible)
    assert "permintaannya sendiri" in result.errors["supervisor_id"].text()
    assert result.supervisor_pin.text() == ""  # a PIN is never left typed in
    assert focused() is result.supervisor_id
    assert stored_closes(counter) == []
    # Another supervisor approves.
    type_text(qtbot, "spv02")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["spv02"])
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.step == CLOSED)
    [(report_no, version, variance, approved_by, pdf)] = stored_closes(counter)
    assert (report_no, version, variance, approved_by) == (
        "BNI-0123-01-TH-20261124-1",
        1,
        5_000,
        "spv02",
    )
    done = page.done
    assert done.report_no.text() == f"Laporan {report_no}"
    assert done.values["variance"].text() == "+Rp5.000"
    assert (
        done.approved.text() == "Selisih disetujui Budi Santoso (spv02): Uang kembalian salah beri"
    )
    assert done.report_view.pdf == pdf  # the report shown is the one kept
    assert done.report_view.document.pageCount() >= 1
    assert report_no in pdf_text(pdf)
    assert done.reopen_button.isVisible()  # a supervisor may reopen
    fits(page)
    # The close stands even with no upstream set: the upload says so and offers Retry.
    qtbot.waitUntil(lambda: not page.uploading)
    assert "Alamat server pusat belum diatur" in done.upload_status.text()
    assert done.retry_button.isVisible()
    assert day_state(counter).status == "closed"
    with pytest.raises(DomainError) as refused:
        register_participant(
            counter,
            User("teller01", "Dewi Lestari", Role.TELLER),
            registration(nik=NIK_WOMAN, sex="", birth_date=""),
        )
    assert refused.value.field == "business_date"
    assert report_no in refused.value.message_id


def test_a_teller_closes_a_matching_count_and_esc_counts_again(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, day: int, no_upstream: None
) -> None:
    page = open_page(qtbot, ctx, teller)
    type_count(qtbot, page, pieces_for(day - 1_000))  # a note short
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    assert page.result.variance.text() == "-Rp1.000"
    assert page.result.verdict.text() == "Kas kurang Rp1.000 dari seharusnya."
    press(qtbot, Qt.Key.Key_Escape)  # count again: the first count stays on record
    assert page.step == COUNT
    assert focused() is page.counting.form.first
    assert page.counting.form.total.text() == format_rupiah(day - 1_000)  # as typed before
    page.counting.form.set_pieces(pieces_for(day))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    assert page.result.variance.text() == "Rp0"
    assert page.result.verdict.text() == "Kas cocok. Enter untuk menutup hari kerja."
    assert not page.result.approval.isVisible()
    assert focused() is page.result.close_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    assert not page.done.reopen_button.isVisible()  # a teller does not reopen
    [(_report_no, _version, variance, approved_by, pdf)] = stored_closes(counter)
    assert (variance, approved_by) == (0, None)
    with counter.store.read() as connection:
        totals = list(
            connection.execute(
                sa.select(cash_counts.c.total)
                .where(cash_counts.c.purpose == "closing")
                .order_by(cash_counts.c.id)
            ).scalars()
        )
    assert totals == [day - 1_000, day]
    assert "Hitungan sebelumnya untuk penutupan ini" in pdf_text(pdf)


def test_an_empty_drawer_needs_saying_twice(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, no_upstream: None
) -> None:
    page = open_page(qtbot, ctx, teller)
    assert page.day_line.text().startswith("Belum dibuka.")
    assert page.float_button.isVisible()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.counting.error.isVisible()
    assert "Semua pecahan 0" in page.counting.error.text()
    assert page.step == COUNT
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    assert page.result.variance.text() == "Rp0"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    assert stored_closes(counter)[0][0] == "BNI-0123-01-TH-20261124-1"


def test_closing_uploads_and_shows_the_confirmation(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    teller: User,
    day: int,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    page = open_page(qtbot, ctx, teller)
    page.counting.form.set_pieces(pieces_for(day))
    with qtbot.waitSignal(page.confirmed, timeout=30_000) as confirmed:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.step == RESULT)
        press(qtbot, Qt.Key.Key_Return)
    assert confirmed.args[0].confirmed
    assert page.done.upload_status.text() == "Terkonfirmasi server pusat 24/11/2026 10:00 WIB"
    assert not page.done.retry_button.isVisible()
    assert awaiting_confirmation(counter) == ()


def test_an_upstream_down_leaves_it_unconfirmed_and_retry_confirms_later(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    teller: User,
    day: int,
    sandbox: RunningSandbox,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    page = open_page(qtbot, ctx, teller)
    page.counting.form.set_pieces(pieces_for(day))
    with qtbot.waitSignal(page.confirmed, timeout=30_000) as first:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.step == RESULT)
        press(qtbot, Qt.Key.Key_Return)
    assert not first.args[0].confirmed
    status = page.done.upload_status.text()
    assert "sudah ditutup di loket, tetapi belum dikonfirmasi server pusat" in status
    assert page.done.retry_button.isVisible()
    assert page.done.retry_button.text() == "&Coba lagi"
    assert focused() is page.done.retry_button
    assert [d.report_no for d in awaiting_confirmation(counter)] == ["BNI-0123-01-TH-20261124-1"]
    fits(page)

    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)  # the line is back
    clock.advance(minutes=7)
    with qtbot.waitSignal(page.confirmed, timeout=30_000) as second:
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert second.args[0].confirmed
    assert page.done.upload_status.text() == "Terkonfirmasi server pusat 24/11/2026 10:07 WIB"
    assert awaiting_confirmation(counter) == ()


def test_a_supervisor_reopens_and_the_next_close_makes_version_2(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    teller: User,
    supervisor: User,
    day: int,
    clock: FakeClock,
    no_upstream: None,
) -> None:
    count_and_close(counter, teller, CloseDay(count_text(day)))
    clock.advance(minutes=30)
    page = open_page(qtbot, ctx, supervisor)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    assert page.done.report_no.text() == "Laporan BNI-0123-01-TH-20261124-1"
    assert page.day_line.text() == "Sudah ditutup · 5 transaksi"
    assert page.done.upload_status.text() == "Belum dikonfirmasi server pusat."
    assert focused() is page.done.reopen_button

    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ReopenDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ReopenDialog)
    qtbot.waitUntil(lambda: focused() is dialog.reason)
    type_text(qtbot, "ok")  # too short: refused, nothing reopened
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert day_state(counter).status == "closed"
    dialog.reason.selectAll()
    type_text(qtbot, "Salah hitung uang logam")
    with qtbot.waitSignal(page.reopened):
        press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.step == COUNT and "dibuka kembali" in page.day_line.text())
    assert page.day_line.text().endswith("dibuka kembali setelah laporan versi 1")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    page.activateWindow()  # the offscreen platform does not give the activation back by itself
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.counting.form.first)
    page.counting.form.set_pieces(pieces_for(day))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    assert page.done.report_no.text() == "Laporan BNI-0123-01-TH-20261124-2"
    closes = stored_closes(counter)
    assert [row[0] for row in closes] == [
        "BNI-0123-01-TH-20261124-1",
        "BNI-0123-01-TH-20261124-2",
    ]
    text = " ".join(pdf_text(closes[1][4]).split())  # words, whatever the lines
    assert "BNI-0123-01-TH-20261124-1" in text
    assert "Salah hitung uang logam" in text


def test_an_earlier_day_left_open_is_named_and_closed_from_its_button(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, clock: FakeClock, no_upstream: None
) -> None:
    register_participant(counter, teller, registration())
    clock.advance(days=1)
    page = open_page(qtbot, ctx, teller)
    assert page.earlier_text.text() == "Hari kerja sebelumnya belum ditutup: 24/11/2026."
    [button] = page.earlier_buttons
    assert button.text() == "Tutup 24/11/2026"
    button.click()
    qtbot.waitUntil(lambda: page.day_title.text() == "24/11/2026")
    assert page.back_button.isVisible()
    assert not page.earlier.isVisible()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the drawer is empty
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    assert page.done.report_no.text() == "Laporan BNI-0123-01-TH-20261124-1"
    page.back_button.click()
    qtbot.waitUntil(lambda: page.day_title.text() == "25/11/2026" and page.step == COUNT)
    assert not page.earlier.isVisible()


# --- the window's upload confirms closed days after the records ---------------------------------


def test_the_window_upload_confirms_closed_days_after_the_records(
    qtbot: QtBot,
    counter: Counter,
    network: TaskManager,
    teller: User,
    day: int,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    closed = count_and_close(counter, teller, CloseDay(count_text(day)))
    upload = UploadController(counter, network, policy=FAST, every_ms=60_000)
    with (
        qtbot.waitSignal(upload.finished, timeout=30_000) as finished,
        qtbot.waitSignal(upload.days_confirmed, timeout=30_000) as days,
    ):
        assert upload.start()
    [confirmation] = days.args[0]
    assert confirmation.report_no == closed.report_no
    assert confirmation.confirmed
    assert awaiting_confirmation(counter) == ()
    assert done_text(finished.args[0], days=upload.last_days) == (
        "Terkirim 5, ditolak 0. Tutup hari 24/11/2026 terkonfirmasi server pusat."
    )
    upload.stop()


def test_a_timed_upload_runs_for_a_day_awaiting_confirmation_alone(
    qtbot: QtBot,
    counter: Counter,
    network: TaskManager,
    teller: User,
    day: int,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    upload = UploadController(counter, network, policy=FAST, every_ms=60_000)
    with qtbot.waitSignal(upload.finished, timeout=30_000):
        assert upload.start()  # the records go up; no day is closed yet
    assert upload.last_days == []
    count_and_close(counter, teller, CloseDay(count_text(day)))
    upload.timer.setInterval(10)
    with qtbot.waitSignal(upload.days_confirmed, timeout=30_000) as days:
        pass
    upload.stop()
    assert days.args[0][0].confirmed
    assert awaiting_confirmation(counter) == ()
