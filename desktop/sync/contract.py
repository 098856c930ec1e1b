"""The upload contract, version 1: the one definition the counter's client and the sandbox share.

Published as OpenAPI (docs/sync-openapi.json) and described for the upstream team in
docs/sync-protocol.md. Every model forbids unknown fields and carries its version, so a reply that
does not parse as this contract (a captive portal's page, a proxy's error) acknowledges nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

CONTRACT: Final = "spo-upload/1"
API_PREFIX = "/v1"
MAX_BATCH = 500
MAX_DAY_RECORDS = 50_000  # a day manifest's items: far above any counter's day, under 16 MiB
MAX_RECOVERY_RECORDS = 50_000  # records after a backup (60 days of a busy counter's captures)
MAX_RECOVERY_EVENTS = 4 * MAX_RECOVERY_RECORDS

CounterCode = Annotated[str, Field(pattern=r"^[A-Z]{2,10}-[A-Z0-9]{1,10}-[0-9]{2}$")]
ReceiptNo = Annotated[str, Field(pattern=r"^[A-Z]{2,10}-[A-Z0-9]{1,10}-[0-9]{2}-[0-9]{7}$")]
Uuid = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Kind = Literal["registration", "contribution", "claim_handover", "void"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AuditEvent(Model):
    """One link of the counter's audit chain, exactly as stored (details carry no NIK or KPJ)."""

    seq: int = Field(ge=1)
    at: str
    actor: str | None
    action: str
    entity_id: str | None
    record_digest: str | None
    details: str
    prev_hash: Hash
    hash: Hash


class UploadRecord(Model):
    """One transaction: its identity forever (`id`), a summary, and the record as stored."""

    id: Uuid
    seq: int = Field(ge=1)
    receipt_no: ReceiptNo
    kind: Kind
    business_date: date
    amount: int = Field(ge=0)
    record: dict[str, object]  # desktop/store/records.py Record, whose digest the chain carries


class UploadBatch(Model):
    """POST {API_PREFIX}/counters/{counter_code}/batches, with an Idempotency-Key header.

    `events` are the audit events after the last chain head the upstream acknowledged, up to
    `head_seq`: the upstream checks they continue its stored head, so a chain cut short or
    rewritten on the counter is caught at the next upload.
    """

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    records: list[UploadRecord] = Field(max_length=MAX_BATCH)
    events: list[AuditEvent] = Field(max_length=20 * MAX_BATCH)


class ItemStatus(StrEnum):
    ACCEPTED = "accepted"  # stored now
    DUPLICATE = "duplicate"  # stored before under the same id: nothing new
    REJECTED = "rejected"  # breaks an upstream rule: the reason says which


class ItemResult(Model):
    id: Uuid
    status: ItemStatus
    code: str | None = None  # machine-readable rejection code, e.g. "nik_registered"
    reason: str | None = None  # for people, Indonesian
    kpj: str | None = None  # assigned to an accepted registration


class ChainHead(Model):
    seq: int = Field(ge=0)
    hash: Hash


class BatchResult(Model):
    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    results: list[ItemResult]
    chain_head: ChainHead  # what the upstream now holds for this counter


class ErrorBody(Model):
    """Any 4xx/5xx: `code` for programs (see docs/sync-protocol.md), `message` for people."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    code: str
    message: str


class StatementItem(Model):
    id: Uuid
    receipt_no: ReceiptNo
    kind: Kind
    amount: int


class Statement(Model):
    """GET {API_PREFIX}/counters/{counter_code}/statement?date=YYYY-MM-DD."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    business_date: date
    items: list[StatementItem]


class ReferenceDocument(Model):
    """GET {API_PREFIX}/reference: the reference data set in force, versioned and effective-dated.

    `files` maps the names of resources/reference/*.json to their content.
    """

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    version: str
    effective_from: date
    files: dict[str, object]


class KindTotal(Model):
    count: int = Field(ge=0)
    amount: int = Field(ge=0)  # rupiah


