"""Reference data from the upstream: pulled, checked, kept per version, in force from its date.

A set the upstream sends is written to ``<data dir>/reference/<version>/`` only after it loads
and validates like the shipped one; desktop/reference_sets.py picks the set in force.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import httpx

from desktop.errors import DomainError
from desktop.files import private_modes
from desktop.reference import load_reference
from desktop.reference_sets import EFFECTIVE_FILE, reference_dir
from desktop.sync.connection import fetch_document
from desktop.sync.contract import REFERENCE_PATH, ReferenceDocument

_SAFE_NAME = re.compile(r"[a-z0-9_]{1,40}\.json")
_SAFE_VERSION = re.compile(r"[A-Za-z0-9._-]{1,40}")


def pull_reference(
    data_dir: Path,
    upstream: str,
    token: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
    ca_bundle: Path | None = None,
) -> ReferenceDocument:
    """Fetch the set in force upstream and keep it (once per version)."""
    document = fetch_document(
        upstream,
        token,
        REFERENCE_PATH,
        ReferenceDocument,
        _not_fetched,
        timeout=timeout,
        transport=transport,
        ca_bundle=ca_bundle,
    )
    install_reference(data_dir, document)
    return document


def _not_fetched(error: Exception) -> DomainError:
    return DomainError(
        "upstream",
        f"Data referensi tidak dapat diambil dari server pusat ({type(error).__name__}).",
        f"Reference data could not be fetched from the upstream ({type(error).__name__}).",
    )


def install_reference(data_dir: Path, document: ReferenceDocument) -> Path:
    """Write a set into its version's folder after checking it loads; refuse anything odd."""
    if not _SAFE_VERSION.fullmatch(document.version) or not all(
        _SAFE_NAME.fullmatch(name) for name in document.files
    ):
        raise DomainError(
            "upstream",
            "Data referensi dari server pusat memakai nama yang tidak sah.",
            "The upstream's reference data uses names that are not allowed.",
        )
    target = reference_dir(data_dir) / document.version
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=target.parent))
    try:
        for name, content in document.files.items():
            (staging / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        (staging / EFFECTIVE_FILE).write_text(document.effective_from.isoformat(), encoding="ascii")
        folder_mode, file_mode = private_modes(data_dir)  # as every file in the data folder
        for written in staging.iterdir():
            written.chmod(file_mode)
        staging.chmod(folder_mode)
        try:
            load_reference(staging)
        except ValueError as error:
            raise DomainError(
                "upstream",
                f"Data referensi dari server pusat tidak sah: {error}",
                f"The upstream's reference data is not valid: {error}",
            ) from None
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
