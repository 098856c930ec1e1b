"""The upstream's registry: participants registered anywhere, the months they paid through any
channel, and employers' bills by payment code. Loaded from a fixtures file, grown by uploads."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Final, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.domain.bpu import payable_window, quote_bpu, unpaid_months
from desktop.domain.periods import add_months
from desktop.domain.programs import Program
from desktop.domain.pu import late_fine
from desktop.errors import DomainError
from desktop.reference import ReferenceData
from desktop.sync.contract import (
    INT64_MAX,
    AgentEntry,
    AgentInstitution,
    InquiryBill,
    InquiryParticipant,
    InquiryQuote,
)
from desktop.sync.sandbox.store import active_niks, metadata, records

FIXTURE_CHANNEL: Final = "fixtures"  # the channel of whatever a fixtures file says was paid

registry_participants = sa.Table(
    "registry_participants",
    metadata,
    sa.Column("nik", sa.String(16), primary_key=True),
    sa.Column("kpj", sa.String(20)),
    sa.Column("full_name", sa.String(100), nullable=False),
    sa.Column("birth_date", sa.String(10), nullable=False),
    sa.Column("monthly_income", sa.BigInteger, nullable=False),
    sa.Column("programs", sa.String(40), nullable=False),  # "JKK+JKM+JHT"
    sa.Column("sector", sa.String(40)),
    sa.Column("paid_through", sa.String(7)),  # YYYY-MM paid through channels before uploads
    sa.Column("jht_balance", sa.BigInteger),
    sa.Column("record_id", sa.String(36), unique=True),  # the registration, when a counter's
)
sa.Index(None, registry_participants.c.kpj)

# Each month paid by an uploaded contribution, one row a month: a month paid twice cannot be.
paid_months = sa.Table(
    "registry_paid_months",
    metadata,
    sa.Column("nik", sa.String(16), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),
    sa.Column("record_id", sa.String(36), nullable=False, index=True),
)

bills = sa.Table(
    "registry_bills",
    metadata,
    sa.Column("payment_code", sa.String(20), primary_key=True),
    sa.Column("npp", sa.String(20), nullable=False),
    sa.Column("employer", sa.String(100), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("lines", sa.Text, nullable=False),  # JSON {"JKK": n, ...}
    sa.Column("due_date", sa.String(10), nullable=False),
    sa.Column("paid_by", sa.String(36)),  # the record that paid it, or "fixtures"
)

# Perisai agents and their institutions (issue 18): what GET /v1/agents lists, from the fixtures.
registry_agents = sa.Table(
    "registry_agents",
    metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("institution_code", sa.String(30), nullable=False),
    sa.Column("institution_name", sa.String(100), nullable=False),
    sa.Column("institution_kind", sa.String(20), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
)


# --- the fixtures file ---------------------------------------------------------------------------

Rupiah = Annotated[int, Field(strict=True, ge=0, le=INT64_MAX)]
Month = Annotated[str, Field(pattern=r"^[12][0-9]{3}-(0[1-9]|1[0-2])$")]


class _Fixture(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FixtureParticipant(_Fixture):
    nik: Annotated[str, Field(pattern=r"^[0-9]{16}$")]
    kpj: Annotated[str, Field(pattern=r"^[0-9]{8,16}$")] | None = None
    full_name: Annotated[str, Field(min_length=2, max_length=100)]
    birth_date: date
    category: Literal["bpu"] = "bpu"
    monthly_income: Rupiah
    programs: Annotated[list[Literal["JKK", "JKM", "JHT"]], Field(min_length=2, max_length=3)]
    paid_through: Month | None = None
    jht_balance: Rupiah | None = None
    member_since: date | None = None  # what the partial claims' 10 years count from
    sector: Annotated[str, Field(min_length=1, max_length=40)] | None = None

    @field_validator("programs")
    @classmethod
    def _mandatory(cls, programs: list[str]) -> list[str]:
        if not {"JKK", "JKM"} <= set(programs):
            raise ValueError("JKK and JKM are mandatory for BPU participants")
        return programs


class FixtureBill(_Fixture):
    payment_code: Annotated[str, Field(pattern=r"^[0-9]{11,12}$")]
    npp: Annotated[str, Field(pattern=r"^[0-9]{8}$")]
    employer: Annotated[str, Field(min_length=2, max_length=100)]
    period: Month
    lines: dict[Literal["JKK", "JKM", "JHT", "JP", "JKP"], Rupiah]
    due_date: date
    paid: bool = False


class Fixtures(_Fixture):
    """`spo-counter sandbox --fixtures FILE.json` (docs/sync-protocol.md, "Fixtures")."""

    participants: list[FixtureParticipant] = []
    bills: list[FixtureBill] = []
    agents: list[AgentEntry] = []  # the register of Perisai agents, as GET /v1/agents lists it


def read_fixtures(path: Path) -> Fixtures:
    """The fixtures of `path`; ValueError naming the file and the first problem."""
    try:
        return Fixtures.model_validate_json(path.read_bytes())
    except OSError as error:
        raise ValueError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"]) or "top level"
        raise ValueError(f"{path}: {where}: {problem['msg']}") from None


def load_fixtures(connection: sa.Connection, fixtures: Fixtures) -> None:
    """Put the fixtures in the registry; what is there already is left as it is."""
    for person in fixtures.participants:
        if _participant(connection, nik=person.nik) is None:
            connection.execute(
                sa.insert(registry_participants).values(
                    nik=person.nik,
                    kpj=person.kpj,
                    full_name=person.full_name,
                    birth_date=person.birth_date.isoformat(),
                    monthly_income=person.monthly_income,
                    programs="+".join(p for p in ("JKK", "JKM", "JHT") if p in person.programs),
                    sector=person.sector,
                    paid_through=person.paid_through,
                    jht_balance=person.jht_balance,
                )
            )
    for bill in fixtures.bills:
        if find_bill(connection, bill.payment_code) is None:
            connection.execute(
                sa.insert(bills).values(
                    payment_code=bill.payment_code,
                    npp=bill.npp,
                    employer=bill.employer,
                    period=bill.period,
                    lines=json.dumps(dict(bill.lines), sort_keys=True),
                    due_date=bill.due_date.isoformat(),
                    paid_by=FIXTURE_CHANNEL if bill.paid else None,
                )
            )

    for agent in fixtures.agents:
        values = {
            "name": agent.name,
            "institution_code": agent.institution.code,
            "institution_name": agent.institution.name,
            "institution_kind": agent.institution.kind,
            "status": agent.status,
        }
        known = connection.execute(
            sa.select(registry_agents.c.code).where(registry_agents.c.code == agent.code)
        ).first()
        if known is None:
            connection.execute(sa.insert(registry_agents).values(code=agent.code, **values))
        else:  # the fixtures say how the register stands now (an agent suspended since)
            connection.execute(
                sa.update(registry_agents)
                .where(registry_agents.c.code == agent.code)
                .values(values)
            )


def agent_register(connection: sa.Connection) -> list[AgentEntry]:
    """Every agent of the register, by code."""
    rows = connection.execute(sa.select(registry_agents).order_by(registry_agents.c.code))
    return [
        AgentEntry(
            code=row.code,
            name=row.name,
            institution=AgentInstitution(
                code=row.institution_code, name=row.institution_name, kind=row.institution_kind
            ),
            status=row.status,
        )
        for row in rows
    ]


def backfill(connection: sa.Connection) -> None:
    """Registrations a sandbox accepted before it had a registry (not voided) join it, so their
    later payments are not refused as unknown."""
    have = sa.select(registry_participants.c.record_id).where(
        registry_participants.c.record_id.is_not(None)
    )
    rows = connection.execute(
        sa.select(records.c.id, records.c.kpj, records.c.record)
        .join(active_niks, active_niks.c.record_id == records.c.id)
        .where(records.c.id.not_in(have))
    )
    for row in rows.all():
        details = json.loads(row.record).get("details") or {}
        if row.kpj and not is_registered(connection, str(details.get("nik"))):
            register(connection, row.id, row.kpj, details)


# --- reading ------------------------------------------------------------------------------------


def _participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> sa.RowMapping | None:
    query = sa.select(registry_participants)
    if nik is not None:
        query = query.where(registry_participants.c.nik == nik)
    else:
        query = query.where(registry_participants.c.kpj == kpj)
    return connection.execute(query.limit(1)).mappings().first()


def is_registered(connection: sa.Connection, nik: str) -> bool:
    return _participant(connection, nik=nik) is not None


def participant_identity(connection: sa.Connection, nik: str) -> tuple[str | None, str] | None:
    """The KPJ and birth date (ISO) the registry holds for a NIK; None when it is unknown."""
    row = _participant(connection, nik=nik)
    return None if row is None else (row["kpj"], str(row["birth_date"]))


def participant_sector(connection: sa.Connection, nik: str) -> str | None:
    row = _participant(connection, nik=nik)
    return None if row is None else row["sector"]


def _month(text: str) -> date:
    return date.fromisoformat(f"{text}-01")


def paid_through(connection: sa.Connection, nik: str, *, except_record: str = "") -> date | None:
    """The last month paid through any channel: the fixtures' word or the uploads'."""
    row = _participant(connection, nik=nik)
    months = [_month(row["paid_through"])] if row is not None and row["paid_through"] else []
    last = connection.execute(
        sa.select(sa.func.max(paid_months.c.month)).where(
            paid_months.c.nik == nik, paid_months.c.record_id != except_record
        )
    ).scalar_one_or_none()
    if last:
        months.append(_month(last))
    return max(months) if months else None


def paid_elsewhere(
    connection: sa.Connection, nik: str, first: date, last: date, record_id: str
) -> date | None:
    """The first month from `first` to `last` already paid by another payment, if any."""
    row = _participant(connection, nik=nik)
    if row is not None and row["paid_through"] and first <= _month(row["paid_through"]):
        return first
    taken = connection.execute(
        sa.select(sa.func.min(paid_months.c.month)).where(
            paid_months.c.nik == nik,
            paid_months.c.month.between(f"{first:%Y-%m}", f"{last:%Y-%m}"),
            paid_months.c.record_id != record_id,
        )
    ).scalar_one_or_none()
    return _month(taken) if taken else None


def find_bill(connection: sa.Connection, payment_code: str) -> sa.RowMapping | None:
    return (
        connection.execute(sa.select(bills).where(bills.c.payment_code == payment_code))
        .mappings()
        .first()
    )


def bill_lines(row: sa.RowMapping) -> dict[str, int]:
    lines = json.loads(str(row["lines"]))
    return {str(program): int(amount) for program, amount in lines.items()}


# --- what uploads change --------------------------------------------------------------------------


def register(
    connection: sa.Connection, record_id: str, kpj: str, details: Mapping[str, object]
) -> None:
    """A counter's accepted registration joins the registry (no sector: the counter asks none)."""
    connection.execute(
        sa.insert(registry_participants).values(
            nik=str(details["nik"]),
            kpj=kpj,
            full_name=str(details.get("full_name") or "-"),
            birth_date=str(details.get("birth_date") or ""),
            monthly_income=int(str(details.get("monthly_income") or 0)),
            programs=str(details.get("programs") or ""),
            record_id=record_id,
        )
    )


