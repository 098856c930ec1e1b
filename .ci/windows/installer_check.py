"""The Windows installer under Wine: compiled, installed, smoke-tested, upgraded and uninstalled.

    python3 .ci/windows/installer_check.py --bundle OUT/dist/spo-counter --out OUT

Run by .ci/windows/run (step "installer") after the bundle step, with the Wine folder of
.ci/windows/env.sh. Each check prints one line; the last line counts them ("smoke: N passed,
N failed") and the exit code is 1 when any failed.

1. makensis compiles installer/spo-counter.nsi twice from the same bundle: as an older version
   (0.0.1, compressed with the faster zlib: it only has to install) and as this version.
2. The older setup.exe /S installs; the counter's data folder gets the first released store
   (tests/store/frozen/counter-0001.sqlite), as an older version would have left it.
3. This version's setup.exe /S installs over it: the same folders (from the registry), the
   version recorded, the data untouched.
4. The installed spo-counter-cli.exe: --version; info finds the data folder through the
   machine-wide SPO_DATA_DIR the installer set, and upgrades the old store after a backup of
   it; verify checks the upgraded store; a receipt of the old store saved as PDF and read back;
   init (with its keys' recovery sheet) and demo on new counters; the window starts offscreen
   and exits (--exit-after-startup).
5. uninstall.exe /S removes the program and keeps the data folder, its backup and the
   registry's record of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import build_info  # noqa: E402

PREFIX = Path(os.environ["WINEPREFIX"])
DRIVE_C = PREFIX / "drive_c"
PROGRAM = DRIVE_C / "Program Files" / "SPO Counter"
PROGRAM_WIN = r"C:\Program Files\SPO Counter"
DATA = DRIVE_C / "ProgramData" / "SPO Counter"
DATA_WIN = r"C:\ProgramData\SPO Counter"
SETTINGS_KEY = r"HKLM\Software\SPO Counter"
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\SPO Counter"
FROZEN_STORE = ROOT / "tests" / "store" / "frozen" / "counter-0001.sqlite"
PINS = {"spv01": "135790", "teller01": "102938"}

results: list[tuple[bool, str]] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    results.append((ok, what))
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok or not detail else f"\n{detail}"))
    sys.stdout.flush()
    return ok


def wine(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """A Windows program under Wine, its standard streams pipes (Wine 8.0's Python needs that).

    Its output is read until the program has ended, not until the pipes close: Wine's own
    services (explorer.exe, services.exe), started by the first program of a session, inherit
    the pipes and hold them open for as long as any other Windows program runs."""
    proc = subprocess.Popen(  # noqa: S603
        ["wine", *args],  # noqa: S607
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )
    if proc.stdin is None or proc.stdout is None or proc.stderr is None:
        raise RuntimeError("no pipes to the Windows program")
    proc.stdin.close()
    sinks: list[list[bytes]] = [[], []]

    def pump(stream: IO[bytes], sink: list[bytes]) -> None:
        for block in iter(lambda: stream.read1(65536), b""):
            sink.append(block)

    for stream, sink in zip((proc.stdout, proc.stderr), sinks, strict=True):
        threading.Thread(target=pump, args=(stream, sink), daemon=True).start()
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    # What it wrote before it ended is in the pipes: read until nothing more comes.
    while True:
        seen = sum(len(sink) for sink in sinks)
        time.sleep(0.3)
        if sum(len(sink) for sink in sinks) == seen:
            break
    out, err = (b"".join(sink).decode("utf-8", "replace") for sink in sinks)
    return subprocess.CompletedProcess(["wine", *args], code, out, err)


def settle(done: Callable[[], bool], seconds: float = 300) -> bool:
    """Waits until `done()` holds: the uninstaller returns at once, leaving a copy of itself in
    the temporary folder to do the work."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return wine(PROGRAM_WIN + r"\spo-counter-cli.exe", *args, **env)


def registry(key: str, value: str) -> str | None:
    done = wine("reg", "query", key, "/v", value, "/reg:64")
    if done.returncode != 0:
        return None
    for line in done.stdout.splitlines():
        parts = line.split(None, 2)
        if parts and parts[0] == value and len(parts) == 3:
            return parts[2].strip()
    return None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def makensis(bundle: Path, version: str, win_version: str, out: Path, *extra: str) -> bool:
    """Compiles the installer; warnings fail it (-WX), except for the older version's, whose
    faster compressor makensis warns about (it overrides the script's)."""
    done = subprocess.run(  # noqa: S603
        [  # noqa: S607
            "makensis",
            *([] if extra else ["-WX"]),
            "-V2",
            *extra,
            f"-DVERSION={version}",
            f"-DWIN_VERSION={win_version}",
            # Absolute: makensis reads a relative path from installer/.
            f"-DBUNDLE={bundle.resolve()}",
            f"-DOUTFILE={out.resolve()}",
            str(ROOT / "installer" / "spo-counter.nsi"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    size = f" ({out.stat().st_size / 1e6:.1f} MB)" if out.exists() else ""
    return check(
        done.returncode == 0 and out.exists(),
        f"makensis compiled {out.name}{size}",
        done.stdout + done.stderr,
    )


def install(setup: Path, *args: str) -> bool:
    done = wine(windows_path(setup), "/S", *args, timeout=600)  # returns when it is done
    return check(
        done.returncode == 0 and (PROGRAM / "spo-counter-cli.exe").exists(),
        f"{setup.name} /S installed into {PROGRAM_WIN} (exit {done.returncode})",
        done.stdout + done.stderr,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.bundle = args.bundle.resolve()  # before the chdir below
    # pyproject.toml's, which the bundle step's build_info checked against the Windows Python's
    # installed metadata (this Linux Python need not have the project installed).
    version = str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])
    win_version = ".".join(str(n) for n in build_info.windows_file_version(version))
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # Whatever a program writes into its current folder lands here, never in the checkout.
    os.chdir(out)
    # A clean machine: no earlier installation, no data folder.
    shutil.rmtree(PROGRAM, ignore_errors=True)
    shutil.rmtree(DATA, ignore_errors=True)
    wine("reg", "delete", SETTINGS_KEY, "/f", "/reg:64")

    old_setup = out / "spo-counter-0.0.1-setup.exe"
    setup = out / f"spo-counter-{version}-setup.exe"
    if not (
        makensis(args.bundle, "0.0.1", "0.0.1.0", old_setup, "-XSetCompressor /FINAL zlib")
        and makensis(args.bundle, version, win_version, setup)
    ):
        return summary()

    # --- an older version, with the store it left --------------------------------------------
    if not install(old_setup):
        return summary()
    check(registry(SETTINGS_KEY, "Version") == "0.0.1", "the registry records version 0.0.1")
    check(registry(SETTINGS_KEY, "DataDir") == DATA_WIN, f"the data folder is {DATA_WIN}")
    check(DATA.is_dir(), "the installer made the data folder")
    shutil.copy(FROZEN_STORE, DATA / "counter.sqlite")
    old_store = sha256(DATA / "counter.sqlite")

    # --- this version over it -----------------------------------------------------------------
    if not install(setup):
        return summary()
    check(registry(SETTINGS_KEY, "Version") == version, f"the upgrade records version {version}")
    check(registry(SETTINGS_KEY, "DataDir") == DATA_WIN, "the upgrade kept the data folder")
    check(sha256(DATA / "counter.sqlite") == old_store, "the upgrade left the store untouched")
    check(
        registry(UNINSTALL_KEY, "DisplayVersion") == version,
        "Apps (Add/Remove Programs) shows this version",
    )

    # --- the installed program ------------------------------------------------------------------
    shown = cli("--version")
    check(
        shown.returncode == 0 and version in shown.stdout,
        f"spo-counter-cli.exe --version: {shown.stdout.strip()}",
        shown.stderr,
    )
    info = cli("info", "--json")
    facts = json.loads(info.stdout) if info.returncode == 0 else {}
    check(
        str(facts.get("data_dir", "")).rstrip("\\").lower() == DATA_WIN.lower(),
        f"info finds the data folder through SPO_DATA_DIR: {facts.get('data_dir')}",
        info.stdout + info.stderr,
    )
    # `info` above was the first start of this version on the older store: it upgraded it, after
    # a backup (SQLite's backup of the old store, so compared by its schema, not its bytes).
    verified = cli("verify")
    check(
        verified.returncode == 0,
        "verify checks the upgraded store",
        verified.stdout + verified.stderr,
    )
    backups = sorted((DATA / "backups").glob("*.sqlite")) if (DATA / "backups").is_dir() else []
    check(len(backups) == 1, "one backup before the upgrade: " + ", ".join(b.name for b in backups))
    if backups:
        # The upgrade encrypted the store with a key of its own, sealed by Windows' DPAPI under
        # %LOCALAPPDATA%\SPO Counter\keys (desktop/keystore.py); its backup is encrypted with
        # it. Read back by the Windows Python through the same key store: the key unsealed, the
        # backup opened with it, its schema revision the older store's.
        check(
            not (DATA / "counter.sqlite").read_bytes().startswith(b"SQLite format 3"),
            "the upgrade encrypted the store",
        )
        read = wine(
            r"C:\python\python.exe",
            "-c",
            "import sys; from pathlib import Path; "
            "from desktop.keystore import STORE_KEY, open_keystore; "
            "from desktop.store.engine import connect; "
            "key = open_keystore(Path(sys.argv[1])).get(STORE_KEY); "
            "db = connect(Path(sys.argv[2]), key, readonly=True); "
            "print(type(open_keystore(Path(sys.argv[1])).keeper).__name__, "
            "db.execute('SELECT version_num FROM alembic_version').fetchone()[0])",
            DATA_WIN,
            DATA_WIN + "\\backups\\" + backups[0].name,
        )
        check(
            read.returncode == 0 and read.stdout.split()[-2:] == ["DpapiKeeper", "0001"],
            "the backup opens with the key DPAPI keeps, and is the older store (schema 0001): "
            + " ".join(read.stdout.split()[-2:]),
            read.stdout + read.stderr,
        )
    day = cli("journal", "--date", "2026-11-24", "--json")
    numbers = [e["receipt_no"] for e in json.loads(day.stdout)] if day.returncode == 0 else []
    check(len(numbers) == 5, f"journal lists the old store's 5 receipts: {numbers}", day.stderr)
    if numbers:
        pdf = out / "receipt.pdf"
        pdf.unlink(missing_ok=True)
        saved = cli(
            "receipt",
            "save",
            numbers[0],
            "--out",
            windows_path(pdf),
            "--teller",
            "teller01",
            SPO_PIN=PINS["teller01"],
        )
        check(
            saved.returncode == 0 and pdf.exists(), f"receipt save wrote {pdf.name}", saved.stderr
        )
        if pdf.exists():
            # Read back with the Windows Python's pypdf: the number, and the embedded fonts.
            read = wine(
                r"C:\python\python.exe",
                "-c",
                "import sys; from pypdf import PdfReader; r = PdfReader(sys.argv[1]); "
                "print(''.join(p.extract_text() for p in r.pages)); "
                "print(sorted({str(p['/Resources']['/Font'][f]['/BaseFont']) "
                "for p in r.pages for f in p['/Resources']['/Font']}))",
                windows_path(pdf),
            )
            check(
                read.returncode == 0 and numbers[0] in read.stdout and "DejaVu" in read.stdout,
                f"the PDF reads back with {numbers[0]} and DejaVu fonts",
                read.stdout + read.stderr,
            )

    fresh = DRIVE_C / "smoke"
    shutil.rmtree(fresh, ignore_errors=True)
    made = cli(
        "init",
        "--bank",
        "BNI",
        "--branch-code",
        "0123",
        "--branch-name",
        "KC Jakarta Kota",
        "--counter",
        "2",
        "--timezone",
        "Asia/Jakarta",
        "--supervisor-id",
        "spv01",
        "--supervisor-name",
        "Siti Rahmawati",
        "--data-dir",
        r"C:\smoke\new",
        # Its keys' recovery sheet, in the smoke test's folder (not the checkout, the default).
        "--recovery-sheet",
        r"C:\smoke",
        SPO_PIN=PINS["spv01"],
    )
    check(
        made.returncode == 0 and (fresh / "new" / "counter.sqlite").exists(),
        "init set up a new counter",
        made.stdout + made.stderr,
    )
    sheet = fresh / "SPO-Counter-pemulihan-BNI-0123-02.pdf"
    check(
        sheet.is_file() and sheet.read_bytes().startswith(b"%PDF"),
        f"init wrote the keys' recovery sheet {sheet.name}",
    )
    demo = cli("demo", "--data-dir", r"C:\smoke\demo")
    check(demo.returncode == 0 and "spv01" in demo.stdout, "demo made a demo counter", demo.stderr)
    for folder in ("new", "demo"):
        started = cli("--exit-after-startup", "--data-dir", rf"C:\smoke\{folder}")
        check(
            started.returncode == 0,
            f"the window started offscreen on the {folder} counter and exited: "
            + started.stdout.strip().replace("\n", " "),
            started.stdout + started.stderr,
        )

    # --- uninstalled: the program goes, the data stay ---------------------------------------------
    removed = wine(PROGRAM_WIN + r"\uninstall.exe", "/S")
    check(removed.returncode == 0, "uninstall.exe /S ran", removed.stdout + removed.stderr)
    # The uninstaller's copy removes the program folder last (it is empty by then).
    settle(lambda: not PROGRAM.exists())
    check(not (PROGRAM / "spo-counter.exe").exists(), "the program files are gone")
    check(not (PROGRAM / "_internal").exists(), "_internal is gone")
    check(
        (DATA / "counter.sqlite").exists() and len(list((DATA / "backups").iterdir())) == 1,
        "the data folder, its store and its backup stay",
    )
    check(registry(SETTINGS_KEY, "DataDir") == DATA_WIN, "the registry still names the data folder")
    check(registry(UNINSTALL_KEY, "DisplayName") is None, "Apps no longer lists SPO Counter")
    return summary()


def summary() -> int:
    failed = sum(1 for ok, _ in results if not ok)
    print(f"smoke: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
