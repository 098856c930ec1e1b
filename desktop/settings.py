"""This PC's settings (language, printer, upload address) in `<data dir>/settings.json`; the
upload token among them is kept in the counter's key store (desktop/keystore.py UPLOAD_TOKEN),
never in the file (a file from before that held it gives it up when next read).

Counter-wide settings that matter to the records (the receipt paper) live in the store instead
(`desktop/services/preferences.py`). Bank IT can roll the upload address out by environment:
`SPO_UPSTREAM_URL`, `SPO_UPSTREAM_TOKEN` and `SPO_UPSTREAM_CA`, when set, win over the file. An
address from either place goes through the one transport rule (desktop/upstream_tls.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from desktop.domain.money import format_rupiah, parse_rupiah
from desktop.errors import DomainError
from desktop.files import write_atomically
from desktop.keystore import STORE_ID_FILE, UPLOAD_TOKEN, guarded, open_keystore
from desktop.upstream_tls import CA_VARIABLE as CA_VARIABLE
from desktop.upstream_tls import URL_VARIABLE as URL_VARIABLE
from desktop.upstream_tls import check_ca_file, check_upstream_url

SETTINGS_FILENAME = "settings.json"
FILE_VERSION = 1
LANGUAGES = ("id", "en")
TOKEN_VARIABLE = "SPO_UPSTREAM_TOKEN"  # noqa: S105 - the variable's name, not a token
_TOKEN_MAX = 500
_ADDRESS_MAX = 150  # two lines of small print on a roll receipt


@dataclass(frozen=True)
class PcSettings:
    """Each setting once: its type, its default and what it is for."""

    language: str = field(
        default="id", metadata={"doc": "language of the window: id (Indonesian) or en (English)"}
    )
    printer: str = field(
        default="", metadata={"doc": "printer for receipts by name; empty: the system's default"}
    )
    upstream_url: str = field(
        default="", metadata={"doc": "upstream address for uploads (SPO_UPSTREAM_URL wins)"}
    )
    upstream_token: str = field(
        default="", metadata={"doc": "this counter's upload token (SPO_UPSTREAM_TOKEN wins)"}
    )
    upstream_ca: str = field(
        default="",
        metadata={
            "doc": "full path of a PEM file of CAs trusted for the upstream's certificate, "
            "besides the system's; empty: the system's alone (SPO_UPSTREAM_CA wins)"
        },
    )
    branch_address: str = field(
        default="",
        metadata={
            "doc": "the bank branch's street address, printed under its name on every receipt; "
            "empty: none printed"
        },
    )
    backup_copy_dir: str = field(
        default="",
        metadata={
            "doc": "full path of a second folder every backup is copied to (another disk, a "
            "network share); empty: backups stay in the data folder alone"
        },
    )
    cash_payout_limit: str = field(
        default="10000000",
        metadata={
            "doc": "the largest JHT benefit (net, whole rupiah) paid out in cash at this counter; "
            "above it only by transfer"
        },
    )
    cash_payout_approval_above: str = field(
        default="5000000",
        metadata={
            "doc": "a cash benefit payout above this (net, whole rupiah) needs a supervisor's "
            "approval; below the cash limit"
        },
    )


@dataclass(frozen=True)
class Upstream:
    """Where to upload and whether each part came from the environment (bank IT) or the file.

    `url_problem` and `ca_problem` say why the address or the CA file in force may not be used
    (an http:// address beyond this PC, a CA file gone): an upload refuses with it rather than
    go elsewhere or trust less.
    """

    url: str
    token: str
    url_from_env: bool = False
    token_from_env: bool = False
    ca: str = ""
    ca_from_env: bool = False
    url_problem: DomainError | None = None
    ca_problem: DomainError | None = None

    @property
    def configured(self) -> bool:
        return bool(self.url and self.token)

    @property
    def problem(self) -> DomainError | None:
        return self.url_problem or self.ca_problem


def settings_file(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILENAME


def load_settings(data_dir: Path) -> PcSettings:
    """The saved settings, or the defaults when none were saved; a broken file is refused."""
    path = settings_file(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return PcSettings(upstream_token=_kept_token(data_dir))
    except (OSError, UnicodeDecodeError) as error:
        raise _unreadable(path, str(error)) from error
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise _unreadable(path, str(error)) from error
    if not isinstance(raw, dict):
        raise _unreadable(path, "not a JSON object")
    values: dict[str, str] = {}
    for spec in fields(PcSettings):
        value = raw.get(spec.name, spec.default)
        if not isinstance(value, str):
            raise _unreadable(path, f"{spec.name} is not text")
        values[spec.name] = value
    in_file = bool(values["upstream_token"].strip())
    if not in_file:
        values["upstream_token"] = _kept_token(data_dir)
    try:
        settings = validate_settings(PcSettings(**values), saved=True)
    except DomainError as error:
        raise _unreadable(path, error.message_en) from error
    if in_file:  # a file from before the key store: the token moves there
        _write(data_dir, settings)
    return settings


def load_settings_or_defaults(data_dir: Path) -> tuple[PcSettings, DomainError | None]:
    """The saved settings; for a broken file, the defaults and why it could not be read."""
    try:
        return load_settings(data_dir), None
    except DomainError as error:
        return PcSettings(), error


def validate_settings(settings: PcSettings, *, saved: bool = False) -> PcSettings:
    """The settings with spaces trimmed, or a DomainError naming the setting that is wrong.

    `saved`: settings read back from the file, where the address is checked for its form and
    the CA file not at all; both are checked again when used (`upstream_setting`), so a file
    from before https was required keeps its printer and language.
    """
    cleaned = replace(
        settings,
        language=settings.language.strip().lower(),
        printer=settings.printer.strip(),
        upstream_url=settings.upstream_url.strip(),
        upstream_token=settings.upstream_token.strip(),
        upstream_ca=settings.upstream_ca.strip(),
        backup_copy_dir=settings.backup_copy_dir.strip(),
        branch_address=" ".join(settings.branch_address.split()),
    )
    if cleaned.language not in LANGUAGES:
        raise DomainError(
            "language",
            "Bahasa harus 'id' (Indonesia) atau 'en' (Inggris).",
            "Language must be 'id' (Indonesian) or 'en' (English).",
        )
    if len(cleaned.branch_address) > _ADDRESS_MAX or not cleaned.branch_address.isprintable():
        raise DomainError(
            "branch_address",
            f"Alamat cabang paling banyak {_ADDRESS_MAX} karakter, satu baris.",
            f"The branch address is at most {_ADDRESS_MAX} characters, one line.",
        )
    if len(cleaned.printer) > 200 or any(ch in cleaned.printer for ch in "\r\n\0"):
        raise DomainError("printer", "Nama printer tidak valid.", "Invalid printer name.")
    if cleaned.upstream_url:
        check_upstream_url(cleaned.upstream_url, require_tls=not saved)
    if cleaned.upstream_ca and not saved:
        check_ca_file(cleaned.upstream_ca)
    _check_copy_dir(cleaned.backup_copy_dir)
    limit = parse_rupiah(cleaned.cash_payout_limit, "cash_payout_limit", minimum=1)
    above = parse_rupiah(
        cleaned.cash_payout_approval_above, "cash_payout_approval_above", minimum=1
    )
    if above >= limit:
        raise DomainError(
            "cash_payout_approval_above",
            f"Batas persetujuan supervisor ({format_rupiah(above)}) harus di bawah batas tunai "
            f"({format_rupiah(limit)}).",
            f"The supervisor's approval threshold ({format_rupiah(above)}) must be below the "
            f"cash limit ({format_rupiah(limit)}).",
        )
    cleaned = replace(cleaned, cash_payout_limit=str(limit), cash_payout_approval_above=str(above))
    token = cleaned.upstream_token
    if len(token) > _TOKEN_MAX or not token.isascii() or any(ch.isspace() for ch in token):
        raise DomainError(
            "upstream_token",
            "Token loket tidak valid: tanpa spasi, paling banyak 500 karakter.",
            "Invalid counter token: no spaces, at most 500 characters.",
        )
    if cleaned.upstream_url and not token:
        raise DomainError(
            "upstream_token",
            "Token loket wajib diisi bila alamat server pusat diisi.",
            "The counter token is required when the upstream address is given.",
        )
    return cleaned


def cash_payout_limits(settings: PcSettings) -> tuple[int, int]:
    """The cash limit of a benefit payout and the amount above which a supervisor approves."""
    return int(settings.cash_payout_limit), int(settings.cash_payout_approval_above)


def save_settings(data_dir: Path, settings: PcSettings) -> PcSettings:
    """Check and write the settings; the file is replaced whole, never left half-written."""
    cleaned = validate_settings(settings)
    _write(data_dir, cleaned)
    return cleaned


def _write(data_dir: Path, settings: PcSettings) -> None:
    """The token to the key store first, then the file without it (so a failing key store
    leaves a file from before as it was)."""
    token = settings.upstream_token.encode("ascii")
    if token or (data_dir / STORE_ID_FILE).is_file():  # no id made just to delete nothing
        keys = guarded(lambda: open_keystore(data_dir))
        guarded(lambda: keys.put(UPLOAD_TOKEN, token) if token else keys.delete(UPLOAD_TOKEN))
    body = {"version": FILE_VERSION, **asdict(settings)}
    del body["upstream_token"]
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    path = settings_file(data_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))  # mkstemp: 0600


def _kept_token(data_dir: Path) -> str:
    """The upload token in the key store; none for a folder that never had a store id."""
    if not (data_dir / STORE_ID_FILE).is_file():
        return ""
    kept = guarded(lambda: open_keystore(data_dir).get(UPLOAD_TOKEN))
    return "" if kept is None else kept.decode("ascii", errors="replace")


def upstream_setting(data_dir: Path, environ: Mapping[str, str] | None = None) -> Upstream:
    """The upload address, token and CA file in force: the environment's, else the file's.

    Each is checked here, where it is used: an address or CA file that breaks the transport
    rule is never passed over for another one; it is the `problem` an upload refuses with.
    """
    env = os.environ if environ is None else environ
    env_url = env.get(URL_VARIABLE, "").strip()
    env_token = env.get(TOKEN_VARIABLE, "").strip()
    env_ca = env.get(CA_VARIABLE, "").strip()
    saved, _problem = load_settings_or_defaults(data_dir)  # a broken file uploads nowhere
    upstream = Upstream(
        url=env_url or saved.upstream_url,
        token=env_token or saved.upstream_token,
        url_from_env=bool(env_url),
        token_from_env=bool(env_token),
        ca=env_ca or saved.upstream_ca,
        ca_from_env=bool(env_ca),
    )
    if upstream.url:
        try:
            check_upstream_url(upstream.url, URL_VARIABLE if env_url else "upstream_url")
        except DomainError as problem:
            upstream = replace(upstream, url_problem=problem)
    if upstream.ca:
        try:
            check_ca_file(upstream.ca, CA_VARIABLE if env_ca else "upstream_ca")
        except DomainError as problem:
            upstream = replace(upstream, ca_problem=problem)
    return upstream


def _check_copy_dir(folder: str) -> None:
    """A second backup folder is a full path (a drive, a share); whether it is reachable is
    found at each backup, which reports it."""
    if not folder:
        return
    bad = len(folder) > 500 or not folder.isprintable()
    drive = len(folder) > 2 and folder[0].isalpha() and folder[1] == ":" and folder[2] in "\\/"
    full = Path(folder).is_absolute() or drive or folder.startswith(("\\\\", "//"))
    if bad or not full:
        raise DomainError(
            "backup_copy_dir",
            "Folder cadangan kedua harus berupa jalur lengkap, misalnya D:\\Cadangan atau "
            "\\\\server\\berbagi\\loket.",
            "The second backup folder must be a full path, e.g. D:\\Backups or "
            "\\\\server\\share\\counter.",
        )


def _unreadable(path: Path, why: str) -> DomainError:
    return DomainError(
        "settings",
        f"File pengaturan {path} tidak bisa dibaca ({why}); pengaturan bawaan dipakai. "
        "Simpan pengaturan lagi untuk memperbaikinya.",
        f"The settings file {path} cannot be read ({why}); the defaults are used. "
        "Save the settings again to repair it.",
    )
