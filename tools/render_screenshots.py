"""Render the teller's screens offscreen to PNG in docs/screenshots/, to look at them.

    .venv/bin/python tools/render_screenshots.py              # into docs/screenshots/
    .venv/bin/python tools/render_screenshots.py --out /tmp/shots

A demo counter is made in a temporary folder on a fixed clock (a Tuesday afternoon in Jakarta,
whatever the hour the tool runs at); the screens are driven like a teller would (typing, Enter)
and grabbed once the database worker has answered.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.counter import Counter  # noqa: E402
from desktop.domain.users import Role  # noqa: E402
from desktop.errors import StoreError  # noqa: E402
from desktop.receipts.collective import render_collective_pdf  # noqa: E402
from desktop.services.auth import User  # noqa: E402
from desktop.services.claims import HandOverClaim, hand_over_claim  # noqa: E402
from desktop.services.contributions import PayBpuContribution, pay_bpu  # noqa: E402
from desktop.services.demo import DEMO_USERS, make_demo  # noqa: E402
from desktop.services.inquiry import InquiryLink  # noqa: E402
from desktop.services.receipt_output import RenderedReceipt  # noqa: E402
from desktop.services.registration import RegisterParticipant, register_participant  # noqa: E402
from desktop.services.visit import CaptureVisit, capture_visit, visit_receipts  # noqa: E402
from desktop.settings import PcSettings, save_settings  # noqa: E402
from desktop.store.schema import contributions, outbox, registrations, transactions  # noqa: E402
from desktop.store.store import Store  # noqa: E402
from desktop.sync.sandbox.registry import Fixtures  # noqa: E402
from desktop.sync.sandbox.server import RunningSandbox  # noqa: E402
from tools.render_receipt_samples import render_png  # noqa: E402
from ui.app import Shell  # noqa: E402
from ui.context import Context  # noqa: E402
from ui.contribution.unverified import UnverifiedPaymentDialog  # noqa: E402
from ui.receipt.preview import ReceiptPreview  # noqa: E402
from ui.registration.page import RegistrationPage  # noqa: E402
from ui.store_failure import StoreFailureDialog  # noqa: E402
from ui.tasks import TaskManager  # noqa: E402
from ui.upload.quarantine import QuarantinePage  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.window.pages import PAGES  # noqa: E402

PAGES_KEYS = [spec.key for spec in PAGES]
# 14:30 WIB on Tuesday 24 November 2026: the demo's five business days end this afternoon, so the
# journal, the status bar's backlog and the day close all have a day's work to show.
SHOWN_AT = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    loop = QEventLoop()
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the screen did not get there")
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 20


def grab(widget: QWidget, path: Path) -> None:
    settled: list[bool] = []
    QTimer.singleShot(100, lambda: settled.append(True))  # layouts catch up with new texts
    wait_until(lambda: bool(settled))
    widget.grab().save(str(path))
    print(path)


class _HoldSecondBatch(httpx.HTTPTransport):
    """Lets the first batch through, then holds the next until the screenshot is taken."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests == 2:
            self.release.wait(30)
        return super().handle_request(request)


def render_upload(window: MainWindow, counter: Counter, folder: Path, out: Path) -> None:
    """An upload under way against a local sandbox, then the Karantina page with a refused row."""
    code = counter.profile.counter_code
    with counter.store.write() as connection:  # as the upstream would refuse a record
        connection.execute(
            sa.update(outbox)
            .where(outbox.c.seq == 3)
            .values(
                status="quarantined",
                attempts=1,
                last_error=(
                    "nik_registered: NIK ini sudah terdaftar sebagai peserta di BPJS "
                    "Ketenagakerjaan."
                ),
            )
        )
    with RunningSandbox(
        f"sqlite:///{folder / 'upstream.sqlite'}", {code: "demo"}, clock=counter.clock
    ) as upstream:
        os.environ["SPO_UPSTREAM_URL"] = upstream.url
        os.environ["SPO_UPSTREAM_TOKEN"] = "demo"  # noqa: S105 - the sandbox's demo token
        transport = _HoldSecondBatch()
        window.upload.transport = transport
        window.upload.batch_size = 10
        progressed: list[int] = []
        window.upload.progress.connect(lambda done, _pending: progressed.append(done))
        window.start_upload()
        wait_until(lambda: bool(progressed))
        grab(window, out / "main-uploading.png")
        finished: list[bool] = []
        window.upload.finished.connect(lambda _report: finished.append(True))
        window.upload.cancel()
        transport.release.set()
        wait_until(lambda: bool(finished), 30_000)
    page = PAGES_KEYS.index("quarantine")
    window.show_page(page)
    quarantine_page = window.pages.currentWidget()
    wait_until(lambda: quarantine_page.model.rowCount() > 0)  # type: ignore[attr-defined]
    grab(window, out / "quarantine.png")


