"""The figures of one business day, read from the store for its close report.

Totals by kind, program and tender (voided amounts apart), the receipt range, voids with their
reasons and approvers, reprints, receipts never printed, records the upstream has not accepted,
and the cash counts. The rows come from desktop/store/day_rows.py, read inside the close's write
transaction so nothing is captured meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.cash import count_from_codes
from desktop.domain.zones import zone_label
from desktop.receipts.content import PROGRAM_NAMES
from desktop.receipts.day_report_model import (
    CountEntry,
    CountLine,
    KindTotal,
    PayoutEntry,
    ProgramTotal,
    RefundEntry,
    ReprintEntry,
    TenderTotal,
    Unacknowledged,
    VoidEntry,
)
from desktop.store import day_rows
from desktop.store.schema import users

KIND_LABELS = {
    "registration": "Pendaftaran BPU",
    "contribution_bpu": "Iuran BPU",
    "contribution_pu": "Iuran PU",
    "claim_handover": "Berkas klaim JHT",
    "void": "Pembatalan",
    "refund": "Pengembalian iuran",
    "benefit_payment": "Pembayaran jaminan JHT",
}
# Money out: listed by kind, never added to what was taken (nor to a tender's takings).
MONEY_OUT = frozenset({"refund", "benefit_payment"})
TENDER_LABELS = {"cash": "Tunai", "debit": "Debit rekening"}
TENDER_SHORT = {"cash": "tunai", "debit": "debit"}  # in the voids table's narrow column


@dataclass(frozen=True)
class DayFigures:
    kinds: tuple[KindTotal, ...]
    programs: tuple[ProgramTotal, ...]
    tenders: tuple[TenderTotal, ...]
    transaction_count: int
    first_receipt: str | None
    last_receipt: str | None
    voids: tuple[VoidEntry, ...]
    reprints: tuple[ReprintEntry, ...]
    never_printed: tuple[str, ...]
    unacknowledged: tuple[Unacknowledged, ...]
    refunds: tuple[RefundEntry, ...]
    payouts: tuple[PayoutEntry, ...] = ()

    @property
    def cash_paid_out(self) -> int:
        """JHT benefits paid out in cash today (out of the drawer)."""
        return sum(p.net for p in self.payouts if p.method == "tunai")

    def refunded(self, tender: str) -> int:
        """Money given back today in `tender` (out of the drawer for cash)."""
        return sum(r.amount for r in self.refunds if r.tender == TENDER_SHORT[tender])

    def tender(self, name: str) -> TenderTotal:
        return next(t for t in self.tenders if t.tender == name)


class People:
    """User ids as printed: "Dewi Lestari (teller01)"."""

    def __init__(self, connection: sa.Connection) -> None:
        rows = connection.execute(sa.select(users.c.id, users.c.name))
        self._names = {str(user_id): str(name) for user_id, name in rows}

    def __call__(self, user_id: str | None) -> str:
        if not user_id:
            return "-"
        name = self._names.get(user_id)
        return f"{name} ({user_id})" if name else user_id


class LocalTime:
    """Stored UTC instants as local text of the counter's zone."""

    def __init__(self, counter: Counter) -> None:
        self.zone = counter.profile.zone
        self.label = zone_label(counter.profile.timezone)

    def time(self, instant: str) -> str:
        return f"{datetime.fromisoformat(instant).astimezone(self.zone):%H:%M} {self.label}"

    def stamp(self, instant: str) -> str:
        local = datetime.fromisoformat(instant).astimezone(self.zone)
        return f"{local:%d/%m/%Y %H:%M} {self.label}"

    def day_bounds(self, day: date) -> tuple[str, str]:
        """The business day as UTC ISO text [start, end), comparable with stored instants."""
        start = datetime.combine(day, time(0), self.zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), self.zone).astimezone(UTC)
        return start.isoformat(), end.isoformat()


