"""Issuing receipts (the original once, then numbered reprints), the print journal, QR checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number, receipt_seq, validate_receipt_no
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.receipts.content import Issuer, Participant, Voided, local_time, receipt_content
from desktop.receipts.model import Paper, ReceiptData
from desktop.receipts.signing import parse, signature_valid
from desktop.services.auth import User
from desktop.services.lookup import participant_kpj, participant_name
from desktop.settings import load_settings_or_defaults
from desktop.store.audit import append_event
from desktop.store.records import Record, load_records
from desktop.store.schema import (
    counter_profile,
    print_attempts,
    receipt_issues,
    transactions,
    unverified_payers,
    users,
    voids,
)

OUTCOMES = ("printed", "failed", "saved")


@dataclass(frozen=True)
class IssuedReceipt:
    data: ReceiptData
    paper: Paper
    seq: int

    @property
    def copy_number(self) -> int:
        return self.data.copy_number


def counter_paper(counter: Counter) -> Paper:
    with counter.store.read() as connection:
        return Paper(connection.execute(sa.select(counter_profile.c.paper)).scalar_one())


def issue_receipt(
    counter: Counter, actor: User, receipt_no: str, *, paper: Paper | None = None
) -> IssuedReceipt:
    """The original if this receipt never went out (never issued, or issued but never printed
    or saved); otherwise the next reprint (audited)."""
    return _issue(counter, actor, receipt_no, paper=paper)


def reprint_receipt(
    counter: Counter, actor: User, receipt_no: str, *, paper: Paper | None = None
) -> IssuedReceipt:
    """A copy, marked "SALINAN KE-n", once the original went out (printed or saved); before
    that the original itself, since the participant has no paper yet."""
    return _issue(counter, actor, receipt_no, paper=paper)


def _issue(counter: Counter, actor: User, receipt_no: str, *, paper: Paper | None) -> IssuedReceipt:
    receipt = validate_receipt_no(receipt_no)
    seq = receipt_seq(receipt)
    chosen = paper or counter_paper(counter)
    now = counter.now().isoformat()
    with counter.store.write() as connection:
        record = _record(connection, seq, receipt)
        issued = connection.execute(
            sa.select(sa.func.max(receipt_issues.c.copy_number)).where(receipt_issues.c.seq == seq)
        ).scalar()
        # A copy only after the original went out: one made but never printed or saved (the
        # printer failed, the preview was closed) is the original again, never a "SALINAN".
        again = issued is not None and not _went_out(connection, seq)
        copy_number = 0 if issued is None or again else issued + 1
        if not again:
            connection.execute(
                sa.insert(receipt_issues).values(
                    seq=seq,
                    copy_number=copy_number,
                    issued_at=now,
                    issued_by=actor.id,
                    paper=chosen,
                )
            )
        if copy_number:
            append_event(
                connection,
                counter.audit_key,
                at=now,
                actor=actor.id,
                action="receipt.reprint",
                entity_id=str(record["transaction"]["id"]),
                details={"receipt_no": receipt, "copy": copy_number},
            )
        data = _content(connection, counter, record, copy_number, reprint=(now, actor))
    return IssuedReceipt(data, chosen, seq)


def _went_out(connection: sa.Connection, seq: int) -> bool:
    """Whether any paper of this receipt was printed or saved."""
    return (
        connection.execute(
            sa.select(print_attempts.c.id)
            .where(print_attempts.c.seq == seq, print_attempts.c.outcome != "failed")
            .limit(1)
        ).first()
        is not None
    )


def record_print(
    counter: Counter,
    actor: User,
    issued: IssuedReceipt,
    outcome: str,
    detail: str | None = None,
) -> None:
    """One attempt to put an issued receipt on paper (printed / failed, with the reason) or in a
    file (saved, with its path). Recorded apart from the transaction, whatever happened."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}")
    with counter.store.write() as connection:
        connection.execute(
            sa.insert(print_attempts).values(
                seq=issued.seq,
                copy_number=issued.copy_number,
                at=counter.now().isoformat(),
                actor=actor.id,
                outcome=outcome,
                detail=(detail or "")[:500] or None,
            )
        )


def never_printed(counter: Counter, day: date | None = None) -> list[str]:
    """Receipt numbers of the day whose receipt was never printed or saved successfully."""
    business_date = (day or counter.business_date()).isoformat()
    succeeded = sa.select(print_attempts.c.seq).where(print_attempts.c.outcome != "failed")
    with counter.store.read() as connection:
        return list(
            connection.execute(
                sa.select(transactions.c.receipt_no)
                .where(
                    transactions.c.business_date == business_date,
                    transactions.c.seq.not_in(succeeded),
                )
                .order_by(transactions.c.seq)
            ).scalars()
        )


@dataclass
class ReceiptCheck:
    """What scanning a receipt's QR tells: genuine or not, and why."""

    genuine: bool
    receipt_no: str | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (Indonesian, English)
    voided_by: str | None = None

    def refuse(self, message_id: str, message_en: str) -> None:
        self.genuine = False
        self.problems.append((message_id, message_en))


