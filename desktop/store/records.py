"""A transaction as one record: its rows across tables, gathered alike at write and at verify.

The audit event of every transaction carries the SHA-256 of this record, so a row edited in the
database file after the fact no longer matches its event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NotRequired, TypedDict

import sqlalchemy as sa

from desktop.store.schema import (
    benefit_payments,
    claim_documents,
    claim_handovers,
    contribution_agents,
    contribution_lines,
    contributions,
    debit_references,
    participants,
    refunds,
    registrations,
    transactions,
    unverified_payers,
    voids,
)
from desktop.store.statements import column_names

Row = dict[str, Any]


class Record(TypedDict):
    transaction: Row
    details: Row | None
    lines: list[Row]
    documents: list[Row]
    participant_nik: str | None
    # Only in a payment taken offline for a participant nobody could verify: who the teller
    # confirmed pays (an unverified_payers row). Absent from every other record, whose digest
    # (written before this key existed) stays as it was.
    payer: NotRequired[Row]
    # Only in a payment by account debit taken since migration 0013: the bank's reference (a
    # debit_references row). Absent elsewhere, so every earlier digest stays as it was.
    debit_reference: NotRequired[Row]
    # Only in a contribution payment a Perisai agent brought (issue 18): a contribution_agents
    # row. Absent from every other record, so their digests stay as they were.
    agent: NotRequired[Row]


DETAIL_TABLES: dict[str, sa.Table] = {
    "registration": registrations,
    "contribution": contributions,
    "claim_handover": claim_handovers,
    "void": voids,
    "refund": refunds,
    "benefit_payment": benefit_payments,
}
# The kinds of transaction, each its capture's audit action.
CAPTURE_KINDS = tuple(DETAIL_TABLES)


def full_row(table: sa.Table, values: Mapping[str, Any]) -> Row:
    """Every column of `table`, None where not given: what reading the row back will return."""
    empty = _empty_row(table)
    unknown = values.keys() - empty.keys()
    if unknown:
        raise KeyError(f"{table.name} has no column {sorted(unknown)}")
    return {**empty, **values}


@cache
def _empty_row(table: sa.Table) -> Row:
    return dict.fromkeys(column_names(table))


def build_record(
    transaction: Row,
    details: Row | None,
    *,
    lines: Iterable[Row] = (),
    documents: Iterable[Row] = (),
    participant_nik: str | None = None,
    payer: Row | None = None,
    debit_reference: Row | None = None,
    agent: Row | None = None,
) -> Record:
    record: Record = {
        "transaction": transaction,
        "details": details,
        "lines": sorted(lines, key=lambda line: str(line["program"])),
        "documents": sorted(documents, key=lambda doc: str(doc["document"])),
        "participant_nik": participant_nik,
    }
    if payer is not None:
        record["payer"] = payer
    if debit_reference is not None:
        record["debit_reference"] = debit_reference
    if agent is not None:
        record["agent"] = agent
    return record


def _grouped(
    connection: sa.Connection, table: sa.Table, low: int, high: int
) -> dict[int, list[Row]]:
    """Rows of `table` for the transactions with seq from `low` to `high`, by seq."""
    grouped: dict[int, list[Row]] = defaultdict(list)
    names = column_names(table)
    query = sa.select(table).where(table.c.seq.between(low, high))
    for values in connection.execute(query):
        row = dict(zip(names, values, strict=True))
        grouped[row["seq"]].append(row)
    return grouped


def _niks(connection: sa.Connection, ids: set[str]) -> dict[str, str]:
    """NIKs of these participants (in chunks: SQLite caps the number of bound values)."""
    found: dict[str, str] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        query = sa.select(participants.c.id, participants.c.nik).where(participants.c.id.in_(chunk))
        found.update({str(pid): str(nik) for pid, nik in connection.execute(query)})
    return found


def load_records(
    connection: sa.Connection, where: sa.ColumnElement[bool] | None = None
) -> dict[str, Record]:
    """Records of the transactions matching `where` (all when None), keyed by transaction id."""
    query = sa.select(transactions).order_by(transactions.c.seq)
    if where is not None:
        query = query.where(where)
    names = column_names(transactions)
    txns = [dict(zip(names, values, strict=True)) for values in connection.execute(query)]
    if not txns:
        return {}
    low, high = txns[0]["seq"], txns[-1]["seq"]
    details = {
        kind: _grouped(connection, table, low, high) for kind, table in DETAIL_TABLES.items()
    }
    lines = _grouped(connection, contribution_lines, low, high)
    documents = _grouped(connection, claim_documents, low, high)
    payers = _grouped(connection, unverified_payers, low, high)
    references = _grouped(connection, debit_references, low, high)
    agents = _grouped(connection, contribution_agents, low, high)
    niks = _niks(connection, {str(t["participant_id"]) for t in txns if t["participant_id"]})
    records: dict[str, Record] = {}
    for txn in txns:
        seq = txn["seq"]
        kind_rows = details[str(txn["kind"])].get(seq, [])
        records[str(txn["id"])] = build_record(
            txn,
            kind_rows[0] if kind_rows else None,
            lines=lines.get(seq, []),
            documents=documents.get(seq, []),
            participant_nik=niks.get(txn["participant_id"]) if txn["participant_id"] else None,
            payer=payers[seq][0] if seq in payers else None,
            debit_reference=references[seq][0] if seq in references else None,
            agent=agents[seq][0] if seq in agents else None,
        )
    return records
