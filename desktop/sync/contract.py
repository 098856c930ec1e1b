"""The upload contract, version 1: the one definition the counter's client and the sandbox share.

Published as OpenAPI (docs/sync-openapi.json) and described for the upstream team in
docs/sync-protocol.md. Every model forbids unknown fields and carries its version, so a reply that
does not parse as this contract (a captive portal's page, a proxy's error) acknowledges nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
Kind = Literal[
    "registration", "contribution", "claim_handover", "void", "refund", "benefit_payment"
]
INT64_MAX: Final = 2**63 - 1  # every integer of a record fits a 64-bit column, here and upstream
MAX_RECORD_DEPTH: Final = 6  # a record is rows of rows at most; deeper is no counter's record
MAX_RECORD_BYTES: Final = 64 * 1024  # the largest claim handover is under 4 KB
Int64 = Annotated[int, Field(ge=-INT64_MAX - 1, le=INT64_MAX)]


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
    seq: int = Field(ge=1, le=INT64_MAX)
    receipt_no: ReceiptNo
    kind: Kind
    business_date: date
    amount: int = Field(ge=0, le=INT64_MAX)
    record: dict[str, object]  # desktop/store/records.py Record, whose digest the chain carries

    @field_validator("record")
    @classmethod
    def _bounded(cls, record: dict[str, object]) -> dict[str, object]:
        """Nesting, size and integers bounded: what breaks them is refused whole (422)."""
        check_bounded(record)
        return record


def check_bounded(value: object) -> None:
    """ValueError unless `value` nests at most MAX_RECORD_DEPTH deep, holds at most
    MAX_RECORD_BYTES of text and only integers that fit 64 bits."""
    size = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_RECORD_DEPTH:
            raise ValueError(f"a record nests at most {MAX_RECORD_DEPTH} levels deep")
        if isinstance(item, dict):
            size += sum(len(str(key)) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, int) and not isinstance(item, bool):
            if not -INT64_MAX - 1 <= item <= INT64_MAX:
                raise ValueError("a record's integers must fit in 64 bits")
            size += 20
        elif isinstance(item, str):
            size += len(item)
        else:
            size += 8
        if size > MAX_RECORD_BYTES:
            raise ValueError(f"a record holds at most {MAX_RECORD_BYTES} bytes")


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


AgentCode = Annotated[str, Field(pattern=r"^[A-Z0-9-]{3,30}$")]


class AgentInstitution(Model):
    """The institution a Perisai agent belongs to: a foundation, a cooperative or a firm."""

    code: Annotated[str, Field(pattern=r"^[A-Z0-9-]{1,30}$")]
    name: Annotated[str, Field(min_length=2, max_length=100)]
    kind: Literal["foundation", "cooperative", "firm"]


class AgentEntry(Model):
    """One Perisai agent of the register: code, name, institution, and whether they may bring
    registrations and payments now (`inactive`: suspended or ended)."""

    code: AgentCode
    name: Annotated[str, Field(min_length=2, max_length=100)]
    institution: AgentInstitution
    status: Literal["active", "inactive"]


class AgentRegister(Model):
    """GET {API_PREFIX}/agents: the register of Perisai agents as the upstream holds it today,
    whole (a counter keeps it and names an agent from it); codes are unique."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    as_of: date
    agents: Annotated[list[AgentEntry], Field(max_length=100_000)]

    @field_validator("agents")
    @classmethod
    def _unique(cls, agents: list[AgentEntry]) -> list[AgentEntry]:
        codes = [agent.code for agent in agents]
        if len(set(codes)) != len(codes):
            raise ValueError("two agents share a code")
        return agents


class KindTotal(Model):
    count: int = Field(ge=0)
    amount: int = Field(ge=0)  # rupiah


class DayTotals(Model):
    """Count and total amount per kind; voids are counted (with amount 0) under `void`, refunds
    (money given back for a payment the upstream refused) under `refund`, absent before them."""

    registration: KindTotal
    contribution: KindTotal
    claim_handover: KindTotal
    void: KindTotal
    refund: KindTotal = KindTotal(count=0, amount=0)
    # JHT benefits paid out at the counter (the net), absent before them
    benefit_payment: KindTotal = KindTotal(count=0, amount=0)


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


