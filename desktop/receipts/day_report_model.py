"""What a day close report says, as plain values: built by the services, drawn by day_report.py.

Money stays in whole rupiah (ints) so the same value is stored as the close's summary (JSON) and
read by tests; names, times and dates are final strings, ready to print.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindTotal:
    """One kind of transaction (registration, BPU or PU contribution, claim handover, void)."""

    kind: str  # registration, contribution_bpu, contribution_pu, claim_handover, void
    label: str  # "Iuran BPU"
    count: int
    amount: int
    voided_count: int
    voided_amount: int

    @property
    def net_amount(self) -> int:
        return self.amount - self.voided_amount


@dataclass(frozen=True)
class TenderTotal:
    tender: str  # cash, debit
    label: str  # "Tunai", "Debit rekening"
    count: int
    amount: int
    voided_count: int
    voided_amount: int

    @property
    def net_amount(self) -> int:
        return self.amount - self.voided_amount


@dataclass(frozen=True)
class ProgramTotal:
    """Contributions not voided, per program."""

    program: str  # JKK
    label: str  # "JKK - Kecelakaan Kerja"
    count: int  # payments carrying this program
    amount: int


@dataclass(frozen=True)
class VoidEntry:
    void_receipt_no: str
    voided_receipt_no: str
    voided_kind: str  # label of the voided transaction's kind
    amount: int
    tender: str  # "tunai", "debit", "-" when none
    reason: str
    approved_by: str  # "Siti Rahmawati (spv01)"
    teller: str  # who asked for it
    at: str  # "10:32 WIB"


@dataclass(frozen=True)
class RefundEntry:
    """Money given back for a contribution payment the upstream refused (money out)."""

    refund_receipt_no: str
    refunded_receipt_no: str
    amount: int
    tender: str  # "tunai", "debit"
    reason: str  # the upstream's reason for refusing the payment
    approved_by: str
    teller: str
    at: str  # "10:32 WIB"


@dataclass(frozen=True)
class PayoutEntry:
    """A JHT benefit paid out (money out: cash from the drawer, or a transfer)."""

    receipt_no: str
    claim_receipt_no: str
    claimant: str
    net: int
    method: str  # "tunai", "transfer"
    reference: str  # the transfer's, "-" for cash
    approved_by: str  # "-" when no approval was needed
    teller: str
    at: str  # "10:32 WIB"


@dataclass(frozen=True)
class ReprintEntry:
    receipt_no: str
    copy_number: int
    at: str  # "24/11/2026 10:40 WIB"
    by: str


@dataclass(frozen=True)
class CountLine:
    denomination: str  # "Rp50.000 kertas"
    pieces: int
    amount: int


@dataclass(frozen=True)
class CountEntry:
    """One cash count: who, when, and what was counted."""

    at: str
    by: str
    total: int
    lines: tuple[CountLine, ...]


@dataclass(frozen=True)
class Unacknowledged:
    """A record of the day the upstream has not accepted yet (pending) or refused (quarantined)."""

    receipt_no: str
    status: str  # pending, quarantined
    reason: str  # the upstream's reason for a quarantined record; "" when pending


@dataclass(frozen=True)
class EarlierVersion:
    """A previous close of the same day and the reopening that superseded it."""

    report_no: str
    closed_at: str
    counted_cash: int
    variance: int
    reopened_at: str
    reopened_by: str
    reason: str


@dataclass(frozen=True)
class DayReport:
    """Everything one version of a day's close report shows."""

    # Who and which day
    report_no: str  # BNI-0123-01-TH-20261124-1
    version: int
    bank: str
    branch: str  # "KC Jakarta Kota (0123)"
    counter_code: str
    counter_label: str  # "Loket 01"
    business_date: str  # ISO date
    business_date_text: str  # "Selasa, 24 November 2026"
    opened: str  # "24/11/2026 07:55 WIB oleh Dewi Lestari (teller01)"
    auto_opened: bool
    closed_at: str
    closed_by: str
    # Cash
    opening_float: int
    cash_received: int
    cash_voided: int
    expected_cash: int
    counted_cash: int
    variance: int
    variance_reason: str | None
    approved_by: str | None
    count: CountEntry
    earlier_counts: tuple[CountEntry, ...]
    opening_count: CountEntry | None
    # Debit-account tenders: never in the drawer
    debit_received: int
    debit_voided: int
    # Totals and counts
    kinds: tuple[KindTotal, ...]
    programs: tuple[ProgramTotal, ...]
    tenders: tuple[TenderTotal, ...]
    transaction_count: int
    first_receipt: str | None
    last_receipt: str | None
    # Exceptions a supervisor reads
    voids: tuple[VoidEntry, ...]
    reprints: tuple[ReprintEntry, ...]
    never_printed: tuple[str, ...]  # receipt numbers whose print never succeeded
    unacknowledged: tuple[Unacknowledged, ...]
    earlier_versions: tuple[EarlierVersion, ...]
    # Refunds of payments the upstream refused (absent from reports made before refunds existed)
    cash_refunded: int = 0
    debit_refunded: int = 0
    refunds: tuple[RefundEntry, ...] = ()
    # JHT benefits paid out (absent from reports made before payouts existed)
    cash_paid_out: int = 0
    payouts: tuple[PayoutEntry, ...] = ()

    @property
    def debit_net(self) -> int:
        return self.debit_received - self.debit_voided - self.debit_refunded