def render_refund(window: MainWindow, counter: Counter, out: Path) -> None:
    """Karantina: a cash payment of today the upstream refused, its refund dialog with the
    supervisor's id typed, then the refund's receipt as printed (its PDF, page one)."""
    today = SHOWN_AT.astimezone(counter.profile.zone).date().isoformat()
    with counter.store.write() as connection:  # as the upstream would refuse a payment
        seq = connection.execute(
            sa.select(sa.func.max(transactions.c.seq)).where(
                transactions.c.kind == "contribution",
                transactions.c.tender == "cash",
                transactions.c.business_date == today,
            )
        ).scalar_one()
        connection.execute(
            sa.update(outbox)
            .where(outbox.c.seq == seq)
            .values(
                status="quarantined",
                attempts=1,
                last_error="period_paid: Iuran bulan 11/2026 sudah dibayar melalui kanal lain.",
            )
        )
    window.show_page(PAGES_KEYS.index("quarantine"))
    page = window.pages.currentWidget()
    if not isinstance(page, QuarantinePage):
        raise RuntimeError("not the Karantina page")
    page.reload()
    wait_until(lambda: any(r.seq == seq for r in page.model.records))
    page.table.selectRow(next(i for i, r in enumerate(page.model.records) if r.seq == seq))
    page.refund_selected()
    dialog = page.dialog
    if dialog is None:
        raise RuntimeError("no refund dialog")
    dialog.supervisor_id.setText("spv01")
    dialog.supervisor_pin.setText(next(u.pin for u in DEMO_USERS if u.id == "spv01"))
    grab(dialog, out / "refund-dialog.png")
    dialog.submit()
    confirmation = dialog.confirmation
    if confirmation is None:
        raise RuntimeError("no figures asked before the refund")
    grab(confirmation, out / "refund-confirm.png")
    confirmation.accept()
    receipt = printed(window, "refund")
    render_png(receipt.pdf, 150, out / "refund-receipt.png")
    print(out / "refund-receipt.png")


def printed(window: MainWindow, kind: str) -> RenderedReceipt:
    """The receipt of the capture just made, once it is out of the counter's printer (no
    preview comes in between)."""
    jobs = window.print_jobs

    def out_of_printer() -> bool:
        last = jobs.last
        return (
            last is not None
            and last.issued.data.kind == kind
            and "sudah keluar" in window.status.printing.text()
            and last.receipt_no in window.status.printing.text()
        )

    wait_until(out_of_printer)
    if jobs.last is None:
        raise RuntimeError("nothing printed")
    return jobs.last


def next_month(iso_day: str) -> str:
    day = date.fromisoformat(iso_day)
    return f"{day.year + day.month // 12}-{day.month % 12 + 1:02d}"