def day_figures(
    connection: sa.Connection, counter: Counter, day: date, people: People, local: LocalTime
) -> DayFigures:
    iso = day.isoformat()
    rows = day_rows.day_transactions(connection, iso)
    kinds: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in KIND_LABELS}
    tenders: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in TENDER_LABELS}
    unacknowledged: list[Unacknowledged] = []
    for _seq, receipt_no, kind, amount, tender, category, void_seq, upload, error in rows:
        key = _kind_key(kind, category)
        voided = void_seq is not None
        _add(kinds[key], amount, voided)
        if tender in tenders and kind not in MONEY_OUT:  # money out: apart (refunds, payouts)
            _add(tenders[tender], amount, voided)
        if upload != "sent":
            status = upload or "pending"
            reason = str(error or "") if status == "quarantined" else ""
            unacknowledged.append(Unacknowledged(receipt_no, status, reason))
    seqs = [int(row[0]) for row in rows]
    printed: set[int] = set()
    if seqs:
        printed = day_rows.printed_seqs(connection, seqs[0], seqs[-1])
    return DayFigures(
        kinds=tuple(
            KindTotal(key, KIND_LABELS[key], count, amount, voided_count, voided_amount)
            for key, (count, amount, voided_count, voided_amount) in kinds.items()
            if key not in MONEY_OUT or count  # money out's rows only on a day that has some
        ),
        programs=_programs(connection, iso),
        tenders=tuple(
            TenderTotal(key, TENDER_LABELS[key], count, amount, voided_count, voided_amount)
            for key, (count, amount, voided_count, voided_amount) in tenders.items()
        ),
        transaction_count=len(rows),
        first_receipt=str(rows[0][1]) if rows else None,
        last_receipt=str(rows[-1][1]) if rows else None,
        voids=_voids(connection, iso, people, local),
        reprints=_reprints(connection, day, people, local),
        never_printed=tuple(str(row[1]) for row in rows if int(row[0]) not in printed),
        unacknowledged=tuple(unacknowledged),
        refunds=_refunds(connection, iso, people, local),
        payouts=_payouts(connection, iso, people, local),
    )


def _kind_key(kind: str, category: str | None) -> str:
    if kind == "contribution":
        return "contribution_pu" if category == "PU" else "contribution_bpu"
    return kind


def _add(totals: list[int], amount: int, voided: bool) -> None:
    totals[0] += 1
    totals[1] += amount
    if voided:
        totals[2] += 1
        totals[3] += amount


def _programs(connection: sa.Connection, iso: str) -> tuple[ProgramTotal, ...]:
    found = {
        str(program): (int(count), int(amount))
        for program, count, amount in day_rows.program_totals(connection, iso)
    }
    order = [*PROGRAM_NAMES, *sorted(found.keys() - PROGRAM_NAMES.keys())]
    return tuple(ProgramTotal(p, PROGRAM_NAMES.get(p, p), *found[p]) for p in order if p in found)


def _voids(
    connection: sa.Connection, iso: str, people: People, local: LocalTime
) -> tuple[VoidEntry, ...]:
    entries = []
    for row in day_rows.day_voids(connection, iso):
        receipt, at, teller, reason, approver, voided, kind, amount, tender, category = row
        entries.append(
            VoidEntry(
                void_receipt_no=str(receipt),
                voided_receipt_no=str(voided),
                voided_kind=KIND_LABELS[_kind_key(kind, category)],
                amount=int(amount),
                tender=TENDER_SHORT.get(tender, "-") if tender else "-",
                reason=str(reason),
                approved_by=people(approver),
                teller=people(teller),
                at=local.time(at),
            )
        )
    return tuple(entries)


def _refunds(
    connection: sa.Connection, iso: str, people: People, local: LocalTime
) -> tuple[RefundEntry, ...]:
    return tuple(
        RefundEntry(
            refund_receipt_no=str(receipt),
            refunded_receipt_no=str(refunded),
            amount=int(amount),
            tender=TENDER_SHORT.get(str(tender), "tunai"),
            reason=str(reason),
            approved_by=people(approver),
            teller=people(teller),
            at=local.time(at),
        )
        for receipt, at, teller, tender, amount, reason, approver, refunded in (
            day_rows.day_refunds(connection, iso)
        )
    )


def _payouts(
    connection: sa.Connection, iso: str, people: People, local: LocalTime
) -> tuple[PayoutEntry, ...]:
    return tuple(
        PayoutEntry(
            receipt_no=str(receipt),
            claim_receipt_no=str(claim),
            claimant=str(claimant),
            net=int(net),
            method="tunai" if method == "cash" else "transfer",
            reference=str(reference or "-"),
            approved_by=people(approver),
            teller=people(teller),
            at=local.time(at),
        )
        for receipt, at, teller, claim, claimant, net, method, reference, approver in (
            day_rows.day_payouts(connection, iso)
        )
    )


def _reprints(
    connection: sa.Connection, day: date, people: People, local: LocalTime
) -> tuple[ReprintEntry, ...]:
    start, end = local.day_bounds(day)
    return tuple(
        ReprintEntry(str(receipt), int(copy), local.stamp(at), people(by))
        for receipt, copy, at, by in day_rows.reprints_between(connection, start, end)
    )


def count_entry(row: sa.RowMapping, people: People, local: LocalTime) -> CountEntry:
    """A stored cash count (a cash_counts row) as the report shows it."""
    count = count_from_codes({str(k): int(v) for k, v in json.loads(row["pieces"]).items()})
    return CountEntry(
        at=local.stamp(str(row["counted_at"])),
        by=people(str(row["counted_by"])),
        total=int(row["total"]),
        lines=tuple(CountLine(d.label, n, d.value * n) for d, n in count.pieces),
    )
