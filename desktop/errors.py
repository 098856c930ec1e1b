"""Errors the application expects: bad input and refused operations, in two languages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


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


class FieldsError(DomainError):
    """Several fields wrong at once: every error, in form order, so a form shows them all (and
    the command line prints them all). `field` and the messages are the first error's, so a
    caller that knows only DomainError still names a field that is wrong."""

    def __init__(self, errors: Sequence[DomainError]) -> None:
        first = errors[0]
        super().__init__(first.field, first.message_id, first.message_en)
        self.errors = tuple(errors)

    def __repr__(self) -> str:
        return f"FieldsError({[error.field for error in self.errors]!r})"


def each_error(error: DomainError) -> tuple[DomainError, ...]:
    """The errors a refusal holds: several for FieldsError, else itself."""
    return error.errors if isinstance(error, FieldsError) else (error,)


class Checks:
    """Runs a form's checks one after another and keeps every error (one per field), so that
    all are said at once; `done()` raises them (one DomainError, or FieldsError for several)."""

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def take(self, check: Callable[[], T]) -> T | None:
        """The check's value, or None when it raised a DomainError (kept)."""
        try:
            return check()
        except DomainError as error:
            for one in each_error(error):
                self.add(one)
            return None

    def add(self, error: DomainError) -> None:
        if all(error.field != kept.field for kept in self.errors):
            self.errors.append(error)

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise FieldsError(self.errors)


class StoreError(DomainError):
    """The counter's data file failed: locked, damaged, not a database, unreadable, read-only,
    full, an I/O error, or an empty or foreign file where the store should be.

    One type for all of them (`kind` says which: the keys of STORE_FAILURES in
    desktop/store/failures.py), so the command line prints one message and exits 1 and the
    window offers the newest good backup, whichever it is. `path` is the file concerned.
    """

    def __init__(self, kind: str, path: str, message_id: str, message_en: str) -> None:
        super().__init__("store", message_id, message_en)
        self.kind = kind
        self.path = path

    def __repr__(self) -> str:
        return f"StoreError(kind={self.kind!r}, path={self.path!r})"


class StoreKeyError(StoreError):
    """A counter store file that does not open with this PC's key for it (a wrong or missing
    key, or a file that is not a counter store): said, never a traceback, and nothing is
    changed (the file is never taken for a new counter). A StoreError of kind "key"."""

    def __init__(self, message_id: str, message_en: str, path: object = "") -> None:
        super().__init__("key", str(path), message_id, message_en)

    @classmethod
    def for_file(cls, path: object, *, plain: bool = False) -> StoreKeyError:
        if plain:
            return cls(
                f"Berkas {path} belum terenkripsi dan tidak dapat dibuka di sini. "
                "Buka folder data ini dengan aplikasi SPO Counter agar dienkripsi.",
                f"The file {path} is not encrypted yet and cannot be opened here. "
                "Open this data folder with the SPO Counter application to encrypt it.",
                path,
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
            path,
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
            path,
        )
