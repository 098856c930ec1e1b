"""`pay-benefit`: pay an approved JHT claim out (transfer or cash), reserved upstream first.

Each run first finishes any payout an earlier run left cut off (a crash, a lost answer), as the
window does at its start (desktop/services/benefit_payout.py resume_payouts).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context
from desktop.files import shown_name

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.benefit_payout import ResumedPayouts, Step

SUPERVISOR_PIN_VARIABLE = "SPO_SUPERVISOR_PIN"
# A drill (and the tests): the command kills itself (SIGKILL, no clean-up) right after this step
# of a payout, "reserved" or "paid"; the next run must finish or release what it left.
CRASH_VARIABLE = "SPO_PAYOUT_CRASH_AFTER"


def register(commands: Commands) -> None:
    p = commands.add(
        "pay-benefit",
        run_pay_benefit,
        "pay an approved JHT claim out (transfer or cash) after checking the claimant's KTP; "
        "needs the link to the upstream",
    )
    p.add_argument(
        "claim_receipt_no",
        metavar="CLAIM_RECEIPT_NO",
        help="the claim handover's receipt number, e.g. BNI-0123-01-0000042",
    )
    p.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
    p.add_argument(
        "--nik",
        required=True,
        help="the NIK on the claimant's original KTP, typed again (an heir's own for a death "
        "claim)",
    )
    p.add_argument("--method", required=True, choices=("transfer", "cash"))
    p.add_argument("--reference", default="", help="the bank's transfer reference (transfer)")
    p.add_argument("--heir-name", default="", help="a death claim: the heir's name as on their KTP")
    p.add_argument(
        "--supervisor",
        default="",
        help="cash above the approval threshold: the approving supervisor "
        f"(PIN from {SUPERVISOR_PIN_VARIABLE})",
    )
    p.add_argument("--upstream", help="upstream URL (default: SPO_UPSTREAM_URL or Settings)")
    p.add_argument("--out", help="PDF file for the payout's receipt (default: NUMBER.pdf here)")
    p.add_argument("--json", action="store_true")


def run_pay_benefit(ctx: Context) -> int:
    from desktop.domain.money import format_rupiah
    from desktop.errors import DomainError
    from desktop.services.benefit_payout import PayBenefit, pay_benefit, quote_payout
    from desktop.services.receipt_output import SaveReceipt, save_receipt_file

    a = ctx.args
    teller = ctx.login(a.teller)
    resume_cut_off(ctx)
    cmd = PayBenefit(
        claim_receipt_no=a.claim_receipt_no,
        nik=a.nik,
        method=a.method,
        reference=a.reference,
        heir_name=a.heir_name,
        supervisor_id=a.supervisor,
        upstream_url=a.upstream,
    )
    quote = quote_payout(ctx.counter, cmd)
    if quote.needs_approval:
        if not a.supervisor.strip():
            raise DomainError(
                "supervisor_id",
                f"Pembayaran tunai di atas {format_rupiah(quote.approval_above)} perlu "
                "persetujuan supervisor: --supervisor ID.",
                f"A cash payout above {format_rupiah(quote.approval_above)} needs a "
                "supervisor's approval: --supervisor ID.",
            )
        pin = ctx.secret(
            SUPERVISOR_PIN_VARIABLE, f"PIN {a.supervisor}: ", f"PIN {a.supervisor}: ", "pin"
        )
        cmd = PayBenefit(**{**cmd.__dict__, "supervisor_pin": pin})
    paid = pay_benefit(ctx.counter, teller, cmd, after=_crash_hook())
    saved = save_receipt_file(
        ctx.counter, teller, SaveReceipt(paid.captured.receipt_no, Path(a.out) if a.out else None)
    )
    if a.json:
        ctx.emit({**paid.as_json(), "receipt": str(saved.path)})
        return EXIT_OK
    net = format_rupiah(paid.quote.net)
    ctx.say(
        f"Klaim {paid.quote.claim_receipt_no} dibayar: {net} ({paid.quote.method}), bukti "
        f"{paid.captured.receipt_no} ({shown_name(saved.path)}). Minta penerima menandatangani.",
        f"Claim {paid.quote.claim_receipt_no} paid: {net} ({paid.quote.method}), receipt "
        f"{paid.captured.receipt_no} ({shown_name(saved.path)}). Have the claimant sign.",
    )
    if not paid.confirmed:
        ctx.warn(
            "upstream",
            "Server pusat belum menerima konfirmasi pembayaran: dikirim lagi saat loket mulai.",
            "The upstream has not taken the payout's confirmation: sent again at next start.",
        )
    return EXIT_OK


def resume_cut_off(ctx: Context) -> None:
    """Finish the payouts an earlier run left open, saying what became of them."""
    from desktop.services.benefit_payout import open_payouts, resume_payouts

    if not open_payouts(ctx.counter):
        return
    tell_resumed(ctx, resume_payouts(ctx.counter, upstream_url=getattr(ctx.args, "upstream", None)))


def tell_resumed(ctx: Context, resumed: ResumedPayouts) -> None:
    """What became of the payouts an earlier run left open."""
    for claim in resumed.confirmed:
        ctx.warn(
            "payout",
            f"Pembayaran klaim {claim} yang terputus sudah dikonfirmasi ke server pusat.",
            f"The cut-off payout of claim {claim} is now confirmed to the upstream.",
        )
    for claim in resumed.released:
        ctx.warn(
            "payout",
            f"Pembayaran klaim {claim} yang terputus tidak mengeluarkan uang: dilepas, klaim "
            "dapat dibayar lagi.",
            f"The cut-off payout of claim {claim} paid nothing: released, the claim can be "
            "paid again.",
        )
    if resumed.waiting:
        ctx.warn(
            "payout",
            f"{resumed.waiting} pembayaran terputus menunggu server pusat: diselesaikan nanti.",
            f"{resumed.waiting} cut-off payout(s) wait for the upstream: finished later.",
        )


def _crash_hook() -> Callable[[Step], None] | None:
    step = os.environ.get(CRASH_VARIABLE, "")
    if not step:
        return None

    def after(reached: Step) -> None:
        if reached == step:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

    return after
