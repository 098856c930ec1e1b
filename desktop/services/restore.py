"""Restoring the store from a backup, and taking back from the upstream what came after it.

A restore (a supervisor's, with their PIN): the backup is checked first (integrity and audit
chain, as a backup is after writing) and must be this counter's; the current store is renamed
aside with the instant (never overwritten, never deleted); the backup is copied into place.
The supervisor signs in on the current store when it still opens, else on the backup itself
(a destroyed store holds no users to ask).

Then recovery: until the upstream has been asked for the counter's own records acknowledged
since the backup, a marker file (`restore-pending.json`) in the data folder stops every
capture, so no receipt number the upstream has seen is handed out again. The upstream's events
after the backup's chain head are appended back verbatim (desktop/store/recovered.py), its
records with them, the receipt sequence moves on to the highest number the upstream holds, and
one keyed `store.recovered` event records the restore: which backup, what was set aside, what
was taken back. A counter without an upstream set up records `store.restored` at once instead.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

import sqlalchemy as sa

from desktop.clock import Clock
from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.files import shown_name, write_atomically
from desktop.keystore import AUDIT_KEY, STORE_ID_FILE, KeyStoreError, open_keystore
from desktop.paths import DB_FILENAME, RESTORE_MARKER
from desktop.services.auth import User, authorize_supervisor
from desktop.services.receipt_gaps import settle_lost_receipts
from desktop.services.upload import Link, upstream_address
from desktop.store import backup as files
from desktop.store.audit import append_event
from desktop.store.backup import BackupCheck
from desktop.store.protection import store_key
from desktop.store.recovered import Held, NotOursError, TakenBack, restored_position, take_back
from desktop.store.store import Store
from desktop.sync.recovery import fetch_recovery

__all__ = ["RecoverAfterRestore", "RestoreBackup", "RestoreOutcome", "TakenBack"]

RESTORED_ACTION: Final = "store.restored"
RECOVERED_ACTION: Final = "store.recovered"
_STAGING: Final = ".restore-staging"
_NOT_SET_UP: Final = frozenset({"upstream", "token"})


@dataclass(frozen=True)
class RestoreBackup:
    file: str
    supervisor_id: str
    pin: str


@dataclass(frozen=True)
class RestoreOutcome:
    restored_from: Path
    check: BackupCheck
    set_aside: tuple[Path, ...]
    recovered: TakenBack | None = None  # None: not asked (no upstream set up) or not reached
    recovery_problem: DomainError | None = None  # the upstream could not be asked: captures wait

    @property
    def recovery_pending(self) -> bool:
        return self.recovery_problem is not None


@dataclass(frozen=True)
class RecoverAfterRestore:
    """`spo-counter recover`: ask the upstream again after a restore it could not reach."""


def restore_backup(
    data_dir: Path, command: RestoreBackup, *, clock: Clock, link: Link | None = None
) -> RestoreOutcome:
    """Check the backup, set the current store aside, put the backup in place, then recover."""
    backup = _existing(command.file)
    now = clock()
    store_key_, audit_key = _keys(data_dir)
    check = files.check_backup(backup, store_key_, audit_key, now)
    current = _open_current(data_dir, clock)
    try:
        if current is not None:
            by = authorize_supervisor(current, command.supervisor_id, command.pin)
            code = current.profile.counter_code
            if check.ok and check.counter_code != code:
                raise DomainError(
                    "file",
                    f"Cadangan ini milik loket {check.counter_code}, bukan {code}: "
                    "tidak dipulihkan.",
                    f"This backup belongs to counter {check.counter_code}, not {code}: "
                    "not restored.",
                )
    finally:
        if current is not None:
            current.store.close()
    if not check.ok:
        raise _bad_backup(backup, check)
    if current is None:
        by = _sign_in_on_backup(data_dir, backup, command, clock)
    db_path = data_dir / DB_FILENAME
    set_aside = tuple(files.set_aside(db_path, now))
    files.put_in_place(backup, db_path)
    _write_marker(data_dir, backup, check, set_aside, by, now)
    restored = Counter(Store(data_dir), clock=clock)
    try:
        try:
            upstream_address(restored)
        except DomainError as error:
            if error.field not in _NOT_SET_UP:
                return RestoreOutcome(backup, check, set_aside, recovery_problem=error)
            _finish(restored, by, RESTORED_ACTION, TakenBack(0, 0, check.last_receipt_seq))
            # Numbers handed out after the backup may be on paper: written off, never reused.
            settle_lost_receipts(restored)
            return RestoreOutcome(backup, check, set_aside)
        try:
            taken = recover_after_restore(restored, by, RecoverAfterRestore(), link)
        except DomainError as error:
            return RestoreOutcome(backup, check, set_aside, recovery_problem=error)
        return RestoreOutcome(backup, check, set_aside, recovered=taken)
    finally:
        restored.store.close()


def prepare_restore(counter: Counter, command: RestoreBackup) -> BackupCheck:
    """The window's first step: the supervisor's PIN on the running counter and the backup's
    check, changing nothing; `restore_running_counter` follows."""
    authorize_supervisor(counter, command.supervisor_id, command.pin)
    backup = _existing(command.file)
    check = files.check_backup(backup, counter.store.key, counter.kept_audit_key(), counter.now())
    if not check.ok:
        raise _bad_backup(backup, check)
    return check


def restore_running_counter(
    counter: Counter, command: RestoreBackup, link: Link | None = None
) -> RestoreOutcome:
    """Restore under a running window: its store is closed first (no connection may hold the
    file being set aside), so the window must start afresh afterwards, whatever came of it."""
    counter.store.close()
    return restore_backup(counter.store.data_dir, command, clock=counter.clock, link=link)


def recover_after_restore(
    counter: Counter, by: User, _command: RecoverAfterRestore, link: Link | None = None
) -> TakenBack:
    """Take back from the upstream the counter's own events and records after the restored
    backup (see the module); captures may go on once this succeeds."""
    if not by.is_supervisor:
        raise DomainError(
            "by",
            "Hanya supervisor yang dapat memulihkan data.",
            "Only a supervisor can recover data.",
        )
    if restore_marker(counter.store.data_dir) is None:
        raise DomainError(
            "restore",
            "Tidak ada pemulihan yang menunggu: loket ini tidak baru dipulihkan dari cadangan.",
            "No recovery is waiting: this counter was not just restored from a backup.",
        )
    link = link or Link()
    endpoint = upstream_address(counter)
    code = counter.profile.counter_code
    with counter.store.read() as connection:
        after_event, after_seq = restored_position(connection, code)
    answer = fetch_recovery(
        counter,
        endpoint.url,
        endpoint.token,
        after_event=after_event,
        after_seq=after_seq,
        policy=link.policy,
        sleep=link.sleep,
        transport=link.transport,
        ca_bundle=endpoint.ca_bundle,
    )
    events = [event.model_dump() for event in answer.events]
    held = [Held(r.seq, r.record, r.kpj) for r in answer.records]
    at = counter.now().isoformat()
    try:
        with counter.store.write() as connection:
            taken = take_back(
                connection,
                counter.kept_audit_key(),
                code,
                events,
                held,
                answer.last_receipt_seq,
                at,
            )
            _record(connection, counter, by, RECOVERED_ACTION, taken)
    except NotOursError as error:
        raise DomainError(
            "upstream",
            f"Data dari server pusat bukan rantai loket ini ({error}): tidak ada yang diambil. "
            "Jangan pakai loket ini dan hubungi IT bank.",
            f"What the upstream sent is not this counter's chain ({error}): nothing was taken. "
            "Do not use this counter; call the bank's IT.",
        ) from error
    _clear_marker(counter)
    # Numbers handed out but never acknowledged by the upstream (captured after the last upload)
    # are lost with the store: written off as a recorded gap, after what was taken back.
    settle_lost_receipts(counter)
    return taken


def restore_marker(data_dir: Path) -> dict[str, object] | None:
    """The restore awaiting its recovery (backup, instant, what was set aside), if any."""
    try:
        value = json.loads((data_dir / RESTORE_MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _finish(counter: Counter, by: User, action: str, taken: TakenBack) -> None:
    with counter.store.write() as connection:
        _record(connection, counter, by, action, taken)
    _clear_marker(counter)


def _record(
    connection: sa.Connection, counter: Counter, by: User, action: str, taken: TakenBack
) -> None:
    marker = restore_marker(counter.store.data_dir) or {}
    append_event(
        connection,
        counter.audit_key,
        at=counter.now().isoformat(),
        actor=by.id,
        action=action,
        details={
            "backup": marker.get("backup"),
            "backup_taken_at": marker.get("taken_at"),
            "set_aside": marker.get("set_aside"),
            "events_taken_back": taken.events,
            "records_taken_back": taken.records,
            "receipts_continue_after": taken.last_receipt_seq,
        },
    )


def _clear_marker(counter: Counter) -> None:
    (counter.store.data_dir / RESTORE_MARKER).unlink(missing_ok=True)
    counter.__dict__.pop("restore_pending", None)


def _write_marker(
    data_dir: Path,
    backup: Path,
    check: BackupCheck,
    set_aside: tuple[Path, ...],
    by: User,
    now: datetime,
) -> None:
    parsed = files.parse_name(backup.name)
    body = {
        "backup": backup.name,
        "taken_at": parsed[0].isoformat() if parsed else None,
        "restored_at": now.isoformat(),
        "restored_by": by.id,
        "set_aside": [path.name for path in set_aside],
        "last_receipt_seq": check.last_receipt_seq,
    }
    write_atomically(data_dir / RESTORE_MARKER, json.dumps(body, indent=2).encode("utf-8"))


def _keys(data_dir: Path) -> tuple[bytes, bytes | None]:
    """This PC's store key and audit key for the data folder (the recovery sheet puts them back
    on a new PC)."""
    try:
        keys = open_keystore(data_dir)
        return store_key(keys, data_dir / DB_FILENAME), keys.get(AUDIT_KEY)
    except KeyStoreError as error:
        raise DomainError(
            "keystore",
            f"Kunci loket tidak dapat dibaca ({error}): cadangan tidak dapat diperiksa.",
            f"The counter's keys cannot be read ({error}): the backup cannot be checked.",
        ) from error


def _open_current(data_dir: Path, clock: Clock) -> Counter | None:
    """The current store when it opens and is set up; None when it is gone, empty or broken."""
    db_path = data_dir / DB_FILENAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        store = Store(data_dir)
    except (DomainError, sa.exc.SQLAlchemyError, OSError):
        return None
    counter = Counter(store, clock=clock)
    try:
        if counter.is_set_up():
            return counter
    except (DomainError, sa.exc.SQLAlchemyError):
        pass
    store.close()
    return None


def _sign_in_on_backup(data_dir: Path, backup: Path, command: RestoreBackup, clock: Clock) -> User:
    """The supervisor signs in against a copy of the backup (the store holds no users now)."""
    staging = files.private_folder(data_dir / _STAGING)
    try:
        files.put_in_place(backup, staging / DB_FILENAME)
        if (data_dir / STORE_ID_FILE).is_file():
            shutil.copyfile(data_dir / STORE_ID_FILE, staging / STORE_ID_FILE)
        staged = Counter(Store(staging), clock=clock)
        try:
            return authorize_supervisor(staged, command.supervisor_id, command.pin)
        finally:
            staged.store.close()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _existing(file: str) -> Path:
    backup = Path(file).expanduser()
    if not backup.is_file():
        raise DomainError(
            "file",
            f"Berkas cadangan {shown_name(backup)} tidak ada.",
            f"The backup file {shown_name(backup)} does not exist.",
        )
    return backup


def _bad_backup(backup: Path, check: BackupCheck) -> DomainError:
    detail = "; ".join(check.problems[:3])
    return DomainError(
        "file",
        f"Cadangan {shown_name(backup.name)} tidak lolos pemeriksaan ({detail}): tidak "
        "dipulihkan, data loket tidak berubah.",
        f"The backup {shown_name(backup.name)} failed its check ({detail}): not restored, the "
        "counter's data is unchanged.",
    )
