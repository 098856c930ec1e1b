"""The upload over https: the sandbox serving TLS with a throwaway CA's certificate, the client
trusting that CA through bank IT's CA setting, and refusing the server when it does not."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.reconcile import ReconcileDay, reconcile_day
from desktop.services.registration import register_participant
from desktop.services.upload import Link, Upload, UploadOutcome, upload
from desktop.settings import PcSettings, save_settings
from desktop.store.schema import outbox, participants
from desktop.sync.client import sync
from desktop.sync.reference_pull import pull_reference
from desktop.sync.sandbox.server import RunningSandbox
from desktop.upstream_tls import trust_context
from tests.helpers import FakeClock, Pki, make_pki
from tests.services.conftest import bpu_payment, registration

TOKEN = "token-bni-0123-01"


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    folder = tmp_path / "pki"
    folder.mkdir()
    return make_pki(folder, "127.0.0.1", "localhost")


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what each test saves in Settings: bank IT's variables of this machine stay out."""
    for name in ("SPO_UPSTREAM_URL", "SPO_UPSTREAM_TOKEN", "SPO_UPSTREAM_CA"):
        monkeypatch.delenv(name, raising=False)


def https_sandbox(tmp_path: Path, pki: Pki) -> RunningSandbox:
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    return RunningSandbox(db, {"BNI-0123-01": TOKEN}, clock=FakeClock(), tls=(pki.cert, pki.key))


@pytest.fixture
def sandbox(tmp_path: Path, pki: Pki) -> Iterator[RunningSandbox]:
    with https_sandbox(tmp_path, pki) as running:
        yield running


@pytest.fixture
def captured(counter: Counter, teller: User) -> Counter:
    """A registration and its first contribution, waiting for upload."""
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    return counter


def never_sleep(seconds: float) -> None:
    pytest.fail(f"a certificate refusal is not retried (asked to wait {seconds} s)")


def run_upload(counter: Counter, url: str, ca: Path | None) -> UploadOutcome:
    save_settings(
        counter.store.data_dir,
        PcSettings(upstream_url=url, upstream_token=TOKEN, upstream_ca=str(ca) if ca else ""),
    )
    return upload(counter, Upload(), Link(sleep=never_sleep))


def statuses(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.scalars(sa.select(outbox.c.status).order_by(outbox.c.seq)))


def kpj(counter: Counter) -> str | None:
    with counter.store.read() as connection:
        value: str | None = connection.execute(sa.select(participants.c.kpj)).scalar_one()
    return value


def test_the_client_uploads_over_https_trusting_the_banks_ca(
    captured: Counter, sandbox: RunningSandbox, pki: Pki
) -> None:
    assert sandbox.url.startswith("https://127.0.0.1:")
    outcome = run_upload(captured, sandbox.url, pki.ca)
    assert outcome.problem is None
    assert outcome.complete
    report = outcome.report
    assert (report.sent, report.duplicates, report.pending, report.kpj_assigned) == (2, 0, 0, 1)
    assert statuses(captured) == ["sent", "sent"]
    number = kpj(captured)
    assert number is not None
    assert len(number) == 11
    assert outcome.reference_version is not None  # the reference pull went over https as well
    agreed = reconcile_day(captured, ReconcileDay())
    assert agreed.agree


def test_without_the_ca_the_server_is_refused_at_once_and_nothing_is_sent(
    captured: Counter, sandbox: RunningSandbox, pki: Pki
) -> None:
    outcome = run_upload(captured, sandbox.url, None)
    assert outcome.problem is not None
    assert outcome.problem.field == "upstream"
    assert outcome.problem.message("en").startswith(
        "The upstream's certificate is not trusted (unable to get local issuer certificate); "
        "nothing was sent"
    )
    assert "SPO_UPSTREAM_CA" in outcome.problem.message("en")
    assert outcome.problem.message("id").startswith("Sertifikat server pusat tidak dipercaya")
    assert not outcome.complete
    assert outcome.report.pending == 2
    assert statuses(captured) == ["pending", "pending"]
    assert kpj(captured) is None
    # The upstream never got them: trusting the CA now, both go as new records, not duplicates.
    again = run_upload(captured, sandbox.url, pki.ca)
    assert (again.report.sent, again.report.duplicates) == (2, 0)


