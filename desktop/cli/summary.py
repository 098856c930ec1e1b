"""`summary`: the supervisor's figures at a glance (the window's Ringkasan page, F10), as text or
JSON (PIN from SPO_SUPERVISOR_PIN or a hidden prompt)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.summary import Figure, Period, Summary

PIN_VARIABLE = "SPO_SUPERVISOR_PIN"

# id, en
LABELS = {
    "registration": ("Pendaftaran BPU", "BPU registrations"),
    "contribution_bpu": ("Iuran BPU", "BPU contributions"),
    "contribution_pu": ("Iuran PU", "PU contributions"),
    "claim_handover": ("Berkas klaim JHT", "JHT claim handovers"),
    "void": ("Pembatalan", "Voids"),
    "refund": ("Pengembalian iuran", "Refunds"),
    "benefit_payment": ("Pembayaran jaminan JHT", "JHT benefit payments"),
    "cash": ("Tunai", "Cash"),
    "debit": ("Debit rekening", "Account debit"),
}


def register(commands: Commands) -> None:
    p = commands.add(
        "summary",
        run_summary,
        "today's and this month's figures by kind, program, tender and teller, the last 30 "
        f"days, agents and the upload backlog (a supervisor; PIN from {PIN_VARIABLE})",
    )
    p.add_argument("--by", required=True, help="id of the supervisor who asks")
    p.add_argument("--json", action="store_true")


def run_summary(ctx: Context) -> int:
    from desktop.services.summary import counter_summary

    supervisor = ctx.login(ctx.args.by, PIN_VARIABLE)
    summary = counter_summary(ctx.counter, supervisor)
    if ctx.args.json:
        ctx.emit(as_json(summary))
    else:
        _say(ctx, summary)
    return EXIT_OK


def _figure(f: Figure) -> dict[str, Any]:
    return {
        "key": f.key,
        "label": f.label,
        "count": f.count,
        "amount": f.amount,
        "voided_count": f.voided_count,
        "voided_amount": f.voided_amount,
        "paid_out_count": f.paid_out_count,
        "paid_out_amount": f.paid_out_amount,
        "net": f.net,
    }


def _period(p: Period) -> dict[str, Any]:
    return {
        "first": p.first.isoformat(),
        "last": p.last.isoformat(),
        "transactions": p.transactions,
        "net": p.net,
        "kinds": [_figure(f) for f in p.kinds],
        "programs": [_figure(f) for f in p.programs],
        "tenders": [_figure(f) for f in p.tenders],
        "tellers": [_figure(f) for f in p.tellers],
    }


def as_json(s: Summary) -> dict[str, Any]:
    return {
        "at": s.at.isoformat(),
        "today": _period(s.today),
        "month": _period(s.month),
        "days": [
            {"date": d.day.isoformat(), "transactions": d.transactions, "net": d.net}
            for d in s.days
        ],
        "agents": [
            {
                "agent_code": a.code,
                "name": a.name,
                "institution": a.institution,
                "registrations": a.registrations,
                "payments": a.payments,
                "collected": a.collected,
            }
            for a in s.agents
        ],
        "upload_backlog": {
            "pending": s.backlog.pending,
            "quarantined": s.backlog.quarantined,
            "quarantined_refunded": s.backlog.refunded,
            "oldest_receipt": s.backlog.oldest_receipt,
            "oldest_at": s.backlog.oldest_at.isoformat() if s.backlog.oldest_at else None,
        },
    }


def _say(ctx: Context, s: Summary) -> None:
    from desktop.domain.money import format_rupiah, group_thousands

    def label(f: Figure) -> str:
        pair = LABELS.get(f.key)
        return ctx.text(*pair) if pair else f.label

    def lines(title: str, figures: tuple[Figure, ...]) -> None:
        print(f"  {title}")
        for f in figures:
            extra = ""
            if f.voided_count:
                extra += ctx.text(
                    f"  (batal {f.voided_count}: {format_rupiah(f.voided_amount)})",
                    f"  (voided {f.voided_count}: {format_rupiah(f.voided_amount)})",
                )
            if f.paid_out_amount:
                extra += ctx.text(
                    f"  (keluar {format_rupiah(f.paid_out_amount)})",
                    f"  (paid out {format_rupiah(f.paid_out_amount)})",
                )
            count = group_thousands(f.count)
            print(f"    {label(f):<28}{count:>9}  {format_rupiah(f.net):>16}{extra}")

    for title, period in (
        (ctx.text("Hari ini", "Today"), s.today),
        (ctx.text("Bulan ini", "This month"), s.month),
    ):
        span = f"{period.first:%d/%m/%Y}"
        if period.last != period.first:
            span += f" - {period.last:%d/%m/%Y}"
        count = group_thousands(period.transactions)
        ctx.say(
            f"{title} ({span}): {count} transaksi, bersih {format_rupiah(period.net)}",
            f"{title} ({span}): {count} transactions, net {format_rupiah(period.net)}",
        )
        lines(ctx.text("Jenis", "Kind"), period.kinds)
        lines(ctx.text("Program", "Program"), period.programs)
        lines(ctx.text("Cara bayar", "Tender"), period.tenders)
        lines(ctx.text("Teller", "Teller"), period.tellers)
    ctx.say("30 hari terakhir:", "Last 30 days:")
    for d in s.days:
        if d.transactions:
            count = group_thousands(d.transactions)
            print(f"  {d.day:%d/%m/%Y}  {count:>9}  {format_rupiah(d.net):>16}")
    if s.agents:
        ctx.say("Agen Perisai bulan ini:", "Perisai agents this month:")
        for a in s.agents:
            print("  " + " · ".join(part for part in (a.code, a.name, a.institution) if part))
            ctx.say(
                f"  {'':<16} {a.registrations:>4} peserta baru  {a.payments:>5} iuran  "
                f"{format_rupiah(a.collected):>16}",
                f"  {'':<16} {a.registrations:>4} new participants  {a.payments:>5} "
                f"payments  {format_rupiah(a.collected):>16}",
            )
    b = s.backlog
    oldest = ""
    if b.oldest_at is not None:
        oldest = ctx.text(
            f"; tertua {b.oldest_receipt} ({b.oldest_at:%d/%m/%Y %H:%M})",
            f"; oldest {b.oldest_receipt} ({b.oldest_at:%d/%m/%Y %H:%M})",
        )
    ctx.say(
        f"Belum diunggah: {group_thousands(b.pending)}{oldest}. Ditolak (karantina): "
        f"{group_thousands(b.quarantined)}, {group_thousands(b.refunded)} sudah dikembalikan.",
        f"Not uploaded yet: {group_thousands(b.pending)}{oldest}. Refused (quarantined): "
        f"{group_thousands(b.quarantined)}, {group_thousands(b.refunded)} given back.",
    )
