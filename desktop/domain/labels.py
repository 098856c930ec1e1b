"""Human names of input fields, in Indonesian and English, for messages that name the field."""

from __future__ import annotations

# Fields the forms use; an unknown key falls back to a generic label so a message is never empty.
_LABELS: dict[str, tuple[str, str]] = {
    "nik": ("NIK", "NIK"),
    "kpj": ("Nomor KPJ", "KPJ number"),
    "npp": ("NPP", "NPP"),
    "payment_code": ("Kode iuran", "Payment code"),
    "phone": ("Nomor HP", "Mobile number"),
    "email": ("Alamat email", "Email address"),
    "full_name": ("Nama lengkap", "Full name"),
    "mother_name": ("Nama ibu kandung", "Mother's maiden name"),
    "mother_maiden_name": ("Nama ibu kandung", "Mother's maiden name"),
    "participant_name": ("Nama peserta", "Participant name"),
    "claimant_name": ("Nama pengaju klaim", "Claimant name"),
    "payout_bank": ("Bank penerima", "Payout bank"),
    "payout_account": ("Nomor rekening", "Account number"),
    "payout_account_holder": ("Nama pemilik rekening", "Account holder name"),
    "branch_name": ("Nama cabang", "Branch name"),
    "supervisor_name": ("Nama supervisor", "Supervisor name"),
    "name": ("Nama", "Name"),
    "billed": ("Tagihan", "Billed amount"),
    "heir_name": ("Nama ahli waris", "Heir's name"),
    "employer_name": ("Nama pemberi kerja", "Employer name"),
    "agent_name": ("Nama agen Perisai", "Perisai agent name"),
    "address": ("Alamat", "Address"),
    "occupation": ("Pekerjaan", "Occupation"),
    "birth_place": ("Tempat lahir", "Place of birth"),
    "monthly_income": ("Penghasilan bulanan", "Monthly income"),
    "programs": ("Program", "Programs"),
    "months": ("Jumlah bulan", "Number of months"),
    "period_start": ("Awal periode", "Period start"),
    "wage": ("Upah bulanan", "Monthly wage"),
    "risk_class": ("Tingkat risiko", "Risk class"),
    "reason": ("Alasan", "Reason"),  # a claim's reason, or why a transaction is voided
    "documents": ("Dokumen", "Documents"),
    "event_date": ("Tanggal kejadian", "Event date"),
    "amount": ("Jumlah", "Amount"),
    "cash_received": ("Uang diterima", "Cash received"),
    "notes": ("Catatan", "Notes"),
    "transfer_reference": ("Referensi transfer", "Transfer reference"),
    "cash_payout_limit": ("Batas tunai", "Cash limit"),  # of a benefit payout (Settings)
    "cash_payout_approval_above": ("Batas persetujuan", "Approval threshold"),
}


def label(field: str) -> tuple[str, str]:
    """(Indonesian, English) human name of `field`."""
    return _LABELS.get(field, ("Isian ini", "This field"))
