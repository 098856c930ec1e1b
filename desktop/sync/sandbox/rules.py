"""The upstream's rules, free of the database: chain continuation, record checks, KPJ numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from desktop.store.audit import KEYED_ACTION, digest, event_hash
from desktop.sync.contract import AuditEvent, ChainHead, UploadRecord

KPJ_DIGITS: Final = 11
# The first 11-digit number: KPJ n is KPJ_BASE + n, so every KPJ has exactly 11 digits.
KPJ_BASE: Final = 10**10


def kpj_number(n: int) -> str:
    if not 1 <= n < 9 * KPJ_BASE:
        raise ValueError(f"KPJ number {n} out of range")
    return str(KPJ_BASE + n)


class ChainError(Exception):
    """The batch's events do not continue the chain the upstream holds: nothing is stored."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # chain_gap, chain_rewritten or chain_invalid
        self.message = message


def is_keyed(event: AuditEvent) -> bool:
    """Whether a held event is keyed: an unkeyed one recomputes as SHA-256, a keyed one cannot
    (the upstream never holds the counter's audit key)."""
    return event_hash(event.prev_hash, event.model_dump()) != event.hash


def new_events(
    head: ChainHead,
    stored: Mapping[int, AuditEvent],
    events: Sequence[AuditEvent],
    *,
    keyed: bool = False,
) -> list[AuditEvent]:
    """The events of a batch beyond `head`, once all of them are shown to continue the chain.

    `stored` holds the upstream's events with the seqs of the batch's events up to head.seq.
    Events at or below the head are a retry's overlap and must equal what is stored. `keyed`: the
    chain the upstream holds has switched to keyed hashes (its head event is keyed).

    An unkeyed event's hash is checked (SHA-256 of its text); a keyed one's cannot be, without
    the key: from the switch-over event (`audit.keyed`) on, only that each event follows the one
    before, and that none is hashed the unkeyed way, which only someone without the key would do.
    """
    fresh: list[AuditEvent] = []
    previous: AuditEvent | None = None
    for event in events:
        if previous is not None and event.seq != previous.seq + 1:
            raise ChainError(
                "chain_gap",
                f"audit event #{event.seq} follows #{previous.seq}: events must be consecutive",
            )
        previous = event
        if event.seq <= head.seq:
            if stored.get(event.seq) != event:
                raise ChainError(
                    "chain_rewritten",
                    f"audit event #{event.seq} differs from the one the upstream already holds",
                )
            continue
        expected_prev = fresh[-1].hash if fresh else head.hash
        if not fresh and event.seq != head.seq + 1:
            raise ChainError(
                "chain_gap",
                f"audit events #{head.seq + 1} to #{event.seq - 1} are missing "
                f"(the upstream holds up to #{head.seq})",
            )
        if event.prev_hash != expected_prev:
            raise ChainError(
                "chain_rewritten" if not fresh else "chain_invalid",
                f"audit event #{event.seq} does not follow audit event #{event.seq - 1}",
            )
        if not keyed and event.action == KEYED_ACTION:
            keyed = True  # the switch-over: keyed itself, like every event after it
        elif not keyed and is_keyed(event):
            raise ChainError(
                "chain_invalid", f"audit event #{event.seq}'s hash does not match its content"
            )
        elif keyed and not is_keyed(event):
            raise ChainError(
                "chain_invalid",
                f"audit event #{event.seq} is hashed without the counter's audit key, after its "
                "chain was keyed",
            )
        fresh.append(event)
    return fresh


@dataclass(frozen=True)
class Rejection:
    code: str
    reason: str  # Indonesian, for the teller and the supervisor


def duplicate_or_conflict(record_digest: str, stored_digest: str) -> Rejection | None:
    """None when a record already stored under the id is this very record (a duplicate)."""
    if record_digest == stored_digest:
        return None
    return Rejection(
        "id_conflict",
        "ID transaksi ini sudah diterima dengan isi yang berbeda.",
    )


