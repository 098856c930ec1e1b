"""Errors the application expects: bad input and refused operations, in two languages."""

from __future__ import annotations


class DomainError(Exception):
    """Expected trouble a user can fix: the field it concerns and a message in two languages.

    `field` is a stable machine key (``"nik"``, ``"full_name"``, ``"pin"``) that forms and the
    CLI use to put the message next to the right input. The Indonesian text is the default.
    """

    def __init__(self, field: str, message_id: str, message_en: str) -> None:
        super().__init__(message_id)
        self.field = field
        self.message_id = message_id
        self.message_en = message_en

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id

    def __str__(self) -> str:
        return self.message_id

    def __repr__(self) -> str:
        return f"DomainError(field={self.field!r}, message={self.message_id!r})"


class StoreKeyError(DomainError):
    """A counter store file that does not open with this PC's key for it (a wrong or missing
    key, or a file that is not a counter store): said, never a traceback, and nothing is
    changed (the file is never taken for a new counter)."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__("store", message_id, message_en)

    @classmethod
    def for_file(cls, path: object, *, plain: bool = False) -> StoreKeyError:
        if plain:
            return cls(
                f"Berkas {path} belum terenkripsi dan tidak dapat dibuka di sini. "
                "Buka folder data ini dengan aplikasi SPO Counter agar dienkripsi.",
                f"The file {path} is not encrypted yet and cannot be opened here. "
                "Open this data folder with the SPO Counter application to encrypt it.",
            )
        return cls(
            f"Berkas {path} tidak dapat dibuka dengan kunci loket di PC ini: kuncinya salah, "
            "atau berkas itu bukan data SPO Counter. Tidak ada yang diubah. Bila data ini "
            "dipindah dari PC lain, pulihkan kuncinya dari lembar pemulihan "
            "('spo-counter keys restore BERKAS'), atau hubungi IT bank.",
            f"The file {path} cannot be opened with this PC's key for the counter: the key is "
            "wrong, or the file is not SPO Counter data. Nothing was changed. If these data "
            "came from another PC, restore its keys from the recovery sheet "
            "('spo-counter keys restore FILE'), or call the bank's IT.",
        )

    @classmethod
    def missing(cls, path: object) -> StoreKeyError:
        return cls(
            f"Berkas {path} tidak dapat dibuka: kunci data loket ini tidak ada di PC ini (PC "
            "baru, atau penyimpanan kunci terhapus), atau berkas itu bukan data SPO Counter. "
            "Tidak ada yang diubah. Pulihkan kunci dari lembar pemulihan yang dicetak saat "
            "penyiapan: 'spo-counter keys restore BERKAS'.",
            f"The file {path} cannot be opened: the key for the counter's data is not on this "
            "PC (a new PC, or its key store was wiped), or the file is not SPO Counter data. "
            "Nothing was changed. Restore the keys from the recovery sheet printed at setup: "
            "'spo-counter keys restore FILE'.",
        )
