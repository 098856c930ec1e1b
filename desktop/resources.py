"""Where the data shipped in `resources/` is, installed from a wheel or run from a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resources_dir() -> Path:
    # A wheel carries resources/ inside the package as desktop/_resources (see pyproject.toml);
    # an editable install or a checkout finds it beside the package.
    packaged = Path(str(files("desktop"))) / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
