"""The counter's figures by business day (the `daily_totals` table), kept by every capture and read
by the supervisor's summary: a few hundred rows for a month, however many transactions there are.

`add_transaction` runs inside the capture's own write (captures.insert_transaction), so the totals
commit or roll back with the transaction itself. The migration that made the table (0012) filled
it from the transactions already stored by the same rules, in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.store.records import Row
from desktop.store.schema import daily_totals
from desktop.store.statements import cursor

KIND = "kind"
PROGRAM = "program"
TENDER = "tender"
TELLER = "teller"
AGENT = "agent."  # + the transaction's kind key: agent.registration, agent.contribution_bpu ...

# Money out of the counter: a refund gives a refused payment back, a benefit payment pays a claim.
MONEY_OUT = frozenset({"refund", "benefit_payment"})

# count, amount, voided_count, voided_amount, paid_out_count, paid_out_amount
Delta = tuple[str, str, str, int, int, int, int, int, int]

_UPSERT = """
INSERT INTO daily_totals (business_date, dimension, key, count, amount, voided_count,
    voided_amount, paid_out_count, paid_out_amount)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (business_date, dimension, key) DO UPDATE SET
    count = count + excluded.count,
    amount = amount + excluded.amount,
    voided_count = voided_count + excluded.voided_count,
    voided_amount = voided_amount + excluded.voided_amount,
    paid_out_count = paid_out_count + excluded.paid_out_count,
    paid_out_amount = paid_out_amount + excluded.paid_out_amount
"""
_LINES = "SELECT program, amount FROM contribution_lines WHERE seq = ?"
_BETWEEN = """
SELECT dimension, key, SUM(count), SUM(amount), SUM(voided_count), SUM(voided_amount),
    SUM(paid_out_count), SUM(paid_out_amount)
