"""What a receipt says, as plain values: built from the store, drawn by the layouts.

Everything here is already formatted for the paper (masked numbers, local time with its zone,
rupiah spelled out), so a layout only places text; it never reads the store or the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Paper(StrEnum):
    """The paper formats a counter can print on (chosen per counter)."""

    ROLL_80 = "roll80"  # 80 mm thermal roll, 72 mm printable, as long as the content
    A5 = "a5"  # one copy on an A5 sheet
    A4_TWO_COPIES = "a4"  # participant's and bank's copies on one A4 sheet, cut line between


@dataclass(frozen=True)
class Line:
    """One row of label and value: 'JKK (1%)' / 'Rp10.000', 'Periode' / 'Nov 2026'."""

    label: str
    value: str


@dataclass(frozen=True)
class DocumentLine:
    """One document of a claim handover's checklist."""

    name: str
    status: str  # "Asli", "Fotokopi", "Elektronik" or "TIDAK ADA" (missing), as printed
    required: bool


@dataclass(frozen=True)
class ReceiptData:
    """Everything one receipt shows. Strings are final, in Indonesian, ready to print."""

    # Header: who issued it
    bank: str  # "BNI": the channel the money went through
    branch: str  # "KC Jakarta Kota (0123)"
    counter_code: str  # "BNI-0123-01"
    counter_label: str  # "Loket 01"
    teller: str  # "Dewi Lestari (teller01)"
    # What and when
    title: str  # "TANDA TERIMA PENDAFTARAN", "BUKTI PEMBAYARAN IURAN", ...
    kind: str  # registration, contribution, claim_handover, void, refund
    receipt_no: str
    issued_at: str  # "24/11/2026 10:00:00 WIB"
    # Who it concerns (masked)
    party: tuple[Line, ...]  # name, NIK 3171••••••••0002, KPJ, employer/NPP, payment code ...
    # The body
    details: tuple[Line, ...] = ()  # period, declared income, months, reason, event date ...
    amounts: tuple[Line, ...] = ()  # one per program, right-aligned amounts
    total: str | None = None  # "Rp36.800"
    total_words: str | None = None  # "TIGA PULUH ENAM RIBU DELAPAN RATUS RUPIAH"
    tender: tuple[Line, ...] = ()  # "Tunai", "Diterima Rp50.000", "Kembali Rp13.200" or debit
    documents: tuple[DocumentLine, ...] = ()  # claim handovers only
    notes: tuple[str, ...] = ()  # statements printed in full, e.g. not proof of claim payment
    # Verification and copies
    qr_text: str = ""  # signed text the BPJS branch scans (desktop/receipts/signing.py)
    copy_number: int = 0  # 0 for the original; n for the n-th reprint, printed "SALINAN KE-n"
    footer: tuple[str, ...] = field(default_factory=tuple)  # "Simpan tanda terima ini", ...
    # Who the money or papers are for; the bank above is only the channel.
    payee: str = "BPJS Ketenagakerjaan"
    branch_address: str = ""  # the bank branch's street address, when the counter has one
    # Who the first sheet is for: "Peserta", or "Pemberi Kerja" on a PU contribution.
    holder: str = "Peserta"
    # Signature boxes where documents or cash change hands: ("Peserta", "Teller").
    signatures: tuple[str, ...] = ()
    # A reprint's when and by whom: "Dicetak ulang 24/11/2026 14:05 WIB oleh Dewi (teller01)".
    reprinted: str = ""
    # What the total is called: a benefit payout's is the net paid ("DIBAYAR (NETO)").
    total_label: str = "TOTAL"

    @property
    def is_copy(self) -> bool:
        return self.copy_number > 0
