"""What a stored transaction's receipt says: its record turned into the strings of ReceiptData."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from desktop.domain.bpu import explain_paid
from desktop.domain.claims import DocStatus, claim_reason, documents_for, requirements_for
from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.domain.terbilang import terbilang_rupiah
from desktop.domain.text import refusal_text
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.receipts.model import DocumentLine, Line, ReceiptData
from desktop.receipts.signing import SignedFacts, sign
from desktop.reference import ReferenceData
from desktop.store.records import Record

TITLES = {
    "registration": "TANDA TERIMA PENDAFTARAN",
    "contribution": "BUKTI PEMBAYARAN IURAN",
    "claim_handover": "TANDA TERIMA BERKAS KLAIM JHT",
    "void": "BUKTI PEMBATALAN",
    "refund": "BUKTI PENGEMBALIAN IURAN",
    "benefit_payment": "BUKTI PEMBAYARAN JAMINAN HARI TUA",
}
PROGRAM_NAMES = {
    "JKK": "JKK - Kecelakaan Kerja",
    "JKM": "JKM - Kematian",
    "JHT": "JHT - Hari Tua",
    "JP": "JP - Pensiun",
    "JKP": "JKP - Kehilangan Pekerjaan",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
STATUS_TEXT = {
    DocStatus.ORIGINAL: "Asli",
    DocStatus.COPY: "Fotokopi",  # "Salinan" is the reprint mark
    DocStatus.ELECTRONIC: "Elektronik",
    DocStatus.MISSING: "TIDAK ADA",
}
NOT_PROOF_OF_PAYMENT = (
    "Tanda terima ini hanya bukti penyerahan berkas klaim, BUKAN bukti bahwa klaim JHT "
    "akan dibayar. Keputusan ada pada kantor cabang BPJS Ketenagakerjaan."
)
AWAITING_VERIFICATION = "Menunggu verifikasi BPJS Ketenagakerjaan"
UNVERIFIED_NOTE = (
    "Menunggu verifikasi BPJS Ketenagakerjaan: iuran ini diterima saat loket tidak terhubung ke "
    "server pusat, dengan data peserta yang dikonfirmasi di loket. Bila BPJS Ketenagakerjaan "
    "menolaknya, iuran dikembalikan di loket ini dengan bukti pengembalian."
)
FOOTER = (
    "Simpan tanda terima ini sebagai bukti.",
    "Keaslian dapat diperiksa dengan memindai kode QR.",
)


@dataclass(frozen=True)
class Issuer:
    """The counter and the people a receipt names."""

    bank: str
    branch_name: str
    branch_code: str
    counter_code: str
    counter_no: int
    timezone: str
    secret: str
    teller_name: str
    approver_name: str | None = None  # voids and early claim handovers
    branch_address: str = ""


@dataclass(frozen=True)
class Participant:
    """The registered participant a BPU transaction concerns, as the store knows them now."""

    name: str | None = None
    kpj: str | None = None


@dataclass(frozen=True)
class Voided:
    """What a void cancels, or a refund gives back: the original's receipt, kind, amount and
    tender."""

    receipt_no: str
    kind: str
    amount: int
    tender: str | None


def month_text(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def local_time(instant: str, timezone: str) -> datetime:
    return datetime.fromisoformat(instant).astimezone(ZoneInfo(timezone))


def receipt_content(
    record: Record,
    issuer: Issuer,
    ref: ReferenceData,
    *,
    copy_number: int,
    reprinted: str = "",
    voided: Voided | None = None,
    who: Participant | None = None,
    style: str = "official",
) -> ReceiptData:
    txn = record["transaction"]
    details = record["details"] or {}
    kind = str(txn["kind"])
    issued = local_time(str(txn["created_at"]), issuer.timezone)
    money = _Money(style)
    builder = {
        "registration": _registration,
        "contribution": _contribution,
        "claim_handover": _claim_handover,
        "void": _void,
        "refund": _refund,
        "benefit_payment": _benefit_payment,
    }[kind]
    party, body, amounts, documents, notes = builder(
        _Facts(record, details, issuer, ref, money, voided, who or Participant())
    )
    amount = int(txn["amount"])
    return ReceiptData(
        bank=issuer.bank,
        branch=f"{issuer.branch_name} ({issuer.branch_code})",
        counter_code=issuer.counter_code,
        counter_label=f"Loket {issuer.counter_no:02d}",
        teller=f"{issuer.teller_name} ({txn['teller_id']})",
        title=TITLES[kind],
        kind=kind,
        receipt_no=str(txn["receipt_no"]),
        issued_at=f"{issued:%d/%m/%Y %H:%M:%S} {zone_label(issuer.timezone)}",
        party=party,
        details=body,
        amounts=amounts,
        total=money(amount) if amounts else None,
        total_words=terbilang_rupiah(amount).upper() if amounts else None,
        tender=(
            _refund_tender(txn)
            if kind == "refund"
            else _payout_tender(details)
            if kind == "benefit_payment"
            else _tender(record, money)
        ),
        documents=documents,
        notes=notes,
        qr_text=sign(
            issuer.secret,
            SignedFacts(
                receipt_no=str(txn["receipt_no"]),
                counter_code=issuer.counter_code,
                amount=amount,
                issued_at=issued.isoformat(timespec="seconds"),
            ),
        ),
        copy_number=copy_number,
        footer=FOOTER,
        branch_address=issuer.branch_address,
        holder="Pemberi Kerja" if details.get("category") == "PU" else "Peserta",
        signatures=_signatures(kind, voided),
        reprinted=reprinted if copy_number else "",
        total_label="DIBAYAR (NETO)" if kind == "benefit_payment" else "TOTAL",
    )


def _signatures(kind: str, voided: Voided | None) -> tuple[str, ...]:
    """Who signs where documents or cash change hands: a registration's papers, a claim's
    documents, a void's or a refund's money given back; a payment's receipt needs none."""
    if kind == "registration":
        return ("Peserta", "Teller")
    if kind == "claim_handover":
        return ("Penyerah berkas", "Teller")
    if kind == "void" and voided is not None and voided.amount:
        return ("Penerima pengembalian", "Teller")
    if kind == "refund":
        return REFUND_SIGNATURES
    if kind == "benefit_payment":
        return PAYOUT_SIGNATURES
    return ()


