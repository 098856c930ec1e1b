"""The signed text in a receipt's QR code: how the BPJS branch tells a genuine receipt from a fake.

Text: ``SPO1|<receipt no>|<counter code>|<amount>|<local issue time>|<signature>``; the signature is
HMAC-SHA256 over everything before it with the counter's secret key, truncated to 128 bits (32 hex
digits). The key never leaves the counter except to the upstream.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

VERSION = "SPO1"
SIGNATURE_HEX = 32
_FIELDS = 6


@dataclass(frozen=True)
class SignedFacts:
    receipt_no: str
    counter_code: str
    amount: int
    issued_at: str  # ISO-8601 local time with offset, seconds precision


def _signature(secret: str, body: str) -> str:
    mac = hmac.new(bytes.fromhex(secret), body.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:SIGNATURE_HEX]


def sign(secret: str, facts: SignedFacts) -> str:
    body = "|".join(
        (VERSION, facts.receipt_no, facts.counter_code, str(facts.amount), facts.issued_at)
    )
    return f"{body}|{_signature(secret, body)}"


def parse(text: str) -> tuple[SignedFacts, str, str] | None:
    """The facts, the signed body and the signature a QR text carries; None if it is not ours."""
    parts = text.strip().split("|")
    if len(parts) != _FIELDS or parts[0] != VERSION:
        return None
    _, receipt_no, counter_code, amount, issued_at, signature = parts
    if not (amount.isascii() and amount.isdigit() and len(amount) <= 15):
        return None
    body = "|".join(parts[:-1])
    return SignedFacts(receipt_no, counter_code, int(amount), issued_at), body, signature


def signature_valid(secret: str, body: str, signature: str) -> bool:
    return hmac.compare_digest(_signature(secret, body), signature.lower())
