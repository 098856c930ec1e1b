"""`inquire`: what the upstream knows of a participant (NIK or KPJ) or an employer's bill."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.inquiry import InquiryBill, InquiryParticipant
    from desktop.services.look_up import Coverage


def register(commands: Commands) -> None:
    p = commands.add(
        "inquire",
        run_inquire,
        "ask the upstream who a participant is and what is due (NIK or KPJ), or what an "
        "employer's bill holds (payment code)",
    )
    p.add_argument("query", metavar="NIK|KPJ|PAYMENT_CODE")
    p.add_argument("--upstream", metavar="URL", help="the upstream's address (default: Settings)")
    p.add_argument("--json", action="store_true")


def run_inquire(ctx: Context) -> int:
    from desktop.services.inquiry import Inquire
    from desktop.services.look_up import look_up

    found = look_up(ctx.counter, Inquire(ctx.args.query, upstream_url=ctx.args.upstream))
    answer = found.inquiry
    if ctx.args.json:
        ctx.emit(answer.model_dump(mode="json"))
    elif answer.participant is not None and found.coverage is not None:
        _participant(ctx, answer.participant, found.coverage)
    elif answer.bill is not None:
        _bill(ctx, answer.bill)
    return EXIT_OK


def _month(text: str | None) -> str:
    return "-" if not text else f"{text[5:7]}/{text[:4]}"


def _participant(ctx: Context, person: InquiryParticipant, cover: Coverage) -> None:
    from desktop.domain.money import format_rupiah
    from desktop.domain.nik import mask_identifier

    kpj = mask_identifier(person.kpj) if person.kpj else "-"
    print(f"{person.full_name} (NIK {mask_identifier(person.nik)}, KPJ {kpj})")
    status_id = "aktif" if person.status == "active" else "tidak aktif"
    programs = "+".join(person.programs)
    income = format_rupiah(person.monthly_income)
    ctx.say(
        f"Status: {status_id} · penghasilan {income} · program {programs}"
        f" · sektor {person.sector or '-'}",
        f"Status: {person.status} · income {income} · programs {programs}"
        f" · sector {person.sector or '-'}",
    )
    through, first, last = (
        _month(person.paid_through),
        _month(person.payable_from),
        _month(person.payable_to),
    )
    ctx.say(
        f"Lunas s.d. {through} · dapat dibayar {first} sampai {last}",
        f"Paid through {through} · payable {first} to {last}",
    )
    _coverage(ctx, cover)
    if person.jht_balance is not None:
        balance = format_rupiah(person.jht_balance)
        ctx.say(f"Saldo JHT: {balance}", f"JHT balance: {balance}")
    names = {r.code: (r.name_id, r.name_en) for r in ctx.counter.reference.bpu_reliefs}
    for quote in person.quotes:
        period = f"{_month(quote.period_start)}-{_month(quote.period_end)}"
        line = f"{period}  {format_rupiah(quote.total):>12}"
        reliefs = [
            (*names.get(code, (code, code)), f"-{format_rupiah(amount)}")
            for code, amount in quote.reliefs.items()
        ]
        ctx.say(
            f"  {quote.months:>2} bulan  {line}" + "".join(f" ({n} {a})" for n, _e, a in reliefs),
            f"  {quote.months:>2} months {line}" + "".join(f" ({e} {a})" for _n, e, a in reliefs),
        )


def _coverage(ctx: Context, cover: Coverage) -> None:
    if cover.protected_through is None:
        ctx.say("Perlindungan: belum pernah membayar", "Protection: never paid")
    else:
        through = f"{cover.protected_through:%d/%m/%Y}"
        ctx.say(
            f"Perlindungan: {'s.d.' if cover.protected else 'berakhir'} {through}",
            f"Protection: {'through' if cover.protected else 'ended'} {through}",
        )
    month, due = f"{cover.next_month:%m/%Y}", f"{cover.next_due:%d/%m/%Y}"
    late_id, late_en = (" (lewat)", " (past)") if cover.overdue else ("", "")
    ctx.say(
        f"Iuran berikutnya: {month}, jatuh tempo {due}{late_id}",
        f"Next contribution: {month}, due {due}{late_en}",
    )


def _bill(ctx: Context, bill: InquiryBill) -> None:
    from desktop.domain.money import format_rupiah

    print(f"{bill.employer} (NPP {bill.npp})")
    period = _month(bill.period)
    ctx.say(
        f"Kode iuran {bill.payment_code} · periode {period}",
        f"Payment code {bill.payment_code} · month {period}",
    )
    for program, amount in bill.lines.items():
        print(f"  {program:<4} {format_rupiah(amount):>14}")
    total, due = format_rupiah(bill.total), f"{bill.due_date:%d/%m/%Y}"
    fine = format_rupiah(bill.late_fine)
    ctx.say(
        f"Total {total} · jatuh tempo {due} · denda {fine} ({bill.late_months} bulan)"
        f" · {'sudah dibayar' if bill.paid else 'belum dibayar'}",
        f"Total {total} · due {due} · late fine {fine} ({bill.late_months} months)"
        f" · {'paid' if bill.paid else 'not paid'}",
    )