def render_visit(window: MainWindow, counter: Counter, folder: Path, out: Path) -> None:
    """Shift+F3: an agent's file of up to ten rows, two of them refused, every verdict on
    screen; then the batch of the others (the demo's paying participants, up to eight) paid in
    cash and the agent's collective receipt (its PDF, page one)."""
    paid_to = sa.func.max(contributions.c.period_end)
    with counter.store.read() as connection:  # each participant's month after the last paid
        last = connection.execute(
            sa.select(registrations.c.nik, paid_to)
            .join(transactions, transactions.c.participant_id == registrations.c.participant_id)
            .join(contributions, contributions.c.seq == transactions.c.seq)
            .group_by(registrations.c.nik)
            .order_by(registrations.c.nik)
            .limit(8)
        ).all()
    niks = [nik for nik, _end in last]
    rows = [f"{nik},1,,,{next_month(end)}" for nik, end in last]
    rows.insert(3, f"{niks[0][:12]}9999,1,,,2026-11")  # a NIK registered nowhere
    rows.insert(6, f"{niks[1]},2,,,{next_month(last[1][1])}")  # 2 months: 1, 3, 6 or 12
    agent_file = folder / "agen-PRS-0101.csv"
    agent_file.write_text(
        "participant,months,monthly_income,programs,period_start\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    window.show_page(PAGES_KEYS.index("visit"))
    page = window.visit
    page.open_file(agent_file)
    wait_until(lambda: page.check is not None)
    page.agent_code.setText("PRS-0101")
    page.table.setCurrentCell(2, 8)
    page.table.setFocus()
    grab(window, out / "visit.png")
    check = page.check
    if check is None or len(check.accepted) != len(last):
        raise RuntimeError(f"the visit's check did not accept the {len(last)} rows: {check}")
    kept = tuple(r for r in page.rows if r.row in {v.row for v in check.accepted})
    result = capture_visit(
        counter,
        window.user,
        CaptureVisit("PRS-0101", kept, cash_given=check.total + 7_000 - check.total % 1_000),
    )
    rendered = visit_receipts(counter, window.user, result)
    render_png(render_collective_pdf(rendered.collective), 110, out / "visit-collective.png")
    print(out / "visit-collective.png")
    page.start_again()


def render_registration(window: MainWindow, out: Path) -> None:
    """The F2 form filled in (birth date, sex and province from the NIK), then a field refused."""
    window.show_page(PAGES_KEYS.index("registration"))
    page = window.pages.currentWidget()
    if not isinstance(page, RegistrationPage):
        raise RuntimeError("the registration page is missing")
    page.nik.setText("3171015508920003")
    for edit, text in (
        (page.full_name, "Rina Kartika Sari"),
        (page.birth_place, "Jakarta"),
        (page.mother_maiden_name, "Sumiati"),
        (page.phone, "0813-2468-1357"),
        (page.address, "Jl. Kenanga No. 12, Jakarta Pusat"),
        (page.occupation, "Penjahit"),
        (page.email, "rina@contoh.id"),
    ):
        edit.setText(text)
    page.monthly_income.setCurrentIndex(2)
    page.jht.setChecked(True)
    page.agent_code.setFocus()
    grab(window, out / "registration.png")
    # A registration an agent brought: the code from the register, the agent named under it.
    wait_until(lambda: bool(page.agent_code.agents))
    page.agent_code.setText("PRS-0201")
    grab(window, out / "registration-agent.png")
    page.agent_code.clear()
    # Several mistakes at once: a NIK a digit short, no name, a landline, no income tier; every
    # one is said under its field after one save, the cursor on the first.
    page.clear()
    page.nik.setText("317101550892000")
    for edit, text in (
        (page.birth_place, "Jakarta"),
        (page.mother_maiden_name, "Sumiati"),
        (page.phone, "021-555"),
        (page.address, "Jl. Kenanga No. 12, Jakarta Pusat"),
        (page.occupation, "Penjahit"),
    ):
        edit.setText(text)
    page.submit()
    wait_until(page.errors["monthly_income"].isVisible)
    grab(window, out / "registration-error.png")
    page.clear()


def first_participant(counter: Counter) -> tuple[str, str]:
    """NIK and name of a demo participant registered with JHT, for the payment and claim."""
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(registrations.c.nik, registrations.c.full_name)
            .where(registrations.c.programs.like("%JHT%"))
            .order_by(registrations.c.seq)
        ).first()
    if row is None:
        raise RuntimeError("the demo made no registration with JHT")
    return str(row.nik), str(row.full_name)


