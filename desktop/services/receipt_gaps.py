"""Receipt numbers the database lost (a lost write-ahead log, an older file put back): written
off as a gap recorded in the audit chain, never handed out again (docs/store.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number
from desktop.store import captures
from desktop.store.audit import append_event
from desktop.store.receipt_mark import ReceiptLoss
from desktop.store.schema import audit_events

GAP_ACTION = "receipt.gap"
REASON = "lost_records"  # the database ends below the mark kept outside it


@dataclass(frozen=True)
class ReceiptGap:
    """Numbers `first`..`last` are written off: up to `lost_through` were committed and are no
    longer in the database; the rest were reserved and may have been printed."""

    counter_code: str
    first: int
    last: int
    lost_through: int

    @property
    def lost(self) -> int:
        return self.lost_through - self.first + 1

    def message(self, lang: str = "id") -> str:
        first = receipt_number(self.counter_code, self.first)
        through = receipt_number(self.counter_code, self.lost_through)
        resume = receipt_number(self.counter_code, self.last + 1)
        if lang == "en":
            return (
                f"{self.lost} committed transaction(s) are missing from the counter's database "
                f"(receipts {first} to {through}): its write-ahead log was lost or an older file "
                f"was put back. These numbers are never handed out again; numbering goes on at "
                f"{resume}, and the gap is recorded in the audit log. Tell the supervisor: keep "
                "the paper receipts of those numbers and call the bank's IT to restore the "
                "newest good backup or recover them from the upstream."
            )
        return (
            f"{self.lost} transaksi yang sudah tersimpan hilang dari basis data loket "
            f"(tanda terima {first} sampai {through}): berkas log WAL-nya hilang atau berkas "
            f"lama dipasang kembali. Nomor-nomor ini tidak akan dipakai lagi; penomoran "
            f"berlanjut di {resume}, dan celahnya dicatat di log audit. Beri tahu supervisor: "
            "simpan tanda terima kertas nomor-nomor itu dan hubungi IT bank untuk memulihkan "
            "cadangan terbaru yang baik "
            "atau mengambilnya kembali dari server."
        )


def record_gap(connection: sa.Connection, counter: Counter, loss: ReceiptLoss) -> ReceiptGap:
    """Inside the caller's write: move the sequence past the reserved numbers, record why in
    the audit chain, and settle the mark so the next start does not find the loss again."""
    gap = ReceiptGap(
        loss.counter_code, loss.last_in_database + 1, loss.reserved, loss.last_committed
    )
    captures.skip_receipt_seq(connection, loss.counter_code, loss.reserved)
    append_event(
        connection,
        counter.audit_key,
        at=counter.now().isoformat(),
        actor=None,
        action=GAP_ACTION,
        entity_id=loss.counter_code,
        details={
            "first": gap.first,
            "last": gap.last,
            "lost_through": gap.lost_through,
            "reason": REASON,
        },
    )
    counter.store.receipt_mark.settle(loss.counter_code, loss.reserved)
    return gap


def lost_receipts(counter: Counter) -> ReceiptLoss | None:
    """What the database lost by the mark, read without the write lock (for `verify`)."""
    if not counter.is_set_up():
        return None
    code = counter.profile.counter_code
    with counter.store.read() as connection:  # the mark read under the store's lock too
        last = captures.last_receipt_seq(connection, code)
        return None if last is None else counter.store.receipt_mark.loss(code, last)


def settle_lost_receipts(counter: Counter) -> ReceiptGap | None:
    """At start: when the database lost numbers, write them off now (and say so) rather than
    at the next capture. Reads first: a start with nothing lost takes no write lock."""
    if lost_receipts(counter) is None:
        return None
    code = counter.profile.counter_code
    with counter.store.write() as connection:  # looked at again under the lock
        last = captures.last_receipt_seq(connection, code)
        loss = None if last is None else counter.store.receipt_mark.loss(code, last)
        return None if loss is None else record_gap(connection, counter, loss)


def recorded_gaps(connection: sa.Connection) -> list[tuple[int, int]]:
    """The gaps recorded in the audit chain: (first, last) each."""
    rows = connection.execute(
        sa.select(audit_events.c.details).where(audit_events.c.action == GAP_ACTION)
    )
    gaps: list[tuple[int, int]] = []
    for (text,) in rows:
        details = json.loads(text)
        gaps.append((int(details["first"]), int(details["last"])))
    return gaps
