"""The Perisai commission: 7,5% half up to the rupiah, the bonus from 50 new participants, and
the institution's 10% of the two together, by the scheme in force for the month."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.agents import CommissionScheme, earnings, percent_text, scheme_for
from desktop.errors import DomainError
from desktop.reference import load_reference
from desktop.resources import resource_path

SCHEME = load_reference().agent_schemes[-1]


def test_shipped_scheme_is_the_published_one_and_marked_unconfirmed() -> None:
    assert (SCHEME.commission_bp, SCHEME.bonus, SCHEME.bonus_min_new) == (750, 500_000, 50)
    assert SCHEME.institution_share_bp == 1000
    assert SCHEME.confirmed is False
    assert SCHEME.source


def test_the_published_example_of_2018() -> None:
    # The director's example (January 2018): Rp38.902.000 collected from 2.227 new participants
    # gives Rp2.917.650 commission plus the Rp500.000 bonus: Rp3.417.650.
    got = earnings(SCHEME, 38_902_000, 2_227)
    assert (got.commission, got.bonus, got.total) == (2_917_650, 500_000, 3_417_650)
    assert got.institution_share == 341_765
    assert got.agent_share == 3_075_885


@pytest.mark.parametrize(
    ("new", "bonus"), [(0, 0), (49, 0), (50, 500_000), (51, 500_000), (2_000, 500_000)]
)
def test_bonus_from_the_threshold_on(new: int, bonus: int) -> None:
    assert earnings(SCHEME, 0, new).bonus == bonus


def test_commission_and_share_rounded_half_up_to_the_rupiah() -> None:
    assert earnings(SCHEME, 10_006, 0).commission == 750  # 750,45
    assert earnings(SCHEME, 10_010, 0).commission == 751  # 750,75
    assert earnings(SCHEME, 10_010, 0).institution_share == 75  # 75,1
    assert earnings(SCHEME, 10_070, 0).institution_share == 76  # 755,25 -> 755 -> 75,5 -> 76


def test_scheme_in_force_by_month() -> None:
    later = CommissionScheme(date(2027, 1, 1), 1500, 0, 25, 0, False, "test")
    schemes = (SCHEME, later)
    assert scheme_for(schemes, date(2026, 12, 31)) is SCHEME
    assert scheme_for(schemes, date(2027, 1, 15)) is later
    with pytest.raises(DomainError) as refused:
        scheme_for(schemes, date(2017, 12, 1))
    assert refused.value.field == "month"


def test_percent_as_written_in_indonesian() -> None:
    assert (percent_text(750), percent_text(1000), percent_text(1025)) == ("7,5%", "10%", "10,25%")


def _copy_of_shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(resource_path("reference"), folder)
    return folder


def test_a_bad_scheme_is_refused_naming_the_file_and_the_place(tmp_path: Path) -> None:
    folder = _copy_of_shipped(tmp_path)
    path = folder / "agent_commission.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schemes"][0]["commission_bp"] = 75_000  # 750%
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"agent_commission\.json: schemes\.0\.commission_bp"):
        load_reference(folder)


def test_a_set_without_the_scheme_keeps_the_shipped_one(tmp_path: Path) -> None:
    folder = _copy_of_shipped(tmp_path)
    (folder / "agent_commission.json").unlink()
    assert load_reference(folder).agent_schemes == load_reference().agent_schemes