class _Money:
    def __init__(self, style: str) -> None:
        self.style = style

    def __call__(self, amount: int) -> str:
        return format_rupiah(amount, self.style)


@dataclass(frozen=True)
class _Facts:
    """What every kind's part of the receipt is written from."""

    record: Record
    details: dict[str, object]
    issuer: Issuer
    ref: ReferenceData
    money: _Money
    voided: Voided | None
    who: Participant


Parts = tuple[
    tuple[Line, ...], tuple[Line, ...], tuple[Line, ...], tuple[DocumentLine, ...], tuple[str, ...]
]


def _registration(c: _Facts) -> Parts:
    d, money = c.details, c.money
    birth = date.fromisoformat(str(d["birth_date"]))
    party = (
        Line("Nama", str(d["full_name"])),
        Line("NIK", mask_identifier(str(d["nik"]))),
        Line("Lahir", f"{d['birth_place']}, {birth:%d/%m/%Y}"),
        Line("Pekerjaan", str(d["occupation"])),
    )
    body = [
        Line("Kategori", "Bukan Penerima Upah (BPU)"),
        Line("Program", " + ".join(str(d["programs"]).split("+"))),
        Line("Penghasilan", money(int(str(d["monthly_income"])))),
    ]
    if d.get("agent_code"):
        body.append(Line("Agen Perisai", str(d["agent_code"])))
    notes = (
        "Nomor KPJ diberikan setelah data terkirim ke BPJS Ketenagakerjaan; kartu peserta "
        "diterima paling lambat 7 hari.",
    )
    return party, tuple(body), (), (), notes


def _contribution(c: _Facts) -> Parts:
    record, d, money, who = c.record, c.details, c.money, c.who
    start = date.fromisoformat(str(d["period_start"]))
    end = date.fromisoformat(str(d["period_end"]))
    months = int(str(d["months"]))
    period = month_text(start) if start == end else f"{month_text(start)} - {month_text(end)}"
    amounts = tuple(
        Line(
            PROGRAM_NAMES.get(str(line["program"]), str(line["program"])),
            money(int(line["amount"])),
        )
        for line in sorted(record["lines"], key=lambda line: _program_order(str(line["program"])))
    )
    if d["category"] == "PU":
        party = (
            Line("Perusahaan", str(d["employer_name"])),
            Line("NPP", str(d["npp"])),
            Line("Kode iuran", str(d["payment_code"])),
        )
        pu_body = (Line("Kategori", "Penerima Upah (PU)"), Line("Periode", period))
        return party, pu_body, amounts, (), ()
    amounts = _bpu_amounts(c, start, months) or amounts
    nik = record["participant_nik"] or ""
    payer = record.get("payer")  # taken offline, unverified: who the teller confirmed pays
    name = who.name or (str(payer["full_name"]) if payer else "-")
    party_lines = [Line("Nama", name), Line("NIK", mask_identifier(nik))]
    if payer:
        birth = date.fromisoformat(str(payer["birth_date"]))
        party_lines.append(Line("Tanggal lahir", f"{birth:%d/%m/%Y}"))
    if who.kpj:
        party_lines.append(Line("KPJ", mask_identifier(who.kpj)))
    body: tuple[Line, ...] = (
        Line("Kategori", "Bukan Penerima Upah (BPU)"),
        Line("Periode", f"{period} ({months} bulan)"),
        Line("Penghasilan", money(int(str(d["monthly_income"])))),
    )
    agent = record.get("agent")  # brought by a Perisai agent
    if agent:
        body += (Line("Agen Perisai", str(agent["agent_code"])),)
    if payer:
        body += (Line("Status", AWAITING_VERIFICATION.upper()),)
        return tuple(party_lines), body, amounts, (), (UNVERIFIED_NOTE,)
    return tuple(party_lines), body, amounts, (), ()