def check_receipt(counter: Counter, text: str) -> ReceiptCheck:
    """Genuine when signed with this counter's key and matching the stored transaction."""
    parsed = parse(text)
    if parsed is None:
        check = ReceiptCheck(False)
        check.refuse("Bukan kode QR tanda terima SPO.", "Not an SPO receipt QR code.")
        return check
    facts, body, signature = parsed
    check = ReceiptCheck(True, facts.receipt_no)
    profile = counter.profile
    if facts.counter_code != profile.counter_code:
        check.refuse(
            f"Tanda terima dari loket lain ({facts.counter_code}), bukan {profile.counter_code}.",
            f"Receipt from another counter ({facts.counter_code}), not {profile.counter_code}.",
        )
        return check
    if not signature_valid(counter.receipt_secret, body, signature):
        check.refuse(
            "Tanda tangan kode QR tidak sah: tanda terima palsu atau diubah.",
            "The QR signature is not valid: a forged or altered receipt.",
        )
    try:
        seq = receipt_seq(validate_receipt_no(facts.receipt_no))
    except DomainError:
        check.refuse("Nomor tanda terima tidak sah.", "Not a valid receipt number.")
        return check
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(transactions.c.amount, transactions.c.created_at).where(
                transactions.c.seq == seq, transactions.c.receipt_no == facts.receipt_no
            )
        ).first()
        void = connection.execute(
            sa.select(transactions.c.receipt_no)
            .join(voids, voids.c.seq == transactions.c.seq)
            .where(voids.c.voided_seq == seq)
        ).scalar_one_or_none()
    if row is None:
        check.refuse(
            f"Tanda terima {facts.receipt_no} tidak ada di loket ini.",
            f"Receipt {facts.receipt_no} does not exist at this counter.",
        )
        return check
    if row.amount != facts.amount:
        check.refuse(
            "Jumlah pada tanda terima berbeda dengan yang tercatat.",
            "The amount on the receipt differs from the one recorded.",
        )
    issued_at = local_time(row.created_at, profile.timezone).isoformat(timespec="seconds")
    if issued_at != facts.issued_at:
        check.refuse(
            "Waktu pada tanda terima berbeda dengan yang tercatat.",
            "The time on the receipt differs from the one recorded.",
        )
    check.voided_by = void
    return check


def _record(connection: sa.Connection, seq: int, receipt_no: str) -> Record:
    records = load_records(
        connection, (transactions.c.seq == seq) & (transactions.c.receipt_no == receipt_no)
    )
    if not records:
        raise DomainError(
            "receipt_no",
            f"Tanda terima {receipt_no} tidak ditemukan di loket ini.",
            f"Receipt {receipt_no} is not found at this counter.",
        )
    (record,) = records.values()
    return record


def _content(
    connection: sa.Connection,
    counter: Counter,
    record: Record,
    copy_number: int,
    *,
    reprint: tuple[str, User],
) -> ReceiptData:
    txn = record["transaction"]
    details = record["details"] or {}
    names = {
        user_id: name for user_id, name in connection.execute(sa.select(users.c.id, users.c.name))
    }
    approver = details.get("approved_by")
    profile = counter.profile
    issuer = Issuer(
        bank=profile.bank_code,
        branch_name=profile.branch_name,
        branch_code=profile.branch_code,
        counter_code=profile.counter_code,
        counter_no=profile.counter_no,
        timezone=profile.timezone,
        secret=counter.receipt_secret,
        teller_name=names.get(str(txn["teller_id"]), str(txn["teller_id"])),
        approver_name=names.get(str(approver)) if approver else None,
        branch_address=load_settings_or_defaults(counter.store.data_dir)[0].branch_address,
    )
    voided = None
    if txn["kind"] in ("void", "refund"):
        original = details["voided_seq" if txn["kind"] == "void" else "refunded_seq"]
        row = connection.execute(
            sa.select(
                transactions.c.receipt_no,
                transactions.c.kind,
                transactions.c.amount,
                transactions.c.tender,
            ).where(transactions.c.seq == original)
        ).first()
        if row is not None:
            voided = Voided(row.receipt_no, row.kind, row.amount, row.tender)
        else:  # a refund taken back after a restore that lost the refused payment
            number = receipt_number(profile.counter_code, int(original))
            voided = Voided(number, "contribution", int(txn["amount"]), txn["tender"])
    who = None
    if record["participant_nik"]:
        named = participant_name(connection, str(record["participant_nik"]))
        if named is not None:
            who = Participant(*named)
        elif "payer" in record:  # paid offline, unverified: the KPJ once the upstream gave it
            who = Participant(None, participant_kpj(connection, str(record["participant_nik"])))
    if txn["kind"] == "refund" and (who is None or who.name is None):
        # A payment taken offline, unverified, names the payer the teller confirmed.
        payer = connection.execute(
            sa.select(unverified_payers.c.full_name).where(
                unverified_payers.c.seq == details["refunded_seq"]
            )
        ).scalar_one_or_none()
        if payer is not None:
            who = Participant(str(payer), who.kpj if who else None)
    at, by = reprint
    reprinted = (
        f"Dicetak ulang {local_time(at, profile.timezone):%d/%m/%Y %H:%M} "
        f"{zone_label(profile.timezone)} oleh {by.name} ({by.id})"
    )
    return receipt_content(
        record,
        issuer,
        counter.reference,
        copy_number=copy_number,
        reprinted=reprinted,
        voided=voided,
        who=who,
    )
