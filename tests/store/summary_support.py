"""A big store made quickly for the summary's tests and benchmark, and the kept totals rebuilt.

`bulk_fill` takes a set-up counter store back to the schema before `daily_totals` (migration
0012), bulk-inserts transactions with raw SQL (registrations, some by agents; BPU and PU payments
with their program lines; claim handovers; voids; refunds of payments the upstream refused), then
upgrades it again: the migration's backfill files them, as it would an existing store's.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from desktop.keystore import STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.store import schema
from desktop.store.engine import WRITE_FLAG, connect, create_store_engine
from desktop.store.migrate import _config
from desktop.store.records import full_row
from desktop.store.statements import column_names, insert_sql

COUNTER_CODE = "BNI-0123-01"
TELLERS = ("teller01", "teller02")
AGENTS = tuple(f"PRS-{n:03d}" for n in range(101, 121))


def store_key(folder: Path) -> bytes:
    key = open_keystore(folder).get(STORE_KEY)
    assert key is not None, "a store made in this run, with its key"
    return key


def _migrate(folder: Path, target: str, *, down: bool) -> None:
    engine = create_store_engine(folder / DB_FILENAME, store_key(folder))
    try:
        with engine.connect() as connection:
            connection.info[WRITE_FLAG] = True
            with connection.begin():
                config = _config(connection)
                if down:
                    command.downgrade(config, target)
                else:
                    command.upgrade(config, target)
    finally:
        engine.dispose()


def before_totals() -> str:
    """The revision before the one that made daily_totals."""
    config = _config()
    revision = ScriptDirectory.from_config(config).get_revision("0012")
    assert revision is not None
    down = revision.down_revision
    assert isinstance(down, str)
    return down


def kept_totals(folder: Path) -> list[tuple[object, ...]]:
    raw = connect(folder / DB_FILENAME, store_key(folder), readonly=True)
    try:
        return [
            tuple(row)
            for row in raw.execute(
                "SELECT * FROM daily_totals ORDER BY business_date, dimension, key"
            ).fetchall()
        ]
    finally:
        raw.close()


def rebuild_totals(folder: Path) -> list[tuple[object, ...]]:
    """The store's totals as the migration's backfill makes them from its transactions (the
    store closed): down to before daily_totals, up again."""
    _migrate(folder, before_totals(), down=True)
    _migrate(folder, "head", down=False)
    return kept_totals(folder)


def bulk_fill(
    folder: Path,
    rows: int,
    last_day: date,
    days: int = 60,
    seed: int = 1,
    *,
    backfill: bool = True,
) -> None:
    """`rows` transactions over `days` business days ending `last_day`, into the set-up (and
    closed) counter store in `folder`; the transactions of `last_day` wait for upload. Without
    `backfill` the store is left at the schema before daily_totals (`upgrade` brings it up)."""
    _migrate(folder, before_totals(), down=True)
    rng = random.Random(seed)
    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "participants",
            "transactions",
            "registrations",
            "contributions",
            "contribution_lines",
            "claim_handovers",
            "voids",
            "refunds",
            "outbox",
        )
    }
    participants: list[str] = []
    voidable: list[int] = []
    refusable: list[int] = []
    voided: set[int] = set()
    quarantined: list[tuple[int]] = []
    written: dict[int, tuple[int, str | None, str | None]] = {}  # amount, tender, participant
    per_day = -(-rows // days)
    first_day = last_day - timedelta(days=days - 1)
    raw = connect(folder / DB_FILENAME, store_key(folder))
    raw.execute("PRAGMA synchronous=OFF")  # a throwaway file: speed over durability
    raw.execute("BEGIN IMMEDIATE")
    for seq in range(1, rows + 1):
        in_day = (seq - 1) % per_day
        if in_day == 0:
            voidable.clear()
        day = first_day + timedelta(days=(seq - 1) // per_day)
        created = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC) + timedelta(
            seconds=7 * 3600 * in_day / per_day
        )
        roll = rng.random()
        participant_id: str | None = None
        amount, tender, status = 0, None, "pending" if day == last_day else "sent"
        if roll < 0.25 or not participants:
            kind = "registration"
            participant_id = f"00000000-0000-4000-8000-{seq:012d}"
            tables["participants"].append(
                {"id": participant_id, "nik": str(3171010000000000 + seq), "kpj": None,
                 "created_at": created.isoformat()}
            )  # fmt: skip
            tables["registrations"].append(
                {"seq": seq, "participant_id": participant_id, "nik": str(3171010000000000 + seq),
                 "full_name": "Peserta", "birth_place": "Jakarta", "birth_date": "1985-08-17",
                 "sex": "L", "mother_maiden_name": "Ibu", "phone": "0812", "address": "Jl. 1",
                 "occupation": "Pedagang", "monthly_income": 1_000_000, "programs": "JKK+JKM",
                 "agent_code": rng.choice(AGENTS) if rng.random() < 0.3 else None}
            )  # fmt: skip
            participants.append(participant_id)
        elif roll < 0.70:
            kind = "contribution"
            participant_id = rng.choice(participants)
            months = rng.choice((1, 3, 6, 12))
            amount, tender = 16_800 * months, "cash"
            tables["contributions"].append(
                {"seq": seq, "category": "BPU", "identified_by": "nik", "monthly_income": 1_000_000,
                 "months": months, "period_start": "2026-11-01", "period_end": "2026-11-30"}
            )  # fmt: skip
            tables["contribution_lines"] += [
                {"seq": seq, "program": "JKK", "amount": 10_000 * months},
                {"seq": seq, "program": "JKM", "amount": 6_800 * months},
            ]
            refusable.append(seq)
        elif roll < 0.84:
            kind = "contribution"
            lines = {
                "JKK": rng.randrange(10, 400) * 1000,
                "JKM": rng.randrange(10, 400) * 1000,
                "JHT": rng.randrange(100, 9000) * 1000,
                "JP": rng.randrange(50, 4000) * 1000,
            }
            amount, tender = sum(lines.values()), "debit"
            tables["contributions"].append(
                {"seq": seq, "category": "PU", "payment_code": str(100_000_000_000 + seq),
                 "npp": "12345678", "employer_name": "PT Maju", "months": 1,
                 "period_start": "2026-10-01", "period_end": "2026-10-31"}
            )  # fmt: skip
            tables["contribution_lines"] += [
                {"seq": seq, "program": p, "amount": a} for p, a in lines.items()
            ]
        elif roll < 0.95 or not voidable:
            kind = "claim_handover"
            tables["claim_handovers"].append(
                {"seq": seq, "reason": "resignation", "nik": "3201010000000001",
                 "participant_name": "Ratna", "claimant_name": "Ratna", "npwp_required": False,
                 "payout_bank": "BRI", "payout_account": "0012", "payout_account_holder": "Ratna",
                 "missing_count": 0}
            )  # fmt: skip
        elif roll < 0.985 or not refusable:
            kind = "void"
            target = voidable.pop(rng.randrange(len(voidable)))
            tables["voids"].append(
                {"seq": seq, "voided_seq": target, "reason": "Salah input", "approved_by": "spv01"}
            )
            participant_id = written[target][2]
            voided.add(target)
        else:
            kind = "refund"
            target = _take(rng, refusable)
            while target in voided and refusable:  # a voided payment is never refused too
                target = _take(rng, refusable)
            amount, tender, participant_id = written[target]
            tables["refunds"].append(
                {"seq": seq, "refunded_seq": target, "reason": "period_paid: dibayar",
                 "approved_by": "spv01"}
            )  # fmt: skip
            quarantined.append((target,))
        if kind not in ("void", "refund"):
            voidable.append(seq)
            if len(voidable) > 50:
                voidable.pop(0)
        written[seq] = (amount, tender, participant_id)
        tables["transactions"].append(
            {"seq": seq, "id": f"{seq:036d}", "receipt_no": f"{COUNTER_CODE}-{seq:07d}",
             "kind": kind, "business_date": day.isoformat(), "created_at": created.isoformat(),
             "timezone": "Asia/Jakarta", "teller_id": TELLERS[seq % 2],
             "participant_id": participant_id, "amount": amount, "tender": tender}
        )  # fmt: skip
        tables["outbox"].append({"seq": seq, "status": status, "attempts": 0})
        if seq % 100_000 == 0 or seq == rows:  # in parts: a million rows' dicts at once is GBs
            for name, values in tables.items():
                _insert(raw, schema.metadata.tables[name], values)
                values.clear()
    raw.executemany("UPDATE outbox SET status = 'quarantined' WHERE seq = ?", quarantined)
    # The sequence moves one step at a time (its trigger), to the last number used.
    raw.executemany(
        "UPDATE receipt_sequence SET last_seq = last_seq + 1 WHERE counter_code = ?",
        [(COUNTER_CODE,)] * rows,
    )
    raw.execute("COMMIT")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    if backfill:
        upgrade(folder)


def upgrade(folder: Path) -> None:
    """The store (closed) to the newest schema: from before daily_totals, the backfill."""
    _migrate(folder, "head", down=False)


def _take(rng: random.Random, items: list[int]) -> int:
    """A random item out of the list, in constant time (the last one moves into its place)."""
    index = rng.randrange(len(items))
    items[index], items[-1] = items[-1], items[index]
    return items.pop()


def _insert(raw: Any, table: sa.Table, values: Sequence[dict[str, Any]]) -> None:
    names = column_names(table)
    raw.executemany(
        insert_sql(table), [tuple(full_row(table, v)[n] for n in names) for v in values]
    )
