"""`spo-counter sync` fetches the register of Perisai agents from a real sandbox; `agents list`
shows it; `pay --agent`, `import contributions` with an agent column and `agents statement`
name an agent from it, and refuse one it does not hold."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from desktop.cli import EXIT_OK, EXIT_REFUSED, main
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.store.store import Store
from desktop.sync.sandbox.registry import Fixtures
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import FakeClock
from tests.services.agents_support import ACTIVE, AGENTS, OTHER, SUSPENDED, nik
from tests.services.conftest import registration

CLOCK = FakeClock()
TOKEN = "token-bni-0123-01"


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    """The sandbox on loopback whose fixtures hold the register of agents."""
    db = f"sqlite:///{tmp_path / 'up.sqlite'}"
    fixtures = Fixtures.model_validate({"agents": AGENTS})
    with RunningSandbox(db, {"BNI-0123-01": TOKEN}, clock=CLOCK, fixtures=fixtures) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    rc = main(["--data-dir", str(data_dir), *argv], clock=CLOCK)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_sync_fetches_the_register_and_list_shows_it(
    data_dir: Path, upstream: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, _err = _run(capsys, data_dir, "agents", "list", "--search", "tidak ada")
    assert rc == EXIT_OK
    assert "spo-counter sync" in out  # none matches: says where the register comes from
    rc, out, _err = _run(capsys, data_dir, "sync", "--json")
    assert rc == EXIT_OK
    assert json.loads(out)["agents_listed"] == 3
    rc, out, _err = _run(capsys, data_dir, "agents", "list", "--json")
    listed = json.loads(out)
    # The upstream's three; the two it does not list (the template store's) kept, inactive.
    assert [(a["code"], a["status"]) for a in listed] == [
        (ACTIVE, "active"),
        (OTHER, "active"),
        ("PRS-777", "inactive"),
        (SUSPENDED, "inactive"),
        ("PRS-101", "inactive"),
    ]
    assert listed[1]["institution"] == {
        "code": "KSP-02",
        "name": "Koperasi Nelayan Mandiri",
        "kind": "cooperative",
    }
    rc, out, _err = _run(capsys, data_dir, "agents", "list", "--search", "koperasi")
    assert rc == EXIT_OK
    assert OTHER in out
    assert ACTIVE not in out


def test_pay_import_and_statement_name_an_agent_from_the_register(
    data_dir: Path,
    upstream: RunningSandbox,
    teller: User,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(capsys, data_dir, "sync")[0] == EXIT_OK
    store = Store(data_dir)
    counter = Counter(store, clock=CLOCK)
    for serial in (1, 2, 3):
        register_participant(counter, teller, registration(nik=nik(serial), agent_code=ACTIVE))
    store.close()
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    rc, _out, err = _run(
        capsys, data_dir, "pay", nik(1), "--months", "1", "--period-start", "2026-11",
        "--agent", "PRS-7777", "--teller", "teller01",
    )  # fmt: skip
    assert rc == EXIT_REFUSED
    assert "spo-counter: agent_code: Agen Perisai PRS-7777 tidak ada di daftar agen" in err
    rc, _out, err = _run(
        capsys, data_dir, "pay", nik(1), "--months", "1", "--period-start", "2026-11",
        "--agent", ACTIVE, "--teller", "teller01",
    )  # fmt: skip
    assert rc == EXIT_OK, err
    rows = tmp_path / "iuran.csv"
    rows.write_text(
        "participant,months,monthly_income,programs,period_start,agent_code\n"
        f"{nik(2)},3,,,2026-11,{ACTIVE}\n"
        f"{nik(3)},1,,,2026-11,{SUSPENDED}\n",
        encoding="utf-8",
    )
    rc, out, _err = _run(
        capsys, data_dir, "import", "contributions", str(rows), "--teller", "teller01", "--json"
    )
    result = json.loads(out)
    assert len(result["accepted"]) == 1
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(3, "agent_code")]
    sheet = tmp_path / "agen.xlsx"
    rc, out, err = _run(
        capsys, data_dir, "agents", "statement", "--agent", ACTIVE, "--month", "2026-11",
        "--out", str(sheet), "--json",
    )  # fmt: skip
    assert rc == EXIT_OK, err
    figures = json.loads(out)
    # 16.800 (1 month) + 50.400 (3 months), JKK+JKM at Rp1.000.000: 67.200 collected.
    assert (figures["participants_registered"], figures["contributions_collected"]) == (3, 67_200)
    assert (figures["commission"], figures["bonus"], figures["institution_share"]) == (
        5_040,
        0,
        504,
    )
    values = {row[0].value: row[1].value for row in load_workbook(sheet).active.iter_rows()}
    assert values["Iuran dihimpun"] == 67_200
    pdf = tmp_path / "agen.pdf"
    rc, out, _err = _run(
        capsys, data_dir, "--lang", "en", "agents", "statement", "--agent", ACTIVE,
        "--month", "2026-11", "--out", str(pdf),
    )  # fmt: skip
    assert rc == EXIT_OK
    assert "commission Rp5.040" in out
    assert "Rp67.200" in PdfReader(pdf).pages[0].extract_text()
    # The upstream takes the records naming the agent (the payments' `agent` included).
    rc, out, _err = _run(capsys, data_dir, "sync", "--json")
    assert rc == EXIT_OK
    report = json.loads(out)
    assert (report["sent"], report["quarantined_total"], report["pending"]) == (5, 0, 0)


def test_statement_of_an_unknown_agent_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    rc, _out, err = _run(
        capsys, data_dir, "agents", "statement", "--agent", "PRS-0000", "--month", "2026-11",
        "--out", str(out),
    )  # fmt: skip
    assert rc == EXIT_REFUSED
    assert err.startswith("spo-counter: agent: Agen Perisai PRS-0000 tidak ada di daftar agen")
    assert not out.exists()
