"""What the bundle is made of: its version, the Qt modules it keeps, and the files it must not hold.

Read by the PyInstaller spec (installer/spo-counter.spec), by the build scripts and by the tests in
tests/installer/, so the rules live in one place. Plain Python, no PyInstaller import.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "spo-counter"
DISPLAY_NAME = "SPO Counter"
PUBLISHER = "BPJS Ketenagakerjaan"

# The Qt modules the application imports (or will: the receipt preview and printing use QtPdf,
# QtPdfWidgets and QtPrintSupport; icons may be SVG). Every other PySide6 module is excluded.
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtSvg",
)

# Shared libraries and folders that must never be in the bundle: the big Qt parts the application
# does not use. Matched case-insensitively against every path inside the bundle.
FORBIDDEN = re.compile(
    r"webengine|qtwebview|qt6?qml|qt6?quick|qt63d|qt3d|multimedia|qtdesigner|qt6?designer"
    r"|qtcharts|qt6?charts|datavisualization|qt6?graphs|qt6?location|qt6?sensors"
    r"|qt6?bluetooth|qt6?nfc|qt6?texttospeech|qt6?spatialaudio|qt6?virtualkeyboard"
    r"|(^|/)qml(/|$)|tkinter|_tkinter|libtk|libtcl",
    re.IGNORECASE,
)

# Python packages the application never imports at run time but that a development venv holds.
EXCLUDED_PACKAGES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "pypdf",
    "pypdfium2",
    "zxingcpp",
    "psycopg",
    "psycopg_binary",
    "hatchling",
    "IPython",
    "numpy",
    "PyInstaller",
    "setuptools",
    "pip",
    "tests",
    # Pillow comes with reportlab, which reads images with it; the receipts hold none of these
    # formats, and their libraries are large (AVIF alone is 5 MB). Nor does anything draw text or
    # convert colour profiles with Pillow: its FreeType/HarfBuzz and LittleCMS parts (2.9 MB) go.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageFont",
    "PIL._imagingft",
    "PIL.ImageCms",
    "PIL._imagingcms",
)

# The sandbox upstream (`spo-counter sandbox`, `pip install "spo-counter[sandbox]"`): a counter PC
# never runs it, so neither its package nor the web server it needs goes into the bundle. anyio
# and sniffio come only with it: the upload's synchronous httpx client needs neither (httpcore
# imports anyio for its async backend only, and only when it is there). click is uvicorn's, and
# httpx's own command line's, which httpx does without (it imports it in a try).
SANDBOX_PACKAGES = (
    "desktop.sync.sandbox",
    "fastapi",
    "uvicorn",
    "starlette",
    "anyio",
    "sniffio",
    "click",
)
# A module name (fastapi.responses) or a path in the bundle (_internal/fastapi/..., a
# fastapi-0.165.0.dist-info folder, desktop/sync/sandbox/...) of one of SANDBOX_PACKAGES.
SANDBOX = re.compile(
    r"(^|/)(fastapi|uvicorn|starlette|anyio|sniffio|click)([/._-]|$)"
    r"|(^|/)desktop[/.]sync[/.]sandbox([/.]|$)",
    re.IGNORECASE,
)

# The bundle's unpacked size must stay under this (the goal).
SIZE_GOAL_BYTES = 200 * 1000 * 1000

# Qt's own translations: only the languages the application speaks.
QT_TRANSLATION_LANGUAGES = ("id", "en")

# Qt plugins a counter PC does not need. The platforms kept: xcb and wayland (Linux desktops),
# windows (Windows), offscreen (the smoke test, a headless check). The GTK theme goes with its
# GTK, cairo and pango libraries: the app draws its own Fusion look the same on every PC.
DROPPED_QT_PLUGINS = re.compile(
    r"plugins/(egldeviceintegrations|generic|platformthemes/[^/]*gtk3"
    r"|platforms/[^/]*(vnc|linuxfb|eglfs|minimal|vkkhrdisplay|direct2d)"
    r"|imageformats/[^/]*(tiff|webp|icns|tga|wbmp))",
    re.IGNORECASE,
)


def project_version() -> str:
    """The version in pyproject.toml; the installed metadata must agree (it goes in the bundle)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = str(project["version"])
    try:
        installed = version(APP_NAME)
    except PackageNotFoundError as error:
        raise SystemExit(f"{APP_NAME} is not installed in this Python: pip install -e .") from error
    if installed != declared:
        raise SystemExit(
            f"pyproject.toml says {declared} but the installed {APP_NAME} is {installed}: "
            "run pip install -e . again before building"
        )
    return declared