def render_contribution(window: MainWindow, counter: Counter, out: Path) -> None:
    """F3: a BPU payment for three months, the breakdown and the change on screen."""
    nik, _name = first_participant(counter)
    window.show_page(PAGES_KEYS.index("contribution"))
    page = window.contribution
    page.start_for(nik)
    wait_until(lambda: page.bpu.participant_name.isVisibleTo(page))
    page.bpu.months.setCurrentIndex(page.bpu.months.findData(3))
    page.tender.cash_given.setText("200000")
    page.tender.cash_given.setFocus()
    grab(window, out / "contribution.png")
    # The same paid by account debit: the account and the bank's reference of the debit.
    page.tender.debit.setChecked(True)
    page.tender.debit_account.setText("0123456789")
    page.tender.debit_reference.setText("482913")
    page.tender.debit_reference.setFocus()
    grab(window, out / "contribution-debit.png")
    page.tender.cash.setChecked(True)  # back to the cash payment, to be taken
    page.tender.debit_account.clear()
    page.tender.debit_reference.clear()
    page.tender.cash_given.setFocus()
    # Enter on the cash: the figures asked before the money is taken (Enter accepts).
    page.submit()
    confirmation = page.confirmation
    if confirmation is None:
        raise RuntimeError("no figures asked before the payment")
    grab(confirmation, out / "contribution-confirm.png")
    confirmation.accept()
    printed(window, "contribution")
    wait_until(page.change_banner.isVisible)
    grab(window, out / "contribution-change.png")  # the change stays until the next payment
    page.clear()


# Registered elsewhere (the JMO app), a courier (PP 50/2025), and an employer's bill past its due
# date: what the sandbox's registry holds for the F3 screenshots (docs/sync-protocol.md).
UPSTREAM_NIK = "3273015203880004"
UPSTREAM_CODE = "98765432101"
UPSTREAM_FIXTURES = {
    "participants": [
        {
            "nik": UPSTREAM_NIK,
            "kpj": "23010000457",
            "full_name": "Siti Aminah",
            "birth_date": "1988-03-12",
            "category": "bpu",
            "monthly_income": 1_000_000,
            "programs": ["JKK", "JKM", "JHT"],
            "paid_through": "2026-10",
            "jht_balance": 2_450_000,
            "sector": "transport",
        }
    ],
    "bills": [
        {
            "payment_code": UPSTREAM_CODE,
            "npp": "15070956",
            "employer": "CV Maju Bersama",
            "period": "2026-09",
            "lines": {"JKK": 20_000, "JKM": 15_000, "JHT": 285_000, "JP": 120_000, "JKP": 4_200},
            "due_date": "2026-10-15",
        }
    ],
}


def render_contribution_upstream(
    window: MainWindow, counter: Counter, folder: Path, out: Path
) -> None:
    """F3 as a channel of the upstream: a participant registered elsewhere filled from the
    inquiry, an employer's bill filled from its payment code, then the same participant paid
    while the upstream cannot be reached (the status bar says LURING)."""
    code = counter.profile.counter_code
    window.show_page(PAGES_KEYS.index("contribution"))
    page = window.contribution
    with RunningSandbox(
        f"sqlite:///{folder / 'registry.sqlite'}",
        {code: "demo"},
        clock=counter.clock,
        fixtures=Fixtures.model_validate(UPSTREAM_FIXTURES),
    ) as upstream:
        os.environ["SPO_UPSTREAM_URL"] = upstream.url
        os.environ["SPO_UPSTREAM_TOKEN"] = "demo"  # noqa: S105 - the sandbox's demo token
        page.start_for(UPSTREAM_NIK)
        wait_until(lambda: page.bpu.paid_through.isVisibleTo(page))
        page.tender.cash_given.setText("30000")
        page.tender.cash_given.setFocus()
        grab(window, out / "contribution-upstream-bpu.png")
        page.clear()
        page.set_mode(pu=True)
        page.pu.payment_code.setText(UPSTREAM_CODE)
        page.pu.look_up()
        wait_until(lambda: page.pu.bill is not None)
        page.tender.cash_given.setText("500000")
        page.tender.cash_given.setFocus()
        grab(window, out / "contribution-pu-bill.png")
        page.clear()
        page.set_mode(pu=False)
    # The sandbox is gone: the next look-up finds the link dead, the kept answer fills the form.
    page.start_for(UPSTREAM_NIK)
    wait_until(lambda: page.bpu.upstream_note.isVisibleTo(page))
    wait_until(window.status.link.isVisible)
    page.tender.cash_given.setFocus()
    grab(window, out / "contribution-offline.png")
    page.clear()
    os.environ.pop("SPO_UPSTREAM_URL", None)


