"""Is the store whole? SQLite integrity, the audit chain, record digests, receipt numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number
from desktop.store.audit import digest, verify_chain
from desktop.store.integrity import integrity_problems, trigger_names
from desktop.store.records import Record, load_records
from desktop.store.schema import PROTECTION_TRIGGERS, audit_events, receipt_sequence


@dataclass(frozen=True)
class Problem:
    check: str  # integrity, audit_chain, records, receipt_sequence, protection
    message_id: str
    message_en: str


@dataclass
class VerifyReport:
    problems: list[Problem] = field(default_factory=list)
    audit_events: int = 0
    transactions: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, message_id: str, message_en: str) -> None:
        self.problems.append(Problem(check, message_id, message_en))


def verify_store(counter: Counter) -> VerifyReport:
    report = VerifyReport()
    with counter.store.read() as connection:
        _integrity(connection, report)
        if not report.ok:
            return report  # the other checks read the damaged file: their answers mean nothing
        _protection(connection, report)
        for problem in verify_chain(connection):
            report.add("audit_chain", problem.message_id, problem.message_en)
        report.audit_events = connection.execute(
            sa.select(sa.func.count()).select_from(audit_events)
        ).scalar_one()
        records = load_records(connection)
        report.transactions = len(records)
        _records(connection, records, report)
        _sequence(connection, counter, records, report)
    return report


def _integrity(connection: sa.Connection, report: VerifyReport) -> None:
    results = integrity_problems(connection)
    if results:
        detail = "; ".join(results[:5])
        report.add(
            "integrity",
            f"Berkas SQLite rusak: {detail}",
            f"The SQLite file is damaged: {detail}",
        )


def _protection(connection: sa.Connection, report: VerifyReport) -> None:
    names = trigger_names(connection)
    for name in PROTECTION_TRIGGERS:
        if name not in names:
            report.add(
                "protection",
                f"Perlindungan basis data {name} telah dihapus.",
                f"The database protection {name} has been removed.",
            )


def _records(connection: sa.Connection, records: dict[str, Record], report: VerifyReport) -> None:
    events = connection.execute(
        sa.select(
            audit_events.c.entity_id, audit_events.c.record_digest, audit_events.c.details
        ).where(
            audit_events.c.action.in_(("registration", "contribution", "claim_handover", "void"))
        )
    ).all()
    digests: dict[str, str | None] = {row.entity_id: row.record_digest for row in events}
    receipts = {row.entity_id: _receipt_of(row.details) for row in events}
    for txn_id, record in records.items():
        txn = record["transaction"]
        receipt = txn["receipt_no"]
        if txn_id not in digests:
            report.add(
                "records",
                f"Transaksi {receipt} tidak tercatat di log audit.",
                f"Transaction {receipt} has no audit event.",
            )
        elif digests[txn_id] != digest(record):
            report.add(
                "records",
                f"Transaksi {receipt} diubah setelah dicatat.",
                f"Transaction {receipt} was changed after it was recorded.",
            )
    for txn_id in sorted(digests.keys() - records.keys()):
        receipt = receipts[txn_id]
        report.add(
            "records",
            f"Transaksi {receipt} ada di log audit tetapi hilang dari basis data.",
            f"Transaction {receipt} is in the audit log but missing from the database.",
        )


def _receipt_of(details: str) -> str:
    """The receipt number an audit event names, for messages; the event's id if it names none."""
    try:
        receipt = json.loads(details).get("receipt_no")
    except (ValueError, AttributeError):
        receipt = None
    return str(receipt) if receipt else "(tanpa nomor)"


def _sequence(
    connection: sa.Connection,
    counter: Counter,
    records: dict[str, Record],
    report: VerifyReport,
) -> None:
    code = counter.profile.counter_code
    seqs: list[int] = []
    for record in records.values():
        txn = record["transaction"]
        seqs.append(int(txn["seq"]))
        if txn["receipt_no"] != receipt_number(code, int(txn["seq"])):
            report.add(
                "receipt_sequence",
                f"Nomor kuitansi {txn['receipt_no']} tidak sesuai urutannya.",
                f"Receipt number {txn['receipt_no']} does not match its sequence.",
            )
    seqs.sort()
    last = connection.execute(
        sa.select(receipt_sequence.c.last_seq).where(receipt_sequence.c.counter_code == code)
    ).scalar_one_or_none()
    expected = list(range(1, (last or 0) + 1))
    if seqs != expected:
        gaps = sorted(set(expected) - set(seqs))
        listed = ", ".join(receipt_number(code, seq) for seq in gaps[:10])
        more = f" +{len(gaps) - 10}" if len(gaps) > 10 else ""
        report.add(
            "receipt_sequence",
            f"Nomor kuitansi tidak berurutan tanpa celah, hilang: {listed}{more}.",
            f"Receipt numbers are not gapless, missing: {listed}{more}.",
        )