def check_record(
    record: UploadRecord, counter_code: str, event: AuditEvent | None, record_digest: str
) -> Rejection | None:
    """The checks one record passes on its own: its audit event, its summary, its amounts."""
    if event is None:
        return Rejection(
            "digest_mismatch",
            "Peristiwa audit transaksi ini tidak ditemukan di rantai audit loket.",
        )
    if event.record_digest != record_digest:
        return Rejection(
            "digest_mismatch",
            "Isi transaksi tidak sama dengan yang tercatat di rantai audit loket.",
        )
    if not _summary_matches(record, counter_code):
        return Rejection(
            "summary_mismatch",
            "Ringkasan transaksi (nomor tanda terima, jenis, tanggal, nominal) tidak sesuai "
            "isinya.",
        )
    if record.kind == "contribution" and line_total(record.record) != record.amount:
        return Rejection(
            "amount_mismatch",
            "Jumlah iuran tidak sama dengan total rincian per program.",
        )
    if record.kind == "registration" and registration_nik(record.record) is None:
        return Rejection("summary_mismatch", "Data pendaftaran tidak memuat NIK.")
    if record.kind == "void" and voided_seq(record.record) is None:
        return Rejection("summary_mismatch", "Data pembatalan tidak menyebut transaksi asalnya.")
    if record.kind == "refund" and refunded_seq(record.record) is None:
        return Rejection("summary_mismatch", "Data pengembalian tidak menyebut iuran asalnya.")
    return None


def record_digest(record: UploadRecord) -> str:
    return digest(record.record)


NIK_REGISTERED: Final = Rejection(
    "nik_registered",
    "NIK ini sudah terdaftar sebagai peserta di BPJS Ketenagakerjaan.",
)
VOIDED_UNKNOWN: Final = Rejection(
    "voided_unknown",
    "Transaksi yang dibatalkan tidak diterima oleh BPJS Ketenagakerjaan, "
    "sehingga pembatalannya tidak dapat dicatat.",
)
REFUNDED_ACCEPTED: Final = Rejection(
    "refunded_accepted",
    "Iuran yang dikembalikan sudah diterima oleh BPJS Ketenagakerjaan: "
    "pengembaliannya tidak dapat dicatat.",
)
REFUNDED_UNKNOWN: Final = Rejection(
    "refunded_unknown",
    "Iuran yang dikembalikan tidak tercatat sebagai pembayaran iuran di rantai audit loket, "
    "atau nominalnya berbeda.",
)
REFUNDED_TWICE: Final = Rejection(
    "refunded_twice",
    "Iuran ini sudah dikembalikan dengan transaksi lain.",
)
PAYMENT_REFUNDED: Final = Rejection(
    "payment_refunded",
    "Iuran ini sudah dikembalikan kepada peserta di loket: tidak dapat diterima lagi.",
)
PAYOUT_UNKNOWN: Final = Rejection(
    "payout_unknown",
    "Pembayaran jaminan ini tidak sesuai klaim yang disetujui dan dipesan loket ini "
    "(klaim, pemesanan atau nilai bersih berbeda).",
)
SEQ_CONFLICT: Final = Rejection(
    "seq_conflict",
    "Nomor urut tanda terima ini sudah dipakai transaksi lain dari loket yang sama.",
)


def _row(record: Mapping[str, object], name: str) -> Mapping[str, object] | None:
    row = record.get(name)
    return row if isinstance(row, dict) else None


def _summary_matches(record: UploadRecord, counter_code: str) -> bool:
    txn = _row(record.record, "transaction")
    if txn is None:
        return False
    return (
        txn.get("id") == record.id
        and txn.get("seq") == record.seq
        and txn.get("receipt_no") == record.receipt_no
        and txn.get("kind") == record.kind
        and txn.get("business_date") == record.business_date.isoformat()
        and txn.get("amount") == record.amount
        and record.receipt_no == f"{counter_code}-{record.seq:07d}"
    )


