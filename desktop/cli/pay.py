"""`pay`: one BPU contribution by NIK or KPJ; offline, for a NIK nobody can verify, with the
teller's confirmation of who pays (`--name`, `--birth-date`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.capture import Captured
    from desktop.services.payer import Payer


def register(commands: Commands) -> None:
    p = commands.add(
        "pay",
        run_pay,
        "take a BPU contribution by NIK or KPJ (the receipt: `receipt save NUMBER`); with "
        "--name and --birth-date, offline, for a NIK neither registered here nor known: it "
        "awaits the upstream's verification",
    )
    p.add_argument("participant", metavar="NIK|KPJ")
    p.add_argument("--months", required=True, choices=("1", "3", "6", "12"))
    p.add_argument("--period-start", required=True, metavar="YYYY-MM", help="the first month")
    p.add_argument(
        "--income", default="", help="declared monthly income tier (default: the registration's)"
    )
    p.add_argument("--programs", default="", help="e.g. JKK+JKM+JHT (default: the registration's)")
    p.add_argument("--cash-given", type=int, help="cash handed over, for the change")
    p.add_argument("--debit", metavar="ACCOUNT", help="debit this account instead of cash")
    p.add_argument(
        "--debit-reference",
        metavar="REF",
        default="",
        help="with --debit: the bank's reference of the debit (EDC slip or core-banking debit)",
    )
    p.add_argument("--name", help="offline, unknown NIK: the participant's name, as confirmed")
    p.add_argument(
        "--birth-date", help="offline, unknown NIK: the birth date, as confirmed (DD/MM/YYYY)"
    )
    p.add_argument(
        "--agent",
        default="",
        metavar="CODE",
        help="the Perisai agent who brought the payment (from the register: agents list)",
    )
    p.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
    p.add_argument("--json", action="store_true")


def run_pay(ctx: Context) -> int:
    from desktop.errors import DomainError
    from desktop.services.contributions import PayBpuContribution, pay_bpu
    from desktop.services.unverified import PayUnverifiedBpu, pay_unverified_bpu

    a = ctx.args
    tender = "debit" if a.debit else "cash"
    unverified = a.name is not None or a.birth_date is not None
    if unverified and (not a.name or not a.birth_date):
        field = "full_name" if not a.name else "birth_date"
        raise DomainError(
            field,
            "Pembayaran tanpa verifikasi perlu --name dan --birth-date peserta, keduanya.",
            "A payment without verification needs both the participant's --name and --birth-date.",
        )
    teller = ctx.login(a.teller)
    if unverified:
        paid = pay_unverified_bpu(
            ctx.counter,
            teller,
            PayUnverifiedBpu(
                nik=a.participant,
                full_name=a.name,
                birth_date=a.birth_date,
                monthly_income=a.income,
                programs=a.programs,
                months=a.months,
                period_start=a.period_start,
                tender=tender,
                debit_account=a.debit or "",
                debit_reference=a.debit_reference,
                cash_given=a.cash_given,
            ),
        )
    else:
        payer = _payer(ctx)
        upstream, known = payer.upstream, payer.participant
        # As the F3 form tells the payment: the upstream's word now, else what was kept from it.
        sector = (upstream.sector if upstream else known.sector) or ""
        paid_through = (upstream.paid_through if upstream else known.paid_through) or ""
        paid = pay_bpu(
            ctx.counter,
            teller,
            PayBpuContribution(
                participant=a.participant,
                months=a.months,
                period_start=a.period_start,
                monthly_income=a.income,
                programs=a.programs,
                tender=tender,
                debit_account=a.debit or "",
                debit_reference=a.debit_reference,
                cash_given=a.cash_given,
                sector=sector,
                paid_through=paid_through,
                agent_code=a.agent,
            ),
        )
    _report(ctx, paid, unverified=unverified)
    return EXIT_OK


def _payer(ctx: Context) -> Payer:
    """Who pays: registered here, or known to the upstream (asked now when it can be reached,
    else as an inquiry described them lately). Unknown: the refusal says what else may be done."""
    from desktop.errors import DomainError
    from desktop.services.payer import find_payer

    try:
        return find_payer(ctx.counter, ctx.args.participant)
    except DomainError as error:
        if error.field != "participant":
            raise
        raise DomainError(
            "participant",
            f"{error.message_id} Bila server pusat tidak terhubung, iuran dapat diterima tanpa "
            "verifikasi: --name dan --birth-date peserta, dicocokkan dengan KTP.",
            f"{error.message_en} When the upstream cannot be reached, the payment can be taken "
            "without verification: the participant's --name and --birth-date, checked against "
            "the ID card.",
        ) from None


def _report(ctx: Context, paid: Captured, *, unverified: bool) -> None:
    from desktop.domain.money import format_rupiah
    from desktop.services.unverified import AWAITING_NOTE_EN, AWAITING_NOTE_ID, Verification

    if ctx.args.json:
        ctx.emit(
            {
                "receipt_no": paid.receipt_no,
                "amount": paid.amount,
                "business_date": paid.business_date.isoformat(),
                "verification": Verification.AWAITING.value if unverified else None,
            }
        )
        return
    amount = format_rupiah(paid.amount)
    ctx.say(
        f"Iuran {amount} diterima, tanda terima {paid.receipt_no}.",
        f"Contribution of {amount} taken, receipt {paid.receipt_no}.",
    )
    if unverified:
        ctx.say(
            f"{AWAITING_NOTE_ID}: bila ditolak saat unggah, iuran masuk karantina untuk "
            "dikembalikan.",
            f"{AWAITING_NOTE_EN}: if the upload is refused, the payment is quarantined for a "
            "refund.",
        )
    ctx.say(
        f"Cetak tanda terimanya: spo-counter receipt save {paid.receipt_no} --teller ID",
        f"Print its receipt: spo-counter receipt save {paid.receipt_no} --teller ID",
    )
