"""The upload contract, version 1: the one definition the counter's client and the sandbox share.

Published as OpenAPI (docs/sync-openapi.json) and described for the upstream team in
docs/sync-protocol.md. Every model forbids unknown fields and carries its version, so a reply that
does not parse as this contract (a captive portal's page, a proxy's error) acknowledges nothing.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

CONTRACT: Final = "spo-upload/1"
API_PREFIX = "/v1"
MAX_BATCH = 500

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


def batches_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/batches"


def statement_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/statement"


REFERENCE_PATH = f"{API_PREFIX}/reference"
