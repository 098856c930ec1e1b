"""The closing upload: a business day's manifest, checked by the upstream until nothing is missing.

After the day's records are uploaded, the counter sends the manifest of the day (counts, totals,
first and last receipt, every record's seq, id and digest, the audit chain at the day's last
capture). The upstream answers what it lacks; the counter sends exactly those records again, even
ones its outbox marked sent, and the manifest again, until the upstream confirms the day complete.
This step is separate from closing the day locally and may be run again at any time.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import httpx
import pydantic
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.store.audit import chain_head, digest
from desktop.store.records import Record, load_records
from desktop.store.schema import audit_events, outbox, refunds, transactions
from desktop.sync.client import (
    RetryPolicy,
    SyncReport,
    check_head,
    post_batch,
    resolve_sleep,
    send_retried,
    sync,
)
from desktop.sync.connection import open_client
from desktop.sync.contract import (
    MAX_BATCH,
    ChainHead,
    ChainState,
    DayCheck,
    DayManifest,
    DayStatus,
    DayTotals,
    ItemResult,
    ItemStatus,
    KindTotal,
    ManifestItem,
    UploadBatch,
    UploadRecord,
    manifest_path,
)
from desktop.sync.outbox import (
    CAPTURE_ACTIONS,
    MAX_EVENTS,
    NextBatch,
    apply_result,
    events_to_send,
)

MAX_ROUNDS = 3  # manifest, records again, manifest: a third round only when the second fell short


def build_manifest(counter: Counter, day: date) -> DayManifest:
    """The manifest of `day` from the local store: every record of that business date but a
    refused payment given back (a refund held upstream names it: settled, never to be held)."""
    code = counter.profile.counter_code
    with counter.store.read() as connection:
        day_records = load_records(
            connection,
            (transactions.c.business_date == day.isoformat())
            & transactions.c.seq.not_in(sa.select(refunds.c.refunded_seq)),
        )
        head = _capture_event(connection, day_records) if day_records else None
    items = [
        ManifestItem(seq=record["transaction"]["seq"], id=record_id, digest=digest(record))
        for record_id, record in day_records.items()
    ]
    receipts = [str(record["transaction"]["receipt_no"]) for record in day_records.values()]
    return DayManifest(
        counter_code=code,
        business_date=day,
        first_receipt_no=receipts[0] if receipts else None,
        last_receipt_no=receipts[-1] if receipts else None,
        totals=_totals(day_records.values()),
        items=items,
        chain_head=head,
    )


def _capture_event(connection: sa.Connection, day_records: dict[str, Record]) -> ChainHead:
    """The audit chain at the capture event of the day's last record."""
    last_id, last = next(reversed(day_records.items()))
    row = connection.execute(
        sa.select(audit_events.c.seq, audit_events.c.hash).where(
            audit_events.c.entity_id == last_id,
            audit_events.c.action == last["transaction"]["kind"],
        )
    ).first()
    if row is None:  # a damaged store: the upstream judges the chain as it stands
        held = chain_head(connection)
        return ChainHead(seq=held.seq, hash=held.hash)
    return ChainHead(seq=row.seq, hash=row.hash)


def _totals(day_records: Iterable[Record]) -> DayTotals:
    counts = dict.fromkeys(CAPTURE_ACTIONS, 0)
    amounts = dict.fromkeys(CAPTURE_ACTIONS, 0)
    for record in day_records:
        kind = str(record["transaction"]["kind"])
        counts[kind] += 1
        amounts[kind] += int(record["transaction"]["amount"])
    return DayTotals(
        **{kind: KindTotal(count=counts[kind], amount=amounts[kind]) for kind in CAPTURE_ACTIONS}
    )


@dataclass
class DayUploadResult:
    """What the closing upload of one business day came to; never an exception for the network."""

    business_date: date
    confirmed: bool
    message_id: str
    message_en: str
    confirmed_at: datetime | None = None  # the upstream's time of confirmation
    version: int | None = None  # the upstream's version of the day's manifest
    problem: str | None = None  # upstream, token, audit_chain, refused, mismatch, incomplete
    retryable: bool = False  # True: the same call later may confirm the day
    resent: list[str] = field(default_factory=list)  # receipts sent again on the upstream's word
    refused: list[str] = field(default_factory=list)  # receipts the upstream refused (quarantined)
    missing: list[str] = field(default_factory=list)  # receipts the upstream still lacks
    records: int = 0  # in the day's manifest
    sync: SyncReport | None = None

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