class DayTotals(Model):
    """Count and total amount per kind; voids are counted (with amount 0) under `void`."""

    registration: KindTotal
    contribution: KindTotal
    claim_handover: KindTotal
    void: KindTotal


class ManifestItem(Model):
    """One record of the day: its receipt seq, its identity and the SHA-256 of the record."""

    seq: int = Field(ge=1)
    id: Uuid
    digest: Hash  # of canonical `record`, as the upstream stores it


class DayManifest(Model):
    """PUT {API_PREFIX}/counters/{counter_code}/days/{business_date}/manifest: a closed day.

    `items` are every record of the business day in seq order; `chain_head` is the counter's audit
    chain at the capture event of the day's last record (None for a day without records), so the
    upstream can tell that it holds that very chain, and find records captured within the day's
    receipt range that the manifest leaves out.
    """

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    business_date: date
    first_receipt_no: ReceiptNo | None
    last_receipt_no: ReceiptNo | None
    totals: DayTotals
    items: list[ManifestItem] = Field(max_length=MAX_DAY_RECORDS)
    chain_head: ChainHead | None


class DayStatus(StrEnum):
    COMPLETE = "complete"  # the upstream holds the day exactly as the manifest says
    INCOMPLETE = "incomplete"  # `missing`, `mismatches`, `chain` or `totals` say what is not


class ChainState(StrEnum):
    HELD = "held"  # the upstream holds the manifest's chain head, hash for hash
    BEHIND = "behind"  # the upstream holds fewer events: send those after its `chain_head`
    NONE = "none"  # the manifest has no chain head (a day without records)


class MissingRecord(Model):
    """A record the upstream lacks: send it (again), whatever the counter's outbox says."""

    seq: int = Field(ge=1)
    receipt_no: ReceiptNo
    reason: Literal["not_received", "not_listed"]
    # not_received: listed in the manifest, not held. not_listed: the held audit chain shows it
    # captured within the day's receipt range, but the manifest does not list it and it is not held.


class Mismatch(Model):
    """What resending cannot put right: the two sides hold different records."""

    seq: int = Field(ge=1)
    receipt_no: ReceiptNo
    problem: Literal["different", "unexpected"]
    # different: held under this seq with another id or content, or under another business date.
    # unexpected: held for this counter and day, not in the manifest.
    detail: str


class DayCheck(Model):
    """The upstream's answer to a day manifest (200 whether complete or not)."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    business_date: date
    version: int = Field(ge=1)  # a manifest differing from the last one received is a new version
    status: DayStatus
    confirmed_at: datetime | None  # when the upstream first found this version complete
    chain: ChainState
    chain_head: ChainHead  # what the upstream holds for the counter
    missing: list[MissingRecord]
    mismatches: list[Mismatch]
    totals: DayTotals  # what the upstream holds for the counter and day


class RecoveredRecord(Model):
    """A record the upstream holds for the counter, exactly as uploaded, with the KPJ it
    assigned (a registration)."""

    id: Uuid
    seq: int = Field(ge=1)
    receipt_no: ReceiptNo
    kind: Kind
    business_date: date
    amount: int = Field(ge=0)
    record: dict[str, object]
    kpj: str | None = None


class Recovery(Model):
    """GET {API_PREFIX}/counters/{counter_code}/recovery?after_event=N&after_seq=M.

    What a counter restored from a backup takes back: its own audit events after `after_event`
    (the restored chain's head) up to `chain_head`, its own records with a receipt seq after
    `after_seq`, and the highest receipt seq the upstream holds for it (numbering goes on after
    it). Only the token's own counter is ever answered.
    """

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    chain_head: ChainHead
    events: list[AuditEvent] = Field(max_length=MAX_RECOVERY_EVENTS)
    records: list[RecoveredRecord] = Field(max_length=MAX_RECOVERY_RECORDS)
    last_receipt_seq: int = Field(ge=0)


def batches_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/batches"


def statement_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/statement"


def manifest_path(counter_code: str, business_date: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/days/{business_date}/manifest"


def recovery_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/recovery"


REFERENCE_PATH = f"{API_PREFIX}/reference"
