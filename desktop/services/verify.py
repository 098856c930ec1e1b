"""Is the store whole? SQLite integrity, the protection triggers, the keyed audit chain, every
record and audited row against its audit event, the settings file, receipt numbers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number
from desktop.errors import DomainError
from desktop.services.receipt_gaps import lost_receipts, recorded_gaps
from desktop.settings import PcSettings, load_settings
from desktop.store.audit import digest, switch_over_seq, verify_chain
from desktop.store.integrity import integrity_problems, normalised_sql, triggers
from desktop.store.migrate import expected_triggers
from desktop.store.records import CAPTURE_KINDS, Record, load_records
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
    gaps: list[tuple[int, int]] = field(default_factory=list)  # recorded, explained gaps

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, message_id: str, message_en: str) -> None:
        self.problems.append(Problem(check, message_id, message_en))


def verify_store(counter: Counter) -> VerifyReport:
    """SQLite's `integrity_check` first (every page, every index against its table: a quick
    check would skip the indexes, and a broken unique index on receipt numbers is damage that
    matters), then the chain, the records, the numbers, the rows, the settings and the mark.

    On a damaged file the checks after it still run, each on its own: what they can read is
    still worth knowing, and one that cannot finish says so instead of stopping the rest.
    """
    report = VerifyReport()
    with counter.store.read() as connection:
        _integrity(connection, report)
        damaged = not report.ok
        checks = _Checks(counter, report, damaged)
        checks.run("protection", lambda: _protection(connection, report))
        checks.run("audit_chain", lambda: _chain(connection, counter, report))
        records = checks.run("records", lambda: _all_records(connection, report)) or {}
        gaps = checks.run("receipt_sequence", lambda: recorded_gaps(connection)) or []
        checks.run(
            "receipt_sequence", lambda: _sequence(connection, counter, records, gaps, report)
        )
        recorded = checks.run("rows", lambda: _Recorded.read(connection)) or _Recorded()
        # Rows are recorded from the chain's switch-over on (its baseline): a chain without one
        # has not been written to since its store was upgraded, and holds no row states yet.
        checks.run("rows", lambda: _rows_since_switch_over(connection, counter, recorded, report))
        checks.run("rows", lambda: _close_reports(connection, report))
    checks.run("settings", lambda: _settings(counter, recorded, report))
    checks.run("receipt_mark", lambda: _receipt_mark(counter, report))
    report.gaps = gaps
    return report


_T = TypeVar("_T")


@dataclass
class _Checks:
    """Runs verify's checks; on a damaged file a check that fails reading it is a finding."""

    counter: Counter
    report: VerifyReport
    damaged: bool

    def run(self, check: str, call: Callable[[], _T]) -> _T | None:
        if not self.damaged:
            return call()
        try:
            return call()
        except Exception as error:  # the file is damaged: any reading of it may fail
            error = getattr(error, "orig", None) or error  # SQLite's words, not SQLAlchemy's
            self.report.add(
                check,
                f"Pemeriksaan {check} tidak dapat diselesaikan pada berkas yang rusak ({error}).",
                f"The {check} check could not be completed on the damaged file ({error}).",
            )
            return None


def _chain(connection: sa.Connection, counter: Counter, report: VerifyReport) -> None:
    for problem in verify_chain(connection, counter.kept_audit_key()):
        report.add("audit_chain", problem.message_id, problem.message_en)
    report.audit_events = connection.execute(
        sa.select(sa.func.count()).select_from(audit_events)
    ).scalar_one()


def _all_records(connection: sa.Connection, report: VerifyReport) -> dict[str, Record]:
    records = load_records(connection)
    report.transactions = len(records)
    _records(connection, records, report)
    return records


def _rows_since_switch_over(
    connection: sa.Connection, counter: Counter, recorded: _Recorded, report: VerifyReport
) -> None:
    if switch_over_seq(connection) is not None:
        _rows(connection, counter, recorded, report)


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
        ).where(audit_events.c.action.in_(CAPTURE_KINDS))
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


def _receipt_mark(counter: Counter, report: VerifyReport) -> None:
    """The database holds every receipt number the mark outside it says was committed."""
    loss = lost_receipts(counter)
    if loss is None:
        return
    code = counter.profile.counter_code
    first = receipt_number(code, loss.last_in_database + 1)
    through = receipt_number(code, loss.last_committed)
    count = loss.last_committed - loss.last_in_database
    report.add(
        "receipt_mark",
        f"{count} transaksi yang sudah tersimpan hilang dari basis data (tanda terima {first} "
        f"sampai {through}; penanda di luar basis data mencatat sampai {through}): log WAL "
        "hilang setelah crash, atau berkas lama dipasang kembali. Nomor itu tidak akan dipakai "
        "lagi. Pulihkan cadangan terbaru yang baik atau hubungi IT bank.",
        f"{count} committed transaction(s) are missing from the database (receipts {first} to "
        f"{through}; the mark kept outside the database records up to {through}): the "
        "write-ahead log was lost after a crash, or an older file was put back. Those numbers "
        "are never handed out again. Restore the newest good backup or call the bank's IT.",
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
    gaps: list[tuple[int, int]],
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
                f"Nomor tanda terima {txn['receipt_no']} tidak sesuai urutannya.",
                f"Receipt number {txn['receipt_no']} does not match its sequence.",
            )
    seqs.sort()
    last = connection.execute(
        sa.select(receipt_sequence.c.last_seq).where(receipt_sequence.c.counter_code == code)
    ).scalar_one_or_none()
    written_off = {seq for first, end in gaps for seq in range(first, end + 1)}
    expected = [seq for seq in range(1, (last or 0) + 1) if seq not in written_off]
    if [seq for seq in seqs if seq not in written_off] != expected:
        missing = sorted(set(expected) - set(seqs))
        listed = ", ".join(receipt_number(code, seq) for seq in missing[:10])
        more = f" +{len(missing) - 10}" if len(missing) > 10 else ""
        report.add(
            "receipt_sequence",
            f"Nomor tanda terima tidak berurutan tanpa celah, hilang: {listed}{more}.",
            f"Receipt numbers are not gapless, missing: {listed}{more}.",
        )
