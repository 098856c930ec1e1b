"""How records may travel to the upstream: https:// beyond this PC, its certificate checked.

One rule for every way an address comes in (Settings, SPO_UPSTREAM_URL, `sync --upstream`):
`check_upstream_url`. Plain http:// is allowed only to this PC itself (127.0.0.0/8, ::1,
localhost), where nothing crosses a network: the sandbox on one machine. The certificate is
checked against the system's trust store (on Windows its certificate store, where bank IT's
group policy puts the bank's own CA; on Linux OpenSSL's CA folder), plus a CA file bank IT may
name (Settings, or SPO_UPSTREAM_CA). Not certifi's bundle, which httpx uses by default: it knows
no bank's own CA and ages with the installed program; it stands in only on a system with no
trust store at all.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from desktop.errors import DomainError
from desktop.files import shown_name

if TYPE_CHECKING:
    import ssl

URL_VARIABLE: Final = "SPO_UPSTREAM_URL"
CA_VARIABLE: Final = "SPO_UPSTREAM_CA"
URL_MAX: Final = 500

# How each field that takes an address or a CA file is named in its messages (Indonesian,
# English): the Settings field, bank IT's environment variable, the command's option.
_LABELS: Final = {
    "upstream_url": ("Alamat server pusat", "The central server address"),
    URL_VARIABLE: (f"{URL_VARIABLE} (dari IT bank)", f"{URL_VARIABLE} (set by the bank's IT)"),
    "upstream": ("Alamat --upstream", "The --upstream address"),
    "upstream_ca": ("Berkas CA server pusat", "The upstream CA file"),
    CA_VARIABLE: (f"{CA_VARIABLE} (dari IT bank)", f"{CA_VARIABLE} (set by the bank's IT)"),
}


def is_loopback(host: str) -> bool:
    """True for this PC itself: localhost, 127.0.0.0/8 and ::1, nothing else."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if address.version == 4:
        return address.is_loopback
    return address == ipaddress.IPv6Address("::1")


def check_upstream_url(url: str, field: str = "upstream_url", *, require_tls: bool = True) -> str:
    """`url` when records may be sent there, else a DomainError naming `field`.

    The address must look like http(s)://host[:port][/path], and be https:// unless the host is
    this PC. `require_tls=False` checks the form alone: a settings file saved before https was
    required still loads (its printer and language stay); its address is refused at use.
    """
    label_id, label_en = _labels(field)
    malformed = DomainError(
        field,
        f"{label_id} harus berbentuk https://nama-server[:port], mis. https://spo.bank.co.id.",
        f"{label_en} must look like https://server[:port], e.g. https://spo.bank.co.id.",
    )
    if not url.isprintable() or any(ch.isspace() for ch in url) or len(url) > URL_MAX:
        raise malformed
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number raises ValueError here
    except ValueError:
        raise malformed from None
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise malformed
    if require_tls and parts.scheme == "http" and not is_loopback(host):
        raise DomainError(
            field,
            f"{label_id} memakai http:// ke {host}: ke luar komputer ini hanya https:// yang "
            "boleh, agar data peserta terenkripsi di jaringan (http:// hanya untuk 127.0.0.1, "
            "::1 atau localhost).",
            f"{label_en} uses http:// to {host}: beyond this PC only https:// is allowed, so "
            "that participants' data is encrypted on the network (http:// is only for "
            "127.0.0.1, ::1 or localhost).",
        )
    return url


def check_ca_file(path: str, field: str = "upstream_ca") -> Path:
    """The CA file bank IT named, once it loads as PEM certificates; else a DomainError."""
    trust_context(path, field)
    return Path(path)


# Loading the system's store costs 80-100 ms, more than an inquiry's whole round trip on a LAN:
# a context is made once per CA file (and version of it, by mtime) and shared by the clients,
# which only read it. A few entries at most: one CA file a counter, rarely changed.
_CONTEXTS: dict[tuple[str, int], ssl.SSLContext] = {}
_MAX_CONTEXTS = 8


def trust_context(ca_file: str | Path | None, field: str = "upstream_ca") -> ssl.SSLContext:
    """What the client trusts: the system's store, plus `ca_file` (PEM) when one is named.

    Made once per CA file and version; a CA file that cannot be used is refused every time.
    """
    key: tuple[str, int] | None = ("", 0)
    if ca_file:
        try:
            key = (str(ca_file), Path(ca_file).stat().st_mtime_ns)
        except OSError:
            key = None  # said by _new_context, naming the file
    if key is not None and key in _CONTEXTS:
        return _CONTEXTS[key]
    context = _new_context(ca_file, field)
    if key is not None:
        if len(_CONTEXTS) >= _MAX_CONTEXTS:
            _CONTEXTS.clear()
        _CONTEXTS[key] = context
    return context


def _new_context(ca_file: str | Path | None, field: str) -> ssl.SSLContext:
    import ssl  # 17 ms: loaded when a client is opened, not with the settings at start

    context = ssl.create_default_context()
    paths = ssl.get_default_verify_paths()
    if os.name != "nt" and paths.cafile is None and paths.capath is None:  # pragma: no cover
        import certifi  # a system without a CA store at all: httpx's own bundle stands in

        context.load_verify_locations(cafile=certifi.where())
    if ca_file:
        _load_ca(context, Path(ca_file), field)
    return context


def _load_ca(context: ssl.SSLContext, path: Path, field: str) -> None:
    import ssl

    label_id, label_en = _labels(field)
    if not path.is_absolute():
        raise DomainError(
            field,
            f"{label_id} harus ditulis lengkap dari akarnya (mis. C:\\IT\\ca-bank.pem).",
            f"{label_en} must be a full path (e.g. C:\\IT\\ca-bank.pem).",
        )
    shown = shown_name(path)
    try:
        if not path.is_file():
            raise FileNotFoundError(path)
        context.load_verify_locations(cafile=str(path))
    except (OSError, ssl.SSLError, ValueError) as error:
        reason = "tidak ada" if isinstance(error, FileNotFoundError) else "tidak dapat dipakai"
        why = "not found" if isinstance(error, FileNotFoundError) else "cannot be used"
        raise DomainError(
            field,
            f"{label_id} {shown} {reason}: harus berkas sertifikat CA berformat PEM.",
            f"{label_en} {shown} {why}: it must be a PEM file of CA certificates.",
        ) from None


def _labels(field: str) -> tuple[str, str]:
    return _LABELS.get(field, (field, field))