def render_unverified(window: MainWindow, out: Path) -> None:
    """F3 offline, a NIK neither registered here nor known: the teller confirms who pays."""
    with socket.socket() as probe:  # a port nothing listens on: every connection refused
        probe.bind(("127.0.0.1", 0))
        os.environ["SPO_UPSTREAM_URL"] = f"http://127.0.0.1:{probe.getsockname()[1]}"
    os.environ["SPO_UPSTREAM_TOKEN"] = "demo"  # noqa: S105 - the sandbox's demo token
    window.show_page(PAGES_KEYS.index("contribution"))
    page = window.contribution
    page.start_for("3578010101900003")
    wait_until(lambda: bool(page.findChildren(UnverifiedPaymentDialog)))
    (dialog,) = page.findChildren(UnverifiedPaymentDialog)
    wait_until(dialog.isVisible)
    dialog.full_name.setText("Bambang Wijaya")
    dialog.monthly_income.setCurrentIndex(dialog.monthly_income.findData(2_000_000))
    dialog.cash_given.setText("30.000")
    grab(dialog, out / "contribution-unverified.png")
    dialog.reject()
    page.clear()
    os.environ.pop("SPO_UPSTREAM_URL", None)


def render_claim(window: MainWindow, counter: Counter, out: Path) -> None:
    """F4: a resignation handover with its checklist, one required document still missing."""
    nik, name = first_participant(counter)
    window.show_page(PAGES_KEYS.index("claim"))
    page = window.claim
    fields = page.fields
    fields.reason.setCurrentIndex(fields.reason.findData("resignation"))
    fields.nik.setText(nik)
    fields.participant_name.setText(name)
    fields.event_date.setText("01/09/2026")
    fields.payout_bank.setText("BNI")
    fields.payout_account.setText("0123456789")
    fields.payout_account_holder.setText(name)
    combos = page.checklist.combos()
    for combo in combos[:-1]:
        combo.setCurrentIndex(combo.findData("original"))
    fields.reason.setFocus()
    grab(window, out / "claim.png")
    page.clear()
    # Saved empty: every field it needs is said at once, each under itself.
    page.submit()
    wait_until(page.errors["payout_account_holder"].isVisible)
    grab(window, out / "claim-errors.png")
    page.clear()


def render_journal(window: MainWindow, out: Path) -> None:
    """F5: the day's transactions, then the void dialog with a refused approval."""
    window.show_page(PAGES_KEYS.index("journal"))
    page = window.journal
    wait_until(lambda: page.model.rowCount() > 0 and "menghitung" not in page.count_label.text())
    grab(window, out / "journal.png")


def render_receipt_preview(window: MainWindow, out: Path) -> None:
    """A registration saved through the F2 page: the original prints by itself on the counter's
    printer (a PDF file here); then its preview, as "Cetak ulang" and the journal show it."""
    window.show_page(PAGES_KEYS.index("registration"))
    page = window.registration
    page.nik.setText("3171014404950001")
    for edit, text in (
        (page.full_name, "Sari Wulandari"),
        (page.birth_place, "Jakarta"),
        (page.mother_maiden_name, "Suparmi"),
        (page.phone, "0812-7654-3210"),
        (page.address, "Jl. Anggrek No. 7, Jakarta Pusat"),
        (page.occupation, "Pedagang sayur"),
    ):
        edit.setText(text)
    page.monthly_income.setCurrentIndex(1)
    page.submit()
    receipt = printed(window, "registration")  # by itself, no preview in the way
    # The preview as "Cetak ulang" and the journal's reprint show it.
    preview = ReceiptPreview.for_rendered(window.ctx, window.user, receipt, window)
    preview.open()
    wait_until(lambda: preview.is_ready)
    grab(preview, out / "receipt-preview.png")
    preview.done(0)


def render_day_close(window: MainWindow, out: Path) -> None:
    """The blind count typed in, before the expected figure is shown."""
    window.show_page(PAGES_KEYS.index("day_close"))
    page = window.day_close
    wait_until(lambda: "Memuat" not in page.day_line.text())
    page.counting.form.set_pieces({"100000": 3, "50000": 4, "20000": 5, "10000": 2, "2000": 4})
    grab(window, out / "day-close-count.png")


