"""The core runs headless: nothing under desktop/ imports PySide6 or the ui package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import desktop

CORE = Path(desktop.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(_imports(path) & {"PySide6", "ui", "shiboken6"})
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_core_module_loads_no_qt() -> None:
    """Also catches an import hidden inside a function that runs at import time."""
    modules = sorted(
        ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "gui = ('PySide6', 'shiboken6', 'ui')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in gui)\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- the sandbox upstream is an extra ------------------------------------------------------------

SANDBOX = CORE / "sync" / "sandbox"
WEB_SERVER = {"fastapi", "uvicorn", "starlette"}  # pip install "spo-counter[sandbox]"


def test_only_the_sandbox_imports_the_web_server() -> None:
    """A counter PC has no FastAPI: nothing outside desktop/sync/sandbox/ may import it."""
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(_imports(path) & WEB_SERVER)
        for root in (CORE, CORE.parent / "ui")
        for path in root.rglob("*.py")
        if SANDBOX not in path.parents
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_core_imports_without_fastapi_uvicorn_or_starlette() -> None:
    """Every core module but the sandbox's loads with the web server's packages missing."""
    modules = sorted(
        ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts and SANDBOX not in path.parents
    )
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(WEB_SERVER)!r}:\n"
        "    sys.modules[name] = None  # import fastapi: ModuleNotFoundError\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('imported')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported"


# --- the window goes through the services ---------------------------------------------------------

UI = CORE.parent / "ui"
# What ui/ may import of the core: the use cases, the pure rules, the errors, the counter's
# identity, and where resources and folders are.
UI_MAY_IMPORT = (
    "desktop.services",
    "desktop.domain",
    "desktop.errors",
    "desktop.counter",
    "desktop.resources",
    "desktop.paths",
)
# The `spo-counter` entry point runs the command line unless it starts the window.
UI_ENTRY_POINTS = {"ui/launcher.py": ("desktop.cli",)}
# Raw SQL and database cursors: only desktop/store/ speaks to the database in SQL text.
RAW_SQL_CALLS = {"text", "exec_driver_sql", "cursor", "executescript", "executemany"}
RAW_SQL_MODULES = {"sqlite3", "sqlcipher3"}


def _core_imports(path: Path) -> set[str]:
    """Every desktop.* module `path` imports (`from desktop.x import y` names desktop.x.y too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.split(".")[0] == "desktop")
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] == "desktop"
        ):
            names.add(node.module)
    return names


def ui_violations(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        where = f"ui/{path.relative_to(root).as_posix()}"
        allowed = UI_MAY_IMPORT + UI_ENTRY_POINTS.get(where, ())
        bad = sorted(
            name
            for name in _core_imports(path)
            if not any(name == ok or name.startswith(ok + ".") for ok in allowed)
        )
        bad += sorted(_imports(path) & {"sqlalchemy", "sqlite3", "sqlcipher3", "alembic", "httpx"})
        if bad:
            found[where] = bad
    return found


def raw_sql_outside_the_store(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).as_posix()
        if relative.startswith("desktop/store/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad = sorted(_imports(path) & RAW_SQL_MODULES)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in RAW_SQL_CALLS and _is_database(node.func.value):
                    bad.append(f"line {node.lineno}: .{node.func.attr}()")
            elif isinstance(node, ast.ImportFrom) and node.module == "desktop.store.statements":
                bad.append(f"line {node.lineno}: imports the store's cursor")
        if bad:
            found[relative] = bad
    return found


def _is_database(value: ast.expr) -> bool:
    """`sa.text`, `sqlalchemy.text`, `connection.exec_driver_sql`, `db.cursor` ...: a receiver
    that is SQLAlchemy itself or names a connection; `flow.text(...)` (a PDF) is not one."""
    name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
    return name in {"sa", "sqlalchemy"} or "conn" in name or name in {"db", "database", "raw"}


def test_the_window_reaches_the_core_only_through_its_services() -> None:
    assert ui_violations(UI) == {}


def test_no_sql_text_or_cursor_outside_the_store() -> None:
    assert raw_sql_outside_the_store(CORE) == {}
    assert raw_sql_outside_the_store(UI) == {}


def test_the_layering_checks_catch_a_planted_violation(tmp_path: Path) -> None:
    """The checks above fail when the rules are broken (a check that cannot fail is no check)."""
    window = tmp_path / "ui"
    window.mkdir()
    (window / "page.py").write_text(
        "import sqlalchemy as sa\n"
        "from desktop.store.schema import transactions\n"
        "from desktop.sync.client import sync\n"
        "from desktop.services.upload import upload\n"
    )
    (window / "launcher.py").write_text("from desktop.cli import main\n")
    assert ui_violations(window) == {
        "ui/page.py": ["desktop.store.schema", "desktop.sync.client", "sqlalchemy"]
    }
    core = tmp_path / "desktop"
    (core / "services").mkdir(parents=True)
    (core / "store").mkdir()
    (core / "services" / "sneaky.py").write_text(
        "import sqlalchemy as sa\n"
        "def f(connection):\n"
        "    connection.exec_driver_sql('DELETE FROM users')\n"
        "    return sa.text('SELECT 1')\n"
    )
    (core / "store" / "fast.py").write_text(
        "def g(connection):\n    return connection.exec_driver_sql('SELECT 1')\n"
    )
    assert raw_sql_outside_the_store(core) == {
        "desktop/services/sneaky.py": ["line 3: .exec_driver_sql()", "line 4: .text()"]
    }