def close_day_upload(
    counter: Counter,
    day: date,
    upstream: str,
    token: str,
    *,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,
    rng: random.Random | None = None,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> DayUploadResult:
    """Upload what is pending, then the day's manifest, then whatever the upstream says it lacks,
    until the upstream confirms the day complete or says why not. Safe to run again and again."""
    policy = policy or RetryPolicy()
    sleep = resolve_sleep(sleep)
    rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
    report = SyncReport()
    resent: list[str] = []
    try:
        report = sync(
            counter,
            upstream,
            token,
            policy=policy,
            sleep=sleep,
            rng=rng,
            transport=transport,
            ca_bundle=ca_bundle,
        )
        manifest = build_manifest(counter, day)
        client = open_client(
            upstream, token, timeout=policy.timeout, transport=transport, ca_bundle=ca_bundle
        )
        with client:
            send = _Sender(counter, client, policy, sleep, rng, report)
            for round_no in range(1, MAX_ROUNDS + 1):
                check = send.manifest(manifest)
                outcome = _judge(day, manifest, check, report, resent, round_no)
                if outcome is not None:
                    return outcome
                sent, refused = send.records([m.seq for m in check.missing], check.chain_head)
                resent += sent
                if refused:
                    return _refused(day, manifest, check, report, resent, refused)
    except DomainError as error:
        return failed_day_upload(day, error, report, resent)
    raise AssertionError("unreachable")  # pragma: no cover - _judge ends the last round


def _judge(
    day: date,
    manifest: DayManifest,
    check: DayCheck,
    report: SyncReport,
    resent: list[str],
    round_no: int,
) -> DayUploadResult | None:
    """The result when the check settles the day; None when records should be sent again."""
    count = len(manifest.items)
    shown = _shown(day)
    if check.status is DayStatus.COMPLETE:
        return DayUploadResult(
            day,
            True,
            f"Server pusat mengonfirmasi hari {shown} lengkap: {count} transaksi "
            f"(versi {check.version}).",
            f"The upstream confirmed {day.isoformat()} complete: {count} transactions "
            f"(version {check.version}).",
            confirmed_at=check.confirmed_at,
            version=check.version,
            resent=resent,
            records=count,
            sync=report,
        )
    missing = [m.receipt_no for m in check.missing]
    resendable = bool(missing) or check.chain is ChainState.BEHIND
    if not check.mismatches and resendable and round_no < MAX_ROUNDS:
        return None
    if check.mismatches or not resendable:
        receipts = ", ".join(m.receipt_no for m in check.mismatches)
        what_id = f"tanda terima {receipts}" if receipts else "total per jenis transaksi"
        what_en = f"receipts {receipts}" if receipts else "the totals per kind"
        return DayUploadResult(
            day,
            False,
            f"Data hari {shown} di server pusat berbeda dengan loket ({what_id}). "
            "Hari belum dikonfirmasi; hubungi IT bank.",
            f"The upstream holds different data for {day.isoformat()} than the counter "
            f"({what_en}). The day is not confirmed; call the bank's IT.",
            version=check.version,
            problem="mismatch",
            resent=resent,
            missing=missing,
            records=count,
            sync=report,
        )
    return DayUploadResult(
        day,
        False,
        f"Server pusat masih belum menerima semua transaksi hari {shown} "
        f"({', '.join(missing) or 'rantai audit'}). Coba unggah lagi nanti.",
        f"The upstream still lacks some of {day.isoformat()} "
        f"({', '.join(missing) or 'audit chain'}). Upload again later.",
        version=check.version,
        problem="incomplete",
        retryable=True,
        resent=resent,
        missing=missing,
        records=count,
        sync=report,
    )


def _refused(
    day: date,
    manifest: DayManifest,
    check: DayCheck,
    report: SyncReport,
    resent: list[str],
    refused: list[str],
) -> DayUploadResult:
    receipts = ", ".join(refused)
    return DayUploadResult(
        day,
        False,
        f"Server pusat menolak {len(refused)} transaksi hari {_shown(day)} ({receipts}); "
        "lihat halaman Karantina. Hari belum dikonfirmasi.",
        f"The upstream refused {len(refused)} transactions of {day.isoformat()} ({receipts}); "
        "see the Quarantine page. The day is not confirmed.",
        version=check.version,
        problem="refused",
        resent=resent,
        refused=refused,
        missing=[m.receipt_no for m in check.missing],
        records=len(manifest.items),
        sync=report,
    )


def failed_day_upload(
    day: date, error: DomainError, report: SyncReport | None = None, resent: list[str] | None = None
) -> DayUploadResult:
    """The day stays closed locally; only its confirmation waits, for the reason `error` says."""
    return DayUploadResult(
        day,
        False,
        f"Hari {_shown(day)} sudah ditutup di loket, tetapi belum dikonfirmasi server pusat: "
        f"{error.message_id}",
        f"{day.isoformat()} is closed at the counter but not yet confirmed by the upstream: "
        f"{error.message_en}",
        problem=error.field,
        retryable=error.field == "upstream",
        resent=resent or [],
        sync=report,
    )


def _shown(day: date) -> str:
    return day.strftime("%d-%m-%Y")


@dataclass
class _Sender:
    """The closing upload's requests, retried like the record upload (client.py)."""

    counter: Counter
    client: httpx.Client
    policy: RetryPolicy
    sleep: Callable[[float], None]
    rng: random.Random
    report: SyncReport

    def manifest(self, manifest: DayManifest) -> DayCheck:
        path = manifest_path(manifest.counter_code, manifest.business_date.isoformat())
        body = manifest.model_dump_json()
        return send_retried(
            self.counter,
            lambda: self.client.put(
                path, content=body, headers={"Content-Type": "application/json"}
            ),
            lambda content: _day_check(content, manifest),
            self.policy,
            self.sleep,
            self.rng,
            self.report,
        )

    def records(self, seqs: list[int], held: ChainHead) -> tuple[list[str], list[str]]:
        """Send these records again, after the audit events the upstream lacks (those after
        `held`, its chain head); returns the receipts it took and those it refused."""
        taken: list[str] = []
        refused: list[str] = []
        with self.counter.store.read() as connection:
            local_head = chain_head(connection).seq
        after, waiting = held.seq, sorted(seqs)
        while True:
            up_to = min(local_head, after + MAX_EVENTS)
            chunk = waiting[:MAX_BATCH] if up_to >= local_head else []
            if not chunk and up_to <= after:
                return taken, refused
            batch = self._batch(after, up_to, chunk)
            result = post_batch(
                self.counter, self.client, batch, self.policy, self.sleep, self.rng, self.report
            )
            check_head(self.counter, batch, result)
            at = self.counter.now().isoformat()
            apply_result(self.counter, batch, result, at)
            took, lost = _mark(self.counter, batch, result.results, at)
            taken += took
            refused += lost
            after, waiting = max(up_to, after), waiting[len(chunk) :]

    def _batch(self, after: int, up_to: int, seqs: list[int]) -> NextBatch:
        with self.counter.store.read() as connection:
            records = load_records(connection, transactions.c.seq.in_(seqs)) if seqs else {}
            events = events_to_send(connection, self.counter, after, up_to)
        upload = [
            UploadRecord(
                id=record_id,
                seq=int(r["transaction"]["seq"]),
                receipt_no=str(r["transaction"]["receipt_no"]),
                kind=r["transaction"]["kind"],
                business_date=r["transaction"]["business_date"],
                amount=int(r["transaction"]["amount"]),
                record=dict(r),
            )
            for record_id, r in records.items()
        ]
        batch = UploadBatch(
            counter_code=self.counter.profile.counter_code, records=upload, events=events
        )
        # A fresh key per batch (kept for its retries): records are keyed by id upstream anyway.
        return NextBatch(batch, str(uuid.uuid4()), tuple(u.seq for u in upload), max(up_to, after))


def _day_check(content: bytes, manifest: DayManifest) -> DayCheck | None:
    """The reply as the contract's DayCheck for this very day, else None (not an answer)."""
    try:
        check = DayCheck.model_validate_json(content)
    except pydantic.ValidationError:
        return None
    if (check.counter_code, check.business_date) != (manifest.counter_code, manifest.business_date):
        return None
    return check


def _mark(
    counter: Counter, batch: NextBatch, results: Sequence[ItemResult], at: str
) -> tuple[list[str], list[str]]:
    """The outbox as the upstream answered records sent again, whatever it said before:
    apply_result only touches pending rows."""
    by_id = {record.id: record for record in batch.batch.records}
    taken: list[str] = []
    refused: list[str] = []
    with counter.store.write() as connection:
        for item in results:
            record = by_id.get(item.id)
            if record is None:
                continue  # not ours to mark
            if item.status is ItemStatus.REJECTED:
                refused.append(record.receipt_no)
                error = f"{item.code}: {item.reason}"
                values: dict[str, object] = {"status": "quarantined", "last_error": error}
            else:
                taken.append(record.receipt_no)
                values = {"status": "sent", "last_error": None, "acknowledged_at": at}
            connection.execute(
                sa.update(outbox)
                .where(outbox.c.seq == record.seq, outbox.c.status != values["status"])
                .values(**values)
            )
    return taken, refused
