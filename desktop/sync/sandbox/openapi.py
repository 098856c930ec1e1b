"""The sandbox app's OpenAPI document, written out for the upstream team as a JSON file."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from desktop.sync.sandbox.app import create_app


def openapi_text() -> str:
    # Building the app opens no database: the engine connects on first use only.
    document = create_app("sqlite://", {}).openapi()
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(path: Path) -> None:
    """Write the document atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(openapi_text())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":  # python -m desktop.sync.sandbox.openapi docs/sync-openapi.json
    write_openapi(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/sync-openapi.json"))