def _bpu_amounts(c: _Facts, start: date, months: int) -> tuple[Line, ...] | None:
    """The full program amounts and each relief as its own line (PP 50/2025), when the amounts
    paid came with a relief; None otherwise (the paid lines are then the whole story)."""
    paid = {str(line["program"]): int(line["amount"]) for line in c.record["lines"]}
    quote = explain_paid(
        c.ref,
        monthly_income=int(str(c.details["monthly_income"])),
        months=months,
        period_start=start,
        on=date.fromisoformat(str(c.record["transaction"]["business_date"])),
        paid=paid,
    )
    if quote is None or not quote.reliefs:
        return None
    lines = [
        Line(PROGRAM_NAMES.get(line.program.value, line.program.value), c.money(line.total))
        for line in quote.lines
    ]
    for relief in quote.reliefs:
        programs = "+".join(amount.program.value for amount in relief.amounts)
        lines.append(Line(f"{relief.name_id} ({programs})", "-" + c.money(relief.total)))
    return tuple(lines)


def _claim_handover(c: _Facts) -> Parts:
    record, d, issuer, ref = c.record, c.details, c.issuer, c.ref
    reason = claim_reason(ref, str(d["reason"]))
    party = [
        Line("Nama peserta", str(d["participant_name"])),
        Line("NIK", mask_identifier(str(d["nik"]))),
    ]
    if d.get("kpj"):
        party.append(Line("KPJ", mask_identifier(str(d["kpj"]))))
    if d["claimant_name"] != d["participant_name"]:
        party.append(Line("Ahli waris", str(d["claimant_name"])))
    body = [Line("Alasan klaim", reason.name_id)]
    if d.get("event_date"):
        body.append(
            Line("Tanggal kejadian", f"{date.fromisoformat(str(d['event_date'])):%d/%m/%Y}")
        )
    account = mask_identifier(str(d["payout_account"]))
    body.append(Line("Rekening", f"{d['payout_bank']} {account} a.n. {d['payout_account_holder']}"))
    needs_npwp = bool(d["npwp_required"])
    required = {
        doc.code for req in requirements_for(reason, npwp_required=needs_npwp) for doc in req.any_of
    }
    statuses = {str(doc["document"]): DocStatus(str(doc["status"])) for doc in record["documents"]}
    documents = tuple(
        DocumentLine(
            name=doc.name_id,
            status=STATUS_TEXT[statuses.get(doc.code, DocStatus.MISSING)],
            required=doc.code in required,
        )
        for doc in documents_for(reason, npwp_required=needs_npwp)
        if doc.code in required or statuses.get(doc.code, DocStatus.MISSING) != DocStatus.MISSING
    )
    notes = [NOT_PROOF_OF_PAYMENT]
    missing = int(str(d["missing_count"]))
    if missing:
        notes.append(f"Dokumen wajib belum lengkap: {missing}. Lengkapi di kantor cabang.")
    if d.get("approved_by"):
        notes.append(
            f"Diterima sebelum masa tunggu berakhir ({_date(d['waiting_period_end'])}) "
            f"dengan persetujuan {issuer.approver_name or d['approved_by']}."
        )
    return tuple(party), tuple(body), (), documents, tuple(notes)


def _void(c: _Facts) -> Parts:
    d, issuer, money, voided = c.details, c.issuer, c.money, c.voided
    if voided is None:
        raise ValueError("a void's receipt needs the transaction it voids")
    party = (Line("Membatalkan", voided.receipt_no), Line("Jenis", TITLES[voided.kind].title()))
    body = [
        Line("Alasan", str(d["reason"])),
        Line("Disetujui", issuer.approver_name or str(d["approved_by"])),
    ]
    if voided.amount:
        refund = "dikembalikan tunai" if voided.tender == "cash" else "dikembalikan ke rekening"
        body.append(Line("Jumlah", f"{money(voided.amount)} {refund}"))
    return party, tuple(body), (), (), ()