def test_a_certificate_for_another_name_is_refused(
    captured: Counter, tmp_path: Path, pki: Pki
) -> None:
    """The bank's CA signed it, but for localhost alone: 127.0.0.1 is not the name it carries."""
    other = tmp_path / "other"
    other.mkdir()
    localhost_only = make_pki(other, "localhost")
    with https_sandbox(tmp_path, localhost_only) as running:
        outcome = run_upload(captured, running.url, localhost_only.ca)
    assert outcome.problem is not None
    assert "IP address mismatch" in outcome.problem.message("en")
    assert statuses(captured) == ["pending", "pending"]


def test_the_statement_and_the_reference_pull_refuse_it_too(
    captured: Counter, sandbox: RunningSandbox
) -> None:
    save_settings(
        captured.store.data_dir, PcSettings(upstream_url=sandbox.url, upstream_token=TOKEN)
    )
    with pytest.raises(DomainError) as caught:
        reconcile_day(captured, ReconcileDay())
    assert "certificate is not trusted" in caught.value.message("en")
    with pytest.raises(DomainError) as caught:
        pull_reference(captured.store.data_dir, sandbox.url, TOKEN)
    assert "certificate is not trusted" in caught.value.message("en")
    assert not (captured.store.data_dir / "reference").exists()


def test_a_plain_http_address_beyond_this_pc_never_leaves_the_client(captured: Counter) -> None:
    """Below the settings, too: whatever calls the client with such an address sends nothing."""
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500)

    with pytest.raises(DomainError) as caught:
        sync(captured, "http://10.0.0.5:8080", TOKEN, transport=httpx.MockTransport(record))
    assert caught.value.field == "upstream"
    assert caught.value.message("en").startswith(
        "The --upstream address uses http:// to 10.0.0.5: beyond this PC only https://"
    )
    assert seen == []
    assert statuses(captured) == ["pending", "pending"]


def test_bank_its_http_address_is_refused_not_replaced_by_the_saved_one(
    captured: Counter, sandbox: RunningSandbox, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings point at a good upstream; bank IT's variable breaks the rule: the upload refuses
    it, naming the variable, rather than go quietly to the saved address."""
    save_settings(
        captured.store.data_dir,
        PcSettings(upstream_url=sandbox.url, upstream_token=TOKEN, upstream_ca=str(pki.ca)),
    )
    monkeypatch.setenv("SPO_UPSTREAM_URL", "http://spo.bni.co.id")
    with pytest.raises(DomainError) as caught:
        upload(captured, Upload(), Link(sleep=never_sleep))
    assert caught.value.field == "SPO_UPSTREAM_URL"
    assert caught.value.message("id").startswith(
        "SPO_UPSTREAM_URL (dari IT bank) memakai http:// ke spo.bni.co.id: ke luar komputer ini"
    )
    # The window's timed upload says it too, instead of staying silent as when nothing is set.
    timed = upload(captured, Upload(only_if_waiting=True), Link(sleep=never_sleep))
    assert timed.ran
    assert timed.problem is not None
    assert timed.problem.field == "SPO_UPSTREAM_URL"
    assert statuses(captured) == ["pending", "pending"]


def test_bank_its_ca_file_gone_is_refused_naming_the_variable(
    captured: Counter, sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_settings(
        captured.store.data_dir, PcSettings(upstream_url=sandbox.url, upstream_token=TOKEN)
    )
    monkeypatch.setenv("SPO_UPSTREAM_CA", str(tmp_path / "gone.pem"))
    with pytest.raises(DomainError) as caught:
        upload(captured, Upload(), Link(sleep=never_sleep))
    assert caught.value.field == "SPO_UPSTREAM_CA"
    assert caught.value.message("en") == (
        f"SPO_UPSTREAM_CA (set by the bank's IT) {tmp_path / 'gone.pem'} not found: "
        "it must be a PEM file of CA certificates."
    )
    assert statuses(captured) == ["pending", "pending"]


def test_the_trust_context_is_made_once_per_ca_file_and_version(tmp_path: Path) -> None:
    pki = make_pki(tmp_path, "127.0.0.1")
    assert trust_context(None) is trust_context(None)
    first = trust_context(pki.ca)
    assert trust_context(pki.ca) is first
    assert first is not trust_context(None)
    # Bank IT replaces the CA file: the next client trusts the new one.
    then = pki.ca.stat().st_mtime_ns
    os.utime(pki.ca, ns=(then + 10**9, then + 10**9))
    assert trust_context(pki.ca) is not first
    pki.ca.unlink()
    with pytest.raises(DomainError):
        trust_context(pki.ca)  # refused every time, never served from before
