"""Uploading to the upstream, the one way the window and `spo-counter sync` both do it.

One run: the records waiting (in batches, retried), then, once none is left waiting, the
confirmation of every closed day the upstream has not confirmed yet (the day's manifest), then
the upstream's reference data. A failure of the reference pull never undoes or hides the upload:
it is reported beside it. The running counter takes a new reference set in force at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

import httpx

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.reference_sets import reference_in_force
from desktop.services.agents import keep_register
from desktop.services.day_upload import (
    DayConfirmation,
    awaiting_confirmation,
    confirm_closed_days,
    not_confirmed,
)
from desktop.settings import upstream_setting
from desktop.sync.agents_pull import fetch_agents
from desktop.sync.claim_status import claims_on_their_way, pull_claim_changes
from desktop.sync.client import RetryPolicy, SyncReport, pending_counts, resolve_sleep, sync
from desktop.sync.connection import open_client
from desktop.sync.outbox import requeue_quarantined
from desktop.sync.reference_pull import pull_reference
from desktop.upstream_tls import check_upstream_url

if TYPE_CHECKING:
    from desktop.services.benefit_payout import ResumedPayouts

__all__ = [
    "DayConfirmation",
    "Endpoint",
    "Link",
    "RetryPolicy",
    "SyncReport",
    "Transport",
    "Upload",
    "UploadOutcome",
]

Transport = httpx.BaseTransport  # what a test puts between the upload and the network

# In a teller's words: a supervisor fills these in Settings (the bank's IT may instead set
# SPO_UPSTREAM_URL and SPO_UPSTREAM_TOKEN, as docs/installing.md says).
_NO_ADDRESS: Final = (
    "Alamat server pusat belum diatur: minta supervisor mengisinya di Pengaturan, lalu coba "
    "lagi. Data tetap aman di loket.",
    "No upstream address is set: ask a supervisor to fill it in Settings, then try again. "
    "The data is safe at the counter.",
)
_NO_TOKEN: Final = (
    "Token loket belum diisi: minta supervisor mengisinya di Pengaturan.",
    "No counter token yet: ask a supervisor to fill it in Settings.",
)
_NOT_SET_UP: Final = frozenset({"upstream", "token"})  # the fields of the two refusals above


@dataclass(frozen=True)
class Upload:
    """What one upload run does.

    `upstream_url` overrides the address of the environment and Settings (the token and the CA
    file still come from there); it obeys the same transport rule. A timed upload
    (`only_if_waiting`) does nothing when no record and no closed day waits, or when no address
    or token is set, and leaves out the days in `skip_days`: those the upstream answered with
    something a retry cannot mend, tried again only when the teller asks.
    """

    upstream_url: str | None = None
    requeue_quarantined: bool = False
    only_if_waiting: bool = False
    skip_days: frozenset[str] = frozenset()
    pull_reference: bool = True


@dataclass(frozen=True)
class Link:
    """How the upload talks to the upstream: batch size, retries, and (tests) its transport."""

    batch_size: int = 200
    policy: RetryPolicy | None = None
    transport: Transport | None = None
    sleep: Callable[[float], None] | None = None  # None: time.sleep, looked up at the call
    rng: random.Random | None = None


@dataclass(frozen=True)
class UploadOutcome:
    """What a run came to; `ran` is False when a timed upload found nothing waiting."""

    report: SyncReport = field(default_factory=SyncReport)
    days: tuple[DayConfirmation, ...] = ()
    reference_version: str | None = None
    reference_problem: DomainError | None = None
    ran: bool = True
    problem: DomainError | None = None  # why the upstream could not take the records
    claim_changes: int = 0  # what became of the claims handed over here: changes learned
    claims_problem: DomainError | None = None  # why they could not be learned this time
    agents_listed: int | None = None  # the register of Perisai agents, fetched with the reference
    agents_problem: DomainError | None = None  # why it could not be fetched this time
    # Benefit payouts cut off earlier (a crash, a lost answer), finished before the records went
    # up (desktop/services/benefit_payout.py resume_payouts); None when none was open.
    payouts: ResumedPayouts | None = None

    @property
    def complete(self) -> bool:
        """Nothing left waiting, and every closed day tried is confirmed."""
        return (
            self.problem is None
            and not self.report.pending
            and all(day.confirmed for day in self.days)
        )


def upload(
    counter: Counter,
    command: Upload,
    link: Link | None = None,
    *,
    progress: Callable[[SyncReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    began: Callable[[], None] | None = None,
) -> UploadOutcome:
    """Upload what waits, confirm the closed days, pull the reference data (see the module).

    `progress` hears the report after each batch; `cancelled` is asked before each batch and
    before the days (a cancelled run confirms no day); `began` is called once a timed upload has
    found something to send. Raises DomainError when the upstream is not set up. When it cannot
    be reached or refuses the counter, `problem` says so, and the oldest closed day awaiting its
    confirmation is reported unconfirmed for that reason: nothing committed is lost, the next
    run goes on.
    """
    link = link or Link()
    try:
        endpoint = upstream_address(counter, command.upstream_url)
    except DomainError as error:
        if not command.only_if_waiting:
            raise
        if error.field in _NOT_SET_UP or not _waiting(counter, command.skip_days):
            return UploadOutcome(ran=False)  # nowhere to upload to yet: nothing to say each tick
        # Set up, but refused (an http:// address beyond this PC, a CA file gone): said at
        # every tick, like an upstream that cannot be reached, until bank IT mends it.
        if began is not None:
            began()
        return _records_failed(counter, command, error)
    if command.only_if_waiting and not _waiting(counter, command.skip_days):
        return UploadOutcome(ran=False)
    if began is not None:
        began()
    payouts = _resume_payouts(counter, endpoint)
    if command.requeue_quarantined:
        requeue_quarantined(counter)
    try:
        report = sync(
            counter,
            endpoint.url,
            endpoint.token,
            batch_size=link.batch_size,
            policy=link.policy,
            sleep=link.sleep,
            rng=link.rng,
            transport=link.transport,
            progress=progress,
            cancelled=cancelled,
            ca_bundle=endpoint.ca_bundle,
        )
    except DomainError as error:
        if error.field == "upstream":  # not reached: the counter knows it is offline
            counter.upstream_link.lost(error.message_id, error.message_en)
        return replace(_records_failed(counter, command, error), payouts=payouts)
    counter.upstream_link.answered()  # it took the records: online, whatever an inquiry saw
    days: list[DayConfirmation] = []
    if not report.pending and not (cancelled and cancelled()):
        days = confirm_closed_days(
            counter,
            endpoint.url,
            endpoint.token,
            skip=command.skip_days,
            policy=link.policy,
            sleep=link.sleep,
            rng=link.rng,
            transport=link.transport,
            ca_bundle=endpoint.ca_bundle,
        )
    version, problem = (
        _pull_reference(counter, endpoint, link) if command.pull_reference else (None, None)
    )
    agents_listed, agents_problem = (
        _pull_agents(counter, endpoint, link) if command.pull_reference else (None, None)
    )
    learned, claims_problem = (
        (0, None) if cancelled and cancelled() else _pull_claims(counter, endpoint, link)
    )
    return UploadOutcome(
        report,
        tuple(days),
        version,
        problem,
        claim_changes=learned,
        claims_problem=claims_problem,
        agents_listed=agents_listed,
        agents_problem=agents_problem,
        payouts=payouts,
    )


def _resume_payouts(counter: Counter, endpoint: Endpoint) -> ResumedPayouts | None:
    """A payout cut off earlier is confirmed (its payment's record then goes up with this run)
    or released, through the one resume_payouts the window's start and the commands use."""
    # Imported here: the payout service takes its upstream address from this module.
    from desktop.services.benefit_payout import PayoutEndpoint, open_payouts, resume_payouts

    if not open_payouts(counter):
        return None
    return resume_payouts(
        counter, endpoint=PayoutEndpoint(endpoint.url, endpoint.token, endpoint.ca_bundle)
    )


def _pull_claims(
    counter: Counter, endpoint: Endpoint, link: Link
) -> tuple[int, DomainError | None]:
    """The changes of the claims handed over here, while one waits for its decision or its
    payment; a failure is told, never raised (the records went up all the same)."""
    if not claims_on_their_way(counter):
        return 0, None
    policy = link.policy or RetryPolicy()
    try:
        with open_client(
            endpoint.url,
            endpoint.token,
            timeout=policy.timeout,
            transport=link.transport,
            ca_bundle=endpoint.ca_bundle,
        ) as client:
            learned = pull_claim_changes(
                counter,
                client,
                policy=policy,
                sleep=resolve_sleep(link.sleep),
                rng=link.rng or random.Random(),  # noqa: S311 - jitter, not a secret
            )
    except DomainError as error:
        return 0, error
    return learned, None


@dataclass(frozen=True)
class Endpoint:
    """Where a run sends the records: the address, the counter's token, bank IT's CA file."""

    url: str
    token: str
    ca_bundle: Path | None = None


def upstream_address(counter: Counter, url: str | None = None) -> Endpoint:
    """The upstream's address (`url`, else SPO_UPSTREAM_URL, else Settings), the counter's token
    (SPO_UPSTREAM_TOKEN, else Settings) and CA file (SPO_UPSTREAM_CA, else Settings).

    Refused, naming the field, when the address or the token is missing, and when the address
    (wherever it came from) breaks the transport rule or the CA file cannot be used: never
    replaced by another one (desktop/upstream_tls.py).
    """
    setting = upstream_setting(counter.store.data_dir)
    if url:
        address = check_upstream_url(url.strip(), "upstream")
    elif setting.url_problem is not None:
        raise setting.url_problem
    else:
        address = setting.url
    if not address:
        raise DomainError("upstream", *_NO_ADDRESS)
    if not setting.token:
        raise DomainError("token", *_NO_TOKEN)
    if setting.ca_problem is not None:
        raise setting.ca_problem
    return Endpoint(address, setting.token, Path(setting.ca) if setting.ca else None)


def _records_failed(counter: Counter, command: Upload, error: DomainError) -> UploadOutcome:
    """The upstream could not take the records: so no day is confirmed either; the oldest one
    waiting is reported for the same reason (as its own upload would have stopped)."""
    pending, quarantined = pending_counts(counter)
    report = SyncReport(pending=pending, quarantined_total=quarantined)
    waiting = [d for d in awaiting_confirmation(counter) if d.report_no not in command.skip_days]
    days = (not_confirmed(waiting[0], error),) if waiting else ()
    return UploadOutcome(report, days, problem=error)


def _waiting(counter: Counter, skip_days: frozenset[str]) -> bool:
    from desktop.services.benefit_payout import open_payouts  # see _resume_payouts

    if pending_counts(counter)[0] or open_payouts(counter):
        return True
    return any(day.report_no not in skip_days for day in awaiting_confirmation(counter))


def _pull_reference(
    counter: Counter, endpoint: Endpoint, link: Link
) -> tuple[str | None, DomainError | None]:
    """The upstream's reference set, kept and put in force; a failure is told, never raised."""
    timeout = (link.policy or RetryPolicy()).timeout
    try:
        document = pull_reference(
            counter.store.data_dir,
            endpoint.url,
            endpoint.token,
            transport=link.transport,
            timeout=timeout,
            ca_bundle=endpoint.ca_bundle,
        )
    except DomainError as error:
        return None, error
    counter.reference = reference_in_force(counter.store.data_dir, counter.business_date())
    return document.version, None


def _pull_agents(
    counter: Counter, endpoint: Endpoint, link: Link
) -> tuple[int | None, DomainError | None]:
    """The upstream's register of Perisai agents, kept whole; a failure is told, never raised."""
    timeout = (link.policy or RetryPolicy()).timeout
    try:
        register = fetch_agents(
            endpoint.url,
            endpoint.token,
            transport=link.transport,
            timeout=timeout,
            ca_bundle=endpoint.ca_bundle,
        )
    except DomainError as error:
        return None, error
    return keep_register(counter, register, counter.now()), None