FROM daily_totals WHERE business_date BETWEEN ? AND ?
GROUP BY dimension, key
"""
_BY_DAY = """
SELECT business_date, SUM(count), SUM(amount - voided_amount - paid_out_amount)
FROM daily_totals WHERE dimension = 'kind' AND business_date BETWEEN ? AND ?
GROUP BY business_date
"""


_PAYMENT_AGENTS = (
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contribution_agents'"
)
_SQL_INFO = "spo_daily_totals_original_sql"


def _original_sql(cur: sqlcipher.Cursor, info: dict[str, object]) -> str:
    """A transaction's facts the totals file it under, by seq. Its agent is the one its
    registration names, or the payment's in `contribution_agents` where the store has that
    table (the register of agents, issue 18); made once per connection."""
    found = info.get(_SQL_INFO)
    if isinstance(found, str):
        return found
    joins = (
        "LEFT JOIN contributions AS c ON c.seq = t.seq "
        "LEFT JOIN registrations AS r ON r.seq = t.seq"
    )
    agent = "r.agent_code"
    if cur.execute(_PAYMENT_AGENTS).fetchone() is not None:
        joins += " LEFT JOIN contribution_agents AS ca ON ca.seq = t.seq"
        agent = "COALESCE(r.agent_code, ca.agent_code)"
    sql = (
        "SELECT t.business_date, t.kind, c.category, t.tender, t.teller_id, t.amount, "  # noqa: S608
        f"{agent} FROM transactions AS t {joins} WHERE t.seq = ?"
    )
    info[_SQL_INFO] = sql
    return sql


def kind_key(kind: str, category: str | None) -> str:
    """The kind as the figures split it: a contribution is BPU or PU."""
    if kind == "contribution":
        return "contribution_pu" if category == "PU" else "contribution_bpu"
    return kind


@dataclass(frozen=True)
class _Facts:
    day: str
    kind: str  # kind_key
    tender: str | None
    teller: str
    amount: int
    agent: str | None
    lines: tuple[tuple[str, int], ...]


def add_transaction(
    connection: sa.Connection,
    transaction: Row,
    detail: Row,
    lines: Sequence[Row],
    agent_code: str | None = None,
) -> None:
    """File a new transaction in the day's totals (inside the caller's write). Its agent is
    `agent_code` (a payment's, given by the capture) or the one its detail row names (a
    registration's)."""
    cur = cursor(connection)
    kind = str(transaction["kind"])
    own = _Facts(
        day=str(transaction["business_date"]),
        kind=kind_key(kind, detail.get("category")),
        tender=transaction["tender"],
        teller=str(transaction["teller_id"]),
        amount=int(transaction["amount"]),
        agent=agent_code or detail.get("agent_code"),
        lines=tuple((str(line["program"]), int(line["amount"])) for line in lines),
    )
    deltas: list[Delta] = []
    if kind == "void":
        deltas += _own(own)
        original = _facts(cur, connection.info, int(detail["voided_seq"]))
        if original is not None:  # its day's figures lose it
            deltas += _filed(original, voided=True)
    elif kind in MONEY_OUT:
        deltas += _own(own, paid_out=True)
        # A refund also comes off the refunded payment's programs and agent (that payment is
        # gone with a lost store when the refund was taken back from the upstream).
        original = (
            _facts(cur, connection.info, int(detail["refunded_seq"])) if kind == "refund" else None
        )
        if original is not None:
            deltas += [
                (own.day, PROGRAM, program, 0, 0, 0, 0, 1, amount)
                for program, amount in original.lines
            ]
            if original.agent:
                key = (own.day, AGENT + original.kind, original.agent)
                deltas.append((*key, 0, 0, 0, 0, 1, own.amount))
    else:
        deltas += _filed(own, voided=False)
    cur.executemany(_UPSERT, deltas)


def _own(facts: _Facts, *, paid_out: bool = False) -> list[Delta]:
    """A void's, refund's or benefit payment's own rows: counted under its kind, teller and
    tender (a void has none), with the money a refund or benefit payment paid out."""
    row = (1, 0, 0, 0, 1, facts.amount) if paid_out else (1, 0, 0, 0, 0, 0)
    keys = [(KIND, facts.kind), (TELLER, facts.teller)]
    if facts.tender:
        keys.append((TENDER, facts.tender))
    return [(facts.day, dimension, key, *row) for dimension, key in keys]


def _filed(facts: _Facts, *, voided: bool) -> list[Delta]:
    """A transaction under each of its keys: counted and its money in, or (voided) taken out."""

    def row(amount: int) -> tuple[int, int, int, int, int, int]:
        return (0, 0, 1, amount, 0, 0) if voided else (1, amount, 0, 0, 0, 0)

    keys = [(KIND, facts.kind), (TELLER, facts.teller)]
    if facts.tender:
        keys.append((TENDER, facts.tender))
    if facts.agent:
        keys.append((AGENT + facts.kind, facts.agent))
    deltas: list[Delta] = [
        (facts.day, dimension, key, *row(facts.amount)) for dimension, key in keys
    ]
    deltas += [(facts.day, PROGRAM, program, *row(amount)) for program, amount in facts.lines]
    return deltas


def _facts(cur: sqlcipher.Cursor, info: dict[str, object], seq: int) -> _Facts | None:
    found = cur.execute(_original_sql(cur, info), (seq,)).fetchone()
    if found is None:
        return None
    day, kind, category, tender, teller, amount, agent = found
    lines = tuple((str(p), int(a)) for p, a in cur.execute(_LINES, (seq,)).fetchall())
    return _Facts(
        str(day), kind_key(str(kind), category), tender, str(teller), int(amount), agent, lines
    )


@dataclass(frozen=True)
class Total:
    """One key's figures over a span of days."""

    dimension: str
    key: str
    count: int
    amount: int
    voided_count: int
    voided_amount: int
    paid_out_count: int
    paid_out_amount: int


def totals_between(connection: sa.Connection, first: str, last: str) -> list[Total]:
    """Every key's figures over the business days `first` to `last` (ISO dates, inclusive)."""
    rows = cursor(connection).execute(_BETWEEN, (first, last)).fetchall()
    return [Total(str(d), str(k), *(int(v) for v in values)) for d, k, *values in rows]


def days_between(connection: sa.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Per business day with any transaction: (transactions, net money)."""
    rows = cursor(connection).execute(_BY_DAY, (first, last)).fetchall()
    return {str(day): (int(count), int(net)) for day, count, net in rows}


def all_rows(connection: sa.Connection) -> list[tuple[object, ...]]:
    """The whole table in key order (the tests compare it with what the backfill makes)."""
    table = daily_totals.c
    query = sa.select(daily_totals).order_by(table.business_date, table.dimension, table.key)
    return [tuple(row) for row in connection.execute(query)]
