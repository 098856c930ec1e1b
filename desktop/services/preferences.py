"""The Settings screen's use cases: read what is set, and change it (a supervisor only, audited)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.receipts.model import Paper
from desktop.services.auth import User
from desktop.services.receipts import counter_paper
from desktop.services.setup import parse_paper
from desktop.settings import (
    CA_VARIABLE,
    TOKEN_VARIABLE,
    URL_VARIABLE,
    PcSettings,
    Upstream,
    cash_payout_limits,
    load_settings_or_defaults,
    save_settings,
    upstream_setting,
    validate_settings,
)

__all__ = [
    "CA_VARIABLE",
    "TOKEN_VARIABLE",
    "URL_VARIABLE",
    "PcSettings",
    "Settings",
    "Upstream",
    "UserEntry",
    "cash_payout_limits",
    "change_settings",
    "list_users",
    "read_settings",
    "set_branch_address",
]
from desktop.services.users import UserEntry, list_users
from desktop.store.audit import AuditKey, append_event
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import counter_profile


@dataclass(frozen=True)
class Settings:
    """What the Settings screen shows: the counter's paper, this PC's settings, the users, and
    the upload address and token in use (the environment's win over the file's)."""

    paper: Paper
    pc: PcSettings
    users: list[UserEntry]
    upstream: Upstream
    pc_problem: DomainError | None = None  # the settings file was unreadable: defaults shown


def read_settings(counter: Counter) -> Settings:
    pc, problem = load_settings_or_defaults(counter.store.data_dir)
    upstream = upstream_setting(counter.store.data_dir)
    return Settings(counter_paper(counter), pc, list_users(counter), upstream, problem)


def receipt_printer(counter: Counter) -> str:
    """The printer this PC prints receipts on, as chosen in Settings ("": the system's default).
    Read from this PC's settings file only (no database), so the window may ask it at once."""
    pc, _problem = load_settings_or_defaults(counter.store.data_dir)
    return pc.printer


def change_settings(counter: Counter, by: User, *, paper: str, pc: PcSettings) -> Settings:
    """Save the receipt paper (in the store) and this PC's settings (in its file).

    Only a supervisor may. Each change is an audit event (the token only as "changed", never
    its value); nothing is written when any value is wrong, and an unchanged value is no event.
    """
    if not by.is_supervisor:
        raise DomainError(
            "by",
            "Hanya supervisor yang dapat mengubah pengaturan.",
            "Only a supervisor can change the settings.",
        )
    new_paper = parse_paper(paper)
    new_pc = validate_settings(pc)
    data_dir = counter.store.data_dir
    old_pc, _problem = load_settings_or_defaults(data_dir)  # a broken file is replaced whole
    now = counter.now().isoformat()
    with counter.store.write() as connection:
        old_paper = connection.execute(sa.select(counter_profile.c.paper)).scalar_one()
        if old_paper != new_paper.value:
            connection.execute(sa.update(counter_profile).values(paper=new_paper.value))
            details = {
                "from": old_paper,
                "to": new_paper.value,
                STATE: state_of(connection, ("counter_profile", 1)),
            }
            _audit(connection, counter.audit_key, now, by, "settings.paper", details)
        for spec in fields(PcSettings):
            before, after = getattr(old_pc, spec.name), getattr(new_pc, spec.name)
            if before == after:
                continue
            changed: dict[str, object] = {"from": before, "to": after}
            if spec.name == "upstream_token":
                changed = {"changed": True}
            _audit(connection, counter.audit_key, now, by, f"settings.{spec.name}", changed)
        # Inside the transaction: if the file cannot be written, the audit events roll back too.
        save_settings(data_dir, new_pc)
    return read_settings(counter)


def set_branch_address(counter: Counter, by: User, address: str) -> Settings:
    """The branch's street address printed on the receipts (empty: none), changed as every
    setting is: by a supervisor, checked, audited."""
    current = read_settings(counter)
    pc = replace(current.pc, branch_address=address)
    return change_settings(counter, by, paper=current.paper.value, pc=pc)


def _audit(
    connection: sa.Connection,
    key: AuditKey,
    now: str,
    by: User,
    action: str,
    details: dict[str, object],
) -> None:
    append_event(connection, key, at=now, actor=by.id, action=action, details=details)
