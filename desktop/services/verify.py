"""Is the store whole? SQLite integrity, the protection triggers, the keyed audit chain, every
record and audited row against its audit event, the settings file, receipt numbers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number
from desktop.errors import DomainError
from desktop.settings import PcSettings, load_settings
from desktop.store.audit import digest, switch_over_seq, verify_chain
from desktop.store.integrity import integrity_problems, normalised_sql, triggers
from desktop.store.migrate import expected_triggers
from desktop.store.records import Record, load_records
from desktop.store.row_states import AUDITED, STATE, read_rows, row_digest
from desktop.store.schema import (
    PROTECTION_TRIGGERS,
    audit_events,
    day_closes,
    receipt_sequence,
)

# The settings whose changes are audited with their values: all of this PC's but the upload token
# (its value is never written to the audit log).
AUDITED_SETTINGS = tuple(spec.name for spec in fields(PcSettings) if spec.name != "upstream_token")


@dataclass(frozen=True)
class Problem:
    check: str  # integrity, protection, audit_chain, records, rows, settings, receipt_sequence
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
        for problem in verify_chain(connection, counter.kept_audit_key()):
            report.add("audit_chain", problem.message_id, problem.message_en)
        report.audit_events = connection.execute(
            sa.select(sa.func.count()).select_from(audit_events)
        ).scalar_one()
        records = load_records(connection)
        report.transactions = len(records)
        _records(connection, records, report)
        _sequence(connection, counter, records, report)
        recorded = _Recorded.read(connection)
        # Rows are recorded from the chain's switch-over on (its baseline): a chain without one
        # has not been written to since its store was upgraded, and holds no row states yet.
        if switch_over_seq(connection) is not None:
            _rows(connection, counter, recorded, report)
        _close_reports(connection, report)
    _settings(counter, recorded, report)
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
    """Every protection trigger present with the SQL its migration wrote, and no other trigger."""
    present = triggers(connection)
    expected = expected_triggers()
    for name in PROTECTION_TRIGGERS:
        if name not in present:
            report.add(
                "protection",
                f"Perlindungan basis data {name} telah dihapus.",
                f"The database protection {name} has been removed.",
            )
        elif normalised_sql(present[name]) != normalised_sql(expected[name]):
            report.add(
                "protection",
                f"Perlindungan basis data {name} telah diganti: isinya bukan yang dibuat aplikasi.",
                f"The database protection {name} has been replaced: it is not the one the "
                "application made.",
            )
    for name in sorted(present.keys() - set(PROTECTION_TRIGGERS)):
        report.add(
            "protection",
            f"Pemicu {name} yang tidak dikenal ada di basis data.",
            f"An unknown trigger {name} is in the database.",
        )


@dataclass
class _Recorded:
    """What the audit log recorded last: each audited row's state, each user's lock, each
    setting's value."""

    states: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    locks: dict[str, str] = field(default_factory=dict)  # user id -> locked until (UTC ISO)
    settings: dict[str, object] = field(default_factory=dict)

    @classmethod
    def read(cls, connection: sa.Connection) -> _Recorded:
        found = cls()
        rows = connection.execute(
            sa.select(
                audit_events.c.seq,
                audit_events.c.action,
                audit_events.c.entity_id,
                audit_events.c.details,
            ).order_by(audit_events.c.seq)
        )
        for seq, action, entity_id, text in rows:
            interesting = action == "user.locked" or action.startswith("settings.")
            if not interesting and f'"{STATE}":' not in text:
                continue  # most events (captures) carry nothing of this: no JSON parsed
            details = _details(text)
            if action == "user.locked" and isinstance(details.get("until"), str):
                found.locks[str(entity_id)] = details["until"]
            elif action.startswith("settings.") and "to" in details:
                found.settings[action.removeprefix("settings.")] = details["to"]
            states = details.get(STATE)
            if isinstance(states, dict):
                for table, by_key in states.items():
                    if isinstance(by_key, dict):
                        held = found.states.setdefault(str(table), {})
                        for key, value in by_key.items():
                            held[str(key)] = (str(value), int(seq))
        return found


def _details(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _rows(
    connection: sa.Connection, counter: Counter, recorded: _Recorded, report: VerifyReport
) -> None:
    """Each audited row (users, the counter profile, business days, cash counts, day closes and
    reopenings) as its last audit event recorded it."""
    now = counter.now()
    for table in AUDITED:
        held = recorded.states.get(table, {})
        rows = read_rows(connection, table)
        for key, row in rows.items():
            last = held.get(key)
            if last is None:
                report.add(
                    "rows",
                    f"Baris {table} '{key}' tidak tercatat di log audit: ditambahkan di luar "
                    "aplikasi.",
                    f"Row {table} '{key}' has no audit event: it was added outside the "
                    "application.",
                )
            elif row_digest(row) != last[0] and not _lock_ran_out(row, table, last, recorded, now):
                report.add(
                    "rows",
                    f"Baris {table} '{key}' diubah di luar aplikasi: tidak sama dengan peristiwa "
                    f"audit terakhirnya (#{last[1]}).",
                    f"Row {table} '{key}' was changed outside the application: it differs from "
                    f"its last audit event (#{last[1]}).",
                )
        for key in sorted(held.keys() - rows.keys()):
            report.add(
                "rows",
                f"Baris {table} '{key}' ada di log audit (#{held[key][1]}) tetapi hilang dari "
                "basis data.",
                f"Row {table} '{key}' is in the audit log (#{held[key][1]}) but missing from the "
                "database.",
            )


def _lock_ran_out(
    row: Mapping[str, Any],
    table: str,
    last: tuple[str, int],
    recorded: _Recorded,
    now: datetime,
) -> bool:
    """A user's lock, recorded with its event, has ended and a login cleared it: no event marks
    that, and none is needed. A lock cleared while it still holds is a finding."""
    if table != "users" or row["locked_until"] is not None:
        return False
    until = recorded.locks.get(str(row["id"]))
    if until is None or datetime.fromisoformat(until) > now:
        return False
    return row_digest({**row, "locked_until": until}) == last[0]


def _close_reports(connection: sa.Connection, report: VerifyReport) -> None:
    """Each close report's PDF is the one its SHA-256 (recorded in its audit event) names."""
    rows = connection.execute(
        sa.select(day_closes.c.report_no, day_closes.c.pdf, day_closes.c.pdf_sha256).order_by(
            day_closes.c.report_no
        )
    )
    for report_no, pdf, sha in rows:
        if hashlib.sha256(pdf).hexdigest() != sha:
            report.add(
                "rows",
                f"PDF laporan tutup hari {report_no} diganti: tidak sama dengan SHA-256-nya.",
                f"The PDF of close report {report_no} was replaced: it does not match its SHA-256.",
            )


def _settings(counter: Counter, recorded: _Recorded, report: VerifyReport) -> None:
    """This PC's settings file holds what the last audited change of each setting set."""
    try:
        saved = load_settings(counter.store.data_dir)
    except DomainError as error:
        report.add("settings", error.message_id, error.message_en)
        return
    for name in AUDITED_SETTINGS:
        value = getattr(saved, name)
        expected = recorded.settings.get(name, getattr(PcSettings(), name))
        if value != expected:
            report.add(
                "settings",
                f"Pengaturan {name} di settings.json ({value!r}) tidak sama dengan perubahan "
                f"terakhir yang tercatat di log audit ({expected!r}): diubah di luar aplikasi.",
                f"Setting {name} in settings.json ({value!r}) differs from its last change in "
                f"the audit log ({expected!r}): it was changed outside the application.",
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
