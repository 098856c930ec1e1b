"""Cash in the drawer: the rupiah notes and coins a teller counts, and a count written as text.

A count is typed as ``100000=2,50000=4,500=10``: a denomination, ``=``, how many pieces.
Rp1.000 exists as a note and as a coin: plain ``1000`` is the note, ``1000c`` (or ``1000k``,
koin) the coin. The smaller coins need no suffix. Denominations are Bank Indonesia's notes and
coins in circulation at the counter (DOMAIN.md); a new one is a code change, by design, since the
count form is laid out from this list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.domain.money import format_rupiah, group_thousands
from desktop.errors import DomainError

# The most pieces of one denomination a drawer plausibly holds: a typo guard, not a rule.
MAX_PIECES = 100_000


@dataclass(frozen=True)
class Denomination:
    value: int  # rupiah
    coin: bool

    @property
    def code(self) -> str:
        """Stable key in stored counts and on the command line: "50000", "1000c", "500c"."""
        return f"{self.value}c" if self.coin else str(self.value)

    @property
    def label(self) -> str:
        """As printed: "Rp50.000 kertas", "Rp500 logam"."""
        return f"{format_rupiah(self.value)} {'logam' if self.coin else 'kertas'}"


NOTES = tuple(
    Denomination(v, False) for v in (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)
)
COINS = tuple(Denomination(v, True) for v in (1_000, 500, 200, 100))
DENOMINATIONS = NOTES + COINS
_BY_CODE = {d.code: d for d in DENOMINATIONS}

_ENTRY = re.compile(
    r"(?:rp\.?)?(?P<value>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?P<coin>c|k|koin|logam)?"
    r"=(?P<pieces>[0-9]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CashCount:
    """Pieces of each denomination, in the order of DENOMINATIONS; only those counted."""

    pieces: tuple[tuple[Denomination, int], ...]

    @property
    def total(self) -> int:
        return sum(d.value * n for d, n in self.pieces)

    def as_codes(self) -> dict[str, int]:
        """{"100000": 2, "500c": 10}: how a count is stored (canonical JSON of this)."""
        return {d.code: n for d, n in self.pieces}

    def text(self) -> str:
        """The count as it would be typed: "100000=2,500=10"."""
        return ",".join(f"{_typed(d)}={n}" for d, n in self.pieces)


def _typed(denomination: Denomination) -> str:
    # Only Rp1.000 needs the coin mark: every other value is either a note or a coin.
    return denomination.code if denomination.value == 1_000 else str(denomination.value)


def _invalid(message_id: str, message_en: str, field: str) -> DomainError:
    return DomainError(field, message_id, message_en)


def _denomination(value: int, coin: bool, raw: str, field: str) -> Denomination:
    if not coin and value not in {d.value for d in NOTES}:
        coin = True  # 500, 200, 100 exist only as coins
    found = _BY_CODE.get(f"{value}c" if coin else str(value))
    if found is None:
        known = (
            ", ".join(group_thousands(d.value) for d in NOTES)
            + "; logam "
            + ", ".join(group_thousands(d.value) for d in COINS)
        )
        raise _invalid(
            f"Pecahan {raw} tidak ada. Uang kertas: {known}.",
            f"There is no {raw} denomination. Notes: {known.replace('logam', 'coins')}.",
            field,
        )
    return found


def cash_count(pieces: Mapping[Denomination | str, int], field: str = "counted") -> CashCount:
    """A count given per denomination (a form's fields): codes or Denominations, pieces >= 0."""
    counted: dict[Denomination, int] = {}
    for key, number in pieces.items():
        denomination = key if isinstance(key, Denomination) else _BY_CODE.get(str(key))
        if denomination is None:
            raise _invalid(f"Pecahan {key} tidak ada.", f"There is no {key} denomination.", field)
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise _invalid(
                f"Jumlah lembar/keping {denomination.label} harus angka bulat 0 atau lebih.",
                f"The number of {denomination.label} pieces must be a whole number, 0 or more.",
                field,
            )
        if number > MAX_PIECES:
            raise _invalid(
                f"Jumlah {denomination.label} paling banyak {group_thousands(MAX_PIECES)}.",
                f"At most {group_thousands(MAX_PIECES)} pieces of {denomination.label}.",
                field,
            )
        counted[denomination] = counted.get(denomination, 0) + number
    return _ordered(counted.items())


def _ordered(items: Iterable[tuple[Denomination, int]]) -> CashCount:
    given = dict(items)
    return CashCount(tuple((d, given[d]) for d in DENOMINATIONS if d in given))


def parse_cash_count(raw: str, field: str = "counted") -> CashCount:
    """``100000=2,50000=4,1000c=3,500=10`` (commas, semicolons or spaces between entries).

    Every denomination at most once; pieces are whole numbers. An empty drawer is written
    ``100000=0``: an empty text is refused, so a forgotten count never passes for zero.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        raise _invalid(
            "Tuliskan hitungan kas per pecahan, mis. 100000=2,50000=4,500=10.",
            "Write the cash count per denomination, e.g. 100000=2,50000=4,500=10.",
            field,
        )
    if len(text) > 1000:
        raise _invalid("Hitungan kas terlalu panjang.", "The cash count is too long.", field)
    counted: dict[Denomination, int] = {}
    # "Rp 50.000 = 4" and "1000 koin=3" are read as "Rp50.000=4" and "1000koin=3".
    squeezed = re.sub(r"\s*=\s*", "=", text)
    squeezed = re.sub(r"(?i)(rp\.?)\s+", r"\1", squeezed)
    squeezed = re.sub(r"(?i)([0-9])\s+(c|k|koin|logam)=", r"\1\2=", squeezed)
    for entry in (e for e in re.split(r"[,;\s]+", squeezed) if e):
        match = _ENTRY.fullmatch(entry)
        if match is None:
            raise _invalid(
                f"'{entry}' tidak dapat dibaca: tulis PECAHAN=JUMLAH, mis. 50000=4.",
                f"Cannot read '{entry}': write DENOMINATION=PIECES, e.g. 50000=4.",
                field,
            )
        value = int(match["value"].replace(".", ""))
        denomination = _denomination(value, match["coin"] is not None, match["value"], field)
        if denomination in counted:
            raise _invalid(
                f"Pecahan {denomination.label} disebut dua kali.",
                f"{denomination.label} is given twice.",
                field,
            )
        pieces = match["pieces"]
        if len(pieces) > len(str(MAX_PIECES)) or int(pieces) > MAX_PIECES:
            raise _invalid(
                f"Jumlah {denomination.label} paling banyak {group_thousands(MAX_PIECES)}.",
                f"At most {group_thousands(MAX_PIECES)} pieces of {denomination.label}.",
                field,
            )
        counted[denomination] = int(pieces)
    return _ordered(counted.items())


def count_from_codes(codes: Mapping[str, int]) -> CashCount:
    """A stored count (as_codes) read back."""
    return _ordered((_BY_CODE[code], int(n)) for code, n in codes.items())


def expected_cash(
    opening_float: int,
    cash_received: int,
    cash_voided: int,
    cash_refunded: int = 0,
    cash_paid_out: int = 0,
) -> int:
    """What the drawer should hold: the float, plus cash taken, minus the cash of voided takings,
    the cash given back for payments the upstream refused and the JHT benefits paid in cash.

    Debit-account tenders never touch the drawer and are totalled apart.
    """
    return opening_float + cash_received - cash_voided - cash_refunded - cash_paid_out
