"""One upload batch as one database transaction: idempotency, chain, then each record's fate."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Final

import sqlalchemy as sa

from desktop.domain.bpu import quote_bpu
from desktop.domain.periods import add_months
from desktop.domain.receipt_numbers import receipt_number
from desktop.errors import DomainError
from desktop.reference import ReferenceData, load_reference
from desktop.store.audit import GENESIS_HASH, canonical_json, digest
from desktop.sync.contract import (
    AuditEvent,
    BatchResult,
    ChainHead,
    ItemResult,
    ItemStatus,
    StatementItem,
    UploadBatch,
    UploadRecord,
)
from desktop.sync.sandbox import claims, registry, rules
from desktop.sync.sandbox.store import (
    SandboxStore,
    active_niks,
    audit_events,
    chain_heads,
    idempotency,
    kpj_numbers,
    records,
    sqlstate,
)

# A unique constraint that fails is another batch's concurrent write: the batch is run again
# from the start, and then sees that write.
ATTEMPTS: Final = 3
_IN_CHUNK: Final = 500  # bound parameters per IN list, well below every database's limit


class KeyReusedError(Exception):
    """The Idempotency-Key was used before with another body."""


@dataclass(frozen=True)
class Outcome:
    response: str  # the BatchResult as JSON, byte for byte what the first reply carried
    replayed: bool


def upload_batch(
    store: SandboxStore,
    counter_code: str,
    key: str,
    batch: UploadBatch,
    now: datetime,
    ref: ReferenceData | None = None,
    *,
    auto_decide: bool = False,
) -> Outcome:
    """Apply `batch` once, received at `now`, checking amounts against `ref` (default: the
    shipped reference data); raises rules.ChainError (nothing stored) or KeyReusedError.
    `auto_decide`: each claim handover accepted is decided at once (sandbox/claims.py)."""
    request_digest = digest(batch.model_dump(mode="json"))
    reference = ref or load_reference()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with store.write() as connection:
                return _apply(
                    connection,
                    counter_code,
                    key,
                    request_digest,
                    batch,
                    now,
                    reference,
                    auto_decide,
                )
        except sa.exc.DBAPIError as error:
            if attempt == ATTEMPTS or not lost_a_race(error):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


# PostgreSQL's SQLSTATEs for a serialization failure and a deadlock: run the batch again.
_RACE_STATES: Final = frozenset({"40001", "40P01"})


def lost_a_race(error: sa.exc.DBAPIError) -> bool:
    if isinstance(error, sa.exc.IntegrityError):
        return True
    return sqlstate(error) in _RACE_STATES


def _apply(
    connection: sa.Connection,
    counter_code: str,
    key: str,
    request_digest: str,
    batch: UploadBatch,
    received: datetime,
    ref: ReferenceData,
    auto_decide: bool = False,
) -> Outcome:
    now = received.isoformat()
    head = _lock_head(connection, counter_code, now)
    stored_reply = connection.execute(
        sa.select(idempotency.c.request_digest, idempotency.c.response).where(
            idempotency.c.counter_code == counter_code, idempotency.c.key == key
        )
    ).first()
    if stored_reply is not None:
        if stored_reply.request_digest != request_digest:
            raise KeyReusedError
        return Outcome(stored_reply.response, replayed=True)

    fresh = rules.new_events(
        head,
        _stored_events(connection, counter_code, head, batch),
        batch.events,
        keyed=_keyed(connection, counter_code, head),
    )
    if fresh:
        connection.execute(
            sa.insert(audit_events),
            [{"counter_code": counter_code, **event.model_dump()} for event in fresh],
        )
        head = ChainHead(seq=fresh[-1].seq, hash=fresh[-1].hash)
        connection.execute(
            sa.update(chain_heads)
            .where(chain_heads.c.counter_code == counter_code)
            .values(seq=head.seq, hash=head.hash, updated_at=now)
        )
    results = _Records(
        connection, counter_code, batch.records, received, ref, auto_decide=auto_decide
    ).apply()
    response = BatchResult(counter_code=counter_code, results=results, chain_head=head)
    text = response.model_dump_json()
    connection.execute(
        sa.insert(idempotency).values(
            counter_code=counter_code,
            key=key,
            request_digest=request_digest,
            response=text,
            created_at=now,
        )
    )
    return Outcome(text, replayed=False)


def _lock_head(connection: sa.Connection, counter_code: str, now: str) -> ChainHead:
    """The counter's chain head, locked until the end of the transaction (made on first use)."""
    row = connection.execute(
        sa.select(chain_heads.c.seq, chain_heads.c.hash)
        .where(chain_heads.c.counter_code == counter_code)
        .with_for_update()
    ).first()
    if row is None:
        # Two first batches at once: one of these inserts fails and its batch runs again.
        connection.execute(
            sa.insert(chain_heads).values(
                counter_code=counter_code, seq=0, hash=GENESIS_HASH, updated_at=now
            )
        )
        return ChainHead(seq=0, hash=GENESIS_HASH)
    return ChainHead(seq=row.seq, hash=row.hash)


