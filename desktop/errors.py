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
