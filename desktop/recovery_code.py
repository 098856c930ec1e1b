"""The recovery code: a counter's secrets (desktop/keystore.py) as one line of text to print,
scan or type, that gives them back on another PC.

    SPOK1-XXXXX-XXXXX-...   (base32 letters and digits 2-7, in groups of five)

It carries the data folder's store id, each secret kept, and a checksum, so a typing slip is
found before anything is restored. Whoever holds it can read the counter's data: it belongs on
paper in the branch's safe, never in the data folder or beside a backup.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections.abc import Mapping
from typing import Final

from desktop.keystore import NAMES

PREFIX: Final = "SPOK1"
GROUP: Final = 5
_CHECK: Final = 4  # bytes of SHA-256 at the end
_FOUND: Final = re.compile(rb"SPOK1(?:[\s-]*[A-Z2-7]{1,5})+", re.IGNORECASE)


def encode_code(store_id: str, kept: Mapping[str, bytes]) -> str:
    """The code for the store id and secrets `kept` (by name, as KeyStore.export gives them)."""
    body = bytearray(uuid.UUID(store_id).bytes)
    for name, value in kept.items():
        if len(value) > 0xFFFF:
            raise ValueError(f"the secret {name} is too long")
        body += bytes([NAMES.index(name)]) + len(value).to_bytes(2, "big") + value
    body += hashlib.sha256(body).digest()[:_CHECK]
    letters = base64.b32encode(bytes(body)).decode("ascii").rstrip("=")
    groups = [letters[i : i + GROUP] for i in range(0, len(letters), GROUP)]
    return "-".join([PREFIX, *groups])


def decode_code(text: str) -> tuple[str, dict[str, bytes]]:
    """(store id, secrets by name) from a code as printed or typed (spaces, line breaks and
    dashes anywhere, lower case too); ValueError when it is not a whole, unaltered code."""
    letters = re.sub(r"[\s-]", "", text).upper()
    if not letters.startswith(PREFIX):
        raise ValueError("not a recovery code")
    letters = letters[len(PREFIX) :]
    try:
        body = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError:
        raise ValueError("the code holds a character that is not in it") from None
    payload, check = body[:-_CHECK], body[-_CHECK:]
    if len(payload) < 16 or hashlib.sha256(payload).digest()[:_CHECK] != check:
        raise ValueError("the code is incomplete or mistyped (its checksum does not match)")
    store_id = str(uuid.UUID(bytes=payload[:16]))
    kept: dict[str, bytes] = {}
    at = 16
    while at < len(payload):
        if at + 3 > len(payload) or payload[at] >= len(NAMES):
            raise ValueError("the code is damaged")
        size = int.from_bytes(payload[at + 1 : at + 3], "big")
        kept[NAMES[payload[at]]] = payload[at + 3 : at + 3 + size]
        at += 3 + size
    if at != len(payload):
        raise ValueError("the code is damaged")
    return store_id, kept


def find_code(data: bytes) -> str | None:
    """The recovery code in a file: a recovery sheet's PDF, or text with the code typed in."""
    found = _FOUND.search(data)
    return None if found is None else found.group(0).decode("ascii")
