"""The counter's side of the upstream's payout hold: reserve, confirm, release (one request each).

No retries here: a payout whose answer was lost is resumed as a whole (the same reservation id
asked again gets the same answer) by desktop/services/benefit_payout.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import httpx
import pydantic

from desktop.sync.connection import certificate_refused, open_client
from desktop.sync.contract import (
    CLAIM_LOOKUP_PATH,
    ClaimLookup,
    ErrorBody,
    HeldClaim,
    PayoutConfirmation,
    PayoutRelease,
    PayoutReservation,
    PayoutState,
    payout_path,
)

PAYOUT_TIMEOUT_S = 10.0
M = TypeVar("M", bound=pydantic.BaseModel)


class PayoutUnreachableError(Exception):
    """No answer from the upstream (network, timeout, not the contract): the outcome is unknown."""

    def __init__(self, why_id: str, why_en: str) -> None:
        super().__init__(why_en)
        self.why_id, self.why_en = why_id, why_en


class PayoutRefusedError(Exception):
    """The upstream answered no (the claim is held elsewhere, paid, not approved, ...)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class PayoutEndpoint:
    url: str
    token: str
    ca_bundle: Path | None = None
    timeout: float = PAYOUT_TIMEOUT_S
    transport: httpx.BaseTransport | None = None


Body = PayoutReservation | PayoutConfirmation | PayoutRelease


def send_payout(
    endpoint: PayoutEndpoint,
    claim_id: str,
    step: Literal["reserve", "confirm", "release"],
    body: Body,
) -> PayoutState:
    """The upstream's answer to one payout step (else PayoutRefusedError, or
    PayoutUnreachableError when the outcome is unknown)."""
    return _ask(
        endpoint,
        PayoutState,
        lambda http: http.post(
            payout_path(claim_id, step),
            content=body.model_dump_json(),
            headers={"Content-Type": "application/json"},
        ),
    )


def look_up_claims(
    endpoint: PayoutEndpoint, *, receipt_no: str | None = None, nik: str | None = None
) -> list[HeldClaim]:
    """The claims the upstream holds under a handover receipt number or a NIK, wherever they
    were handed over (else PayoutRefusedError or PayoutUnreachableError)."""
    params = {"receipt_no": receipt_no} if receipt_no is not None else {"nik": nik or ""}
    found = _ask(endpoint, ClaimLookup, lambda http: http.get(CLAIM_LOOKUP_PATH, params=params))
    return found.claims


def _ask(
    endpoint: PayoutEndpoint, model: type[M], request: Callable[[httpx.Client], httpx.Response]
) -> M:
    try:
        with open_client(
            endpoint.url,
            endpoint.token,
            timeout=endpoint.timeout,
            transport=endpoint.transport,
            ca_bundle=endpoint.ca_bundle,
        ) as http:
            response = request(http)
    except httpx.TimeoutException:
        raise PayoutUnreachableError(
            "tidak menjawab tepat waktu", "did not answer in time"
        ) from None
    except httpx.TransportError as error:
        refused = certificate_refused(error)
        if refused is not None:
            raise PayoutUnreachableError(refused.message_id, refused.message_en) from None
        raise PayoutUnreachableError("tidak dapat dihubungi", "cannot be reached") from None
    if response.status_code == 200:
        try:
            return model.model_validate_json(response.content)
        except pydantic.ValidationError:
            pass
    else:
        try:
            error_body = ErrorBody.model_validate_json(response.content)
        except pydantic.ValidationError:
            pass
        else:
            if response.status_code < 500 and response.status_code != 429:
                raise PayoutRefusedError(response.status_code, error_body.code, error_body.message)
    raise PayoutUnreachableError(
        f"menjawab yang tidak dapat dibaca (HTTP {response.status_code})",
        f"answered what cannot be read (HTTP {response.status_code})",
    )
