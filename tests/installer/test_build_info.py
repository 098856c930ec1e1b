"""What the spec keeps out of the bundle, and how the version is stamped."""

from __future__ import annotations

from pathlib import Path

import PySide6
import pytest

from installer import build_info


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("desktop/_resources/translations/spo_counter_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
        ("PySide6/Qt6WebEngineCore.dll", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt63DCore.so.6", False),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("lib-dynload/_tkinter.cpython-311-x86_64-linux-gnu.so", False),
        ("desktop/store/migrations/versions/__pycache__/0001_initial_schema.pyc", False),
    ],
)
def test_only_what_the_app_uses_is_kept(dest: str, kept: bool) -> None:
    assert build_info.keep_in_bundle(dest) is kept


@pytest.mark.parametrize(
    ("name", "sandbox"),
    [
        ("fastapi", True),
        ("fastapi.responses", True),
        ("uvicorn.server", True),
        ("starlette", True),
        ("anyio._backends._asyncio", True),
        ("click", True),
        ("desktop.sync.sandbox", True),
        ("desktop.sync.sandbox.server", True),
        ("desktop/sync/sandbox/app.pyc", True),
        ("_internal/click-8.5.1.dist-info/METADATA", True),
        ("_internal\\fastapi\\__init__.pyc", True),
        # The upload's client and the contract stay; httpcore's optional anyio backend module
        # stays too (it is imported in a try, and fails quietly without anyio).
        ("desktop.sync.client", False),
        ("desktop.sync.contract", False),
        ("desktop.sync.sandboxed", False),
        ("httpx", False),
        ("httpcore._backends.anyio", False),
        ("h11", False),
        ("pydantic", False),
    ],
)
def test_the_sandbox_upstream_is_known_by_module_and_path(name: str, sandbox: bool) -> None:
    assert build_info.is_sandbox(name) is sandbox
    assert build_info.keep_in_bundle(name) is not sandbox


def test_the_spec_excludes_every_sandbox_package() -> None:
    assert all(build_info.is_sandbox(name) for name in build_info.SANDBOX_PACKAGES)
    assert not set(build_info.SANDBOX_PACKAGES) & set(build_info.EXCLUDED_PACKAGES)


def test_every_pyside_module_but_the_used_ones_is_excluded() -> None:
    excluded = build_info.excluded_qt_modules(Path(PySide6.__file__).parent)
    assert "PySide6.QtWebEngineCore" in excluded
    assert "PySide6.QtQml" in excluded
    assert "PySide6.Qt3DCore" in excluded
    assert not {f"PySide6.{name}" for name in build_info.QT_MODULES} & set(excluded)


def test_libraries_only_a_dropped_plugin_needed_are_dropped_too() -> None:
    links = {
        "/site/PySide6/QtGui.abi3.so": {"libQt6Gui.so.6", "libglib-2.0.so.0"},
        "/site/PySide6/Qt/lib/libQt6Gui.so.6": {"libfontconfig.so.1"},
        "/usr/lib/libglib-2.0.so.0": {"libpcre2-8.so.0"},
        "/usr/lib/libpcre2-8.so.0": set(),
        "/usr/lib/libfontconfig.so.1": set(),
        "/usr/lib/libcairo.so.2": {"libpixman-1.so.0"},
        "/usr/lib/libpixman-1.so.0": set(),
    }
    entries = [
        ("PySide6/QtGui.abi3.so", "/site/PySide6/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/site/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libglib-2.0.so.0", "/usr/lib/libglib-2.0.so.0", "BINARY"),
        ("libpcre2-8.so.0", "/usr/lib/libpcre2-8.so.0", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/usr/lib/libpixman-1.so.0", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    kept = build_info.without_orphans(entries, lambda source: links[source])
    assert [dest for dest, _src, _kind in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libglib-2.0.so.0",
        "libpcre2-8.so.0",
        "libfontconfig.so.1",
        "libQt6Gui.so.6",
    ]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0))],
)
def test_the_windows_version_resource_holds_four_numbers(
    version: str, numbers: tuple[int, int, int, int]
) -> None:
    assert build_info.windows_file_version(version) == numbers


def test_the_bundle_version_is_the_package_version() -> None:
    import tomllib

    from installer.build_info import ROOT

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert build_info.project_version() == declared
