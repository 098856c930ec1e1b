"""The counter's secrets, kept out of its data folder: the store's encryption key, the audit
chain's key, the receipt-signing key and the upload token.

A copied data folder (a stolen disk, a backup on a share) is useless without them. Where they
are kept, per data folder (its `store-id` file names it; the id is no secret):

- Windows: blobs sealed with DPAPI (CryptProtectData) in %LOCALAPPDATA%\\SPO Counter\\keys\\,
  readable only by this Windows user on this PC.
- Elsewhere: the Secret Service (a Linux desktop's keyring) when the `keyring` package is
  installed and finds one; else a file per secret, mode 0600 in a 0700 folder, in the user's
  config folder (~/.config/spo-counter/keys/).

`SPO_KEYSTORE=file` picks the file keeper anywhere and `SPO_KEYSTORE_DIR` moves its folder (CI,
tests, a headless PC). A secret lost with its PC comes back from the recovery sheet printed at
setup (desktop/services/recovery.py).
"""

from __future__ import annotations

import ctypes
import os
import secrets
import sys
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final, Protocol, TypeVar

from desktop.errors import DomainError
from desktop.files import write_atomically

_T = TypeVar("_T")

STORE_ID_FILE: Final = "store-id"
KEY_BYTES: Final = 32  # 256-bit keys
SERVICE: Final = "spo-counter"

# The secrets a counter has, by name.
STORE_KEY: Final = "store-key"  # SQLCipher's raw key for counter.sqlite and its backups
AUDIT_KEY: Final = "audit-key"  # HMAC key of the audit chain
RECEIPT_KEY: Final = "receipt-key"  # HMAC key of the receipts' QR signatures
UPLOAD_TOKEN: Final = "upload-token"  # noqa: S105 - the name of the counter's upload token
NAMES: Final = (STORE_KEY, AUDIT_KEY, RECEIPT_KEY, UPLOAD_TOKEN)


class KeyStoreError(Exception):
    """The keeper could not read or write a secret (a message for bank IT says why)."""


class Keeper(Protocol):
    """Where secrets live: `get` returns None for a secret never kept."""

    def get(self, account: str) -> bytes | None: ...

    def put(self, account: str, secret: bytes) -> None: ...

    def delete(self, account: str) -> None: ...


class KeyStore:
    """The secrets of one data folder, in the keeper this PC uses."""

    def __init__(self, store_id: str, keeper: Keeper) -> None:
        self.store_id = store_id
        self.keeper = keeper

    def get(self, name: str) -> bytes | None:
        return self.keeper.get(self._account(name))

    def put(self, name: str, secret: bytes) -> None:
        self.keeper.put(self._account(name), secret)

    def delete(self, name: str) -> None:
        self.keeper.delete(self._account(name))

    def key(self, name: str) -> bytes:
        """The random 256-bit key `name`, made (and kept) the first time it is asked for."""
        found = self.get(name)
        if found is None:
            found = secrets.token_bytes(KEY_BYTES)
            self.put(name, found)
        return found

    def export(self) -> dict[str, bytes]:
        """Every secret kept, by name: what a recovery sheet carries."""
        return {name: value for name in NAMES if (value := self.get(name)) is not None}

    def restore(self, kept: Mapping[str, bytes]) -> None:
        """Keep the secrets a recovery sheet carried (on a new PC, or after a lost keeper)."""
        for name, value in kept.items():
            if name not in NAMES:
                raise KeyStoreError(f"unknown secret {name!r}")
            self.put(name, value)

    def _account(self, name: str) -> str:
        if name not in NAMES:
            raise KeyStoreError(f"unknown secret {name!r}")
        return f"{self.store_id}/{name}"


def guarded(read: Callable[[], _T]) -> _T:
    """`read()`, a keeper's failure said to the user (a DomainError for bank IT)."""
    try:
        return read()
    except KeyStoreError as error:
        raise DomainError(
            "keystore",
            f"Kunci loket tidak dapat dibaca dari penyimpanan kunci PC ini ({error}). "
            "Hubungi IT bank.",
            f"The counter's keys cannot be read from this PC's key store ({error}). "
            "Call the bank's IT.",
        ) from error


