"""An agent's statement for a month: the participants they registered, the contributions they
collected by program, and what that earns them and their institution (issue 18)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.agents import CommissionScheme, Earnings, earnings, scheme_for
from desktop.domain.dates import parse_month
from desktop.domain.nik import mask_identifier
from desktop.domain.periods import add_months
from desktop.errors import DomainError
from desktop.services.agents import Agent, agent_by_code, agent_code_format
from desktop.services.lookup import not_refunded, not_voided, participant_name
from desktop.store.schema import (
    contribution_agents,
    contribution_lines,
    contributions,
    participants,
    registrations,
    transactions,
)


@dataclass(frozen=True)
class Registered:
    receipt_no: str
    business_date: str
    full_name: str
    nik: str  # masked
    address: str
    programs: str


@dataclass(frozen=True)
class Collected:
    receipt_no: str
    business_date: str
    participant: str  # name, else the masked NIK
    period_start: str  # YYYY-MM
    period_end: str
    lines: dict[str, int]
    amount: int


@dataclass(frozen=True)
class AgentStatement:
    agent: Agent
    month: date  # the first day
    counter_code: str
    bank_code: str
    branch_name: str
    registered: tuple[Registered, ...]
    collected: tuple[Collected, ...]
    by_program: dict[str, int]  # program -> rupiah collected, programs in the usual order
    scheme: CommissionScheme
    earnings: Earnings
    made_at: datetime  # in the counter's zone

    @property
    def month_text(self) -> str:
        return f"{self.month:%Y-%m}"

    def as_dict(self) -> dict[str, object]:
        """The --json output and what the CSV/XLSX summary rows are made from."""
        e = self.earnings
        return {
            "agent": self.agent.as_dict(),
            "month": self.month_text,
            "counter_code": self.counter_code,
            "participants_registered": len(self.registered),
            "contributions_collected": e.collected,
            "payments_collected": len(self.collected),
            "by_program": dict(self.by_program),
            "commission": e.commission,
            "bonus": e.bonus,
            "total": e.total,
            "institution_share": e.institution_share,
            "agent_share": e.agent_share,
            "scheme": {
                "effective_from": self.scheme.effective_from.isoformat(),
                "commission_bp": self.scheme.commission_bp,
                "bonus": self.scheme.bonus,
                "bonus_min_new_participants": self.scheme.bonus_min_new,
                "institution_share_bp": self.scheme.institution_share_bp,
                "confirmed": self.scheme.confirmed,
                "source": self.scheme.source,
            },
            "registered": [r.__dict__ for r in self.registered],
            "collected": [c.__dict__ for c in self.collected],
            "made_at": self.made_at.isoformat(),
        }


PROGRAM_ORDER = ("JKK", "JKM", "JHT", "JP", "JKP")


def statement_month(raw: str) -> date:
    return parse_month(raw, "month", "Bulan", "Month")


def agent_statement(counter: Counter, agent_code: str, month: str | date) -> AgentStatement:
    """The statement of the agent with `agent_code` for `month` (YYYY-MM or a date in it).

    Counts what was captured at this counter in the month's business days and still stands:
    registrations naming the agent (the new participants), and contribution payments naming
    the agent (collected), neither voided nor refunded. DomainError `agent` for a code the
    register does not hold; `month` for a month not yet begun or without a scheme in force.
    """
    code = agent_code_format(agent_code, "agent")
    agent = agent_by_code(counter, code or "") if code else None
    if agent is None:
        raise DomainError(
            "agent",
            f"Agen Perisai {code or '(kosong)'} tidak ada di daftar agen.",
            f"Perisai agent {code or '(blank)'} is not in the register of agents.",
        )
    first = statement_month(month) if isinstance(month, str) else month.replace(day=1)
    now = counter.now()
    if first > counter.business_date(now):
        raise DomainError(
            "month",
            f"Bulan {first:%m/%Y} belum mulai.",
            f"The month {first:%m/%Y} has not begun yet.",
        )
    scheme = scheme_for(counter.reference.agent_schemes, first)
    start, end = first.isoformat(), add_months(first, 1).isoformat()
    in_month = sa.and_(
        transactions.c.business_date >= start,
        transactions.c.business_date < end,
        not_voided(),
        not_refunded(),
    )
    with counter.store.read() as connection:
        registered = tuple(_registered(connection, agent.code, in_month))
        collected = tuple(_collected(connection, agent.code, in_month))
    by_program: dict[str, int] = defaultdict(int)
    for payment in collected:
        for program, amount in payment.lines.items():
            by_program[program] += amount
    ordered = {p: by_program[p] for p in PROGRAM_ORDER if p in by_program}
    ordered.update({p: a for p, a in sorted(by_program.items()) if p not in ordered})
    total = sum(payment.amount for payment in collected)
    profile = counter.profile
    return AgentStatement(
        agent=agent,
        month=first,
        counter_code=profile.counter_code,
        bank_code=profile.bank_code,
        branch_name=profile.branch_name,
        registered=registered,
        collected=collected,
        by_program=ordered,
        scheme=scheme,
        earnings=earnings(scheme, total, len(registered)),
        made_at=now.astimezone(profile.zone),
    )


def _registered(
    connection: sa.Connection, code: str, in_month: sa.ColumnElement[bool]
) -> list[Registered]:
    query = (
        sa.select(
            transactions.c.receipt_no,
            transactions.c.business_date,
            registrations.c.full_name,
            registrations.c.nik,
            registrations.c.address,
            registrations.c.programs,
        )
        .join(registrations, registrations.c.seq == transactions.c.seq)
        .where(registrations.c.agent_code == code, in_month)
        .order_by(transactions.c.seq)
    )
    return [
        Registered(
            str(row.receipt_no),
            str(row.business_date),
            str(row.full_name),
            mask_identifier(str(row.nik)),
            str(row.address),
            str(row.programs),
        )
        for row in connection.execute(query)
    ]


def _collected(
    connection: sa.Connection, code: str, in_month: sa.ColumnElement[bool]
) -> list[Collected]:
    query = (
        sa.select(
            transactions.c.seq,
            transactions.c.receipt_no,
            transactions.c.business_date,
            transactions.c.amount,
            participants.c.nik,
            contributions.c.period_start,
            contributions.c.period_end,
        )
        .join(contribution_agents, contribution_agents.c.seq == transactions.c.seq)
        .join(contributions, contributions.c.seq == transactions.c.seq)
        .outerjoin(participants, participants.c.id == transactions.c.participant_id)
        .where(contribution_agents.c.agent_code == code, in_month)
        .order_by(transactions.c.seq)
    )
    rows = connection.execute(query).all()
    lines: dict[int, dict[str, int]] = defaultdict(dict)
    if rows:
        line_query = sa.select(
            contribution_lines.c.seq, contribution_lines.c.program, contribution_lines.c.amount
        ).where(contribution_lines.c.seq.in_([row.seq for row in rows]))
        for seq, program, amount in connection.execute(line_query):
            lines[int(seq)][str(program)] = int(amount)
    names: dict[str, str] = {}
    out = []
    for row in rows:
        nik = str(row.nik or "")
        if nik and nik not in names:
            known = participant_name(connection, nik)
            names[nik] = known[0] if known else mask_identifier(nik)
        out.append(
            Collected(
                str(row.receipt_no),
                str(row.business_date),
                names.get(nik, "-"),
                str(row.period_start)[:7],
                str(row.period_end)[:7],
                lines[int(row.seq)],
                int(row.amount),
            )
        )
    return out
