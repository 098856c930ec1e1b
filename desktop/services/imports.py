"""Bulk files brought by Perisai agents: registrations and cash contributions, one verdict a row."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.registration import RegisterParticipant, register_participant

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
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Accepted:
    row: int
    receipt_no: str


@dataclass(frozen=True)
class Rejected:
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[dict[str, object]]]:
        return {
            "accepted": [{"row": a.row, "receipt_no": a.receipt_no} for a in self.accepted],
            "rejected": [
                {"row": r.row, "field": r.field, "message": r.message} for r in self.rejected
            ],
        }


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
    counter: Counter, actor: User, path: Path, *, lang: str = "id"
) -> ImportResult:
    def pay(row: dict[str, str]) -> Captured:
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
            ),
        )

    return _import(path, CONTRIBUTION_COLUMNS, pay, lang, CONTRIBUTION_FIELDS)


def _import(
    path: Path,
    columns: tuple[str, ...],
    write: Callable[[dict[str, str]], Captured],
    lang: str,
    fields: Mapping[str, str],
) -> ImportResult:
    """Each row is its own transaction: a bad row writes nothing and never stops the others."""
    result = ImportResult()
    for row_no, row in _rows(path, columns):
        if isinstance(row, DomainError):
            result.rejected.append(Rejected(row_no, row.field, row.message(lang)))
            continue
        try:
            captured = write(row)
        except DomainError as error:
            field_name = fields.get(error.field, error.field)
            result.rejected.append(Rejected(row_no, field_name, error.message(lang)))
        else:
            result.accepted.append(Accepted(row_no, captured.receipt_no))
    return result


def _rows(
    path: Path, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | DomainError]]:
    """Rows numbered as a spreadsheet shows them: the header is row 1, the first record row 2.

    A spreadsheet row is a CSV record, not a line: a quoted cell may hold a line break, and an
    empty line is an (empty) row all the same.
    """
    text = _read_text(path)
    lines = text.splitlines()
    if not lines:
        raise _file_error(path, "kosong", "is empty")
    # Spreadsheets set to Indonesian save CSV with semicolons.
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error:
        raise _file_error(path, "bukan CSV yang sah", "is not valid CSV") from None
    if header != list(columns):
        expected = ",".join(columns)
        raise DomainError(
            "file",
            f"Baris judul {path.name} harus: {expected}",
            f"The header row of {path.name} must be: {expected}",
        )
    row_no = 1
    while True:
        row_no += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield (
                row_no,
                DomainError("row", "Baris ini bukan CSV yang sah.", "This row is not valid CSV."),
            )
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            yield (
                row_no,
                DomainError(
                    "row",
                    f"Baris ini berisi {len(values)} kolom, seharusnya {len(columns)}.",
                    f"This row has {len(values)} columns, it should have {len(columns)}.",
                ),
            )
            continue
        yield row_no, dict(zip(columns, values, strict=True))


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _file_error(path, "terlalu besar (maks. 20 MB)", "is too large (max 20 MB)")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _file_error(path, "tidak ditemukan", "was not found") from None
    except UnicodeDecodeError:
        raise _file_error(
            path, "harus disimpan sebagai CSV UTF-8", "must be saved as CSV UTF-8"
        ) from None
    except OSError as error:
        raise _file_error(
            path, f"tidak dapat dibaca ({error.strerror})", "cannot be read"
        ) from None


def _file_error(path: Path, message_id: str, message_en: str) -> DomainError:
    return DomainError(
        "file", f"Berkas {path.name} {message_id}.", f"File {path.name} {message_en}."
    )
