"""`refund`: give back a contribution payment the upstream refused, a supervisor approving."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context
from desktop.files import shown_name

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "refund",
        run_refund,
        "give back a contribution payment the upstream refused (quarantined), with its own "
        "receipt; a supervisor approves (PINs: SPO_PIN, SPO_SUPERVISOR_PIN)",
    )
    p.add_argument(
        "receipt_no", metavar="RECEIPT_NO", help="the refused payment, e.g. BNI-0123-01-0000042"
    )
    p.add_argument("--teller", required=True, help="who hands the money back (PIN from SPO_PIN)")
    p.add_argument(
        "--supervisor",
        required=True,
        help="supervisor approving the refund (PIN from SPO_SUPERVISOR_PIN); not the teller",
    )
    p.add_argument("--out", help="PDF file for the refund's receipt (default: NUMBER.pdf here)")
    p.add_argument("--json", action="store_true")


def run_refund(ctx: Context) -> int:
    """The refund, then its receipt written as PDF (the original) for the participant to sign."""
    from desktop.domain.money import format_rupiah
    from desktop.domain.receipt_numbers import validate_receipt_no
    from desktop.services.receipt_output import SaveReceipt, save_receipt_file
    from desktop.services.refunds import RefundPayment, refund_payment

    a = ctx.args
    teller = ctx.login(a.teller)
    pin = ctx.secret(
        "SPO_SUPERVISOR_PIN", f"PIN {a.supervisor}: ", f"PIN {a.supervisor}: ", "supervisor_pin"
    )
    given = refund_payment(ctx.counter, teller, RefundPayment(a.receipt_no, a.supervisor, pin))
    refunded = validate_receipt_no(a.receipt_no)
    saved = save_receipt_file(
        ctx.counter, teller, SaveReceipt(given.receipt_no, Path(a.out) if a.out else None)
    )
    if a.json:
        ctx.emit(
            {
                "receipt_no": given.receipt_no,
                "refunded_receipt_no": refunded,
                "amount": given.amount,
                "approved_by": a.supervisor,
                "receipt": str(saved.path),
            }
        )
        return EXIT_OK
    amount = format_rupiah(given.amount)
    ctx.say(
        f"Iuran {refunded} dikembalikan: {amount}, bukti {given.receipt_no} "
        f"({shown_name(saved.path)}). Minta peserta menandatangani bukti pengembalian.",
        f"Payment {refunded} refunded: {amount}, receipt {given.receipt_no} "
        f"({shown_name(saved.path)}). Have the participant sign the refund receipt.",
    )
    return EXIT_OK
