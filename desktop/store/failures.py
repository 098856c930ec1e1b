"""A failing store file in plain words: SQLite's error codes and the files that are no store.

Every way the file can fail (desktop/errors.py StoreError) has one message here, in Indonesian
and English, naming the file and saying what to do; docs/installing.md lists them for bank IT.
The driver's error code decides (`sqlite_errorcode`, with its text as a fallback for a driver
that has none), never where the error came from: opening, BEGIN, a statement or COMMIT.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from desktop.errors import StoreError
from desktop.store.engine import DATABASE_ERRORS

# SQLite's primary result codes (https://sqlite.org/rescode.html) and what each means here.
_CODES = {
    3: "unreadable",  # SQLITE_PERM
    5: "locked",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "unreadable",  # SQLITE_CANTOPEN
    23: "unreadable",  # SQLITE_AUTH
    26: "not_a_database",  # SQLITE_NOTADB
}
# The same, from the message, for a driver whose errors carry no code.
_TEXTS = (
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("readonly database", "read_only"),
    ("disk i/o error", "io"),
    ("malformed", "damaged"),
    ("database or disk is full", "full"),
    ("unable to open database file", "unreadable"),
    ("file is not a database", "not_a_database"),
)


def _messages(kind: str, path: Path, detail: str) -> tuple[str, str]:
    folder = path.parent
    if kind == "locked":
        return (
            f"Berkas data loket {path} sedang dipakai proses lain (jendela SPO Counter lain, "
            "perintah spo-counter, atau program cadangan/antivirus) dan tidak dilepas. Tidak ada "
            "yang disimpan. Tunggu proses itu selesai atau tutup, lalu coba lagi.",
            f"The counter's data file {path} is in use by another process (another SPO Counter "
            "window, an spo-counter command, or a backup or antivirus program) and was not "
            "released. Nothing was saved. Wait for that process to finish or close it, then try "
            "again.",
        )
    if kind == "damaged":
        return (
            f"Berkas data loket {path} rusak ({detail}). Jangan lanjutkan transaksi di PC ini: "
            "pulihkan cadangan terbaru yang baik, atau hubungi IT bank. Simpan berkas yang rusak "
            "untuk diperiksa.",
            f"The counter's data file {path} is damaged ({detail}). Do not go on capturing on this "
            "PC: restore the newest good backup, or call the bank's IT. Keep the damaged file for "
            "inspection.",
        )
    if kind == "not_a_database":
        return (
            f"Berkas {path} bukan basis data SPO Counter (isinya bukan basis data: mis. gambar "
            "atau dokumen yang diberi nama ini, atau berkas yang terpotong). Pindahkan berkas itu "
            "ke tempat lain lalu pulihkan cadangan terbaru yang baik, atau hubungi IT bank.",
            f"The file {path} is not an SPO Counter database (what it holds is no database: a "
            "picture or document given this name, or a cut-off file). Move it elsewhere and "
            "restore the newest good backup, or call the bank's IT.",
        )
    if kind == "foreign":
        return (
            f"Berkas {path} adalah basis data milik program lain, bukan data loket SPO Counter. "
            "Berkas itu tidak diubah. Pindahkan ke tempat lain lalu pulihkan cadangan terbaru "
            "yang baik, atau hubungi IT bank.",
            f"The file {path} is another program's database, not an SPO Counter's data. It was "
            "left as it is. Move it elsewhere and restore the newest good backup, or call the "
            "bank's IT.",
        )
    if kind == "empty":
        return (
            f"Berkas data loket {path} kosong (0 byte): ini bukan loket baru, datanya hilang. "
            "Jangan siapkan loket baru di atasnya. Pulihkan cadangan terbaru yang baik; hanya bila "
            "loket ini memang belum pernah dipakai, hapus berkas kosong itu lalu siapkan loket.",
            f"The counter's data file {path} is empty (0 bytes): this is not a new counter, its "
            "data are gone. Do not set up a new counter over it. Restore the newest good backup; "
            "only if this counter was never used, delete the empty file and set the counter up.",
        )
    if kind == "unreadable":
        return (
            f"Berkas data loket {path} tidak dapat dibuka ({detail}). Periksa bahwa folder data "
            f"{folder} ada dan boleh dibaca serta ditulis oleh pengguna ini, atau hubungi IT bank.",
            f"The counter's data file {path} cannot be opened ({detail}). Check that the data "
            f"folder {folder} exists and this user may read and write it, or call the bank's IT.",
        )
    if kind == "read_only":
        return (
            f"Berkas data loket {path} hanya dapat dibaca: tidak ada yang disimpan. Berkas dan "
            f"folder {folder} harus dapat ditulis oleh pengguna ini (izin berkas, disk yang "
            "dikunci tulis); hubungi IT bank.",
            f"The counter's data file {path} is read-only: nothing was saved. The file and the "
            f"folder {folder} must be writable by this user (file permissions, a write-protected "
            "disk); call the bank's IT.",
        )
    if kind == "full":
        return (
            f"Disk tempat {path} penuh: transaksi terakhir tidak disimpan. Kosongkan ruang di "
            "disk itu lalu coba lagi, atau hubungi IT bank.",
            f"The disk holding {path} is full: the last transaction was not saved. Free space on "
            "that disk and try again, or call the bank's IT.",
        )
    return (  # io
        f"Disk gagal membaca atau menulis {path} ({detail}): transaksi terakhir tidak disimpan. "
        "Disk itu mungkin rusak: hubungi IT bank, dan bila perlu pulihkan cadangan terbaru di PC "
        "lain.",
        f"The disk failed to read or write {path} ({detail}): the last transaction was not saved. "
        "The disk may be failing: call the bank's IT, and restore the newest backup on another PC "
        "if need be.",
    )


STORE_FAILURES = (
    "locked",
    "damaged",
    "not_a_database",
    "foreign",
    "empty",
    "unreadable",
    "read_only",
    "full",
    "io",
)


def store_error(kind: str, path: Path, detail: str = "") -> StoreError:
    """The StoreError of `kind` for the file at `path`; `detail` is SQLite's own words."""
    if kind not in STORE_FAILURES:
        raise ValueError(f"unknown store failure {kind!r}")
    path = path.absolute()
    message_id, message_en = _messages(kind, path, detail or kind)
    return StoreError(kind, str(path), message_id, message_en)


