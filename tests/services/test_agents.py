"""The register of Perisai agents: searched, and the one check of an agent a registration or a
payment names (unknown or inactive refused, naming the field, nothing written)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.receipts.model import Paper
from desktop.services.agents import agent_by_code, find_agents, keep_agents, keep_register
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.receipt_output import SaveReceipt, save_receipt_file
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.records import load_records
from desktop.store.schema import transactions
from desktop.sync.contract import AgentEntry, AgentRegister
from tests.helpers import FakeClock
from tests.services.agents_support import ACTIVE, OTHER, SUSPENDED, entries, with_register
from tests.services.conftest import NIK_MAN, bpu_payment, registration


def _count(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar_one()
        )


def test_search_by_code_name_or_institution_active_first(counter: Counter) -> None:
    with_register(counter)
    # Active ones first, then by name: Dewi, Hendra, Made, Sri; Rina is not active.
    assert [a.code for a in find_agents(counter)] == [
        ACTIVE,
        OTHER,
        "PRS-777",
        "PRS-101",
        SUSPENDED,
    ]
    assert [a.code for a in find_agents(counter, "karya sejahtera")] == [
        ACTIVE,
        "PRS-101",
        SUSPENDED,
    ]
    assert [a.code for a in find_agents(counter, "sejahtera sri")] == ["PRS-101"]
    assert [a.code for a in find_agents(counter, "koperasi")] == [OTHER]
    assert [a.code for a in find_agents(counter, "prs-0103")] == [SUSPENDED]
    assert find_agents(counter, "100%_") == []  # LIKE's wildcards are literal
    found = agent_by_code(counter, " prs-0201 ")
    assert found is not None
    assert (found.name, found.institution_kind, found.active) == (
        "Hendra Gunawan",
        "cooperative",
        True,
    )


def test_a_new_list_replaces_the_register_and_keeps_the_gone_ones_inactive(
    counter: Counter,
) -> None:
    with_register(counter)
    renamed = entries()[0].model_copy(update={"name": "Dewi Lestari Putri"})
    keep_agents(counter, [renamed], counter.now())
    agent = agent_by_code(counter, ACTIVE)
    assert agent is not None
    assert (agent.name, agent.active) == ("Dewi Lestari Putri", True)
    gone = agent_by_code(counter, OTHER)
    assert gone is not None  # still there for the records naming them
    assert not gone.active


@pytest.mark.parametrize(
    ("code", "said"),
    [("PRS-9999", "tidak ada di daftar agen"), (SUSPENDED, "tidak aktif"), ("x", "3-30")],
)
def test_registration_refuses_an_agent_not_in_the_register(
    counter: Counter, teller: User, code: str, said: str
) -> None:
    with_register(counter)
    before = _count(counter)
    with pytest.raises(DomainError) as refused:
        register_participant(counter, teller, registration(agent_code=code))
    assert refused.value.field == "agent_code"
    assert said in refused.value.message_id
    assert _count(counter) == before


def test_payment_refuses_an_unknown_agent_and_writes_nothing(
    counter: Counter, teller: User
) -> None:
    with_register(counter)
    register_participant(counter, teller, registration())
    before = _count(counter)
    with pytest.raises(DomainError) as refused:
        pay_bpu(counter, teller, bpu_payment(agent_code="PRS-0000"))
    assert refused.value.field == "agent_code"
    assert "PRS-0000" in refused.value.message_en
    assert _count(counter) == before


def test_registration_and_payment_name_the_agent_in_their_records(
    counter: Counter, teller: User
) -> None:
    with_register(counter)
    registered = register_participant(counter, teller, registration(agent_code="prs-0101"))
    paid = pay_bpu(counter, teller, bpu_payment(participant=NIK_MAN, agent_code=ACTIVE))
    unaided = pay_bpu(counter, teller, bpu_payment(participant=NIK_MAN, period_start="2026-12"))
    with counter.store.read() as connection:
        records = load_records(connection)
    assert records[registered.transaction_id]["details"]["agent_code"] == ACTIVE  # type: ignore[index]
    assert records[paid.transaction_id]["agent"] == {"seq": paid.seq, "agent_code": ACTIVE}
    assert "agent" not in records[unaided.transaction_id]  # its digest as before agents
    assert verify_store(counter).ok


def test_agent_entry_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="code"):
        AgentEntry.model_validate({**entries()[0].model_dump(), "code": "=HYPERLINK(1)"})


def test_the_receipt_of_a_payment_names_its_agent(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    register_participant(counter, teller, registration())
    paid = pay_bpu(counter, teller, bpu_payment(agent_code=OTHER))
    saved = save_receipt_file(
        counter, teller, SaveReceipt(paid.receipt_no, tmp_path / "r.pdf", Paper.A5)
    )
    text = PdfReader(saved.path).pages[0].extract_text()
    assert f"Agen Perisai {OTHER}" in " ".join(text.split())


def test_an_unchanged_list_writes_nothing(counter: Counter, clock: FakeClock) -> None:
    """A timed sync fetches the list every few minutes while records wait: the same list again
    leaves every row as it was (no write); a changed agent is rewritten alone."""
    before = {a.code: a for a in find_agents(counter)}
    clock.advance(minutes=5)
    keep_agents(counter, entries(), counter.now())
    assert {a.code: a for a in find_agents(counter)} == before
    suspended = entries()[0].model_copy(update={"status": "inactive"})
    keep_agents(counter, [suspended, *entries()[1:]], counter.now())
    after = {a.code: a for a in find_agents(counter)}
    assert after[ACTIVE].listed_at == counter.now().isoformat()
    assert not after[ACTIVE].active
    assert after[OTHER] == before[OTHER]


def test_an_empty_list_leaves_the_register_as_it_is(counter: Counter) -> None:
    before = find_agents(counter)
    assert (
        keep_register(counter, AgentRegister(as_of=date(2026, 11, 24), agents=[]), counter.now())
        == 0
    )
    assert find_agents(counter) == before