# A participant registered elsewhere (JMO), as the upstream's registry would hold her.
LOOKUP_FIXTURES = {
    "participants": [
        {
            "nik": "3273015203880004",
            "kpj": "23010000457",
            "full_name": "Siti Aminah",
            "birth_date": "1988-03-12",
            "category": "bpu",
            "monthly_income": 1_000_000,
            "programs": ["JKK", "JKM", "JHT"],
            "paid_through": "2026-12",
            "jht_balance": 2_450_000,
            "sector": "transport",
        }
    ]
}


def render_lookup(window: MainWindow, counter: Counter, folder: Path, out: Path) -> None:
    """F6: a participant registered elsewhere, as a local sandbox with fixtures answers."""
    code = counter.profile.counter_code
    with RunningSandbox(
        f"sqlite:///{folder / 'lookup-upstream.sqlite'}",
        {code: "demo"},
        clock=counter.clock,
        fixtures=Fixtures.model_validate(LOOKUP_FIXTURES),
    ) as upstream:
        os.environ["SPO_UPSTREAM_URL"] = upstream.url
        os.environ["SPO_UPSTREAM_TOKEN"] = "demo"  # noqa: S105 - the sandbox's demo token
        window.show_page(PAGES_KEYS.index("lookup"))
        page = window.lookup
        # The counter gives the upstream 2 s before it works offline; the screenshot wants the
        # answer, which the sandbox's first request can take longer to give on a slow or busy
        # machine (Windows under Wine in CI).
        page.link = InquiryLink(timeout=60)
        page.query.setText("3273 0152 0388 0004")
        answered: list[bool] = []
        page.answered.connect(lambda _found: answered.append(True))
        page.ask()
        wait_until(lambda: not page.busy, timeout_ms=70_000)
        if not answered:
            raise RuntimeError(f"the look-up got no answer: {page.error.text()}")
        grab(window, out / "lookup.png")
    page.clear()


# Two wage earners whose claims the sandbox decides: all of a small balance, and a balance above
# Rp50.000.000 (5% tax on the part above).
CLAIM_FIXTURES = {
    "participants": [
        *LOOKUP_FIXTURES["participants"],
        {
            "nik": "3174011505700001",
            "kpj": "23010000777",
            "full_name": "Hendra Gunawan",
            "birth_date": "1970-05-15",
            "monthly_income": 1_000_000,
            "programs": ["JKK", "JKM", "JHT"],
            "paid_through": "2026-10",
            "jht_balance": 80_000_000,
            "member_since": "2001-02-01",
        },
    ]
}


def render_claims(window: MainWindow, counter: Counter, folder: Path, out: Path) -> None:
    """The claims page: claims handed over today, uploaded to the sandbox (the same store as the
    upload's, so the chain goes on) deciding them as they arrive, their decisions learned."""
    resigned = HandOverClaim(
        nik="3273015203880004",
        participant_name="Siti Aminah",
        reason="resignation",
        event_date="01/09/2026",
        documents={"kartu_peserta": "original", "ktp": "copy", "paklaring": "original"},
        payout_bank="BRI",
        payout_account="0012345678",
        payout_account_holder="Siti Aminah",
    )
    hand_over_claim(counter, window.user, resigned)
    hendra = {"participant_name": "Hendra Gunawan", "payout_account_holder": "Hendra Gunawan"}
    hand_over_claim(
        counter,
        window.user,
        dataclasses.replace(resigned, nik="3174011505700001", kpj="23010000777", **hendra),
    )
    hand_over_claim(
        counter,
        window.user,
        dataclasses.replace(
            resigned,
            nik="3174011505700001",
            reason="partial_10",
            event_date="",
            documents={"kartu_peserta": "original", "ktp": "copy"},
            **hendra,
        ),
    )
    code = counter.profile.counter_code
    with RunningSandbox(
        f"sqlite:///{folder / 'upstream.sqlite'}",
        {code: "demo"},
        clock=counter.clock,
        fixtures=Fixtures.model_validate(CLAIM_FIXTURES),
        auto_decide=True,
    ) as upstream:
        os.environ["SPO_UPSTREAM_URL"] = upstream.url
        window.upload.transport = None  # the upload's held transport is done with
        window.upload.batch_size = 200
        finished: list[bool] = []
        window.upload.finished.connect(lambda _report: finished.append(True))
        window.start_upload()
        wait_until(lambda: bool(finished), 30_000)
    window.show_page(PAGES_KEYS.index("claims"))
    page = window.claims
    wait_until(lambda: page.model.rowCount() > 0 and "klaim;" in page.summary.text())
    grab(window, out / "claims.png")