REFUND_SIGNATURES = ("Penerima (peserta)", "Teller")
REFUND_NOTE = (
    "Iuran dikembalikan karena pembayarannya ditolak BPJS Ketenagakerjaan. Pembayaran asal tidak "
    "berlaku; iuran belum tercatat lunas."
)


def _refund(c: _Facts) -> Parts:
    d, record, issuer, money, original, who = (
        c.details,
        c.record,
        c.issuer,
        c.money,
        c.voided,
        c.who,
    )
    if original is None:
        raise ValueError("a refund's receipt needs the payment it gives back")
    party = [Line("Nama", who.name or "-")]
    if record["participant_nik"]:
        party.append(Line("NIK", mask_identifier(str(record["participant_nik"]))))
    if who.kpj:
        party.append(Line("KPJ", who.kpj))
    body = (
        Line("Tanda terima asal", original.receipt_no),
        Line("Alasan", refusal_text(str(d["reason"]))),
        Line("Disetujui", issuer.approver_name or str(d["approved_by"])),
    )
    amount = int(str(record["transaction"]["amount"]))
    return (
        tuple(party),
        body,
        (Line("Iuran dikembalikan", money(amount)),),
        (),
        (REFUND_NOTE,),
    )


def _refund_tender(txn: dict[str, object]) -> tuple[Line, ...]:
    if txn["tender"] == "debit":
        account = mask_identifier(str(txn["debit_account"]))
        return (Line("Dikembalikan", f"ke rekening {account}"),)
    return (Line("Dikembalikan", "Tunai"),)


PAYOUT_SIGNATURES = ("Penerima", "Teller")
PAYOUT_NOTE = (
    "Jaminan Hari Tua dibayarkan atas klaim yang disetujui BPJS Ketenagakerjaan, setelah "
    "identitas penerima dicocokkan dengan KTP asli. Nilai bersih setelah PPh 21 final."
)


def _benefit_payment(c: _Facts) -> Parts:
    d, ref, money = c.details, c.ref, c.money
    party = [
        Line("Penerima", str(d["claimant_name"])),
        Line("NIK penerima", mask_identifier(str(d["claimant_nik"]))),
    ]
    if d["claimant_nik"] != d["nik"]:
        party.append(Line("NIK peserta", mask_identifier(str(d["nik"]))))
    if d.get("kpj"):
        party.append(Line("KPJ", mask_identifier(str(d["kpj"]))))
    try:
        reason = claim_reason(ref, str(d["reason"])).name_id
    except DomainError:  # a reason the reference data no longer lists
        reason = str(d["reason"])
    body = [
        Line("Nomor klaim", str(d["claim_receipt_no"])),
        Line("Alasan klaim", reason),
    ]
    if d.get("approved_by"):
        body.append(Line("Disetujui", c.issuer.approver_name or str(d["approved_by"])))
    amounts = (
        Line("Jaminan Hari Tua (bruto)", money(int(str(d["gross"])))),
        Line("PPh 21 final", "-" + money(int(str(d["tax"])))),
    )
    return tuple(party), tuple(body), amounts, (), (PAYOUT_NOTE,)


def _payout_tender(details: dict[str, object]) -> tuple[Line, ...]:
    if details["method"] == "transfer":
        account = mask_identifier(str(details["payout_account"] or ""))
        return (
            Line("Dibayar", f"Transfer ke {details['payout_bank']} {account}"),
            Line("Referensi", str(details["reference"])),
        )
    return (Line("Dibayar", "Tunai"),)


def _tender(record: Record, money: _Money) -> tuple[Line, ...]:
    txn = record["transaction"]
    if txn["tender"] == "debit":
        account = mask_identifier(str(txn["debit_account"]))
        lines = [Line("Cara bayar", f"Debit rekening {account}")]
        reference = record.get("debit_reference")
        if reference is not None:  # the bank's own number for the debit (since migration 0013)
            lines.append(Line("Ref. debit", str(reference["reference"])))
        return tuple(lines)
    if txn["tender"] != "cash":
        return ()
    lines = [Line("Cara bayar", "Tunai")]
    given = txn["cash_given"]
    if isinstance(given, int):
        lines.append(Line("Diterima", money(given)))
        lines.append(Line("Kembali", money(given - int(str(txn["amount"])))))
    return tuple(lines)


def _program_order(program: str) -> int:
    order = list(PROGRAM_NAMES)
    return order.index(program) if program in order else len(order)


def _date(iso: object) -> str:
    return f"{date.fromisoformat(str(iso)):%d/%m/%Y}" if iso else "-"