class InquiryQuote(Model):
    """What paying `months` months from `period_start` costs, per program after any relief."""

    months: int
    period_start: str  # YYYY-MM
    period_end: str  # YYYY-MM
    lines: dict[str, int]  # program -> rupiah paid
    reliefs: dict[str, int]  # relief code (e.g. PP50_2025) -> rupiah taken off
    total: int


class InquiryParticipant(Model):
    """A BPU participant as the upstream knows them, wherever they registered."""

    nik: str
    kpj: str | None
    full_name: str
    birth_date: date
    category: Literal["bpu"] = "bpu"
    status: Literal["active", "inactive"]  # inactive: more than 3 unpaid months in a row
    monthly_income: int  # the declared income tier
    programs: list[str]
    sector: str | None
    paid_through: str | None  # YYYY-MM, the last month paid through any channel
    payable_from: str  # YYYY-MM: the earliest month that may be paid now
    payable_to: str  # YYYY-MM: the latest
    quotes: list[InquiryQuote]  # 1, 3, 6 and 12 months from payable_from, where they fit
    jht_balance: int | None


class InquiryBill(Model):
    """An employer's bill by its payment code."""

    payment_code: str
    npp: str
    employer: str
    period: str  # YYYY-MM
    lines: dict[str, int]  # program -> rupiah billed
    total: int
    due_date: date
    late_months: int  # started months past the due date (0 when not late)
    late_fine: int  # 2% of the total a month late (reference data), billed by the upstream
    paid: bool


class Inquiry(Model):
    """GET {API_PREFIX}/inquiry?nik=|kpj=|payment_code=: who the participant is and what is due,
    or the employer's bill. 404 `not_found` when the upstream knows neither."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    as_of: date  # the upstream's date the answer holds for
    participant: InquiryParticipant | None = None
    bill: InquiryBill | None = None


MAX_CLAIM_CHANGES: Final = 500  # changes one claims answer carries; `more` says to ask again
MAX_REJECTION_REASON: Final = 500


class ClaimStatus(StrEnum):
    """A handed-over JHT claim's life upstream."""

    UPLOADED = "uploaded"  # the handover record was accepted
    VERIFYING = "verifying"  # a BPJS officer is checking it
    APPROVED = "approved"  # with gross, tax, net and the payout method: waiting to be paid
    REJECTED = "rejected"  # with the reason
    PAID = "paid"  # the net was paid out


class PayoutMethod(StrEnum):
    TRANSFER = "transfer"  # to the claimant's own account, or cash at a counter (the teller's)
    MORTGAGE_BANK = "mortgage_bank"  # the 30% housing claim: to the cooperating mortgage bank


class ClaimChange(Model):
    """One change of a claim's status, numbered per counter (1, 2, ... without gaps)."""

    change_no: int = Field(ge=1, le=INT64_MAX)
    claim_id: Uuid  # the claim handover record's id
    receipt_no: ReceiptNo  # the handover receipt: the claim's number at the counter
    status: ClaimStatus
    at: datetime
    gross: int | None = Field(default=None, ge=0, le=INT64_MAX)  # approved and paid only
    tax: int | None = Field(default=None, ge=0, le=INT64_MAX)
    net: int | None = Field(default=None, ge=0, le=INT64_MAX)
    payout_method: PayoutMethod | None = None
    rejection_reason: str | None = Field(default=None, max_length=MAX_REJECTION_REASON)