def store_id(data_dir: Path) -> str:
    """The data folder's id (made on first use): names its secrets in the keeper."""
    path = data_dir / STORE_ID_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        found = ""
    except (OSError, UnicodeDecodeError) as error:
        raise KeyStoreError(f"{path} cannot be read: {error}") from None
    if found:
        try:
            return str(uuid.UUID(found))
        except ValueError:
            raise KeyStoreError(f"{path} does not hold a store id") from None
    made = str(uuid.uuid4())
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(path, made.encode("ascii"))
    return made


def open_keystore(data_dir: Path, environ: Mapping[str, str] | None = None) -> KeyStore:
    """The key store of the data folder `data_dir`, in this PC's keeper."""
    env = os.environ if environ is None else environ
    return KeyStore(store_id(data_dir), _keeper(env))


def _keeper(env: Mapping[str, str]) -> Keeper:
    chosen = env.get("SPO_KEYSTORE", "").strip().lower()
    folder = Path(env["SPO_KEYSTORE_DIR"]) if env.get("SPO_KEYSTORE_DIR") else None
    if chosen == "file" or folder is not None:
        return FileKeeper(folder or _config_dir() / "keys")
    if sys.platform == "win32":
        return DpapiKeeper(folder or _local_app_data() / "keys")
    keyring_keeper = _keyring_keeper()
    if keyring_keeper is not None:
        return keyring_keeper
    return FileKeeper(_config_dir() / "keys")


def _config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(SERVICE, appauthor=False))


def _local_app_data() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("SPO Counter", appauthor=False))


class FileKeeper:
    """A file per secret, readable by this user only (0600 in a 0700 folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, account: str) -> Path:
        store, _, name = account.partition("/")
        return self.folder / store / name

    def get(self, account: str) -> bytes | None:
        try:
            return self._path(account).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            path = self._path(account)
            raise KeyStoreError(f"the key file {path} cannot be read: {error}") from None

    def put(self, account: str, secret: bytes) -> None:
        path = self._path(account)
        try:
            for folder in (self.folder, path.parent):
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                folder.chmod(0o700)
            write_atomically(path, secret)  # mkstemp: 0600, this user alone
        except OSError as error:
            raise KeyStoreError(f"the key file {path} cannot be written: {error}") from None

    def delete(self, account: str) -> None:
        self._path(account).unlink(missing_ok=True)


class DpapiKeeper(FileKeeper):
    """Files sealed with DPAPI for this Windows user (CryptProtectData), so a copied file opens
    nowhere else."""

    def get(self, account: str) -> bytes | None:
        sealed = super().get(account)
        return None if sealed is None else _dpapi(sealed, protect=False)

    def put(self, account: str, secret: bytes) -> None:
        super().put(account, _dpapi(secret, protect=True))


class _Blob(ctypes.Structure):
    _fields_ = (("size", ctypes.c_uint32), ("data", ctypes.POINTER(ctypes.c_char)))


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows (the Wine stage)
    crypt32 = ctypes.WinDLL("crypt32")  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    buffer = ctypes.create_string_buffer(data, len(data))
    source = _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    target = _Blob()
    ui_forbidden = 0x1  # CRYPTPROTECT_UI_FORBIDDEN: never a dialog
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    description = ctypes.c_wchar_p(SERVICE) if protect else None
    if not call(
        ctypes.byref(source), description, None, None, None, ui_forbidden, ctypes.byref(target)
    ):
        raise KeyStoreError(f"Windows DPAPI refused ({ctypes.GetLastError()})")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(target.data, target.size)
    finally:
        kernel32.LocalFree(target.data)


class _KeyringKeeper:
    """The Secret Service (or another keyring backend the `keyring` package finds)."""

    def __init__(self, backend: object) -> None:
        self.backend = backend

    def get(self, account: str) -> bytes | None:
        text = self.backend.get_password(SERVICE, account)  # type: ignore[attr-defined]
        return None if text is None else bytes.fromhex(text)

    def put(self, account: str, secret: bytes) -> None:
        self.backend.set_password(SERVICE, account, secret.hex())  # type: ignore[attr-defined]

    def delete(self, account: str) -> None:
        try:
            self.backend.delete_password(SERVICE, account)  # type: ignore[attr-defined]
        except Exception as error:  # keyring raises its own PasswordDeleteError
            if type(error).__name__ != "PasswordDeleteError":
                raise


def _keyring_keeper() -> Keeper | None:
    """The keyring package's backend when it is installed and has a usable one."""
    try:
        import keyring  # type: ignore[import-not-found]
        from keyring.backends import fail  # type: ignore[import-not-found]
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    return _KeyringKeeper(backend)
