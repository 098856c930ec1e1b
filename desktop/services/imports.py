"""Bulk files brought by Perisai agents: registrations and cash contributions, one verdict a row.

Only a regular file of at most MAX_FILE_MB is read; a row that is not valid CSV (an unterminated
quote among them) is a rejected row, numbered, and never takes the rows after it along; a file
name is shown escaped when it holds control characters.

Speed (issue 18): rows are committed in groups (GROUP_ROWS rows or GROUP_SECONDS, whichever
comes first), each row inside the group its own savepoint (the service's own write, nested), so
a bad row still writes nothing and never takes the others along, while the disk is synced once a
group instead of once a row. A crash or a power cut loses only the group not yet committed: none
of it is reported as accepted, and importing the file again commits just those rows (a row
committed before is refused as a duplicate, naming its receipt: a NIK registered, a period paid).
The file is streamed, never held whole: memory stays flat over a file of any length.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.counter import Counter
from desktop.errors import DomainError, StoreError
from desktop.files import shown_name
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.inquiry import Inquire, InquiryLink, InquiryParticipant, inquire
from desktop.services.registration import RegisterParticipant, register_participant
from desktop.services.spreadsheet import xlsx_records
from desktop.services.upload import upstream_address

REGISTRATION_COLUMNS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "mother_maiden_name",
    "phone",
    "email",
    "address",
    "occupation",
    "monthly_income",
    "programs",
    "agent_code",
)
CONTRIBUTION_COLUMNS = ("participant", "months", "monthly_income", "programs", "period_start")
# A last column a file may add: the Perisai agent who brought the payments (from the register).
CONTRIBUTION_OPTIONAL = ("agent_code",)
# A rejected row names the file's column, not the service's field, so the agent finds the cell.
REGISTRATION_FIELDS = {"sex": "gender"}
CONTRIBUTION_FIELDS = {"nik": "participant", "kpj": "participant"}
# Read streaming, so memory does not grow with it: ~500,000 registrations, 200,000 with long
# addresses; a bigger one is split.
MAX_FILE_MB = 100
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
log = logging.getLogger(__name__)
MAX_BROKEN_ROWS = 100  # rows not valid CSV before the rest of a file is left unread
# A group commit: at most this many rows, or this long, between two syncs to disk. A crash costs
# at most one group, which the next import of the file commits again.
GROUP_ROWS = 1000
GROUP_SECONDS = 1.0
_CHUNK = 1 << 20  # bytes read at a time when the file is checked


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an import stands after a group commit: the last row read, the rows committed."""

    row: int
    accepted: int  # committed: durable, whatever happens next
    rejected: int


ProgressFn = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class Accepted:
    row: int
    receipt_no: str  # empty in a check: nothing was written, no number taken


@dataclass(frozen=True, slots=True)
class Rejected:
    row: int
    field: str
    message: str


@dataclass(frozen=True)
class Stopped:
    """What ended an import before its last row: the row it was on (not written) and why."""

    row: int
    field: str  # "store" (locked, full, damaged ...), "interrupted" (Ctrl+C), "bug"
    message: str


