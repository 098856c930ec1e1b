"""Bulk files brought by Perisai agents: registrations and cash contributions, one verdict a row.

Only a regular file of at most MAX_FILE_MB is read; a row that is not valid CSV (an unterminated
quote among them) is a rejected row, numbered, and never takes the rows after it along; a file
name is shown escaped when it holds control characters.
"""

from __future__ import annotations

import csv
import io
import itertools
import logging
import os
import stat
from collections.abc import Callable, Iterator, Mapping
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
# A rejected row names the file's column, not the service's field, so the agent finds the cell.
REGISTRATION_FIELDS = {"sex": "gender"}
CONTRIBUTION_FIELDS = {"nik": "participant", "kpj": "participant"}
MAX_FILE_MB = 20  # an agent's file of ~60,000 registrations; a bigger one is split
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
log = logging.getLogger(__name__)
MAX_BROKEN_ROWS = 100  # rows not valid CSV before the rest of a file is left unread


@dataclass(frozen=True)
class Accepted:
    row: int
    receipt_no: str


@dataclass(frozen=True)
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
    counter: Counter, actor: User, path: Path, *, lang: str = "id"
) -> ImportResult:
    def register(row: dict[str, str]) -> Captured:
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

    return _import(path, REGISTRATION_COLUMNS, register, lang, REGISTRATION_FIELDS)


def import_contributions(
    counter: Counter,
    actor: User,
    path: Path,
    *,
    lang: str = "id",
    link: InquiryLink | None = None,
) -> ImportResult:
    """Each row paid as at the window. When an upstream is set up, each participant is asked
    first (once): their sector brings its reliefs (PP 50/2025) and their "paid through" the
    months already paid elsewhere and how far ahead a payment reaches. The first time the
    upstream cannot be reached (at most the inquiry's short timeout) the rest is checked as
    offline, against this counter's records only."""
    asker = _Asker(counter, link)

    def pay(row: dict[str, str]) -> Captured:
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
                tender="cash",
                sector=(known.sector or "") if known else "",
                paid_through=(known.paid_through or "") if known else "",
            ),
        )

    result = _import(path, CONTRIBUTION_COLUMNS, pay, lang, CONTRIBUTION_FIELDS)
    result.upstream = asker.state(lang)
    return result


class _Asker:
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


def _import(
    path: Path,
    columns: tuple[str, ...],
    write: Callable[[dict[str, str]], Captured],
    lang: str,
    fields: Mapping[str, str],
) -> ImportResult:
    """Each row is its own transaction: a bad row writes nothing and never stops the others.

    What stops the file (the store failing: locked past the wait, full, damaged; Ctrl+C; a bug)
    ends the loop with `stopped` set: the rows accepted before it are committed and reported.
    """
    result = ImportResult()
    for row_no, row in _rows(path, columns):
        if isinstance(row, DomainError):
            result.rejected.append(Rejected(row_no, row.field, row.message(lang)))
            continue
        try:
            captured = write(row)
        except StoreError as error:
            result.stopped = Stopped(row_no, "store", error.message(lang))
            break
        except KeyboardInterrupt:
            result.stopped = Stopped(row_no, "interrupted", _interrupted(lang))
            break
        except DomainError as error:
            field_name = fields.get(error.field, error.field)
            result.rejected.append(Rejected(row_no, field_name, error.message(lang)))
        except Exception as error:  # a bug: reported with what was committed before it
            log.exception("import stopped at row %s", row_no)
            result.stopped = Stopped(row_no, "bug", f"{type(error).__name__}: {error}")
            break
        else:
            result.accepted.append(Accepted(row_no, captured.receipt_no))
    return result


def _interrupted(lang: str) -> str:
    if lang == "en":
        return "Stopped by the user (Ctrl+C): this row and the rest were not imported."
    return "Dihentikan pengguna (Ctrl+C): baris ini dan sisanya tidak diimpor."


def _rows(
    path: Path, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | DomainError]]:
    """Rows numbered as a spreadsheet shows them: the header is row 1, the first record row 2.

    A spreadsheet row is a CSV record, not a line: a quoted cell may hold a line break, and an
    empty line is an (empty) row all the same.
    """
    # Lines as the csv module splits them (\n, \r\n, \r), not str.splitlines (\x1c, \u2028 ...).
    lines = io.StringIO(_read_text(path), newline="").readlines()
    if not lines:
        raise _file_error(path, "kosong", "is empty")
    # Spreadsheets set to Indonesian save CSV with semicolons.
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    try:
        header = [name.strip().lower() for name in next(csv.reader(lines[:1], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        raise _file_error(path, "bukan CSV yang sah", "is not valid CSV") from None
    if header != list(columns):
        expected = ",".join(columns)
        raise DomainError(
            "file",
            f"Baris judul {shown_name(path.name)} harus: {expected}",
            f"The header row of {shown_name(path.name)} must be: {expected}",
        )
    for row_no, values in _records(lines, delimiter):
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


def _records(lines: list[str], delimiter: str) -> Iterator[tuple[int, list[str] | DomainError]]:
    """The records after the header line, numbered from row 2; a record that is not valid CSV
    is an error at the row it starts in, and reading goes on at the line after that one.

    An unterminated quote would make the rest of the file one cell (and the csv module stops
    there): its row is reported and the rows after it are read on their own, each with its
    own verdict. After MAX_BROKEN_ROWS such rows the rest is reported unread, so that a file
    of stray quotes cannot keep the command reading the same lines over and over.
    """
    row_no, first, broken = 1, 1, 0
    while first < len(lines):
        reader = csv.reader(itertools.islice(lines, first, None), delimiter=delimiter, strict=True)
        while True:
            start = first + reader.line_num  # the line this record starts on
            row_no += 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                broken += 1
                if broken > MAX_BROKEN_ROWS:
                    yield row_no, _rest_unread()
                    return
                yield row_no, _broken_row(lines[start : first + reader.line_num], delimiter)
                first = start + 1
                break
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


def _read_text(path: Path) -> str:
    """The file's text, read only when it is a regular file within MAX_FILE_BYTES.

    A pipe (FIFO), a device (/dev/zero) or a folder is refused before it is opened for reading:
    reading one could block the command for good or never end. The check is made again on the
    opened file, and the read stops one byte past the limit, so a file swapped or grown after
    the first look cannot get round it.
    """
    try:
        _check_regular(path, os.stat(path))
        # O_NONBLOCK: should a pipe be put in its place after the check, opening it cannot wait
        # for a writer. On a regular file it changes nothing. (Windows has neither.)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            _check_regular(path, os.fstat(handle.fileno()))
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(path)
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise _file_error(path, "tidak ditemukan", "was not found") from None
    except UnicodeDecodeError:
        raise _file_error(
            path, "harus disimpan sebagai CSV UTF-8", "must be saved as CSV UTF-8"
        ) from None
    except OSError as error:
        raise _file_error(
            path, f"tidak dapat dibaca ({error.strerror})", f"cannot be read ({error.strerror})"
        ) from None


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