class ClaimChanges(Model):
    """GET {API_PREFIX}/counters/{code}/claims?after=N: the changes of the claims this counter
    handed over, numbered after N, oldest first; `more` when there are more than one answer
    carries (ask again after the last)."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    counter_code: CounterCode
    changes: list[ClaimChange] = Field(max_length=MAX_CLAIM_CHANGES)
    more: bool


class ClaimDecision(Model):
    """POST {API_PREFIX}/admin/claims/{claim_id}/decision (the admin token): BPJS's decision.

    `approved` pays `gross` (default: the reason's share of the JHT balance the upstream holds);
    the upstream computes tax and net. `rejected` needs the `reason`. `verifying` marks the
    claim as being checked."""

    status: Literal["verifying", "approved", "rejected"]
    gross: int | None = Field(default=None, ge=1, le=INT64_MAX)
    reason: str | None = Field(default=None, min_length=1, max_length=MAX_REJECTION_REASON)


class ClaimState(Model):
    """A claim as the upstream holds it now (the admin endpoint's answer)."""

    claim_id: Uuid
    counter_code: CounterCode
    receipt_no: ReceiptNo
    reason: str  # the claim reason's code (resources/reference/claim_reasons.json)
    status: ClaimStatus
    change_no: int
    gross: int | None
    tax: int | None
    net: int | None
    payout_method: PayoutMethod | None
    rejection_reason: str | None


class HeldClaim(Model):
    """A claim as the upstream holds it, with what its handover said of the participant and the
    payout account: what any counter needs to pay a claim handed over at another counter."""

    claim_id: Uuid
    counter_code: CounterCode  # the counter it was handed over at
    receipt_no: ReceiptNo  # the handover receipt: the claim's number
    business_date: date  # the handover's
    reason: str
    status: ClaimStatus
    gross: int | None
    tax: int | None
    net: int | None
    payout_method: PayoutMethod | None
    rejection_reason: str | None
    nik: str = Field(pattern=r"^[0-9]{16}$")  # the participant's
    kpj: str | None
    participant_name: str
    claimant_name: str
    payout_bank: str
    payout_account: str
    payout_account_holder: str
    held_by: CounterCode | None  # the counter whose payout holds (or paid) it


MAX_CLAIM_LOOKUP: Final = 50


class ClaimLookup(Model):
    """GET {API_PREFIX}/claims?receipt_no=|nik= (any counter's token): the claims the upstream
    holds under that handover receipt number or participant's NIK, wherever handed over, newest
    first (an empty list when none)."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    claims: list[HeldClaim] = Field(max_length=MAX_CLAIM_LOOKUP)


class PayoutReservation(Model):
    """POST {API_PREFIX}/claims/{claim_id}/payout/reserve (any counter's token): hold an approved
    claim for this counter's payout before any money moves. The counter makes the id and keeps
    it first, so asking again after a lost answer (or a crash) gets the same hold back."""

    reservation_id: Uuid


class PayoutConfirmation(Model):
    """POST {API_PREFIX}/claims/{claim_id}/payout/confirm: the money went out; the claim is
    paid. Sent again with the same body, the same answer."""

    reservation_id: Uuid
    method: Literal["transfer", "cash"]
    reference: str | None = Field(default=None, min_length=1, max_length=60)  # a transfer's
    receipt_no: ReceiptNo  # the payout's receipt at the paying counter
    paid_at: datetime


class PayoutRelease(Model):
    """POST {API_PREFIX}/claims/{claim_id}/payout/release: the payout was cancelled before the
    money moved; the claim waits to be paid again."""

    reservation_id: Uuid


class PayoutState(Model):
    """The answer to a reserve, confirm or release: the claim's payout as the upstream holds it.
    `net` is what is paid out, computed by the upstream when it approved the claim."""

    contract: Literal["spo-upload/1"] = "spo-upload/1"
    claim_id: Uuid
    status: Literal["reserved", "paid", "released"]
    reservation_id: Uuid
    counter_code: CounterCode  # the counter holding (or having made) the payout
    gross: int
    tax: int
    net: int
    payout_method: PayoutMethod


def batches_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/batches"


def statement_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/statement"


def manifest_path(counter_code: str, business_date: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/days/{business_date}/manifest"


def recovery_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/recovery"


def claims_path(counter_code: str) -> str:
    return f"{API_PREFIX}/counters/{counter_code}/claims"


def claim_decision_path(claim_id: str) -> str:
    return f"{API_PREFIX}/admin/claims/{claim_id}/decision"


CLAIM_LOOKUP_PATH = f"{API_PREFIX}/claims"


def payout_path(claim_id: str, step: Literal["reserve", "confirm", "release"]) -> str:
    return f"{API_PREFIX}/claims/{claim_id}/payout/{step}"


REFERENCE_PATH = f"{API_PREFIX}/reference"
AGENTS_PATH = f"{API_PREFIX}/agents"
INQUIRY_PATH = f"{API_PREFIX}/inquiry"
