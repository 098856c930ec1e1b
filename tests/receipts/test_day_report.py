"""The day close report's PDF: every section readable, pages numbered, long lists paginated."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pypdfium2

from desktop.receipts.day_report import receipt_ranges, render_day_report
from desktop.receipts.day_report_model import (
    CountEntry,
    CountLine,
    DayReport,
    EarlierVersion,
    KindTotal,
    ProgramTotal,
    ReprintEntry,
    TenderTotal,
    Unacknowledged,
    VoidEntry,
)

CODE = "BNI-0123-01"


def _receipt(seq: int) -> str:
    return f"{CODE}-{seq:07d}"


def _count(total_pieces: int = 6) -> CountEntry:
    return CountEntry(
        at="24/11/2026 16:05 WIB",
        by="Dewi Lestari (teller01)",
        total=100_000 * total_pieces + 27_200,
        lines=(
            CountLine("Rp100.000 kertas", total_pieces, 100_000 * total_pieces),
            CountLine("Rp20.000 kertas", 1, 20_000),
            CountLine("Rp5.000 kertas", 1, 5_000),
            CountLine("Rp2.000 kertas", 1, 2_000),
            CountLine("Rp200 logam", 1, 200),
        ),
    )


def sample(**changes: object) -> DayReport:
    base = DayReport(
        report_no=f"{CODE}-TH-20261124-1",
        version=1,
        bank="BNI",
        branch="KC Jakarta Kota (0123)",
        counter_code=CODE,
        counter_label="Loket 01",
        business_date="2026-11-24",
        business_date_text="Selasa, 24 November 2026",
        opened="24/11/2026 07:55 WIB oleh Dewi Lestari (teller01)",
        auto_opened=False,
        closed_at="24/11/2026 16:05 WIB",
        closed_by="Dewi Lestari (teller01)",
        opening_float=500_000,
        cash_received=1_051_200,
        cash_voided=924_000,
        expected_cash=627_200,
        counted_cash=622_200,
        variance=-5_000,
        variance_reason="Kembalian salah beri",
        approved_by="Siti Rahmawati (spv01)",
        count=_count(),
        earlier_counts=(dataclasses.replace(_count(5), at="24/11/2026 16:01 WIB"),),
        opening_count=CountEntry(
            "24/11/2026 07:55 WIB",
            "Dewi Lestari (teller01)",
            500_000,
            (CountLine("Rp100.000 kertas", 5, 500_000),),
        ),
        debit_received=1_848_000,
        debit_voided=924_000,
        kinds=(
            KindTotal("registration", "Pendaftaran BPU", 1, 0, 0, 0),
            KindTotal("contribution_bpu", "Iuran BPU", 2, 127_200, 0, 0),
            KindTotal("contribution_pu", "Iuran PU", 3, 2_772_000, 2, 1_848_000),
            KindTotal("claim_handover", "Berkas klaim JHT", 1, 0, 0, 0),
            KindTotal("void", "Pembatalan", 2, 0, 0, 0),
        ),
        programs=(
            ProgramTotal("JKK", "JKK - Kecelakaan Kerja", 3, 64_000),
            ProgramTotal("JKM", "JKM - Kematian", 3, 57_200),
            ProgramTotal("JHT", "JHT - Hari Tua", 2, 630_000),
            ProgramTotal("JP", "JP - Pensiun", 1, 300_000),
        ),
        tenders=(
            TenderTotal("cash", "Tunai", 3, 1_051_200, 1, 924_000),
            TenderTotal("debit", "Debit rekening", 2, 1_848_000, 1, 924_000),
        ),
        transaction_count=9,
        first_receipt=_receipt(1),
        last_receipt=_receipt(9),
        voids=(
            VoidEntry(
                _receipt(8),
                _receipt(5),
                "Iuran PU",
                924_000,
                "tunai",
                "Salah kode iuran",
                "Siti Rahmawati (spv01)",
                "Dewi Lestari (teller01)",
                "11:02 WIB",
            ),
        ),
        reprints=(ReprintEntry(_receipt(2), 1, "24/11/2026 10:35 WIB", "Dewi Lestari (teller01)"),),
        never_printed=tuple(_receipt(s) for s in (3, 4, 5, 7)),
        unacknowledged=(
            Unacknowledged(_receipt(4), "quarantined", "npp_unknown: NPP tidak dikenal"),
            *(Unacknowledged(_receipt(s), "pending", "") for s in (5, 6, 7, 8, 9)),
        ),
        earlier_versions=(),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _pages(pdf: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def test_every_section_is_in_the_pdfs_text() -> None:
    text = " ".join(_pages(render_day_report(sample())))
    for expected in (
        "LAPORAN TUTUP HARI",
        "Nomor BNI-0123-01-TH-20261124-1 · versi 1",
        "Hari kerja Selasa, 24 November 2026",
        "Dibuka 24/11/2026 07:55 WIB oleh Dewi Lestari (teller01)",
        "Kas seharusnya Rp627.200",
        "Kas dihitung Rp622.200",
        "SELISIH (kurang) -Rp5.000",
        "Alasan selisih Kembalian salah beri",
        "Disetujui Siti Rahmawati (spv01)",
        "Rp100.000 kertas 6 Rp600.000",
        "Total Rp627.200",
        "Hitungan sebelumnya",
        "24/11/2026 16:01 WIB Dewi Lestari (teller01) Rp527.200 -Rp100.000",
        "Modal awal dihitung 24/11/2026 07:55 WIB",
        "Debit bersih Rp924.000",
        "Iuran PU 3 Rp2.772.000 2 Rp1.848.000 Rp924.000",
        "JHT - Hari Tua 2 Rp630.000",
        "Debit rekening 2 Rp1.848.000 1 Rp924.000 Rp924.000",
        "BNI-0123-01-0000001 s.d. BNI-0123-01-0000009 · 9 nomor",
        "11:02 WIB BNI-0123-01-0000008 BNI-0123-01-0000005",
        "Salah kode iuran",
        "BNI-0123-01-0000002 1 24/11/2026 10:35 WIB",
        "4 tanda terima",
        "BNI-0123-01-0000003 s.d. 0000005, BNI-0123-01-0000007",
        "Menunggu kirim: 5 · Ditolak (karantina): 1",
        "BNI-0123-01-0000004 npp_unknown: NPP tidak dikenal",
        "Teller (yang menghitung)",
        "Supervisor",
    ):
        assert expected in text, expected


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_day_report(sample()) == render_day_report(sample())


def test_metadata_names_the_report() -> None:
    meta = pypdf.PdfReader(io.BytesIO(render_day_report(sample()))).metadata
    assert meta is not None
    assert meta.title == "Laporan Tutup Hari BNI-0123-01-TH-20261124-1"
    assert meta.author == "SPO Counter"


def test_a_long_day_runs_over_numbered_pages_and_tables_keep_their_headers() -> None:
    voids = tuple(
        VoidEntry(
            _receipt(2 * i + 1),
            _receipt(2 * i),
            "Iuran BPU",
            16_800,
            "tunai",
            f"Alasan pembatalan nomor {i} yang ditulis agak panjang oleh teller",
            "Siti Rahmawati (spv01)",
            "Dewi Lestari (teller01)",
            "10:00 WIB",
        )
        for i in range(1, 121)
    )
    pages = _pages(render_day_report(sample(voids=voids)))
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
        assert "LAPORAN TUTUP HARI BNI-0123-01-TH-20261124-1" in page
    text = " ".join(pages)
    assert all(v.void_receipt_no in text and v.reason in text for v in voids)
    # The void table's header is repeated on every page it continues on.
    continued = [p for p in pages[1:] if "Alasan pembatalan nomor" in p]
    assert continued
    assert all("Bukti batal" in page for page in continued)


def test_a_later_version_says_what_it_replaces() -> None:
    report = sample(
        report_no=f"{CODE}-TH-20261124-2",
        version=2,
        earlier_versions=(
            EarlierVersion(
                f"{CODE}-TH-20261124-1",
                "24/11/2026 16:05 WIB",
                622_200,
                -5_000,
                "24/11/2026 16:30 WIB",
                "Budi Santoso (spv02)",
                "Setoran nasabah terlambat",
            ),
        ),
    )
    text = " ".join(_pages(render_day_report(report)))
    assert "VERSI 2 — MENGGANTIKAN BNI-0123-01-TH-20261124-1" in text
    assert "Riwayat versi laporan" in text
    assert "Setoran nasabah terlambat" in text


def test_a_quiet_day_says_none_rather_than_leaving_gaps() -> None:
    quiet = sample(
        voids=(),
        reprints=(),
        never_printed=(),
        unacknowledged=(),
        programs=(),
        variance=0,
        counted_cash=627_200,
        variance_reason=None,
        approved_by=None,
        earlier_counts=(),
    )
    text = " ".join(_pages(render_day_report(quiet)))
    assert text.count("Tidak ada.") >= 4
    assert "Kas cocok: tidak ada selisih." in text
    assert "SELISIH Rp0" in text


def test_the_first_page_renders_as_an_image() -> None:
    """Drawn, not only text: the page has ink in its top half and its cash box."""
    page = pypdfium2.PdfDocument(render_day_report(sample()))[0]
    image = page.render(scale=50 / 72).to_pil().convert("L")
    width, height = image.size
    top = image.crop((0, 0, width, height // 2))
    assert top.getextrema()[0] < 80  # dark text is there


def test_receipt_numbers_are_written_as_runs() -> None:
    numbers = [_receipt(s) for s in (1, 2, 3, 5, 7, 8)]
    assert receipt_ranges(numbers) == [
        f"{_receipt(1)} s.d. 0000003, {_receipt(5)}, {_receipt(7)} s.d. 0000008"
    ]
    assert receipt_ranges([]) == []
