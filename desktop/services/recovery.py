"""The recovery sheet: printed at setup (and again on a supervisor's request), it gives the
counter's secrets back on another PC (`spo-counter keys restore FILE`).

The store is encrypted with a key kept in this PC's key store, outside the data folder
(desktop/keystore.py). A lost or dead PC takes that key with it; the sheet, kept in the branch's
safe, holds it, and the audit, receipt and upload keys, as one recovery code
(desktop/recovery_code.py): text, a QR code, and the PDF's keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from desktop.counter import Counter, Profile
from desktop.errors import DomainError
from desktop.files import shown_name, write_atomically
from desktop.keystore import NAMES, STORE_ID_FILE, STORE_KEY, guarded, open_keystore
from desktop.paths import DB_FILENAME
from desktop.receipts.recovery_sheet import RecoverySheet, render_recovery_sheet
from desktop.recovery_code import decode_code, encode_code, find_code
from desktop.services.auth import authorize_supervisor
from desktop.services.setup import init_counter
from desktop.store.protection import opens_with
from desktop.store.schema import users

__all__ = [
    "CounterSetUp",
    "RestoredKeys",
    "new_recovery_sheet",
    "restore_keys",
    "save_recovery_sheet",
    "set_up_counter",
    "sheet_name",
]

_MAX_FILE = 20 * 1024 * 1024  # a sheet is a few kB; anything this big is not one


@dataclass(frozen=True)
class CounterSetUp:
    profile: Profile
    recovery_sheet: Path


@dataclass(frozen=True)
class RestoredKeys:
    store_id: str
    names: tuple[str, ...]
    store_opens: bool  # the folder's store opened with the restored key (False: no store yet)


def sheet_name(counter_code: str) -> str:
    return f"SPO-Counter-pemulihan-{counter_code}.pdf"


def set_up_counter(
    counter: Counter,
    *,
    recovery_sheet: Path,
    bank_code: str,
    branch_code: str,
    branch_name: str,
    counter_no: int | str,
    timezone: str,
    supervisor_id: str,
    supervisor_name: str,
    supervisor_pin: str,
    paper: str = "roll80",
) -> CounterSetUp:
    """A new counter (desktop/services/setup.py init_counter) and its recovery sheet, written
    to `recovery_sheet` (a folder: the sheet's own name in it). `spo-counter init` and the
    window's setup wizard both set a counter up here."""
    profile = init_counter(
        counter,
        bank_code=bank_code,
        branch_code=branch_code,
        branch_name=branch_name,
        counter_no=counter_no,
        timezone=timezone,
        supervisor_id=supervisor_id,
        supervisor_name=supervisor_name,
        supervisor_pin=supervisor_pin,
        paper=paper,
    )
    sheet = save_recovery_sheet(counter, recovery_sheet, made_by=supervisor_id.strip())
    return CounterSetUp(profile, sheet)


def new_recovery_sheet(
    counter: Counter, path: Path, *, supervisor_id: str, supervisor_pin: str
) -> Path:
    """A new sheet (the first lost, or the upload token changed since), for a supervisor only."""
    supervisor = authorize_supervisor(counter, supervisor_id, supervisor_pin)
    return save_recovery_sheet(counter, path, made_by=supervisor.id)


def save_recovery_sheet(counter: Counter, path: Path, *, made_by: str) -> Path:
    """Write the counter's recovery sheet to `path` (a folder: the sheet's name in it)."""
    profile = counter.profile
    target = path / sheet_name(profile.counter_code) if path.is_dir() else path
    keys = counter.keys
    kept = guarded(keys.export)
    with counter.store.read() as connection:
        name = connection.execute(sa.select(users.c.name).where(users.c.id == made_by)).scalar()
    sheet = RecoverySheet(
        counter_code=profile.counter_code,
        branch_name=profile.branch_name,
        store_id=keys.store_id,
        made_on=counter.local(counter.now()).strftime("%d/%m/%Y %H:%M"),
        made_by=f"{made_by} ({name})" if name else made_by,
        secrets=tuple(kept),
        code=encode_code(keys.store_id, kept),
    )
    try:
        write_atomically(target, render_recovery_sheet(sheet))
    except OSError as error:
        raise DomainError(
            "recovery_sheet",
            f"Lembar pemulihan tidak dapat disimpan ke {shown_name(target)} ({error.strerror}). "
            "Buat lagi dengan 'spo-counter keys sheet'.",
            f"The recovery sheet cannot be saved to {shown_name(target)} ({error.strerror}). "
            "Make it again with 'spo-counter keys sheet'.",
        ) from error
    return target


def restore_keys(data_dir: Path, sheet: Path) -> RestoredKeys:
    """Keep the secrets of a recovery sheet (its PDF, or a text file with its code) for the
    data folder `data_dir` on this PC; its store, when there is one, must open with them.

    Nothing is kept when the sheet is not a whole code, belongs to another counter's data
    folder, or does not open the folder's store.
    """
    code = _read_code(sheet)
    try:
        store_id, kept = decode_code(code)
    except ValueError as error:
        raise _bad_sheet(sheet, str(error)) from None
    if STORE_KEY not in kept:
        raise _bad_sheet(sheet, "it carries no store key")
    id_file = data_dir / STORE_ID_FILE
    current = id_file.read_text("ascii").strip() if id_file.is_file() else ""
    if current and current != store_id:
        raise DomainError(
            "recovery_sheet",
            f"Lembar pemulihan ini milik data loket lain (ID {store_id}), bukan folder "
            f"{shown_name(data_dir)} (ID {current}). Tidak ada yang diubah.",
            f"This recovery sheet belongs to another counter's data (id {store_id}), not to "
            f"the folder {shown_name(data_dir)} (id {current}). Nothing was changed.",
        )
    db_path = data_dir / DB_FILENAME
    opens = db_path.is_file() and db_path.stat().st_size > 0
    if opens and not opens_with(db_path, kept[STORE_KEY]):
        raise DomainError(
            "recovery_sheet",
            f"Kunci di lembar pemulihan ini tidak membuka data di {shown_name(data_dir)}: "
            "lembar dari loket lain, atau data itu bukan milik loket ini. Tidak ada yang "
            "diubah.",
            f"The key on this recovery sheet does not open the data in "
            f"{shown_name(data_dir)}: a sheet of another counter, or data that are not this "
            "counter's. Nothing was changed.",
        )
    if not current:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(id_file, store_id.encode("ascii"))
    keys = guarded(lambda: open_keystore(data_dir))
    guarded(lambda: keys.restore(kept))
    return RestoredKeys(store_id, tuple(name for name in NAMES if name in kept), opens)


def _read_code(sheet: Path) -> str:
    try:
        if not sheet.is_file() or sheet.stat().st_size > _MAX_FILE:
            raise _bad_sheet(sheet, "not a regular file of a recovery sheet's size")
        data = sheet.read_bytes()
    except OSError as error:
        raise _bad_sheet(sheet, error.strerror or str(error)) from None
    code = find_code(data)
    if code is None:
        raise _bad_sheet(sheet, "no recovery code in it")
    return code


def _bad_sheet(sheet: Path, why: str) -> DomainError:
    return DomainError(
        "recovery_sheet",
        f"{shown_name(sheet)} bukan lembar pemulihan yang utuh ({why}). Tidak ada yang diubah.",
        f"{shown_name(sheet)} is not a whole recovery sheet ({why}). Nothing was changed.",
    )