@dataclass
class ImportResult:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stopped: Stopped | None = None  # None: every row was read
    # Contributions: how the upstream was asked. None: no upstream set up (checked here only);
    # "online": every participant asked; else why it could not be (then rows after the outage
    # were checked against this counter's records only, as offline).
    upstream: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The --json output; `stopped` only when something ended the import early."""
        out: dict[str, object] = {
            "accepted": [{"row": a.row, "receipt_no": a.receipt_no} for a in self.accepted],
            "rejected": [
                {"row": r.row, "field": r.field, "message": r.message} for r in self.rejected
            ],
        }
        if self.stopped is not None:
            stopped = self.stopped
            out["stopped"] = {
                "row": stopped.row,
                "field": stopped.field,
                "message": stopped.message,
            }
        if self.upstream is not None:
            out["upstream"] = self.upstream
        return out


def import_registrations(
    counter: Counter,
    actor: User,
    path: Path,
    *,
    lang: str = "id",
    progress: ProgressFn | None = None,
    check: bool = False,
) -> ImportResult:
    """Each row registered as at the window; `progress` is told after every group commit.
    With `check` every row gets its verdict and nothing is written (`import --check`)."""

    def register(row: Row) -> Captured:
        return register_participant(
            counter,
            actor,
            RegisterParticipant(
                nik=row["nik"],
                full_name=row["full_name"],
                birth_place=row["birth_place"],
                birth_date=row["birth_date"],
                sex=row["gender"],
                mother_maiden_name=row["mother_maiden_name"],
                phone=row["phone"],
                email=row["email"],
                address=row["address"],
                occupation=row["occupation"],
                monthly_income=row["monthly_income"],
                programs=row["programs"],
                agent_code=row["agent_code"],
            ),
        )

    rows = read_rows(path, REGISTRATION_COLUMNS)  # the file and its header checked first
    if check:
        return _checked_only(
            check_rows(counter, rows, register, lang=lang, fields=REGISTRATION_FIELDS)
        )
    return import_rows(
        counter, rows, register, lang=lang, fields=REGISTRATION_FIELDS, progress=progress
    )


def import_contributions(
    counter: Counter,
    actor: User,
    path: Path,
    *,
    lang: str = "id",
    link: InquiryLink | None = None,
    progress: ProgressFn | None = None,
    check: bool = False,
) -> ImportResult:
    """Each row paid as at the window; `progress` is told after every group commit. With
    `check` every row gets its verdict and nothing is written (`import --check`).

    When an upstream is set up, each participant is asked first (once): their sector brings its
    reliefs (PP 50/2025) and their "paid through" the months already paid elsewhere and how far
    ahead a payment reaches. The first time the upstream cannot be reached (at most the
    inquiry's short timeout) the rest is checked as offline, against this counter's records only."""
    # The file and its header checked first.
    rows = read_rows(path, CONTRIBUTION_COLUMNS, CONTRIBUTION_OPTIONAL)
    asker = Asker(counter, link)
    pay = contribution_writer(counter, actor, asker)
    if check:
        result = _checked_only(
            check_rows(counter, rows, pay, lang=lang, fields=CONTRIBUTION_FIELDS)
        )
    else:
        result = import_rows(
            counter, rows, pay, lang=lang, fields=CONTRIBUTION_FIELDS, progress=progress
        )
    result.upstream = asker.state(lang)
    return result


def contribution_writer(
    counter: Counter,
    actor: User,
    asker: Asker,
    *,
    tender: str = "cash",
    debit_account: str = "",
    debit_reference: str = "",
    agent_code: str = "",
) -> Callable[[Mapping[str, str]], Captured]:
    """A contribution row paid as at the window (the participant asked of the upstream first,
    once): the one write of an imported row and of a collective visit's. `agent_code`: the
    agent who brought every row (a visit); else a row's own `agent_code` column, if any."""

    def pay(row: Mapping[str, str]) -> Captured:
        known = asker.ask(row["participant"])
        return pay_bpu(
            counter,
            actor,
            PayBpuContribution(
                participant=row["participant"],
                months=row["months"],
                period_start=row["period_start"],
                monthly_income=row["monthly_income"],
                programs=row["programs"],
                tender=tender,
                debit_account=debit_account,
                debit_reference=debit_reference,
                sector=(known.sector or "") if known else "",
                paid_through=(known.paid_through or "") if known else "",
                agent_code=agent_code or row.get("agent_code", ""),
            ),
        )

    return pay


class Asker:
    """The upstream's word on each participant of an import, asked once each, and not at all
    after the link failed once (a dead link costs the import one timeout, not one a row)."""

    def __init__(self, counter: Counter, link: InquiryLink | None) -> None:
        self.counter = counter
        self.link = link
        self.answers: dict[str, InquiryParticipant | None] = {}
        self.problem: DomainError | None = None
        try:
            upstream_address(counter)
            self.set_up = True
        except DomainError:
            self.set_up = False  # no upstream (or not usable): offline, as before issue 15

    def ask(self, typed: str) -> InquiryParticipant | None:
        if not self.set_up or self.problem is not None:
            return None
        if typed not in self.answers:
            try:
                answer = inquire(self.counter, Inquire(typed), self.link)
            except DomainError as error:
                if error.field in ("upstream", "token"):
                    self.problem = error
                else:
                    self.answers[typed] = None  # a typo, or unknown upstream: the row says so
                return None
            self.answers[typed] = answer.participant
        return self.answers[typed]

    def state(self, lang: str) -> str | None:
        if not self.set_up:
            return None
        return "online" if self.problem is None else self.problem.message(lang)


Row = Mapping[str, str]
Rows = Iterable[tuple[int, Row | DomainError]]
Write = Callable[[Row], Captured]


def import_rows(
    counter: Counter,
    rows: Rows,
    write: Write,
    *,
    lang: str = "id",
    fields: Mapping[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Each row is its own savepoint: a bad row writes nothing and never stops the others.
    Rows are made durable a group at a time (one commit, one sync); only committed rows are
    reported accepted.

    What stops the file (the store failing: locked past the wait, full, damaged; Ctrl+C; a bug)
    ends the loop with `stopped` set: the rows before it are committed (when the store lets
    them be) and reported; a group the store could not commit is reported as not imported from
    its first row on.
    """
    result = ImportResult()
    fields = fields or {}
    rows = iter(rows)
    last_row = 1
    while result.stopped is None:
        group: list[Accepted] = []
        group_start: int | None = None
        rejected_before = len(result.rejected)
        more = False
        try:
            with counter.store.write():
                began = time.monotonic()
                for row_no, row in rows:
                    last_row = row_no
                    if group_start is None:
                        group_start = row_no
                    stop = _one_row(row_no, row, write, lang, fields, result, group)
                    if stop is not None:
                        result.stopped = stop  # the rows before it are committed all the same
                        break
                    if len(group) >= GROUP_ROWS or time.monotonic() - began >= GROUP_SECONDS:
                        more = True
                        break
        except StoreError as error:  # the commit failed: this group is not in the store
            del result.rejected[rejected_before:]
            result.stopped = Stopped(group_start or last_row, "store", error.message(lang))
            break
        except KeyboardInterrupt:  # in the commit: counted as not made (safe to import again)
            del result.rejected[rejected_before:]
            result.stopped = Stopped(group_start or last_row, "interrupted", _interrupted(lang))
            break
        result.accepted.extend(group)
        if progress is not None and (group or len(result.rejected) > rejected_before):
            progress(Progress(last_row, len(result.accepted), len(result.rejected)))
        if not more:
            break
    return result


def check_rows(
    counter: Counter,
    rows: Rows,
    write: Write,
    *,
    lang: str = "id",
    fields: Mapping[str, str] | None = None,
) -> ImportResult:
    """Every row's verdict as the import would give it, in one write scope rolled back at the
    end: a row refused because an earlier row of the file took its place (the same period paid
    twice) is refused here too; no receipt number, audit event or upload is kept (an accepted
    row's number is the one it would have had, for telling rows apart, never to be shown)."""
    result = ImportResult()
    fields = fields or {}
    group: list[Accepted] = []
    try:
        with counter.store.trial():
            for row_no, row in rows:
                stop = _one_row(row_no, row, write, lang, fields, result, group)
                if stop is not None:
                    result.stopped = stop
                    break
    except StoreError as error:
        result.stopped = Stopped(0, "store", error.message(lang))
    result.accepted = group
    return result


def _checked_only(result: ImportResult) -> ImportResult:
    """A check's result as told: accepted rows have no receipt number (nothing was written)."""
    result.accepted = [Accepted(a.row, "") for a in result.accepted]
    return result


def _one_row(
    row_no: int,
    row: Row | DomainError,
    write: Write,
    lang: str,
    fields: Mapping[str, str],
    result: ImportResult,
    group: list[Accepted],
) -> Stopped | None:
    """One row in its own savepoint (the service's write, nested in the group's): its verdict,
    or what stops the import at it (the row itself not written)."""
    if isinstance(row, DomainError):
        result.rejected.append(Rejected(row_no, row.field, row.message(lang)))
        return None
    # A StoreError (full, I/O, damaged) is not caught here: SQLite may have rolled the whole
    # group back with the row, so it ends the group, reported from the group's first row.
    try:
        captured = write(row)
    except StoreError:
        raise
    except KeyboardInterrupt:
        return Stopped(row_no, "interrupted", _interrupted(lang))
    except DomainError as error:
        field_name = fields.get(error.field, error.field)
        result.rejected.append(Rejected(row_no, field_name, error.message(lang)))
    except Exception as error:  # a bug: reported with what was committed before it
        log.exception("import stopped at row %s", row_no)
        return Stopped(row_no, "bug", f"{type(error).__name__}: {error}")
    else:
        group.append(Accepted(row_no, captured.receipt_no))
    return None


def _interrupted(lang: str) -> str:
    if lang == "en":
        return "Stopped by the user (Ctrl+C): this row and the rest were not imported."
    return "Dihentikan pengguna (Ctrl+C): baris ini dan sisanya tidak diimpor."


def read_rows(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, Row | DomainError]]:
    """Rows numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
    A `.xlsx` file is read as the spreadsheet itself (desktop/services/spreadsheet.py).

    The file and its header are checked here, before the first row is asked for (a DomainError
    `file` otherwise); the rows are then read as they are asked for, never the whole file at once.
    A spreadsheet row is a CSV record, not a line: a quoted cell may hold a line break, and an
    empty line is an (empty) row all the same.
    """
    if path.suffix.lower() == ".xlsx":
        records, columns = xlsx_records(path, columns, optional)
        return _checked(records, columns)
    lines = _Lines(_text_lines(path))
    first = next(lines, None)
    if first is None:
        raise _file_error(path, "kosong", "is empty")
    # Spreadsheets set to Indonesian save CSV with semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        header = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        raise _file_error(path, "bukan CSV yang sah", "is not valid CSV") from None
    if optional and header == [*columns, *optional]:
        columns = (*columns, *optional)
    if header != list(columns):
        expected = ",".join(columns) + "".join(f"[,{name}]" for name in optional)
        raise DomainError(
            "file",
            f"Baris judul {shown_name(path.name)} harus: {expected}",
            f"The header row of {shown_name(path.name)} must be: {expected}",
        )
    return _checked(_records(lines, delimiter), columns)


def _checked(
    records: Iterator[tuple[int, list[str] | DomainError]], columns: tuple[str, ...]
) -> Iterator[tuple[int, Row | DomainError]]:
    for row_no, values in records:
        if isinstance(values, DomainError):
            yield row_no, values
        elif not any(v.strip() for v in values):
            continue
        elif len(values) != len(columns):
            yield (
                row_no,
                DomainError(
                    "row",
                    f"Baris ini berisi {len(values)} kolom, seharusnya {len(columns)}.",
                    f"This row has {len(values)} columns, it should have {len(columns)}.",
                ),
            )
        else:
            yield row_no, dict(zip(columns, values, strict=True))


class _Lines:
    """The file's lines as they are read, keeping those of the record being read: a record that
    is not valid CSV gives back all its lines but the first, to be read again on their own."""

    def __init__(self, source: Iterable[str]) -> None:
        self._source = iter(source)
        self._again: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._again.popleft() if self._again else next(self._source)
        self.taken.append(line)
        return line

    def start_record(self) -> None:
        self.taken = []

    def again_after_first(self) -> list[str]:
        """The lines of the record just read; all but its first are read again."""
        record, self.taken = self.taken, []
        self._again.extendleft(reversed(record[1:]))
        return record


def _records(lines: _Lines, delimiter: str) -> Iterator[tuple[int, list[str] | DomainError]]:
    """The records after the header line, numbered from row 2; a record that is not valid CSV
    is an error at the row it starts in, and reading goes on at the line after that one.

    An unterminated quote would make the rest of the file one cell (and the csv module stops
    there): its row is reported and the rows after it are read on their own, each with its
    own verdict. After MAX_BROKEN_ROWS such rows the rest is reported unread, so that a file
    of stray quotes cannot keep the command reading the same lines over and over.
    """
    row_no, broken = 1, 0
    while True:
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            row_no += 1
            lines.start_record()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                broken += 1
                if broken > MAX_BROKEN_ROWS:
                    yield row_no, _rest_unread()
                    return
                yield row_no, _broken_row(lines.again_after_first(), delimiter)
                break  # a new reader: this one is spent
            yield row_no, values


def _rest_unread() -> DomainError:
    return DomainError(
        "row",
        f"Lebih dari {MAX_BROKEN_ROWS} baris bukan CSV yang sah: baris ini dan sesudahnya tidak "
        'dibaca. Periksa tanda kutip (") di berkas.',
        f"More than {MAX_BROKEN_ROWS} rows are not valid CSV: this row and those after it were "
        'not read. Check the quotes (") in the file.',
    )


def _broken_row(record: list[str], delimiter: str) -> DomainError:
    """Why a record is not valid CSV. A quote left open: the record ran on past its first line
    (into the next rows, up to a quote meant for another cell) or to the end of the file (one
    more quote would close it). Anything else: a quote out of place within the line."""
    unclosed = len(record) > 1
    if not unclosed:
        try:
            list(csv.reader([*record, '"'], delimiter=delimiter, strict=True))
            unclosed = True
        except csv.Error:
            pass
    if unclosed:
        return DomainError(
            "row",
            'Tanda kutip (") yang dibuka di baris ini tidak ditutup; baris-baris sesudahnya '
            "dibaca masing-masing.",
            'A quote (") opened in this row is not closed; the rows after it are read each on '
            "its own.",
        )
    return DomainError(
        "row",
        'Baris ini bukan CSV yang sah: periksa tanda kutip (") di baris ini.',
        'This row is not valid CSV: check the quotes (") in this row.',
    )


def _text_lines(path: Path) -> Iterator[str]:
    """The file's lines (split as the csv module splits them: \\n, \\r\\n, \\r), read as they
    are asked for, once the file is known to be a regular file within MAX_FILE_BYTES and valid
    UTF-8 throughout (checked in chunks first, so a bad byte near the end refuses the file before
    its first row is written).

    A pipe (FIFO), a device (/dev/zero) or a folder is refused before it is opened for reading:
    reading one could block the command for good or never end. The check is made again on the
    opened file, and reading stops one byte past the limit, so a file swapped or grown after the
    first look cannot get round it.
    """
    try:
        _check_regular(path, os.stat(path))
        # O_NONBLOCK: should a pipe be put in its place after the check, opening it cannot wait
        # for a writer. On a regular file it changes nothing. (Windows has neither.)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        handle = os.fdopen(fd, "rb")
    except FileNotFoundError:
        raise _file_error(path, "tidak ditemukan", "was not found") from None
    except OSError as error:
        raise _unreadable(path, error) from None
    try:
        _check_regular(path, os.fstat(handle.fileno()))
        size = _check_utf8(path, handle)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    except BaseException:
        handle.close()
        raise
    return _lines_of(path, text, size)


def _lines_of(path: Path, text: io.TextIOWrapper, size: int) -> Iterator[str]:
    """The lines of the checked file, up to the `size` bytes checked (a file grown since ends
    there); closed when read to the end or dropped."""
    with text:
        left = size
        try:
            for line in text:
                yield line
                left -= len(line.encode("utf-8"))
                if left < 0:
                    return
        except (OSError, UnicodeDecodeError):  # changed under us after the check
            raise _file_error(path, "berubah saat dibaca", "changed while it was read") from None


def _check_utf8(path: Path, handle: io.BufferedReader) -> int:
    """The file's size in bytes, once every byte of it (up to MAX_FILE_BYTES) decodes as UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    size = 0
    try:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _too_large(path)
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _file_error(
            path, "harus disimpan sebagai CSV UTF-8", "must be saved as CSV UTF-8"
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    return size


def _unreadable(path: Path, error: OSError) -> DomainError:
    return _file_error(
        path, f"tidak dapat dibaca ({error.strerror})", f"cannot be read ({error.strerror})"
    )


def _check_regular(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _file_error(
            path,
            "bukan berkas biasa (folder, perangkat atau pipa); simpan sebagai berkas CSV",
            "is not a regular file (a folder, device or pipe); save it as a CSV file",
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _too_large(path)


def _too_large(path: Path) -> DomainError:
    return _file_error(
        path,
        f"terlalu besar (maks. {MAX_FILE_MB} MB); bagi menjadi beberapa berkas",
        f"is too large (max {MAX_FILE_MB} MB); split it into several files",
    )


def _file_error(path: Path, message_id: str, message_en: str) -> DomainError:
    name = shown_name(path.name)
    return DomainError("file", f"Berkas {name} {message_id}.", f"File {name} {message_en}.")