def _keyed(connection: sa.Connection, counter_code: str, head: ChainHead) -> bool:
    """Whether the chain held for the counter is keyed already: its head event is."""
    if head.seq == 0:
        return False
    row = (
        connection.execute(
            sa.select(audit_events).where(
                audit_events.c.counter_code == counter_code, audit_events.c.seq == head.seq
            )
        )
        .mappings()
        .first()
    )
    return row is not None and rules.is_keyed(_event(row))


def _stored_events(
    connection: sa.Connection, counter_code: str, head: ChainHead, batch: UploadBatch
) -> dict[int, AuditEvent]:
    overlap = [event.seq for event in batch.events if event.seq <= head.seq]
    if not overlap:
        return {}
    rows = connection.execute(
        sa.select(audit_events)
        .where(
            audit_events.c.counter_code == counter_code,
            audit_events.c.seq.between(min(overlap), max(overlap)),
        )
        .order_by(audit_events.c.seq)
    ).mappings()
    return {row["seq"]: _event(row) for row in rows}


def _event(row: sa.RowMapping) -> AuditEvent:
    return AuditEvent.model_validate({k: v for k, v in row.items() if k != "counter_code"})


def _chunks(values: Iterable[object]) -> Iterator[list[object]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, _IN_CHUNK)):
        yield chunk


@dataclass
class _Known:
    id: str
    kind: str
    digest: str
    kpj: str | None
    counter_code: str


