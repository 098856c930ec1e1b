"""The OpenAPI document of the upload contract, as written for the upstream team."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.sync.contract import (
    AGENTS_PATH,
    CLAIM_LOOKUP_PATH,
    INQUIRY_PATH,
    REFERENCE_PATH,
    batches_path,
    claim_decision_path,
    claims_path,
    manifest_path,
    payout_path,
    recovery_path,
    statement_path,
)
from desktop.sync.sandbox.openapi import openapi_text, write_openapi

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "sync-openapi.json"


def test_the_document_is_written_with_every_endpoint_and_model(tmp_path: Path) -> None:
    target = tmp_path / "out" / "sync-openapi.json"
    write_openapi(target)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert set(document["paths"]) == {
        batches_path("{counter_code}"),
        statement_path("{counter_code}"),
        manifest_path("{counter_code}", "{business_date}"),
        recovery_path("{counter_code}"),
        REFERENCE_PATH,
        INQUIRY_PATH,
        AGENTS_PATH,
        claims_path("{counter_code}"),
        claim_decision_path("{claim_id}"),
        CLAIM_LOOKUP_PATH,
        payout_path("{claim_id}", "reserve"),
        payout_path("{claim_id}", "confirm"),
        payout_path("{claim_id}", "release"),
    }
    schemas = document["components"]["schemas"]
    for model in (
        "UploadBatch",
        "UploadRecord",
        "AuditEvent",
        "BatchResult",
        "ErrorBody",
        "Recovery",
        "RecoveredRecord",
        "AgentRegister",
    ):
        assert model in schemas
    for model in ("Inquiry", "InquiryParticipant", "InquiryBill", "InquiryQuote"):
        assert model in schemas
    inquiry = document["paths"][INQUIRY_PATH]["get"]
    assert {p["name"] for p in inquiry["parameters"]} == {"nik", "kpj", "payment_code"}
    assert {"400", "401", "404"} <= set(inquiry["responses"])
    upload = document["paths"][batches_path("{counter_code}")]["post"]
    key = next(p for p in upload["parameters"] if p["name"] == "Idempotency-Key")
    assert key["in"] == "header"
    assert key["required"] is True
    assert {"400", "401", "403", "409", "422"} <= set(upload["responses"])
    recovery = document["paths"][recovery_path("{counter_code}")]["get"]
    assert {p["name"] for p in recovery["parameters"]} == {
        "counter_code",
        "after_event",
        "after_seq",
    }
    assert {"401", "403", "413"} <= set(recovery["responses"])
    lookup = document["paths"][CLAIM_LOOKUP_PATH]["get"]
    assert {p["name"] for p in lookup["parameters"]} == {"receipt_no", "nik"}
    assert {"ClaimLookup", "HeldClaim"} <= set(document["components"]["schemas"])
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for model in ("ClaimChanges", "ClaimChange", "ClaimDecision", "ClaimState"):
        assert model in schemas
    changes = document["paths"][claims_path("{counter_code}")]["get"]
    assert {p["name"] for p in changes["parameters"]} == {"counter_code", "after"}
    decision = document["paths"][claim_decision_path("{claim_id}")]["post"]
    # The admin endpoint takes the admin token, a scheme of its own, never a counter's.
    assert decision["security"] == [{"AdminToken": []}]
    assert {"401", "403", "404", "409"} <= set(decision["responses"])
    assert [p.name for p in target.parent.iterdir()] == ["sync-openapi.json"]  # no temp file left


def test_the_committed_document_is_current() -> None:
    """Fails after any contract change until the document is written again:
    .venv/bin/python -m desktop.sync.sandbox.openapi docs/sync-openapi.json
    """
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text()
