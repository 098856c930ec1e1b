"""The BPJS Ketenagakerjaan programs and parsing of a program selection ("JKK+JKM+JHT")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from desktop.domain.labels import label
from desktop.errors import DomainError


class Program(StrEnum):
    JKK = "JKK"  # work accident
    JKM = "JKM"  # death
    JHT = "JHT"  # old-age savings
    JP = "JP"  # pension (PU only)
    JKP = "JKP"  # job loss (PU only, nothing to pay at the counter)


PROGRAM_ORDER = (Program.JKK, Program.JKM, Program.JHT, Program.JP, Program.JKP)
_SEPARATORS = re.compile(r"[+,;/\s]+")
_MAX_TOKENS = 10  # more than this is not a selection of five programs


def parse_programs(raw: str | Iterable[str], field: str = "programs") -> frozenset[Program]:
    """Programs from "JKK+JKM+JHT" (also commas or spaces) or an iterable of names, any case."""
    if isinstance(raw, frozenset) and all(isinstance(p, Program) for p in raw) and raw:
        return raw  # already parsed: the capture path hands the same selection on
    name_id, name_en = label(field)
    choices = ", ".join(PROGRAM_ORDER)
    unknown = DomainError(
        field,
        f"{name_id} tidak dikenal. Pilihan: {choices}.",
        f"{name_en}: unknown program. Choices: {choices}.",
    )
    if isinstance(raw, str):
        tokens: list[object] = [t for t in _SEPARATORS.split(raw) if t]
    else:
        try:
            tokens = []
            for item in raw:
                tokens.append(item)
                if len(tokens) > _MAX_TOKENS:
                    raise unknown
        except TypeError:
            raise unknown from None
    if len(tokens) > _MAX_TOKENS:
        raise unknown
    programs: set[Program] = set()
    for token in tokens:
        if not isinstance(token, str):
            raise unknown
        try:
            programs.add(Program(token.strip().upper()))
        except ValueError:
            raise unknown from None
    if not programs:
        raise DomainError(
            field,
            f"{name_id}: pilih minimal satu program.",
            f"{name_en}: choose at least one program.",
        )
    return frozenset(programs)
