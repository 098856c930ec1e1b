"""Amounts in Indonesian words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.terbilang import MAXIMUM, terbilang, terbilang_rupiah


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (9, "sembilan"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (200, "dua ratus"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (10_000, "sepuluh ribu"),
        (11_000, "sebelas ribu"),
        (16_800, "enam belas ribu delapan ratus"),
        (21_000, "dua puluh satu ribu"),
        (100_000, "seratus ribu"),
        (101_000, "seratus satu ribu"),
        (111_000, "seratus sebelas ribu"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (1_080_000, "satu juta delapan puluh ribu"),
        (1_100_000, "satu juta seratus ribu"),
        (2_500_000, "dua juta lima ratus ribu"),
        (11_000_000, "sebelas juta"),
        (100_000_000, "seratus juta"),
        (1_000_000_000, "satu miliar"),
        (1_001_001_001, "satu miliar satu juta seribu satu"),
        (5_000_001_000, "lima miliar seribu"),
        (1_000_000_000_000, "satu triliun"),
        (1_000_000_001_000, "satu triliun seribu"),
        (
            MAXIMUM,
            "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
            "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh "
            "sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_terbilang_rupiah() -> None:
    assert terbilang_rupiah(16_800) == "enam belas ribu delapan ratus rupiah"
    assert terbilang_rupiah(1_080_000) == "satu juta delapan puluh ribu rupiah"
    assert terbilang_rupiah(0) == "nol rupiah"


@pytest.mark.parametrize("n", [-1, MAXIMUM + 1, -(10**30), 10**30])
def test_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="terbilang covers"):
        terbilang(n)


@pytest.mark.parametrize("n", [True, False, 1.0, "1", None])
def test_int_only(n: object) -> None:
    with pytest.raises(TypeError):
        terbilang(n)  # type: ignore[arg-type]


# An independent reader of the words, written from the grammar rather than from the code.
_DIGITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def read_words(words: str) -> int:
    if words == "nol":
        return 0
    total = group = last = 0
    for word in words.split(" "):
        if word in _DIGITS:
            last = _DIGITS[word]
            group += last
        elif word == "belas":
            group += 10  # "dua belas": 2 already counted
        elif word == "puluh":
            group += last * 9
        elif word == "ratus":
            group += last * 99
        elif word in {"sepuluh", "sebelas", "seratus"}:
            group += {"sepuluh": 10, "sebelas": 11, "seratus": 100}[word]
        elif word == "seribu":
            total += 1000
        elif word in _SCALES:
            assert group, f"scale word {word!r} without a number before it"
            total += group * _SCALES[word]
            group = 0
        else:
            raise AssertionError(f"unexpected word {word!r}")
    return total + group


def thousands_group_words(words: str) -> list[str]:
    """The words of the ribu group: after the last higher scale word, up to and including ribu."""
    tokens = words.split(" ")
    end = next((i for i, t in enumerate(tokens) if t in {"ribu", "seribu"}), None)
    if end is None:
        return []
    start = max(
        (i + 1 for i, t in enumerate(tokens[:end]) if t in {"juta", "miliar", "triliun"}),
        default=0,
    )
    return tokens[start : end + 1]


@settings(max_examples=1000, deadline=None)
@given(
    st.integers(min_value=0, max_value=MAXIMUM)
    | st.integers(min_value=0, max_value=999).map(lambda k: k * 1000)
    # Numbers whose thousands group is exactly one: the "seribu" case inside larger numbers.
    | st.integers(min_value=0, max_value=MAXIMUM // 10**6).map(lambda k: k * 10**6 + 1000)
)
def test_words_read_back(n: int) -> None:
    words = terbilang(n)
    assert read_words(words) == n
    assert words == words.lower().strip()
    assert "  " not in words
    assert "satu ratus" not in words
    assert "satu puluh" not in words
    assert "satu belas" not in words
    assert "milyar" not in words


@settings(max_examples=1000, deadline=None)
@given(
    st.integers(min_value=1000, max_value=MAXIMUM)
    | st.tuples(st.integers(0, MAXIMUM // 10**6), st.integers(0, 999)).map(
        lambda t: t[0] * 10**6 + 1000 + t[1]
    )
)
def test_seribu_exactly_when_the_thousands_group_is_one(n: int) -> None:
    group = n // 1000 % 1000
    words = thousands_group_words(terbilang(n))
    if group == 0:
        assert words == []
    elif group == 1:
        assert words == ["seribu"]
    else:
        # "seratus satu ribu", "dua puluh satu ribu": "satu ribu" only after other words.
        assert words[-1] == "ribu"
        assert words != ["satu", "ribu"]
        assert read_words(" ".join(words)) == group * 1000
