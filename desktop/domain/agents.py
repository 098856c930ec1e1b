"""What a Perisai agent earns in a month: the commission on the contributions collected, the
bonus for new participants, and the institution's share (the figures are reference data)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.domain.rates import apply_rate
from desktop.errors import DomainError


@dataclass(frozen=True)
class CommissionScheme:
    """One scheme, in force for the months from `effective_from` (resources/reference/
    agent_commission.json)."""

    effective_from: date
    commission_bp: int  # of the contributions the agent collected
    bonus: int  # rupiah, for `bonus_min_new` or more new participants in the month
    bonus_min_new: int
    institution_share_bp: int  # of the agent's commission and bonus together
    confirmed: bool
    source: str


@dataclass(frozen=True)
class Earnings:
    collected: int
    new_participants: int
    commission: int
    bonus: int
    institution_share: int

    @property
    def total(self) -> int:
        """Commission and bonus: what the month earned, before the institution's share."""
        return self.commission + self.bonus

    @property
    def agent_share(self) -> int:
        return self.total - self.institution_share


def scheme_for(schemes: Sequence[CommissionScheme], month: date) -> CommissionScheme:
    """The scheme in force on the month's first day; DomainError `month` when none was yet."""
    first = month.replace(day=1)
    in_force = [s for s in schemes if s.effective_from <= first]
    if not in_force:
        raise DomainError(
            "month",
            f"Belum ada skema komisi agen Perisai yang berlaku pada {first:%m/%Y}.",
            f"No Perisai agent commission scheme was in force in {first:%m/%Y}.",
        )
    return max(in_force, key=lambda s: s.effective_from)


def earnings(scheme: CommissionScheme, collected: int, new_participants: int) -> Earnings:
    """The month's commission (half up to the rupiah), the bonus at the threshold and over it,
    and the institution's share of the two together (half up); the agent keeps the rest."""
    commission = apply_rate(collected, scheme.commission_bp)
    bonus = scheme.bonus if new_participants >= scheme.bonus_min_new else 0
    share = apply_rate(commission + bonus, scheme.institution_share_bp)
    return Earnings(collected, new_participants, commission, bonus, share)


def percent_text(bp: int) -> str:
    """Basis points as Indonesians write a percentage: 750 -> "7,5%", 1000 -> "10%"."""
    whole, rest = divmod(bp, 100)
    return f"{whole}%" if not rest else f"{whole},{rest:02d}".rstrip("0") + "%"