def windows_file_version(text: str) -> tuple[int, int, int, int]:
    """'1.2.3' or '1.2.3rc1' as the four numbers a Windows version resource holds."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def excluded_qt_modules(pyside_dir: Path) -> list[str]:
    """Every PySide6 extension module in the installed PySide6 except those in QT_MODULES."""
    names = {p.name.split(".")[0] for p in pyside_dir.glob("Qt*.*") if p.suffix in {".so", ".pyd"}}
    names |= {p.name for p in pyside_dir.glob("Qt*") if p.is_dir() and p.name != "Qt"}
    return sorted(f"PySide6.{name}" for name in names - set(QT_MODULES))


def keep_in_bundle(dest: str) -> bool:
    """Whether a file PyInstaller collected belongs in the bundle (its path inside the bundle)."""
    path = dest.replace("\\", "/")
    if FORBIDDEN.search(path) or DROPPED_QT_PLUGINS.search(path) or "__pycache__" in path:
        return False
    if is_sandbox(path):
        return False
    if "/translations/" in path and path.endswith(".qm") and "PySide6" in path:
        # Qt's own catalogues (qtbase_de.qm ...): keep only those of our languages.
        stem = Path(path).stem
        return stem.rsplit("_", 1)[-1] in QT_TRANSLATION_LANGUAGES
    return True


def without_orphans(
    entries: list[tuple[str, str, str]], needed: Callable[[str], set[str]]
) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries less the shared libraries at the bundle's top that nothing loads.

    PyInstaller resolves the libraries of every Qt plugin before the spec can drop the plugin, so
    dropping the GTK theme leaves GTK's cairo, pango and the rest behind. A library at the top of
    the bundle stays when an extension module, a plugin, a Qt library or another kept library
    links it (`needed(source)`: the names a binary links). Used for Linux builds only.
    """
    candidates = {
        dest: src
        for dest, src, kind in entries
        if kind == "BINARY" and "/" not in dest and not dest.startswith("libpython")
    }
    roots = [src for dest, src, kind in entries if kind != "SYMLINK" and dest not in candidates]
    kept: set[str] = set()
    pending = list(roots)
    while pending:
        for name in needed(pending.pop()):
            if name in candidates and name not in kept:
                kept.add(name)
                pending.append(candidates[name])
    dropped = set(candidates) - kept
    return [
        (dest, src, kind)
        for dest, src, kind in entries
        if dest not in dropped and not (kind == "SYMLINK" and Path(src).name in dropped)
    ]


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def is_sandbox(name: str) -> bool:
    """Whether a module name or a path inside the bundle belongs to the sandbox upstream."""
    return SANDBOX.search(name.replace("\\", "/")) is not None


def forbidden_files(folder: Path) -> list[str]:
    """The files and folders of unused Qt parts or of the sandbox upstream in `folder`."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if FORBIDDEN.search(p.relative_to(folder).as_posix())
        or is_sandbox(p.relative_to(folder).as_posix())
    )


if __name__ == "__main__":
    # For the build scripts: the version, the Windows 4-number version, the bundle's check.
    if sys.argv[1:] == ["version"]:
        print(project_version())
    elif sys.argv[1:] == ["windows-version"]:
        print(".".join(str(n) for n in windows_file_version(project_version())))
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        bundle = Path(sys.argv[2])
        bad = forbidden_files(bundle)
        size = tree_size(bundle)
        goal = SIZE_GOAL_BYTES / 1e6
        print(f"{bundle}: {size / 1e6:.1f} MB unpacked (goal: under {goal:.0f} MB)")
        for name in bad:
            print(f"not allowed in the bundle: {name}", file=sys.stderr)
        sys.exit(1 if bad or size >= SIZE_GOAL_BYTES else 0)
    else:
        raise SystemExit("usage: build_info.py version | windows-version | check BUNDLE_DIR")
