"""Protection and the next due date read from an inquiry's months."""

from __future__ import annotations

from datetime import date

from desktop.domain.coverage import coverage


def test_paid_ahead_is_protected_to_the_end_of_the_month_paid_through() -> None:
    cover = coverage(
        status="active", paid_through="2026-12", payable_from="2027-01", on=date(2026, 11, 24)
    )
    assert (cover.protected_through, cover.protected) == (date(2026, 12, 31), True)
    assert (cover.next_month, cover.next_due, cover.overdue) == (
        date(2027, 1, 1),
        date(2027, 1, 15),
        False,
    )


def test_a_month_past_its_15th_unpaid_is_overdue_and_the_protection_ended() -> None:
    cover = coverage(
        status="active", paid_through="2026-10", payable_from="2026-11", on=date(2026, 11, 16)
    )
    assert (cover.protected_through, cover.protected, cover.overdue) == (
        date(2026, 10, 31),
        False,
        True,
    )


def test_february_of_a_leap_year_and_an_inactive_participant() -> None:
    cover = coverage(
        status="inactive", paid_through="2028-02", payable_from="2028-03", on=date(2028, 2, 10)
    )
    assert cover.protected_through == date(2028, 2, 29)
    assert not cover.protected  # more than 3 unpaid months ended the membership: upstream decides


def test_never_paid() -> None:
    cover = coverage(
        status="active", paid_through=None, payable_from="2026-11", on=date(2026, 11, 2)
    )
    assert (cover.protected_through, cover.protected, cover.overdue) == (None, False, False)
