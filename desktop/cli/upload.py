"""`sync` and `reconcile`: the upload to the upstream, and a day compared with what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.upload import DayConfirmation

EXIT_QUARANTINED = 3  # sync: everything answered, but the upstream refused some records

UPSTREAM_HELP = "upstream address (default: $SPO_UPSTREAM_URL, else Settings)"


def register(commands: Commands) -> None:
    p = commands.add(
        "sync",
        run_sync,
        "upload what is waiting, then confirm closed days with the upstream "
        "(token: SPO_UPSTREAM_TOKEN or Settings)",
    )
    p.add_argument("--upstream", help=UPSTREAM_HELP)
    p.add_argument(
        "--requeue-quarantined",
        action="store_true",
        help="send again the records the upstream refused before",
    )
    p.add_argument("--json", action="store_true")

    p = commands.add(
        "reconcile", run_reconcile, "compare a business day with the upstream's statement"
    )
    p.add_argument("--upstream", help=UPSTREAM_HELP)
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")


def run_sync(ctx: Context) -> int:
    """Upload the waiting records, confirm the closed days, pull the reference data."""
    from desktop.cli.payouts import tell_resumed
    from desktop.services.upload import Upload, upload

    # A payout cut off earlier is finished by the upload itself, before its record goes up.
    outcome = upload(
        ctx.counter,
        Upload(
            upstream_url=ctx.args.upstream,
            requeue_quarantined=ctx.args.requeue_quarantined,
        ),
    )
    if outcome.payouts is not None:
        tell_resumed(ctx, outcome.payouts)
    if outcome.problem is not None:  # nothing was lost; the next sync goes on
        raise outcome.problem
    report = outcome.report
    if outcome.reference_problem is not None:
        problem = outcome.reference_problem
        ctx.warn("reference", problem.message("id"), problem.message("en"))
    if outcome.claims_problem is not None:
        problem = outcome.claims_problem
        ctx.warn("claims", problem.message("id"), problem.message("en"))
    if outcome.agents_problem is not None:
        problem = outcome.agents_problem
        ctx.warn("agents", problem.message("id"), problem.message("en"))
    if ctx.args.json:
        ctx.emit(
            {
                "sent": report.sent,
                "duplicates": report.duplicates,
                "quarantined": report.quarantined,
                "kpj_assigned": report.kpj_assigned,
                "batches": report.batches,
                "retries": report.retries,
                "pending": report.pending,
                "quarantined_total": report.quarantined_total,
                "reference_version": outcome.reference_version,
                "claim_changes": outcome.claim_changes,
                "payouts_confirmed": list(outcome.payouts.confirmed) if outcome.payouts else [],
                "payouts_released": list(outcome.payouts.released) if outcome.payouts else [],
                "agents_listed": outcome.agents_listed,
                "days": [_day_json(day, ctx.lang) for day in outcome.days],
            }
        )
    else:
        refused = len(report.quarantined)
        ctx.say(
            f"Terkirim {report.sent}, sudah ada {report.duplicates}, ditolak {refused} "
            f"({report.batches} kiriman). Menunggu: {report.pending}, "
            f"dikarantina: {report.quarantined_total}.",
            f"Sent {report.sent}, already there {report.duplicates}, refused {refused} "
            f"({report.batches} batches). Waiting: {report.pending}, "
            f"quarantined: {report.quarantined_total}.",
        )
        for receipt in report.quarantined:
            ctx.say(f"  DITOLAK server pusat: {receipt}", f"  REFUSED by the upstream: {receipt}")
        if outcome.claim_changes:
            ctx.say(
                f"Status klaim diperbarui: {outcome.claim_changes} perubahan "
                "(lihat: spo-counter claims).",
                f"Claim statuses updated: {outcome.claim_changes} "
                f"change{'s' if outcome.claim_changes != 1 else ''} (see: spo-counter claims).",
            )
        for day in outcome.days:
            ctx.say(
                f"Tutup hari {day.report_no}: {day.message('id')}",
                f"Day close {day.report_no}: {day.message('en')}",
            )
        if outcome.agents_listed == 0:
            ctx.say(
                "Server pusat tidak mengirim daftar agen Perisai: daftar di loket tetap.",
                "The upstream sent no register of Perisai agents: the counter's stays as it was.",
            )
        elif outcome.agents_listed is not None:
            ctx.say(
                f"Daftar agen Perisai diperbarui: {outcome.agents_listed} agen.",
                f"Register of Perisai agents updated: {outcome.agents_listed} agents.",
            )
    if not outcome.complete:
        return EXIT_REFUSED
    return EXIT_QUARANTINED if report.quarantined_total else EXIT_OK


def _day_json(day: DayConfirmation, lang: str) -> dict[str, object]:
    return {
        "business_date": day.business_date.isoformat(),
        "report_no": day.report_no,
        "confirmed": day.confirmed,
        "confirmed_at": day.confirmed_at.isoformat() if day.confirmed_at else None,
        "problem": day.result.problem,
        "retryable": day.retryable,
        "message": day.message(lang),
    }


def run_reconcile(ctx: Context) -> int:
    from desktop.services.reconcile import ReconcileDay, reconcile_day

    result = reconcile_day(ctx.counter, ReconcileDay(ctx.day(), ctx.args.upstream))
    found, day = result.differences, result.business_date
    if ctx.args.json:
        ctx.emit(
            {
                "business_date": day.isoformat(),
                "agree": not found,
                "differences": [
                    {
                        "receipt_no": d.receipt_no,
                        "id": d.id,
                        "problem": d.problem,
                        "detail": d.detail,
                    }
                    for d in found
                ],
            }
        )
    elif not found:
        ctx.say(
            f"Cocok: loket dan server pusat sama untuk {day:%d/%m/%Y}.",
            f"Agreed: the counter and the upstream hold the same for {day:%d/%m/%Y}.",
        )
    else:
        for d in found:
            print(f"{d.receipt_no}  {d.problem}  {d.detail}")
        ctx.say(
            f"{len(found)} perbedaan untuk {day:%d/%m/%Y}.",
            f"{counted(len(found), 'difference')} for {day:%d/%m/%Y}.",
        )
    return EXIT_OK if not found else EXIT_REFUSED
