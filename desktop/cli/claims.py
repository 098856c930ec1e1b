"""`claims`: the JHT claims handed over here and what became of them; `claims handover`: take one
(what the F4 form takes, through the same service)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands

SUPERVISOR_PIN_VARIABLE = "SPO_SUPERVISOR_PIN"
STATUSES = (
    "not_sent",
    "refused",
    "voided",
    "uploaded",
    "verifying",
    "approved",
    "rejected",
    "paid",
)


def register(commands: Commands) -> None:
    p = commands.add(
        "claims",
        run_claims,
        "the JHT claims handed over here and what the upstream decided (learned by `sync`); "
        "`claims handover` takes a claim's documents",
    )
    p.add_argument(
        "--status",
        default="",
        help=f"only claims in this status: {', '.join(STATUSES)} "
        "(approved: approved, waiting to be paid)",
    )
    p.add_argument("--search", default="", help="a NIK, a KPJ or the claim's receipt number")
    p.add_argument("--json", action="store_true")
    h = commands.actions(p, "actions", "handover").add(
        "handover",
        run_handover,
        "take a JHT claim's documents, as the F4 form does (the receipt: `receipt save NUMBER`)",
    )
    h.add_argument("nik", metavar="NIK", help="the participant's NIK")
    h.add_argument("--name", required=True, help="the participant's name")
    h.add_argument("--kpj", default="", help="the participant's KPJ, when known")
    h.add_argument(
        "--reason",
        required=True,
        help="retirement, resignation, dismissal, contract_end, bpu_stopped, "
        "leaving_indonesia, disability, death, partial_10, partial_30_housing",
    )
    h.add_argument(
        "--event-date",
        default="",
        help="DD/MM/YYYY: the employer's statement of resignation, the dismissal or the "
        "contract end (the waiting period runs from it)",
    )
    h.add_argument(
        "--doc",
        action="append",
        default=[],
        metavar="CODE=STATUS",
        help="a document's status: original, copy (a photocopy), electronic or missing "
        "(repeatable; codes as in "
        "resources/reference/claim_reasons.json; a document not given is missing)",
    )
    h.add_argument("--claimant", default="", help="the heir's name, for a death claim")
    h.add_argument("--bank", required=True, help="the payout account's bank")
    h.add_argument("--account", required=True, help="the payout account number")
    h.add_argument(
        "--account-holder",
        default="",
        help="the payout account's holder (default: the claimant; the 30%% housing claim: the "
        "mortgage bank)",
    )
    h.add_argument(
        "--balance-above-50m",
        action="store_true",
        help="the JHT balance is above Rp50.000.000 (the NPWP is then required)",
    )
    h.add_argument(
        "--had-partial-claim",
        action="store_true",
        help="the participant has made a partial claim before (NPWP required; no second one)",
    )
    h.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
    h.add_argument(
        "--supervisor",
        default="",
        help=f"before the waiting period ends: the approving supervisor "
        f"(PIN from {SUPERVISOR_PIN_VARIABLE})",
    )
    h.add_argument("--json", action="store_true")


def run_claims(ctx: Context) -> int:
    from desktop.cli.payouts import resume_cut_off
    from desktop.domain.money import format_rupiah
    from desktop.services.claim_status import ClaimQuery, find_claims

    resume_cut_off(ctx)  # a payout cut off earlier is finished before the claims are shown
    rows = find_claims(ctx.counter, ClaimQuery(status=ctx.args.status, search=ctx.args.search))
    if ctx.args.json:
        ctx.emit([row.as_json() for row in rows])
        return EXIT_OK
    for row in rows:
        line = f"{row.receipt_no}  {row.business_date}  {row.participant_name}  {row.reason}"
        print(f"{line}  {row.state_name(ctx.lang)}")
        if row.net is not None and row.gross is not None and row.tax is not None:
            ctx.say(
                f"    bruto {format_rupiah(row.gross)}, pajak {format_rupiah(row.tax)}, "
                f"neto {format_rupiah(row.net)}",
                f"    gross {format_rupiah(row.gross)}, tax {format_rupiah(row.tax)}, "
                f"net {format_rupiah(row.net)}",
            )
        if row.rejection_reason:
            ctx.say(f"    alasan: {row.rejection_reason}", f"    reason: {row.rejection_reason}")
        if row.handed_over_at:
            ctx.say(
                f"    diserahkan di loket {row.handed_over_at} (data server pusat)",
                f"    handed over at counter {row.handed_over_at} (the upstream's word)",
            )
        if row.paid_receipt_no:
            ctx.say(
                f"    dibayar di loket ini: bukti {row.paid_receipt_no}",
                f"    paid at this counter: receipt {row.paid_receipt_no}",
            )
    ctx.say(f"{len(rows)} klaim.", f"{counted(len(rows), 'claim')}.")
    return EXIT_OK


def run_handover(ctx: Context) -> int:
    from desktop.errors import DomainError
    from desktop.services.claims import HandOverClaim, hand_over_claim

    a = ctx.args
    documents: dict[str, str] = {}
    for pair in a.doc:
        code, sep, status = str(pair).partition("=")
        if not sep or not code.strip() or not status.strip():
            raise DomainError(
                "documents",
                "Tulis status berkas sebagai KODE=STATUS, mis. ktp=copy.",
                "Write a document's status as CODE=STATUS, e.g. ktp=copy.",
            )
        documents[code.strip()] = status.strip()
    claimant = a.claimant.strip() or a.name
    teller = ctx.login(a.teller)
    supervisor_pin = ""
    if a.supervisor.strip():
        supervisor_pin = ctx.secret(
            SUPERVISOR_PIN_VARIABLE,
            f"PIN {a.supervisor}: ",
            f"PIN {a.supervisor}: ",
            "supervisor_pin",
        )
    taken = hand_over_claim(
        ctx.counter,
        teller,
        HandOverClaim(
            nik=a.nik,
            participant_name=a.name,
            reason=a.reason,
            payout_bank=a.bank,
            payout_account=a.account,
            payout_account_holder=a.account_holder.strip() or claimant,
            documents=documents,
            kpj=a.kpj,
            event_date=a.event_date,
            claimant_name=a.claimant,
            balance_above_50m=a.balance_above_50m,
            had_partial_claim=a.had_partial_claim,
            supervisor_id=a.supervisor,
            supervisor_pin=supervisor_pin,
        ),
    )
    if a.json:
        ctx.emit({"receipt_no": taken.receipt_no, "claim_id": taken.transaction_id})
    else:
        ctx.say(
            f"Berkas klaim diterima, tanda terima {taken.receipt_no}.",
            f"Claim documents taken, receipt {taken.receipt_no}.",
        )
    return EXIT_OK
