"""`keys sheet` and `keys restore`: the recovery sheet printed at setup brings a counter's data
back on another PC, and nothing else does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from desktop.keystore import AUDIT_KEY, RECEIPT_KEY, STORE_ID_FILE, STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.recovery_code import decode_code, find_code
from tests.cli.conftest import Cli
from tests.cli.test_cli_setup import SPV_PIN, init_args
from tests.conftest import PINS

SHEET = "SPO-Counter-pemulihan-BNI-0123-01.pdf"


@pytest.fixture
def set_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    """A counter set up with `init` on the old PC: its data folder, its sheet beside it."""
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    cli(*init_args(tmp_path / "old-pc" / "counter"))
    monkeypatch.delenv("SPO_PIN")
    return tmp_path / "old-pc" / "counter"


def new_pc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, old: Path) -> Path:
    """Another PC: an empty key store, and the data folder copied to it (a backup, the old
    disk)."""
    monkeypatch.setenv("SPO_KEYSTORE_DIR", str(tmp_path / "new-pc-keys"))
    folder = tmp_path / "new-pc" / "counter"
    shutil.copytree(old, folder)
    return folder


def test_the_sheet_restores_the_counter_on_a_new_pc(
    set_up: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    sheet = set_up.parent / SHEET
    old_keys = open_keystore(set_up).export()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(sheet).pages)
    assert "Lembar Pemulihan Kunci Loket" in text
    assert "BNI-0123-01" in text
    assert "keys restore" in text
    folder = new_pc(monkeypatch, tmp_path, set_up)
    where = ["--data-dir", str(folder)]
    refused = cli(*where, "verify", expect=1)  # no key on this PC: said, nothing made
    assert "lembar pemulihan" in refused.err
    assert open_keystore(folder).get(STORE_KEY) is None

    restored = cli(*where, "keys", "restore", str(sheet), "--json").json()
    assert restored == {
        "store_id": (folder / STORE_ID_FILE).read_text().strip(),
        "keys": ["store-key", "audit-key", "receipt-key"],
        "store_opens": True,
    }
    assert open_keystore(folder).export() == old_keys
    report = cli(*where, "verify", "--json").json()  # the audit key came back too
    assert report["ok"] is True, report["problems"]
    assert "BNI-0123-01" in cli(*where, "info").out


def test_a_code_typed_from_the_paper_restores_too(
    set_up: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    code = find_code((set_up.parent / SHEET).read_bytes())
    assert code is not None
    folder = new_pc(monkeypatch, tmp_path, set_up)
    typed = tmp_path / "typed.txt"  # lower case, spaces for dashes, broken over lines
    words = code.lower().replace("-", " ").split()
    typed.write_text("\n".join(" ".join(words[i : i + 8]) for i in range(0, len(words), 8)))
    out = cli("--data-dir", str(folder), "--lang", "en", "keys", "restore", str(typed)).out
    assert out.startswith("Keys restored (store-key, audit-key, receipt-key)")
    assert open_keystore(folder).get(RECEIPT_KEY) is not None


def test_a_mistyped_or_foreign_sheet_restores_nothing(
    set_up: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    code = find_code((set_up.parent / SHEET).read_bytes())
    assert code is not None
    folder = new_pc(monkeypatch, tmp_path, set_up)
    where = ["--data-dir", str(folder), "--lang", "en"]
    slipped = tmp_path / "slipped.txt"
    at = code.index("-", 40) + 1  # one letter of a group in the middle read wrong
    slipped.write_text(code[:at] + ("A" if code[at] != "A" else "B") + code[at + 1 :])
    err = cli(*where, "keys", "restore", str(slipped), expect=1).err
    assert "is not a whole recovery sheet (the code is incomplete or mistyped" in err
    not_a_sheet = tmp_path / "photo.jpg"
    not_a_sheet.write_bytes(b"\xff\xd8\xff" + bytes(500))
    assert (
        "no recovery code in it" in cli(*where, "keys", "restore", str(not_a_sheet), expect=1).err
    )
    fifo = cli(*where, "keys", "restore", "/dev/zero", expect=1).err
    assert "not a regular file" in fifo
    # Another counter's sheet: its store id is not this folder's.
    other = tmp_path / "other"
    monkeypatch.setenv("SPO_KEYSTORE_DIR", str(tmp_path / "other-keys"))
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    cli(*init_args(other / "counter", counter="2"))
    monkeypatch.setenv("SPO_KEYSTORE_DIR", str(tmp_path / "new-pc-keys"))
    err = cli(*where, "keys", "restore", str(other / "SPO-Counter-pemulihan-BNI-0123-02.pdf"),
              expect=1).err  # fmt: skip
    assert "belongs to another counter's data" in err
    assert open_keystore(folder).export() == {}  # nothing kept from any of them


def test_a_sheet_whose_key_does_not_open_the_folder_is_refused(
    set_up: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    code = find_code((set_up.parent / SHEET).read_bytes())
    assert code is not None
    store_id, kept = decode_code(code)
    folder = new_pc(monkeypatch, tmp_path, set_up)
    (folder / DB_FILENAME).write_bytes(b"\x00" * 4096 * 4)  # not this counter's store any more
    err = cli("--data-dir", str(folder), "--lang", "en", "keys", "restore",
              str(set_up.parent / SHEET), expect=1).err  # fmt: skip
    assert "does not open the data in" in err
    assert open_keystore(folder).get(STORE_KEY) is None
    assert kept[AUDIT_KEY]
    assert store_id == (folder / STORE_ID_FILE).read_text().strip()


def test_a_supervisor_prints_a_new_sheet_that_carries_the_token_too(
    set_up: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    where = ["--data-dir", str(set_up), "--lang", "en"]
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "999999")
    cli(*where, "keys", "sheet", "--by", "spv01", "--to", str(tmp_path / "new.pdf"), expect=1)
    assert not (tmp_path / "new.pdf").exists()
    from desktop.settings import PcSettings, save_settings

    save_settings(set_up, PcSettings(upstream_url="https://a.id", upstream_token="tok-1"))
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", SPV_PIN)
    out = cli(*where, "keys", "sheet", "--by", "spv01", "--to", str(tmp_path / "new.pdf")).out
    assert "new.pdf" in out
    code = find_code((tmp_path / "new.pdf").read_bytes())
    assert code is not None
    assert decode_code(code)[1]["upload-token"] == b"tok-1"
    assert PINS["spv01"] == SPV_PIN