def render_payout(window: MainWindow, out: Path) -> None:
    """F7's Bayar on Siti Aminah's approved claim: her NIK typed again, cash chosen; checked:
    the figures to confirm, as every money commit asks them (not paid: Esc)."""
    page = window.claims
    rows = page.model.rows
    approved = next(i for i, row in enumerate(rows) if row.participant_name == "Siti Aminah")
    page.table.selectRow(approved)
    wait_until(page.pay_button.isEnabled)
    page.pay_selected()
    dialog = page.dialog
    if dialog is None:
        raise RuntimeError("no payout dialog")
    dialog.nik.setText("3273015203880004")
    dialog.method.setCurrentIndex(dialog.method.findData("cash"))
    QApplication.processEvents()
    grab(dialog, out / "payout-dialog.png")
    dialog.submit()
    wait_until(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    QApplication.processEvents()
    asked = dialog.confirmation
    if asked is None:
        raise RuntimeError("no payout figures")
    grab(asked, out / "payout-confirm.png")  # the shared figures: Enter pays, Esc goes back
    asked.reject()
    wait_until(lambda: dialog.confirmation is None)
    dialog.reject()
    wait_until(lambda: page.dialog is None)


def render_settings(window: MainWindow, out: Path) -> None:
    window.show_page(PAGES_KEYS.index("settings"))
    grab(window, out / "settings.png")


def render_summary(shell: Shell, out: Path) -> None:
    """F10 in a supervisor's window: the demo's days at a glance, after the uploads and the
    refund above (so the backlog and the quarantine have something to say)."""
    spv = next(u for u in DEMO_USERS if u.role is Role.SUPERVISOR)
    window = MainWindow(shell.ctx, User(spv.id, spv.name, spv.role))
    window.resize(1200, 740)
    window.show()
    window.show_page(PAGES_KEYS.index("summary"))
    page = window.summary
    wait_until(lambda: page.summary is not None)
    grab(window, out / "summary.png")
    window.close()


# What a Perisai agent of the demo's register brought today, for the Agen page's statement.
AGENT_SHOWN = "PRS-0102"
AGENT_BROUGHT = (  # NIK (men born 17/08/1985 in Jakarta Pusat), name, programs, months paid
    ("3171011708859001", "Bambang Wijaya", "JKK+JKM", 1),
    ("3171011708859002", "Yusuf Hidayat", "JKK+JKM+JHT", 3),
    ("3171011708859003", "Andi Pratama", "JKK+JKM", 6),
)


def render_agents(shell: Shell, counter: Counter, out: Path) -> None:
    """F1 in a supervisor's window: the demo's register, and this month's statement of an agent
    who brought three more participants today and their first contributions."""
    teller = next(u for u in DEMO_USERS if u.role is Role.TELLER)
    by = User(teller.id, teller.name, teller.role)
    for nik, name, programs, months in AGENT_BROUGHT:
        register_participant(
            counter,
            by,
            RegisterParticipant(
                nik=nik,
                full_name=name,
                birth_place="Jakarta",
                birth_date="1985-08-17",
                sex="L",
                mother_maiden_name="Sri Wahyuni",
                phone="0812-3456-7890",
                address="Jl. Kenanga No. 7, Jakarta Pusat",
                occupation="Pedagang",
                monthly_income="1.000.000",
                programs=programs,
                agent_code=AGENT_SHOWN,
            ),
        )
        pay_bpu(
            counter,
            by,
            PayBpuContribution(
                participant=nik,
                months=months,
                period_start=f"{SHOWN_AT:%Y-%m}",
                agent_code=AGENT_SHOWN,
            ),
        )
    spv = next(u for u in DEMO_USERS if u.role is Role.SUPERVISOR)
    window = MainWindow(shell.ctx, User(spv.id, spv.name, spv.role))
    window.resize(1200, 740)
    window.show()
    window.show_page(PAGES_KEYS.index("agents"))
    page = window.agents
    panel = page.panel
    if panel is None:
        raise RuntimeError("a supervisor's Agen page has no statement")
    wait_until(lambda: page.model.rowCount() > 0 and not page._loading)
    codes = [agent.code for agent in page.model.rows]
    page.table.selectRow(codes.index(AGENT_SHOWN))
    panel.month.setCurrentIndex(0)  # this month: the demo's
    wait_until(
        lambda: (
            page.statement is not None
            and page.statement.month_text == f"{SHOWN_AT:%Y-%m}"
            and not page._reading
        )
    )
    page.table.setFocus()
    grab(window, out / "agents.png")
    window.close()


def render_store_failure(counter: Counter, folder: Path, out: Path) -> None:
    """The dialog for a damaged store: a copy of the demo's file cut to a third, opened."""
    broken = folder / "broken"
    broken.mkdir()
    with counter.store.read() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = counter.store.db_path.read_bytes()
    (broken / counter.store.db_path.name).write_bytes(data[: len(data) // 3])
    try:
        Store(broken).close()
    except StoreError as error:
        dialog = StoreFailureDialog(None, error)
    else:
        raise RuntimeError("the cut-off store opened")
    dialog.resize(600, 230)
    dialog.show()
    grab(dialog, out / "store-failure.png")
    dialog.close()


def render_all(shell: Shell, counter: Counter, folder: Path, out: Path) -> None:
    """Every documented screen, from the login to the day close, into `out`."""
    form = shell.login.form
    shell.login.show()
    grab(shell.login, out / "login-demo.png")
    form.user_id.setText("teller01")
    form.pin.setText("000000")
    form.submit()
    wait_until(form.pin_error.isVisible)
    grab(shell.login, out / "login-error.png")
    form.pin.setText(next(u.pin for u in DEMO_USERS if u.id == "teller01"))
    form.submit()
    wait_until(lambda: shell.main is not None)
    main_window = shell.main
    if main_window is None:
        raise RuntimeError("the main window did not open")
    main_window.resize(1200, 740)  # a counter PC's screen; the offscreen one is smaller
    wait_until(lambda: "memuat" not in main_window.status.pending.text())
    grab(main_window, out / "main-window.png")
    main_window.lock()
    grab(main_window, out / "main-locked.png")
    main_window.lock_page.form.pin.setText(next(u.pin for u in DEMO_USERS if u.id == "teller01"))
    main_window.lock_page.form.submit()
    wait_until(lambda: not main_window.is_locked)
    # Before the upload's: its sandbox gone, the timed upload finds the link dead, and on this
    # tool's frozen clock no recheck would ever come.
    render_lookup(main_window, counter, folder, out)
    render_contribution_upstream(main_window, counter, folder, out)
    render_unverified(main_window, out)
    render_upload(main_window, counter, folder, out)
    render_refund(main_window, counter, out)
    render_claims(main_window, counter, folder, out)
    render_payout(main_window, out)
    render_registration(main_window, out)
    render_visit(main_window, counter, folder, out)
    render_contribution(main_window, counter, out)
    render_claim(main_window, counter, out)
    render_journal(main_window, out)
    render_settings(main_window, out)
    render_receipt_preview(main_window, out)
    render_day_close(main_window, out)
    main_window.close()
    render_summary(shell, out)
    render_agents(shell, counter, out)
    render_store_failure(counter, folder, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        tasks: TaskManager | None = None
        network: TaskManager | None = None
        try:
            make_demo(store, transactions=40, clock=lambda: SHOWN_AT)
            # The counter's printer: a PDF file here, never the printer of whoever renders.
            save_settings(Path(folder), PcSettings(printer=str(Path(folder) / "printer.pdf")))
            counter = Counter(store, clock=lambda: SHOWN_AT)
            tasks = TaskManager()
            network = TaskManager(name="network", log_slow=False)
            shell = Shell(Context(counter, tasks, network), demo_users=DEMO_USERS)
            render_all(shell, counter, Path(folder), args.out)
        finally:
            # The threads stop and the store closes before its folder goes: a failure above is
            # reported as itself, and Windows refuses to delete a file that is still open.
            for worker in (network, tasks):
                if worker is not None:
                    worker.close()
            store.close()
    QCoreApplication.processEvents()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
