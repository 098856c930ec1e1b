"""Sample receipts of every kind, as the services would fill them, for the layout tests."""

from __future__ import annotations

import dataclasses

from desktop.domain.terbilang import terbilang_rupiah
from desktop.receipts.model import DocumentLine, Line, ReceiptData

NIK_MASKED = "3171••••••••0002"
KPJ_MASKED = "2301••••0457"
NOT_PROOF_OF_PAYMENT = (
    "Tanda terima ini hanya bukti penyerahan berkas, BUKAN bukti pembayaran klaim JHT. "
    "Pembayaran dilakukan oleh BPJS Ketenagakerjaan setelah verifikasi berkas."
)


def words(amount: int) -> str:
    return terbilang_rupiah(amount).upper()


def _qr(kind: str, receipt_no: str, total: int = 0) -> str:
    # Shaped like the signed text the services put there: fields, then a signature.
    return f"SPO1|{receipt_no}|{kind}|{total}|20261124T100000+0700|sig=" + "Ab3dE6gH9jK" * 4


def _base(kind: str, title: str, seq: int, **fields: object) -> ReceiptData:
    receipt_no = f"BNI-0123-01-{seq:07d}"
    base = ReceiptData(
        bank="BNI",
        branch="KC Jakarta Kota (0123)",
        counter_code="BNI-0123-01",
        counter_label="Loket 01",
        teller="Dewi Lestari (teller01)",
        title=title,
        kind=kind,
        receipt_no=receipt_no,
        issued_at="24/11/2026 10:00:00 WIB",
        party=(
            Line("Nama", "Joko Susanto"),
            Line("NIK", NIK_MASKED),
            Line("No. KPJ", KPJ_MASKED),
        ),
        qr_text=_qr(kind, receipt_no),
        footer=("Simpan tanda terima ini.", "Informasi: 175 · www.bpjsketenagakerjaan.go.id"),
        branch_address="Jl. Lada No. 1, Pinangsia, Tamansari, Jakarta Barat 11110",
    )
    return dataclasses.replace(base, **fields)


def registration() -> ReceiptData:
    return _base(
        "registration",
        "TANDA TERIMA PENDAFTARAN",
        42,
        party=(
            Line("Nama", "Joko Susanto"),
            Line("NIK", NIK_MASKED),
            Line("No. KPJ", KPJ_MASKED),
            Line("Tempat/Tgl. lahir", "Jakarta, 17/08/1985"),
            Line(
                "Alamat",
                "Jl. Pangeran Jayakarta No. 117 Blok C-12, RT 005/RW 008, Kel. Mangga Dua "
                "Selatan, Kec. Sawah Besar, Kota Jakarta Pusat, DKI Jakarta 10730",
            ),
            Line("Pekerjaan", "Pedagang keliling"),
        ),
        details=(
            Line("Program", "JKK, JKM, JHT"),
            Line("Penghasilan bulanan", "Rp2.500.000"),
            Line("Mulai kepesertaan", "24/11/2026"),
        ),
        signatures=("Peserta", "Teller"),
    )


def contribution_bpu(total: int = 16_800) -> ReceiptData:
    return _base(
        "contribution",
        "BUKTI PEMBAYARAN IURAN",
        43,
        details=(
            Line("Segmen", "Bukan Penerima Upah (BPU)"),
            Line("Periode", "Nov 2026"),
            Line("Penghasilan dilaporkan", "Rp1.000.000"),
            Line("Jumlah bulan", "1"),
        ),
        amounts=(
            Line("JKK (1%)", "Rp10.000"),
            Line("JKM", "Rp6.800"),
            Line("JHT (2%)", "Rp0"),
        ),
        total=_rupiah(total),
        total_words=words(total),
        tender=(
            Line("Pembayaran", "Tunai"),
            Line("Diterima", "Rp20.000"),
            Line("Kembali", "Rp3.200"),
        ),
        qr_text=_qr("contribution", "BNI-0123-01-0000043", total),
    )


def contribution_bpu_relief(total: int = 28_400) -> ReceiptData:
    """A courier's month under PP 50/2025: the full amounts, the discount as its own line."""
    return dataclasses.replace(
        contribution_bpu(total),
        amounts=(
            Line("JKK - Kecelakaan Kerja", "Rp10.000"),
            Line("JKM - Kematian", "Rp6.800"),
            Line("JHT - Hari Tua", "Rp20.000"),
            Line("Diskon PP 50/2025 (JKK+JKM)", "-Rp8.400"),
        ),
        tender=(
            Line("Pembayaran", "Tunai"),
            Line("Diterima", "Rp30.000"),
            Line("Kembali", "Rp1.600"),
        ),
    )


def contribution_pu(total: int = 1_001_000) -> ReceiptData:
    return _base(
        "contribution",
        "BUKTI PEMBAYARAN IURAN",
        44,
        party=(
            Line("Pemberi kerja", "PT Sinar Harapan Makmur Sejahtera Abadi Nusantara"),
            Line("NPP", "NN123456"),
            Line("Kode iuran", "PU2611000123"),
        ),
        details=(Line("Segmen", "Penerima Upah (PU)"), Line("Periode", "Okt 2026")),
        amounts=(
            # Since PP 6/2025: 0,14 points of JKK (0,24%) are the JKP line; the total stays.
            Line("JKK (0,10%)", "Rp50.050"),
            Line("JKM (0,30%)", "Rp150.150"),
            Line("JHT (5,7%)", "Rp520.520"),
            Line("JP (3%)", "Rp210.210"),
            Line("JKP (0,14%)", "Rp70.070"),
        ),
        total=_rupiah(total),
        total_words=words(total),
        tender=(
            Line("Cara bayar", "Debit rekening 0123••6789"),
            Line("Ref. debit", "APV482913"),
        ),
        qr_text=_qr("contribution", "BNI-0123-01-0000044", total),
        holder="Pemberi Kerja",
    )