class _Records:
    """The records of one batch, judged in order; what is accepted is visible to those after."""

    def __init__(
        self,
        connection: sa.Connection,
        counter_code: str,
        batch: Sequence[UploadRecord],
        received: datetime,
        ref: ReferenceData,
        *,
        auto_decide: bool = False,
    ) -> None:
        self.auto_decide = auto_decide
        # Handovers accepted, and the ids of handovers voided, in the batch's order.
        self.claims: list[UploadRecord | str] = []
        self.connection = connection
        self.counter_code = counter_code
        self.batch = batch
        self.received = received
        self.now = received.isoformat()
        self.ref = ref
        ids = {record.id for record in batch}
        seqs = (
            {record.seq for record in batch}
            | {
                seq
                for record in batch
                if record.kind == "void" and (seq := rules.voided_seq(record.record)) is not None
            }
            | {
                seq
                for record in batch
                if record.kind == "refund"
                and (seq := rules.refunded_seq(record.record)) is not None
            }
        )
        self.by_id: dict[str, _Known] = {}
        self.by_seq: dict[int, _Known] = {}
        known = (
            records.c.id,
            records.c.kind,
            records.c.digest,
            records.c.kpj,
            records.c.seq,
            records.c.counter_code,
        )
        for chunk in _chunks(ids):
            for row in connection.execute(sa.select(*known).where(records.c.id.in_(chunk))):
                self.by_id[row.id] = _Known(row.id, row.kind, row.digest, row.kpj, row.counter_code)
        for chunk in _chunks(seqs):
            query = sa.select(*known).where(
                records.c.counter_code == counter_code, records.c.seq.in_(chunk)
            )
            for row in connection.execute(query):
                self.by_seq[row.seq] = _Known(
                    row.id, row.kind, row.digest, row.kpj, row.counter_code
                )
        self.events: dict[tuple[str, str], AuditEvent] = {}
        for chunk in _chunks(ids):
            query = (
                sa.select(audit_events)
                .where(
                    audit_events.c.counter_code == counter_code,
                    audit_events.c.entity_id.in_(chunk),
                )
                .order_by(audit_events.c.seq)
            )
            for event_row in connection.execute(query).mappings():
                event = _event(event_row)
                self.events[(str(event.entity_id), event.action)] = event
        self.rows: list[dict[str, object]] = []
        self._refunded: set[int] | None = None

    def refunded(self) -> set[int]:
        """The seqs of this counter's payments refunded by a refund held (read once a batch)."""
        if self._refunded is None:
            self._refunded = refunded_seqs(self.connection, self.counter_code)
        return self._refunded

    def apply(self) -> list[ItemResult]:
        results = [self._one(record) for record in self.batch]
        if self.rows:
            self.connection.execute(sa.insert(records), self.rows)
        # After the batch's records are in: a claim's decision sees the payments and the
        # registration that came with it. Voids of handovers come after their claims.
        today = self.received.astimezone(claims.UPSTREAM_ZONE).date()
        for item in self.claims:
            if isinstance(item, str):
                claims.withdrawn(self.connection, item, self.received)
            else:
                claims.received(
                    self.connection,
                    self.counter_code,
                    item,
                    self.received,
                    today,
                    self.ref,
                    auto_decide=self.auto_decide,
                )
        return results

    def _one(self, record: UploadRecord) -> ItemResult:
        record_digest = rules.record_digest(record)
        known = self.by_id.get(record.id)
        if known is not None and known.counter_code != self.counter_code:
            # Another counter's record: whatever this one sent, it learns nothing of that one.
            return _rejected(record, rules.ID_TAKEN)
        if known is not None:
            conflict = rules.duplicate_or_conflict(record_digest, known.digest)
            if conflict is not None:
                return _rejected(record, conflict)
            return ItemResult(
                id=record.id,
                status=ItemStatus.DUPLICATE,
                kpj=self._participant_kpj(record) if known.kind == "contribution" else known.kpj,
            )
        event = self.events.get((record.id, record.kind))
        rejection = rules.check_record(record, self.counter_code, event, record_digest)
        if rejection is None and record.seq in self.by_seq:
            rejection = rules.SEQ_CONFLICT
        if rejection is None:
            rejection = rules.check_amounts_and_dates(record, self.received)
        kpj: str | None = None
        if rejection is None and record.kind == "contribution":
            kpj, rejection = self._contribution(record)
        if rejection is None and record.kind == "registration":
            kpj, rejection = self._register(record)
        if rejection is None and record.kind == "void":
            rejection = self._void(record)
        if rejection is None and record.kind == "refund":
            rejection = self._refund(record)
        if rejection is None and record.kind == "benefit_payment":
            rejection = claims.paid_here(
                self.connection, self.counter_code, record.receipt_no, record.amount, record.record
            )
        if rejection is not None:
            return _rejected(record, rejection)
        if record.kind == "claim_handover":
            self.claims.append(record)
        accepted = _Known(record.id, record.kind, record_digest, kpj, self.counter_code)
        self.by_id[record.id] = self.by_seq[record.seq] = accepted
        self.rows.append(
            {
                "id": record.id,
                "counter_code": self.counter_code,
                "seq": record.seq,
                "receipt_no": record.receipt_no,
                "kind": record.kind,
                "business_date": record.business_date.isoformat(),
                "amount": record.amount,
                "digest": record_digest,
                "record": canonical_json(record.record),
                # The KPJ a registration was given (unique); a payment's is the registry's.
                "kpj": kpj if record.kind == "registration" else None,
                "received_at": self.now,
            }
        )
        return ItemResult(id=record.id, status=ItemStatus.ACCEPTED, kpj=kpj)

    def _register(self, record: UploadRecord) -> tuple[str | None, rules.Rejection | None]:
        nik = rules.registration_nik(record.record)
        taken = self.connection.execute(
            sa.select(active_niks.c.record_id).where(active_niks.c.nik == nik)
        ).first()
        if taken is not None or registry.is_registered(self.connection, str(nik)):
            return None, rules.NIK_REGISTERED
        # A registration accepted at the same moment elsewhere fails this insert: the batch is
        # run again and then rejects this one.
        self.connection.execute(sa.insert(active_niks).values(nik=nik, record_id=record.id))
        number = self.connection.execute(
            sa.insert(kpj_numbers).values(record_id=record.id)
        ).inserted_primary_key
        if number is None:  # pragma: no cover - every supported database returns the key
            raise RuntimeError("no KPJ number was assigned")
        kpj = rules.kpj_number(int(number[0]))
        registry.register(self.connection, record.id, kpj, rules.details(record.record))
        return kpj, None

    def _contribution(self, record: UploadRecord) -> tuple[str | None, rules.Rejection | None]:
        """A payment checked against the registry and the rates in force; its months or its
        bill marked paid when it passes. A BPU payment accepted answers the participant's KPJ:
        a counter that took it offline, unverified, learns it so."""
        if record.seq in self.refunded():
            return None, rules.PAYMENT_REFUNDED
        details = rules.details(record.record)
        lines = rules.line_amounts(record.record)
        if details.get("category") == "PU":
            return None, self._bill(record, str(details.get("payment_code") or ""), lines)
        nik = str(record.record.get("participant_nik") or "")
        identity = registry.participant_identity(self.connection, nik)
        if identity is None:
            return None, rules.PARTICIPANT_UNKNOWN
        kpj, birth_date = identity
        if rules.payer_birth_date(record.record) not in (None, birth_date):
            return None, rules.PAYER_MISMATCH
        return kpj, self._bpu(record, nik, details, lines)

    def _participant_kpj(self, record: UploadRecord) -> str | None:
        """The KPJ of the participant a BPU payment was for, as the registry holds it now."""
        identity = registry.participant_identity(
            self.connection, str(record.record.get("participant_nik") or "")
        )
        return None if identity is None else identity[0]

    def _bpu(
        self, record: UploadRecord, nik: str, details: Mapping[str, object], lines: dict[str, int]
    ) -> rules.Rejection | None:
        try:
            start = date.fromisoformat(str(details.get("period_start")))
            months = int(str(details.get("months")))
            income = int(str(details.get("monthly_income")))
        except ValueError:
            return rules.Rejection("summary_mismatch", "Periode atau penghasilan tidak terbaca.")
        last = add_months(start, max(months, 1) - 1)
        taken = registry.paid_elsewhere(self.connection, nik, start, last, record.id)
        if taken is not None:
            return rules.Rejection(
                rules.PERIOD_PAID,
                f"Iuran bulan {taken:%m/%Y} sudah dibayar melalui kanal lain.",
            )
        try:
            quote = quote_bpu(
                self.ref,
                monthly_income=income,
                programs=list(lines),
                months=months,
                period_start=start,
                on=record.business_date,
                sector=registry.participant_sector(self.connection, nik),
                paid_through=registry.paid_through(self.connection, nik, except_record=record.id),
            )
        except DomainError as error:
            return rules.Rejection("amount_mismatch", error.message_id)
        if quote.net_lines() != lines:
            expected = ", ".join(f"{p} {a}" for p, a in quote.net_lines().items())
            return rules.Rejection(
                "amount_mismatch",
                "Rincian iuran tidak sesuai tarif dan tingkat penghasilan yang berlaku "
                f"(seharusnya {expected}).",
            )
        registry.record_months(self.connection, nik, quote.period_start, months, record.id)
        return None

    def _bill(
        self, record: UploadRecord, payment_code: str, lines: dict[str, int]
    ) -> rules.Rejection | None:
        bill = registry.find_bill(self.connection, payment_code)
        if bill is None:
            return None  # a bill the registry does not hold: the amounts are the employer's
        if bill["paid_by"] is not None:
            return rules.BILL_PAID
        billed = {p: a for p, a in registry.bill_lines(bill).items() if a}
        if lines != billed:
            return rules.Rejection(
                "amount_mismatch", "Rincian iuran tidak sama dengan tagihan kode iuran ini."
            )
        registry.mark_bill_paid(self.connection, payment_code, record.id)
        return None

    def _void(self, record: UploadRecord) -> rules.Rejection | None:
        target_seq = rules.voided_seq(record.record)
        target = self.by_seq.get(target_seq) if target_seq is not None else None
        if target is None:
            return rules.VOIDED_UNKNOWN
        if target.kind == "registration":
            # The NIK may be registered again, here or at another counter.
            self.connection.execute(
                sa.delete(active_niks).where(active_niks.c.record_id == target.id)
            )
        registry.forget(self.connection, target.id)
        if target.kind == "claim_handover":
            self.claims.append(target.id)  # withdrawn once the batch's claims are in
        return None

    def _refund(self, record: UploadRecord) -> rules.Rejection | None:
        """Money given back for a payment refused here: that payment never held, once only, and
        the very payment (its receipt and amount) the counter's audit chain recorded."""
        target_seq = rules.refunded_seq(record.record)
        if target_seq is None:  # pragma: no cover - check_record refused it already
            return rules.REFUNDED_UNKNOWN
        if target_seq in self.by_seq:
            return rules.REFUNDED_ACCEPTED
        if target_seq in self.refunded():
            return rules.REFUNDED_TWICE
        receipt_no = receipt_number(self.counter_code, target_seq)
        query = sa.select(audit_events.c.details).where(
            audit_events.c.counter_code == self.counter_code,
            audit_events.c.action == "contribution",
            audit_events.c.details.contains(f'"{receipt_no}"', autoescape=True),
        )
        paid = [json.loads(text) for (text,) in self.connection.execute(query)]
        if not any(
            d.get("receipt_no") == receipt_no and d.get("amount") == record.amount for d in paid
        ):
            return rules.REFUNDED_UNKNOWN
        self.refunded().add(target_seq)
        return None


def refunded_seqs(connection: sa.Connection, counter_code: str) -> set[int]:
    """The seqs of the counter's payments that refunds held here gave back."""
    query = sa.select(records.c.record).where(
        records.c.counter_code == counter_code, records.c.kind == "refund"
    )
    return {
        seq
        for (text,) in connection.execute(query)
        if (seq := rules.refunded_seq(json.loads(text))) is not None
    }


def _rejected(record: UploadRecord, rejection: rules.Rejection) -> ItemResult:
    return ItemResult(
        id=record.id, status=ItemStatus.REJECTED, code=rejection.code, reason=rejection.reason
    )


def statement_items(store: SandboxStore, counter_code: str, day: date) -> list[StatementItem]:
    query = (
        sa.select(records.c.id, records.c.receipt_no, records.c.kind, records.c.amount)
        .where(records.c.counter_code == counter_code, records.c.business_date == day.isoformat())
        .order_by(records.c.seq)
    )
    with store.read() as connection:
        return [
            StatementItem(id=row.id, receipt_no=row.receipt_no, kind=row.kind, amount=row.amount)
            for row in connection.execute(query)
        ]
