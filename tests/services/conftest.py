"""Ready-made valid commands for the service tests; each test changes only what it is about."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import HandOverClaim
from desktop.services.contributions import PayBpuContribution, PayPuContribution
from desktop.services.registration import RegisterParticipant, register_participant

# Born 17/08/1985 in Jakarta (city 71), a man; born 5/1/1990 in Bogor regency, a woman (day + 40).
NIK_MAN = "3171011708850002"
NIK_WOMAN = "3201014501900001"


def registration(**changes: Any) -> RegisterParticipant:
    base = RegisterParticipant(
        nik=NIK_MAN,
        full_name="Joko Susanto",
        birth_place="Jakarta",
        birth_date="1985-08-17",
        sex="L",
        mother_maiden_name="Sri Wahyuni",
        phone="0812-3456-7890",
        address="Jl. Melati No. 5, Jakarta Pusat",
        occupation="Pedagang",
        monthly_income="1.000.000",
        programs="JKK+JKM",
        email="joko@contoh.id",
        agent_code="",
    )
    return dataclasses.replace(base, **changes)


def bpu_payment(**changes: Any) -> PayBpuContribution:
    base = PayBpuContribution(participant=NIK_MAN, months=1, period_start="2026-11")
    return dataclasses.replace(base, **changes)


def pu_payment(**changes: Any) -> PayPuContribution:
    base = PayPuContribution(
        payment_code="123456789012",
        npp="12345678",
        employer_name="PT Maju Jaya Abadi",
        period="2026-10",
        billed={"JKK": 24_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000},
        tender="debit",
        debit_account="0123456789",
        debit_reference="APV123456",
    )
    return dataclasses.replace(base, **changes)


def claim(**changes: Any) -> HandOverClaim:
    base = HandOverClaim(
        nik=NIK_WOMAN,
        participant_name="Ratna Handayani",
        reason="resignation",
        event_date="2026-09-01",
        documents={"kartu_peserta": "original", "ktp": "copy", "paklaring": "original"},
        payout_bank="BRI",
        payout_account="0012-3456-78",
        payout_account_holder="Ratna Handayani",
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def registered(counter: Counter, teller: User) -> Captured:
    return register_participant(counter, teller, registration())