def failure_kind(error: BaseException) -> str | None:
    """Which store failure a driver error is, or None when it is no failure of the file (a
    constraint, a bug in a statement: those stay what they are)."""
    original = error.orig if isinstance(error, sa.exc.DBAPIError) else error
    if not isinstance(original, DATABASE_ERRORS) and not _is_driver_error(original):
        return None
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _CODES.get(code & 0xFF)
    text = str(original).lower()
    return next((kind for words, kind in _TEXTS if words in text), None)


def _is_driver_error(error: BaseException | None) -> bool:
    """An error of a DB-API driver other than sqlite3 (SQLCipher's has its own classes)."""
    return error is not None and any(
        cls.__name__ == "DatabaseError" and cls.__module__.endswith("dbapi2")
        for cls in type(error).__mro__
    )


def as_store_error(error: BaseException, path: Path) -> StoreError | None:
    """The StoreError a driver error means for the file at `path`, or None (not a failure)."""
    kind = failure_kind(error)
    if kind is None:
        return None
    original = error.orig if isinstance(error, sa.exc.DBAPIError) else error
    return store_error(kind, path, str(original))


_PLAIN_HEADER = b"SQLite format 3\x00"


def refuse_foreign(path: Path) -> None:
    """Raise the "foreign" StoreError for another program's SQLite database at `path` (tables,
    but not ours), looked at read-only before the store's engine opens it: that open would
    switch the file to WAL, and the migrations would set a counter up in it. A file without
    SQLite's plain header (none, an encrypted store, a picture) is left to the open to judge.
    """
    try:
        with path.open("rb") as file:
            if file.read(len(_PLAIN_HEADER)) != _PLAIN_HEADER:
                return
    except OSError:
        return  # missing or unreadable: the open says which
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        names = {str(row[0]) for row in connection.execute(_TABLES)}
    except sqlite3.Error:
        return  # damaged or locked: the open says so
    finally:
        connection.close()
    if names and "alembic_version" not in names:
        raise store_error("foreign", path)


_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