def record_months(
    connection: sa.Connection, nik: str, first: date, months: int, record_id: str
) -> None:
    connection.execute(
        sa.insert(paid_months),
        [
            {"nik": nik, "month": f"{add_months(first, i):%Y-%m}", "record_id": record_id}
            for i in range(months)
        ],
    )


def mark_bill_paid(connection: sa.Connection, payment_code: str, record_id: str) -> None:
    connection.execute(
        sa.update(bills).where(bills.c.payment_code == payment_code).values(paid_by=record_id)
    )


def forget(connection: sa.Connection, record_id: str) -> None:
    """A void accepted: what its original registered or paid is undone in the registry."""
    connection.execute(
        sa.delete(registry_participants).where(registry_participants.c.record_id == record_id)
    )
    connection.execute(sa.delete(paid_months).where(paid_months.c.record_id == record_id))
    connection.execute(sa.update(bills).where(bills.c.paid_by == record_id).values(paid_by=None))


# --- the inquiry ----------------------------------------------------------------------------------


def inquire_participant(
    connection: sa.Connection, ref: ReferenceData, today: date, *, nik: str = "", kpj: str = ""
) -> InquiryParticipant | None:
    row = _participant(connection, nik=nik) if nik else _participant(connection, kpj=kpj)
    if row is None:
        return None
    through = paid_through(connection, row["nik"])
    first, last = payable_window(ref, today, through)
    programs = [p for p in str(row["programs"]).split("+") if p]
    quotes: list[InquiryQuote] = []
    for months in (1, 3, 6, 12):
        if add_months(first, months - 1) > last:
            break
        try:
            quote = quote_bpu(
                ref,
                monthly_income=int(row["monthly_income"]),
                programs=programs,
                months=months,
                period_start=first,
                on=today,
                sector=row["sector"],
                paid_through=through,
            )
        except DomainError:
            break  # a tier or program choice the rates in force no longer take
        quotes.append(
            InquiryQuote(
                months=months,
                period_start=f"{quote.period_start:%Y-%m}",
                period_end=f"{quote.period_end:%Y-%m}",
                lines=quote.net_lines(),
                reliefs={relief.code: relief.total for relief in quote.reliefs},
                total=quote.total,
            )
        )
    return InquiryParticipant(
        nik=row["nik"],
        kpj=row["kpj"],
        full_name=row["full_name"],
        birth_date=date.fromisoformat(row["birth_date"]),
        status="inactive" if unpaid_months(today, through) > 3 else "active",
        monthly_income=int(row["monthly_income"]),
        programs=[p.value for p in (Program.JKK, Program.JKM, Program.JHT) if p in programs],
        sector=row["sector"],
        paid_through=f"{through:%Y-%m}" if through else None,
        payable_from=f"{first:%Y-%m}",
        payable_to=f"{last:%Y-%m}",
        quotes=quotes,
        jht_balance=row["jht_balance"],
    )


def inquire_bill(
    connection: sa.Connection, ref: ReferenceData, today: date, payment_code: str
) -> InquiryBill | None:
    row = find_bill(connection, payment_code)
    if row is None:
        return None
    lines = bill_lines(row)
    total = sum(lines.values())
    due = date.fromisoformat(row["due_date"])
    paid = row["paid_by"] is not None
    late_months, fine = (0, 0) if paid else late_fine(ref, total, due, today)
    return InquiryBill(
        payment_code=row["payment_code"],
        npp=row["npp"],
        employer=row["employer"],
        period=row["period"],
        lines=lines,
        total=total,
        due_date=due,
        late_months=late_months,
        late_fine=fine,
        paid=paid,
    )
