"""The supervisor's summary: today's and this month's figures by kind, program, tender and teller,
the last 30 days, agents ranked by what they collected, and the upload backlog.

Read from the kept figures (desktop/store/daily_totals.py) and the outbox's index of unsent rows,
never from the transactions themselves: it takes as long on a million transactions as on none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.store import backlog, daily_totals
from desktop.store.daily_totals import AGENT, KIND, PROGRAM, TELLER, TENDER, Total
from desktop.store.schema import agents, users

CHART_DAYS = 30
TOP_AGENTS = 10
# The order figures are listed in; keys never seen in the period are left out.
KINDS = (
    "registration",
    "contribution_bpu",
    "contribution_pu",
    "claim_handover",
    "void",
    "refund",
    "benefit_payment",
)
PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")
TENDERS = ("cash", "debit")


@dataclass(frozen=True)
class Figure:
    """One key's figures in a period. `amount` is the money taken in; voided money and money
    paid out (refunds, benefit payments) are apart, and `net` is what is left."""

    key: str
    label: str  # a teller's name; the key itself for the rest (each screen words its own)
    count: int
    amount: int
    voided_count: int = 0
    voided_amount: int = 0
    paid_out_count: int = 0
    paid_out_amount: int = 0

    @property
    def net(self) -> int:
        return self.amount - self.voided_amount - self.paid_out_amount


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kinds: tuple[Figure, ...]
    programs: tuple[Figure, ...]
    tenders: tuple[Figure, ...]
    tellers: tuple[Figure, ...]

    @property
    def transactions(self) -> int:
        """Every transaction of the period, voids, refunds and benefit payments included."""
        return sum(k.count for k in self.kinds)

    @property
    def net(self) -> int:
        return sum(k.net for k in self.kinds)

    @property
    def voided(self) -> int:
        return sum(k.voided_count for k in self.kinds)


@dataclass(frozen=True)
class DayPoint:
    day: date
    transactions: int
    net: int


@dataclass(frozen=True)
class AgentRank:
    """An agent this month: new participants registered, payments and the money collected."""

    code: str
    registrations: int
    payments: int
    collected: int  # net of voids and refunds
    name: str = ""  # as the register of agents names them ("" for a code it does not hold)
    institution: str = ""


@dataclass(frozen=True)
class Backlog:
    pending: int
    quarantined: int  # refused by the upstream (the Karantina page lists them all)
    refunded: int  # of those, payments already given back: nothing left to do
    oldest_receipt: str | None
    oldest_at: datetime | None  # in the counter's zone


@dataclass(frozen=True)
class Summary:
    at: datetime  # when read, in the counter's zone
    today: Period
    month: Period
    days: tuple[DayPoint, ...]  # the last CHART_DAYS business dates, oldest first, today last
    agents: tuple[AgentRank, ...]  # this month, most collected first
    backlog: Backlog


def counter_summary(counter: Counter, by: User) -> Summary:
    """The summary as of now; a supervisor's view only."""
    if not by.is_supervisor:
        raise DomainError(
            "by",
            "Hanya supervisor yang dapat melihat ringkasan loket.",
            "Only a supervisor can see the counter's summary.",
        )
    now = counter.now()
    today = counter.business_date(now)
    month_start = today.replace(day=1)
    chart_start = today - timedelta(days=CHART_DAYS - 1)
    with counter.store.read() as connection:
        names = {
            str(user_id): str(name)
            for user_id, name in connection.execute(sa.select(users.c.id, users.c.name))
        }
        day_rows = daily_totals.totals_between(connection, today.isoformat(), today.isoformat())
        month_rows = daily_totals.totals_between(
            connection, month_start.isoformat(), today.isoformat()
        )
        per_day = daily_totals.days_between(connection, chart_start.isoformat(), today.isoformat())
        unsent = backlog.unsent(connection)
        ranked = _agents(month_rows)
        listed = {
            str(code): (str(name), str(institution))
            for code, name, institution in connection.execute(
                sa.select(agents.c.code, agents.c.name, agents.c.institution_name).where(
                    agents.c.code.in_([a.code for a in ranked])
                )
            )
        }
    days = tuple(
        DayPoint(d, *per_day.get(d.isoformat(), (0, 0)))
        for d in (chart_start + timedelta(days=i) for i in range(CHART_DAYS))
    )
    oldest = counter.local(datetime.fromisoformat(unsent.oldest_at)) if unsent.oldest_at else None
    return Summary(
        at=counter.local(now),
        today=_period(today, today, day_rows, names),
        month=_period(month_start, today, month_rows, names),
        days=days,
        agents=tuple(
            replace(a, name=listed[a.code][0], institution=listed[a.code][1])
            if a.code in listed
            else a
            for a in ranked
        ),
        backlog=Backlog(
            unsent.pending, unsent.quarantined, unsent.refunded, unsent.oldest_receipt, oldest
        ),
    )


def _period(first: date, last: date, rows: list[Total], names: dict[str, str]) -> Period:
    by: dict[str, dict[str, Figure]] = {}
    for row in rows:
        label = names.get(row.key, row.key) if row.dimension == TELLER else row.key
        by.setdefault(row.dimension, {})[row.key] = Figure(
            row.key,
            label,
            row.count,
            row.amount,
            row.voided_count,
            row.voided_amount,
            row.paid_out_count,
            row.paid_out_amount,
        )

    def ordered(dimension: str, order: tuple[str, ...]) -> tuple[Figure, ...]:
        found = by.get(dimension, {})
        rest = sorted(found.keys() - set(order))
        return tuple(found[key] for key in (*order, *rest) if key in found)

    tellers = by.get(TELLER, {})
    return Period(
        first,
        last,
        kinds=ordered(KIND, KINDS),
        programs=ordered(PROGRAM, PROGRAMS),
        tenders=ordered(TENDER, TENDERS),
        tellers=tuple(sorted(tellers.values(), key=lambda f: (-f.net, -f.count, f.key))),
    )


def _agents(rows: list[Total]) -> tuple[AgentRank, ...]:
    found: dict[str, list[int]] = {}
    for row in rows:
        if not row.dimension.startswith(AGENT):
            continue
        figures = found.setdefault(row.key, [0, 0, 0])
        kept = row.count - row.voided_count
        if row.dimension == AGENT + "registration":
            figures[0] += kept
        else:
            figures[1] += kept
        figures[2] += row.amount - row.voided_amount - row.paid_out_amount
    ranked = sorted(found.items(), key=lambda item: (-item[1][2], -item[1][0], item[0]))
    return tuple(
        AgentRank(code, registered, paid, collected)
        for code, (registered, paid, collected) in ranked[:TOP_AGENTS]
    )
