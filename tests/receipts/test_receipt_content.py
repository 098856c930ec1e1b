"""Every field of every kind of receipt is in the PDF's text, on every paper, with metadata."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
import pytest

from desktop.receipts.layout import render_pdf
from desktop.receipts.model import Paper, ReceiptData
from tests.receipts.conftest import (
    KPJ_MASKED,
    NIK_MASKED,
    NOT_PROOF_OF_PAYMENT,
    REPRINTED,
    SAMPLES,
    claim_handover,
    contribution_bpu,
    contribution_pu,
    reprint,
    void,
)

SHEET_LABELS = ("Lembar 1 – Peserta", "Lembar 2 – Bank")


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces (wrapped lines join)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def fields_of(data: ReceiptData) -> list[str]:
    """Every string the receipt must show."""
    found = [
        data.payee,
        f"Diterima melalui {data.bank}",
        data.branch,
        data.branch_address,
        *data.signatures,
        data.counter_code,
        data.counter_label,
        data.teller,
        data.title,
        data.receipt_no,
        data.issued_at,
        *(data.total, data.total_words),
        *data.notes,
        *data.footer,
    ]
    for line in (*data.party, *data.details, *data.amounts, *data.tender):
        found += [line.label, line.value]
    for document in data.documents:
        found += [document.name, document.status]
    return [text for text in found if text]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("kind", list(SAMPLES))
def test_every_field_is_printed_on_every_sheet(kind: str, paper: Paper) -> None:
    data = SAMPLES[kind]()
    pages = page_texts(render_pdf(data, paper))
    # Roll and A5: one page per sheet; A4: both copies on one page.
    sheets = pages if paper is not Paper.A4_TWO_COPIES else [pages[0], pages[0]]
    assert len(pages) == (1 if paper is Paper.A4_TWO_COPIES else 2)
    labels = (f"Lembar 1 – {data.holder}", SHEET_LABELS[1])
    for label, text in zip(labels, sheets, strict=True):
        missing = [field for field in fields_of(data) if " ".join(field.split()) not in text]
        assert missing == [], f"{kind} on {paper}"
        assert label in text
    assert "SALINAN" not in " ".join(pages)


def test_a4_has_both_copies_on_one_page() -> None:
    (text,) = page_texts(render_pdf(contribution_bpu(), Paper.A4_TWO_COPIES))
    assert all(label in text for label in SHEET_LABELS)
    assert text.count(contribution_bpu().receipt_no) == 2


@pytest.mark.parametrize("paper", [Paper.ROLL_80, Paper.A5])
def test_roll_and_a5_have_one_sheet_a_page(paper: Paper) -> None:
    first, second = page_texts(render_pdf(contribution_bpu(), paper))
    assert SHEET_LABELS[0] in first
    assert SHEET_LABELS[1] not in first
    assert SHEET_LABELS[1] in second
    assert SHEET_LABELS[0] not in second


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (contribution_bpu(16_800), "ENAM BELAS RIBU DELAPAN RATUS RUPIAH"),
        (contribution_pu(1_001_000), "SATU JUTA SERIBU RUPIAH"),
        (void(1_000_000_000), "SATU MILIAR RUPIAH"),
    ],
    ids=["16.800", "1.001.000", "1.000.000.000"],
)
@pytest.mark.parametrize("paper", list(Paper))
def test_total_in_figures_and_words(data: ReceiptData, words: str, paper: Paper) -> None:
    text = page_texts(render_pdf(data, paper))[0]
    assert data.total is not None
    assert data.total in text
    assert words in text


def test_masked_identifiers_only() -> None:
    text = " ".join(page_texts(render_pdf(contribution_bpu(), Paper.ROLL_80)))
    assert NIK_MASKED in text
    assert KPJ_MASKED in text
    assert "3171011708850002" not in text


@pytest.mark.parametrize("paper", list(Paper))
def test_a_reprint_says_so_on_every_sheet(paper: Paper) -> None:
    data = reprint(contribution_bpu(), copy_number=2)
    pages = page_texts(render_pdf(data, paper))
    for text in pages:
        # Top and bottom of each sheet (twice each on A4's two copies).
        assert text.count("SALINAN KE-2") == (4 if paper is Paper.A4_TWO_COPIES else 2)
        # When and by whom it was made again, under the mark.
        assert REPRINTED in text


@pytest.mark.parametrize("paper", list(Paper))
def test_bpjs_ketenagakerjaan_is_the_payee_and_the_bank_the_channel(paper: Paper) -> None:
    text = page_texts(render_pdf(contribution_bpu(), paper))[0]
    assert text.startswith("BPJS Ketenagakerjaan Diterima melalui BNI · KC Jakarta Kota (0123)")
    assert "Jl. Lada No. 1, Pinangsia" in text


@pytest.mark.parametrize("paper", list(Paper))
def test_the_pu_sheet_is_the_employers(paper: Paper) -> None:
    text = " ".join(page_texts(render_pdf(contribution_pu(), paper)))
    assert "Lembar 1 – Pemberi Kerja" in text
    assert "Peserta" not in text


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize(
    ("make", "signers"),
    [
        (SAMPLES["registration"], ("Peserta", "Teller")),
        (claim_handover, ("Penyerah berkas", "Teller")),
        (void, ("Penerima pengembalian", "Teller")),
    ],
    ids=["registration", "claim", "void"],
)
def test_signature_lines_where_papers_or_cash_change_hands(
    make: Callable[[], ReceiptData], signers: tuple[str, ...], paper: Paper
) -> None:
    text = page_texts(render_pdf(make(), paper))[0]
    for signer in signers:
        assert signer in text
    assert text.count("(nama & tanda tangan)") == len(signers) * (
        2 if paper is Paper.A4_TWO_COPIES else 1
    )


def test_a_payment_has_no_signature_lines() -> None:
    text = " ".join(page_texts(render_pdf(contribution_bpu(), Paper.ROLL_80)))
    assert "tanda tangan" not in text


@pytest.mark.parametrize("paper", list(Paper))
def test_claim_handover_checklist_and_statement(paper: Paper) -> None:
    data = claim_handover(documents=12)
    text = " ".join(page_texts(render_pdf(data, paper)))
    assert " ".join(NOT_PROOF_OF_PAYMENT.split()) in text
    assert "BUKAN bukti pembayaran klaim JHT" in text
    for status in ("Asli", "Fotokopi", "TIDAK ADA"):
        assert status in text
    # "Salinan" is only ever a reprint's mark, never a photocopied document.
    assert "Salinan" not in text
    assert "12. Surat kuasa" in text


def test_metadata() -> None:
    data = SAMPLES["registration"]()
    meta = pypdf.PdfReader(io.BytesIO(render_pdf(data, Paper.ROLL_80))).metadata
    assert meta is not None
    assert meta.title == "Tanda Terima Pendaftaran BNI-0123-01-0000042"
    assert meta.author == "SPO Counter"
    assert meta.creator == "SPO Counter"
    assert meta.subject == "BNI-0123-01"
    assert meta.get("/Keywords") is not None
    assert "BNI-0123-01-0000042" in str(meta["/Keywords"])


def test_metadata_title_keeps_program_names_and_can_be_given() -> None:
    data = claim_handover()
    meta = pypdf.PdfReader(io.BytesIO(render_pdf(data, Paper.A5))).metadata
    assert meta is not None
    assert meta.title == "Tanda Terima Berkas Klaim JHT BNI-0123-01-0000045"
    pdf = render_pdf(data, Paper.A5, title_meta="Klaim Joko")
    given = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert given is not None
    assert given.title == "Klaim Joko"


@pytest.mark.parametrize("paper", list(Paper))
def test_same_receipt_same_bytes(paper: Paper) -> None:
    assert render_pdf(contribution_pu(), paper) == render_pdf(contribution_pu(), paper)


def test_fonts_are_embedded_dejavu() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(contribution_bpu(), Paper.A4_TWO_COPIES)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType program is in the file
        names.append(str(font["/BaseFont"]))
    assert names
    assert all("DejaVu" in name for name in names)
