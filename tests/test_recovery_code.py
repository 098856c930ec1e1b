"""The recovery code: every secret back as it was, and anything else refused before restoring."""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest

from desktop.keystore import NAMES
from desktop.recovery_code import decode_code, encode_code, find_code

STORE_ID = "9748e2b3-cc0b-4e56-8c39-e5b46f3e72e6"
KEPT = {
    "store-key": bytes(range(32)),
    "audit-key": bytes(range(32, 64)),
    "receipt-key": b"ab" * 32,
    "upload-token": b"tok-BNI-0123-01",
}


def _code(body: bytes) -> str:
    """A code around `body` with a right checksum (a forger's or a bug's, not a typing slip)."""
    whole = body + hashlib.sha256(body).digest()[:4]
    return "SPOK1-" + base64.b32encode(whole).decode().rstrip("=")


def test_a_code_gives_back_what_it_carries_however_it_was_typed() -> None:
    code = encode_code(STORE_ID, KEPT)
    assert code.startswith("SPOK1-")
    assert all(len(group) <= 5 for group in code.split("-"))
    assert decode_code(code) == (STORE_ID, KEPT)
    assert decode_code(code.lower().replace("-", "\n ")) == (STORE_ID, KEPT)
    assert find_code(b"%PDF ... /Keywords (" + code.encode() + b") ...") == code
    assert find_code(b"no code here, SPO1|receipt|text") is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("SPO1-ABCDE", "not a recovery code"),
        ("SPOK1-ABCD1", "not in it"),
        ("SPOK1-AAAAA-AAAAA", "incomplete or mistyped"),
        (_code(uuid.UUID(STORE_ID).bytes + bytes([len(NAMES)]) + b"\x00\x01x"), "damaged"),
        (_code(uuid.UUID(STORE_ID).bytes + b"\x00\x00"), "damaged"),
        (_code(uuid.UUID(STORE_ID).bytes + b"\x00\x00\x09abc"), "damaged"),
    ],
)
def test_anything_but_a_whole_code_is_refused(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        decode_code(text)


def test_a_secret_too_long_for_a_code_is_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        encode_code(STORE_ID, {"upload-token": bytes(70_000)})