DOCUMENT_NAMES = (
    "Kartu peserta BPJS Ketenagakerjaan",
    "KTP elektronik",
    "Kartu Keluarga",
    "Surat keterangan berhenti bekerja dari pemberi kerja",
    "Buku tabungan",
    "NPWP",
    "Pas foto berwarna 3x4",
    "Surat pernyataan belum bekerja lagi",
    "Paspor",
    "Visa",
    "Surat keterangan pindah ke luar negeri",
    "Surat kuasa bermeterai untuk pengambilan oleh ahli waris atau pihak lain",
)


def claim_handover(documents: int = 5) -> ReceiptData:
    statuses = ("Asli", "Fotokopi", "TIDAK ADA")
    return _base(
        "claim_handover",
        "TANDA TERIMA BERKAS KLAIM JHT",
        45,
        details=(
            Line("Alasan klaim", "Mengundurkan diri"),
            Line("Tanggal kejadian", "30/09/2026"),
            Line("Rekening tujuan", "BNI 0123••••89 a.n. Joko Susanto"),
        ),
        documents=tuple(
            DocumentLine(DOCUMENT_NAMES[i], statuses[i % 3], required=i < 4)
            for i in range(documents)
        ),
        notes=(NOT_PROOF_OF_PAYMENT,),
        signatures=("Penyerah berkas", "Teller"),
    )


def void(total: int = 1_000_000_000) -> ReceiptData:
    return _base(
        "void",
        "BUKTI PEMBATALAN",
        46,
        details=(
            Line("Membatalkan", "BNI-0123-01-0000044 (Bukti Pembayaran Iuran)"),
            Line("Alasan", "Salah input periode iuran oleh teller"),
            Line("Disetujui", "Siti Rahmawati (spv01)"),
        ),
        total=_rupiah(total),
        total_words=words(total),
        signatures=("Penerima pengembalian", "Teller"),
    )


def refund(total: int = 16_800) -> ReceiptData:
    """Money given back for a payment the upstream refused, signed by the participant."""
    return _base(
        "refund",
        "BUKTI PENGEMBALIAN IURAN",
        47,
        details=(
            Line("Tanda terima asal", "BNI-0123-01-0000044"),
            Line("Alasan", "Iuran bulan 11/2026 sudah dibayar melalui kanal lain."),
            Line("Disetujui", "Siti Rahmawati"),
        ),
        amounts=(Line("Iuran dikembalikan", _rupiah(total)),),
        total=_rupiah(total),
        total_words=words(total),
        tender=(Line("Dikembalikan", "Tunai"),),
        notes=(
            "Iuran dikembalikan karena pembayarannya ditolak BPJS Ketenagakerjaan. Pembayaran "
            "asal tidak berlaku; iuran belum tercatat lunas.",
        ),
        signatures=("Penerima (peserta)", "Teller"),
    )


def benefit_payment(gross: int = 80_000_000, tax: int = 1_500_000) -> ReceiptData:
    """A JHT benefit paid out by transfer, as desktop/receipts/content.py writes it."""
    net = gross - tax
    return _base(
        "benefit_payment",
        "BUKTI PEMBAYARAN JAMINAN HARI TUA",
        48,
        party=(
            Line("Penerima", "Hendra Gunawan"),
            Line("NIK penerima", "3174••••••••0001"),
            Line("KPJ", "2301•••0777"),
        ),
        details=(
            Line("Nomor klaim", "BNI-0123-01-0000031"),
            Line("Alasan klaim", "Mengundurkan diri"),
        ),
        amounts=(
            Line("Jaminan Hari Tua (bruto)", _rupiah(gross)),
            Line("PPh 21 final", "-" + _rupiah(tax)),
        ),
        total=_rupiah(net),
        total_words=words(net),
        tender=(
            Line("Dibayar", "Transfer ke BRI 0012••••78"),
            Line("Referensi", "TRF-20261124-0881"),
        ),
        notes=(
            "Jaminan Hari Tua dibayarkan atas klaim yang disetujui BPJS Ketenagakerjaan, setelah "
            "identitas penerima dicocokkan dengan KTP asli. Nilai bersih setelah PPh 21 final.",
        ),
        signatures=("Penerima", "Teller"),
        total_label="DIBAYAR (NETO)",
    )


REPRINTED = "Dicetak ulang 25/11/2026 09:15 WIB oleh Siti Rahmawati (spv01)"


def reprint(data: ReceiptData, copy_number: int = 2) -> ReceiptData:
    return dataclasses.replace(data, copy_number=copy_number, reprinted=REPRINTED)


def _rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


# Every kind, by the name the sample PNGs and test ids use.
SAMPLES = {
    "registration": registration,
    "contribution-bpu": contribution_bpu,
    "contribution-bpu-relief": contribution_bpu_relief,
    "contribution-pu": contribution_pu,
    "claim-handover": claim_handover,
    "void": void,
    "refund": refund,
    "benefit-payment": benefit_payment,
}
