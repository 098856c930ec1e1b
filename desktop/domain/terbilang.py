"""Amounts in Indonesian words ("terbilang") for receipts: 1.001.000 -> "satu juta seribu"."""

from __future__ import annotations

MAXIMUM = 999_999_999_999_999

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Scale words from the highest; index 0 (ribu) is the only one that takes "se-" for one.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _below_hundred(n: int) -> list[str]:
    if n < 10:
        return [_UNITS[n]] if n else []
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    if n < 20:
        return [_UNITS[n - 10], "belas"]
    tens, units = divmod(n, 10)
    return [_UNITS[tens], "puluh", *([_UNITS[units]] if units else [])]


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    return words + _below_hundred(rest)


def terbilang(n: int) -> str:
    """Lowercase words for 0 <= n <= 999.999.999.999.999 (sebelas, seratus, seribu, miliar)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang needs an int, got {type(n).__name__}")
    if not 0 <= n <= MAXIMUM:
        raise ValueError(f"terbilang covers 0 to {MAXIMUM}, got {n}")
    if n == 0:
        return "nol"
    words: list[str] = []
    rest = n
    for scale, name in _SCALES:
        group, rest = divmod(rest, scale)
        if not group:
            continue
        # "seribu", never "satu ribu"; only when the whole thousands group is one (so 101.000 is
        # "seratus satu ribu"). Juta, miliar and triliun keep "satu".
        if group == 1 and name == "ribu":
            words.append("seribu")
        else:
            words += [*_below_thousand(group), name]
    words += _below_thousand(rest)
    return " ".join(words)


def terbilang_rupiah(n: int) -> str:
    return f"{terbilang(n)} rupiah"