def line_total(record: Mapping[str, object]) -> int | None:
    lines = record.get("lines")
    if not isinstance(lines, list):
        return None
    total = 0
    for line in lines:
        amount = line.get("amount") if isinstance(line, dict) else None
        if isinstance(amount, bool) or not isinstance(amount, int):
            return None
        total += amount
    return total


def registration_nik(record: Mapping[str, object]) -> str | None:
    details = _row(record, "details")
    nik = details.get("nik") if details else None
    return nik if isinstance(nik, str) and nik else None


def voided_seq(record: Mapping[str, object]) -> int | None:
    return _seq_detail(record, "voided_seq")


def refunded_seq(record: Mapping[str, object]) -> int | None:
    return _seq_detail(record, "refunded_seq")


def _seq_detail(record: Mapping[str, object], name: str) -> int | None:
    details = _row(record, "details")
    seq = details.get(name) if details else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1 else None


# The counter refuses amounts above this (desktop/domain/money.py); a larger one is forged.
MAX_AMOUNT: Final = 999_999_999_999


def check_amounts_and_dates(record: UploadRecord, received: datetime) -> Rejection | None:
    """What no counter writes: a negative or oversized amount, a business date more than a day
    from the capture time, or a capture time after the upstream received it (a day's slack for
    a counter's clock)."""
    if record.amount > MAX_AMOUNT:
        return Rejection("amount_out_of_range", "Nominal transaksi di luar batas yang mungkin.")
    lines = record.record.get("lines")
    for line in lines if isinstance(lines, list) else []:
        amount = line.get("amount") if isinstance(line, dict) else None
        if isinstance(amount, int) and amount < 0:
            return Rejection("negative_line", "Rincian iuran per program tidak boleh negatif.")
        if isinstance(amount, int) and amount > MAX_AMOUNT:
            return Rejection("amount_out_of_range", "Nominal rincian di luar batas yang mungkin.")
    txn = _row(record.record, "transaction")
    created = txn.get("created_at") if txn else None
    try:
        captured = datetime.fromisoformat(str(created))
    except ValueError:
        return Rejection("date_out_of_range", "Waktu pencatatan transaksi tidak terbaca.")
    if captured.tzinfo is None:
        return Rejection("date_out_of_range", "Waktu pencatatan transaksi tanpa zona waktu.")
    if abs((record.business_date - captured.date()).days) > 1:
        return Rejection(
            "date_out_of_range",
            "Tanggal usaha transaksi lebih dari sehari dari waktu pencatatannya.",
        )
    if captured - received > timedelta(days=1):
        return Rejection(
            "date_out_of_range", "Waktu pencatatan transaksi jauh setelah waktu diterima."
        )
    return None


def line_amounts(record: Mapping[str, object]) -> dict[str, int]:
    """Program -> amount of a contribution's lines (well formed: check_record passed)."""
    lines = record.get("lines")
    found: dict[str, int] = {}
    for line in lines if isinstance(lines, list) else []:
        if isinstance(line, dict) and isinstance(line.get("amount"), int):
            found[str(line.get("program"))] = int(line["amount"])
    return found


def details(record: Mapping[str, object]) -> Mapping[str, object]:
    return _row(record, "details") or {}


def payer_birth_date(record: Mapping[str, object]) -> str | None:
    """The birth date a teller confirmed for a payment taken offline, unverified (ISO); None
    for every other payment."""
    payer = _row(record, "payer")
    birth = payer.get("birth_date") if payer else None
    return birth if isinstance(birth, str) else None


PERIOD_PAID: Final = "period_paid"
PARTICIPANT_UNKNOWN: Final = Rejection(
    "participant_unknown", "Peserta dengan NIK ini tidak terdaftar di BPJS Ketenagakerjaan."
)
PAYER_MISMATCH: Final = Rejection(
    "payer_mismatch",
    "Tanggal lahir yang dikonfirmasi di loket tidak sesuai data peserta dengan NIK ini.",
)
BILL_PAID: Final = Rejection("bill_paid", "Tagihan dengan kode iuran ini sudah dibayar.")
ID_TAKEN: Final = Rejection("id_taken", "ID transaksi ini tidak dapat dipakai.")
