"""The parts of a receipt, each laid onto a `Flow`; the paper layouts arrange them."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from desktop.receipts.flow import Flow, Style
from desktop.receipts.model import ReceiptData
from desktop.receipts.qr import QrSymbol

# Every receipt is issued as two sheets; index 0 goes to the participant (or the employer), 1
# stays at the bank.
SHEETS = ("Lembar 1 – Peserta", "Lembar 2 – Bank")


def sheets(data: ReceiptData) -> tuple[str, str]:
    """The two sheets' names: the first one's holder is the participant or, for PU, the employer."""
    return (f"Lembar 1 – {data.holder}", SHEETS[1])


def copy_mark(data: ReceiptData) -> str:
    return f"SALINAN KE-{data.copy_number}"


def header(flow: Flow, data: ReceiptData, sheet: str) -> None:
    """Who issued it, what it is, which sheet, and whether it is a reprint."""
    style = flow.style
    flow.text(data.payee, bold=True, size=_title_size(flow, data.payee), align="center")
    flow.text(f"Diterima melalui {data.bank} · {data.branch}", align="center")
    if data.branch_address:
        flow.text(data.branch_address, size=style.small, align="center")
    flow.text(f"{data.counter_label} · {data.counter_code}", align="center")
    flow.rule()
    flow.text(data.title, bold=True, size=_title_size(flow, data.title), align="center")
    flow.text(sheet, bold=True, align="center")
    if data.is_copy:
        flow.gap(0.8 * style.gap)
        flow.band(copy_mark(data), size=style.mark)
        if data.reprinted:
            flow.text(data.reprinted, size=style.small, align="center")
        flow.gap()
    else:
        flow.rule()


def _title_size(flow: Flow, title: str) -> float:
    """The title's size, shrunk (down to a floor) to keep it on one line of a narrow roll."""
    style = flow.style
    # 0.99: so that float rounding cannot make the title a hair too wide and wrap it.
    fits: float = 0.99 * flow.width / stringWidth(title, style.bold, 1.0)
    return max(min(style.title, fits), style.body + 1)


def identity(flow: Flow, data: ReceiptData) -> None:
    flow.row("Nomor", data.receipt_no, bold=True)
    flow.row("Waktu", data.issued_at)
    flow.row("Teller", data.teller)


def party(flow: Flow, data: ReceiptData) -> None:
    """The participant (masked) and what the transaction was about."""
    for line in data.party:
        flow.row(line.label, line.value)
    if data.details:
        flow.gap(0.5 * flow.style.gap)
        for line in data.details:
            flow.row(line.label, line.value)


def money(flow: Flow, data: ReceiptData) -> None:
    """Programs and amounts, the total in figures and words, and how it was paid."""
    if not (data.amounts or data.total or data.tender):
        return
    style = flow.style
    _separate(flow)
    for line in data.amounts:
        flow.row(line.label, line.value, right=True)
    if data.total:
        if data.amounts:
            flow.rule(weight=0.4)
        flow.row(
            data.total_label,
            data.total,
            bold=True,
            label_bold=True,
            value_size=style.total,
            right=True,
        )
    if data.total_words:
        flow.gap(0.6 * style.gap)
        words = flow.inner()
        words.text("Terbilang:", size=style.small)
        words.text(data.total_words, bold=True)
        flow.boxed(words)
    if data.tender:
        flow.gap(0.6 * style.gap)
        for line in data.tender:
            flow.row(line.label, line.value, right=True)


def documents(flow: Flow, data: ReceiptData) -> None:
    """A claim handover's checklist: each document and what was received of it."""
    if not data.documents:
        return
    _separate(flow)
    flow.text("Kelengkapan Berkas", bold=True)
    numbers = f"{len(data.documents)}. "
    hang = stringWidth(numbers, flow.style.regular, flow.style.body)
    for number, document in enumerate(data.documents, start=1):
        marker = " *" if document.required else ""
        missing = document.status.upper() == "TIDAK ADA"
        label = f"{number}. {document.name}{marker}"
        flow.row(label, document.status, bold=missing, right=True, hang=hang)
    if any(document.required for document in data.documents):
        flow.text("* wajib", size=flow.style.small)


def notes(flow: Flow, data: ReceiptData) -> None:
    """Statements printed in full and framed, e.g. that a handover is not proof of payment."""
    for note in data.notes:
        flow.gap(0.6 * flow.style.gap)
        box = flow.inner()
        box.text(note, bold=True)
        flow.boxed(box)


def signatures(flow: Flow, data: ReceiptData) -> None:
    """Side by side boxes to sign in, one per person handing over or receiving, name below."""
    if not data.signatures:
        return
    flow.gap()
    count = len(data.signatures)
    space = 4 * mm
    width = (flow.width - space * (count - 1)) / count
    top = flow.y
    bottom = top
    for index, who in enumerate(data.signatures):
        box = Flow(width, flow.style)
        box.text(who, size=flow.style.small, align="center")
        box.gap(11 * mm)
        box.rule(dashed=True, weight=0.5)
        box.text("(nama & tanda tangan)", size=flow.style.small, align="center")
        flow.place(box, index * (width + space), 0.0)
        bottom = max(bottom, top + box.height)
    flow.y = bottom


def verification(flow: Flow, symbol: QrSymbol | None, code_width: float) -> None:
    """The QR code, its dark part `code_width` wide (or the column's width, if narrower)."""
    if symbol is None:
        return
    size = min(code_width * symbol.width_with_quiet_zone / symbol.modules, flow.width)
    flow.gap()
    flow.qr(symbol, size)
    flow.text("Pindai untuk verifikasi", size=flow.style.small, align="center")


def footer(flow: Flow, data: ReceiptData) -> None:
    """Closing lines, and a reprint's mark once more so a torn-off bottom still says it."""
    if data.footer:
        flow.gap(0.6 * flow.style.gap)
        for line in data.footer:
            flow.text(line, size=flow.style.small, align="center")
    if data.is_copy:
        flow.gap(0.6 * flow.style.gap)
        flow.band(copy_mark(data), size=flow.style.mark)


def _separate(flow: Flow) -> None:
    # A rule between sections, none at the top of an A4 column.
    if flow.height:
        flow.rule()


def one_column(
    data: ReceiptData, sheet: str, symbol: QrSymbol | None, width: float, style: Style, qr: float
) -> Flow:
    """The whole receipt in one column, as on the roll and on A5."""
    flow = Flow(width, style)
    header(flow, data, sheet)
    identity(flow, data)
    flow.rule()
    party(flow, data)
    money(flow, data)
    documents(flow, data)
    notes(flow, data)
    signatures(flow, data)
    verification(flow, symbol, qr)
    footer(flow, data)
    return flow
