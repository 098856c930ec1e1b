"""The store at rest: encrypted with a key kept outside the data folder, every file in the folder
readable by its user alone, a store from before encryption encrypted in place at upgrade, and a
clear message for a wrong key or a file that is not a counter store."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.cli import main
from desktop.counter import Counter
from desktop.errors import DomainError, StoreKeyError
from desktop.keystore import RECEIPT_KEY, STORE_ID_FILE, STORE_KEY, UPLOAD_TOKEN, open_keystore
from desktop.paths import DB_FILENAME
from desktop.receipts.content import local_time
from desktop.receipts.signing import SignedFacts, sign
from desktop.services.auth import User
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.receipt_output import SaveReceipt, save_receipt_file
from desktop.services.receipts import check_receipt
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.settings import PcSettings, load_settings, save_settings, settings_file
from desktop.store.engine import PLAIN_HEADER, connect
from desktop.store.peek import peek_counter
from desktop.store.schema import counter_profile
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.conftest import NIK_MAN, bpu_payment, claim, pu_payment, registration
from tests.tamper import open_raw

FROZEN = Path(__file__).parent / "frozen"
TOKEN = "tok-BNI-0123-01-rahasia"
# What a thief must not read in any file: NIKs, names, a mother's maiden name, a phone number,
# account numbers (the claim's payout, the PU debit), the upload token.
SECRETS = (
    NIK_MAN,
    "3201014501900001",
    "Joko Susanto",
    "Sri Wahyuni",
    "0812-3456-7890",
    "Ratna Handayani",
    "0012-3456-78",
    "0123456789",
    "Jl. Melati No. 5",
    "PT Maju Jaya Abadi",
    TOKEN,
)


def _readable(data: bytes) -> list[str]:
    text = data.decode("latin-1")
    wide = data.decode("utf-16-le", errors="ignore")
    return [secret for secret in SECRETS if secret in text or secret in wide]


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _session(counter: Counter, teller: User, receipts: Path | None = None) -> None:
    """A realistic day: a registration, a BPU and a PU payment, a claim handover, the upload
    address and token saved; with `receipts`, the claim's receipt saved there as a PDF."""
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    pay_pu(counter, teller, pu_payment())
    handed = hand_over_claim(counter, teller, claim())
    save_settings(
        counter.store.data_dir,
        PcSettings(upstream_url="https://spo.bni.co.id", upstream_token=TOKEN),
    )
    if receipts is not None:
        receipts.mkdir(exist_ok=True)
        save_receipt_file(
            counter, teller, SaveReceipt(handed.receipt_no, out=receipts / "claim.pdf")
        )


def test_no_personal_data_is_readable_in_any_file_of_the_data_folder(
    counter: Counter, teller: User
) -> None:
    folder = counter.store.data_dir
    _session(counter, teller)
    with counter.store.read() as connection:  # the application itself reads them all back
        assert (
            connection.exec_driver_sql(
                f"SELECT count(*) FROM participants WHERE nik = '{NIK_MAN}'"
            ).scalar()
            == 1
        )
    wal, shm = folder / f"{DB_FILENAME}-wal", folder / f"{DB_FILENAME}-shm"
    assert wal.stat().st_size > 0  # the session's pages are in the WAL now
    assert shm.exists()
    found = {path.name: _readable(path.read_bytes()) for path in _files(folder)}
    assert {name: hit for name, hit in found.items() if hit} == {}
    assert {DB_FILENAME, wal.name, shm.name, "settings.json"} <= set(found)
    assert not (folder / DB_FILENAME).read_bytes().startswith(PLAIN_HEADER)
    assert "upstream_token" not in json.loads(settings_file(folder).read_text("utf-8"))
    counter.store.close()
    assert _readable(b"".join(path.read_bytes() for path in _files(folder))) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows keeps to the profile's ACLs")
def test_the_data_folder_is_0700_and_every_file_in_it_0600(counter: Counter, teller: User) -> None:
    folder = counter.store.data_dir
    folder.chmod(0o755)  # as every version before made it
    _session(counter, teller, receipts=folder / "receipts")
    counter.store.close()
    (folder / "backups").mkdir(mode=0o755)
    shutil.copy(FROZEN / "counter-0001.sqlite", folder / "backups" / "old-before-0004.sqlite")
    (folder / "backups" / "old-before-0004.sqlite").chmod(0o644)
    store = Store(folder)  # the next start makes older files private too
    try:
        with store.read() as connection:
            connection.execute(sa.select(counter_profile.c.id)).first()
        modes = {
            str(path.relative_to(folder)): stat.S_IMODE(path.stat().st_mode)
            for path in folder.rglob("*")
        }
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert {name: mode for name, mode in modes.items() if (folder / name).is_dir()} == {
            "backups": 0o700,
            "receipts": 0o700,
        }
        files = {name: mode for name, mode in modes.items() if (folder / name).is_file()}
        assert set(files.values()) == {0o600}, files
        assert {DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", "settings.json"} <= set(
            files
        )
        assert any(name.startswith("receipts/") for name in files)
    finally:
        store.close()


@pytest.fixture
def plain_0004(tmp_path: Path) -> Path:
    """A counter's folder as the previous release left it: its plaintext store (schema 0004,
    its receipt key in the table), a plaintext pre-upgrade backup, the token in settings.json,
    and writes still in the WAL when the PC went off."""
    folder = tmp_path / "counter"
    (folder / "backups").mkdir(parents=True)
    shutil.copy(FROZEN / "counter-0004.sqlite", folder / DB_FILENAME)
    shutil.copy(FROZEN / "counter-0001.sqlite", folder / "backups" / "counter-before-0004.sqlite")
    # As the audit log last recorded them (the defaults), with the token the release kept there.
    (folder / "settings.json").write_text(
        json.dumps({"version": 1, "upstream_token": TOKEN}), "utf-8"
    )
    return folder


def _crash_with_a_wal(folder: Path) -> None:
    """Writes left in the WAL, never checkpointed, as a PC switched off leaves them."""
    live = folder.parent / "live"
    shutil.copytree(folder, live)
    writer = sqlite3.connect(live / DB_FILENAME, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE notes (text TEXT)")
    writer.execute("INSERT INTO notes VALUES (?)", (f"{NIK_MAN} Joko Susanto",))
    for suffix in ("", "-wal", "-shm"):  # copied while the writer still has it open
        shutil.copy(live / f"{DB_FILENAME}{suffix}", folder / f"{DB_FILENAME}{suffix}")
    writer.close()
    shutil.rmtree(live)


def test_a_plaintext_store_of_the_previous_release_is_encrypted_in_place_at_upgrade(
    plain_0004: Path,
) -> None:
    folder = plain_0004
    _crash_with_a_wal(folder)
    assert _readable((folder / f"{DB_FILENAME}-wal").read_bytes())  # plaintext before
    before = sqlite3.connect(folder / DB_FILENAME)
    (old_secret,) = before.execute("SELECT receipt_secret FROM counter_profile").fetchone()
    receipt_no, code, amount, created_at, zone = before.execute(
        "SELECT t.receipt_no, p.counter_code, t.amount, t.created_at, p.timezone "
        "FROM transactions t, counter_profile p WHERE t.amount > 0 ORDER BY t.seq LIMIT 1"
    ).fetchone()
    before.close()
    issued = local_time(created_at, zone).isoformat(timespec="seconds")
    old_qr = sign(old_secret, SignedFacts(receipt_no, code, amount, issued))

    store = Store(folder)
    try:
        counter = Counter(store, clock=FakeClock())
        keys = open_keystore(folder)
        # The secrets left the data folder: the receipt key into the key store, the column blank;
        # the token out of settings.json.
        assert keys.get(RECEIPT_KEY) == old_secret.encode("ascii")
        with store.read() as connection:
            assert connection.execute(sa.select(counter_profile.c.receipt_secret)).scalar() == ""
            assert connection.exec_driver_sql("SELECT text FROM notes").scalar() == (
                f"{NIK_MAN} Joko Susanto"  # the WAL's writes were kept
            )
        assert load_settings(folder).upstream_token == TOKEN
        assert keys.get(UPLOAD_TOKEN) == TOKEN.encode("ascii")
        assert check_receipt(counter, old_qr).genuine  # signed before the move, still genuine
        assert verify_store(counter).problems == []
        backups = sorted((folder / "backups").iterdir())
        assert len(backups) == 2  # the previous release's and this upgrade's
        for backup in backups:
            assert not backup.read_bytes().startswith(PLAIN_HEADER)
            raw = open_raw(backup, folder=folder)
            assert raw.execute("SELECT count(*) FROM users").fetchone()[0] >= 2
            raw.close()
    finally:
        store.close()
    leftovers = {p.name: _readable(p.read_bytes()) for p in _files(folder)}
    assert {name: hit for name, hit in leftovers.items() if hit} == {}
    assert not list(folder.glob("*.encrypting"))


def test_a_crash_before_the_swap_leaves_the_plaintext_store_to_encrypt_next_time(
    plain_0004: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import protection

    def power_cut(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(protection, "_fsync", power_cut)
    with pytest.raises(OSError, match="Input/output error"):
        Store(plain_0004)
    assert (plain_0004 / DB_FILENAME).read_bytes().startswith(PLAIN_HEADER)  # untouched
    monkeypatch.undo()
    store = Store(plain_0004)
    try:
        assert verify_store(Counter(store, clock=FakeClock())).problems == []
    finally:
        store.close()
    assert not list(plain_0004.glob("*.encrypting"))


def test_a_wrong_key_is_said_and_nothing_changes(counter: Counter) -> None:
    folder = counter.store.data_dir
    counter.store.close()
    keys = open_keystore(folder)
    right = keys.get(STORE_KEY)
    assert right is not None
    before = (folder / DB_FILENAME).read_bytes()
    keys.put(STORE_KEY, bytes(32))
    try:
        with pytest.raises(StoreKeyError) as refused:
            Store(folder)
    finally:
        keys.put(STORE_KEY, right)
    assert refused.value.field == "store"
    assert "tidak dapat dibuka dengan kunci loket di PC ini" in refused.value.message("id")
    assert "spo-counter keys restore" in refused.value.message("en")
    assert (folder / DB_FILENAME).read_bytes() == before
    assert peek_counter(folder / DB_FILENAME) is not None  # the right key opens it again


def test_a_folder_whose_key_is_not_on_this_pc_is_never_given_a_new_one(
    counter: Counter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = counter.store.data_dir
    counter.store.close()
    monkeypatch.setenv("SPO_KEYSTORE_DIR", str(tmp_path / "new-pc-keys"))
    with pytest.raises(StoreKeyError) as refused:
        Store(folder)
    assert "tidak ada di PC ini" in refused.value.message("id")
    assert "recovery sheet" in refused.value.message("en")
    assert open_keystore(folder).get(STORE_KEY) is None  # no key made for it
    assert peek_counter(folder / DB_FILENAME) is None


@pytest.mark.parametrize("content", [b"PK\x03\x04 a zip file, not a store" * 200, os.urandom(8192)])
def test_a_file_that_is_not_a_counter_store_is_said_by_every_command(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "foreign"
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(content)
    with pytest.raises(StoreKeyError):
        Store(folder)
    assert (folder / DB_FILENAME).read_bytes() == content
    for lang, expected in (("id", "bukan data SPO Counter"), ("en", "not SPO Counter data")):
        code = main(["--lang", lang, "--data-dir", str(folder), "verify"], clock=FakeClock())
        err = capsys.readouterr().err
        assert code == 1
        assert expected in err
        assert "Traceback" not in err
    assert (folder / DB_FILENAME).read_bytes() == content


def test_the_key_opens_fast_and_only_through_connect(tmp_path: Path) -> None:
    key = bytes(range(32))
    db = tmp_path / "store.sqlite"
    made = connect(db, key)
    made.execute("CREATE TABLE t (x)")
    made.execute("INSERT INTO t VALUES ('Sri Wahyuni')")
    made.close()
    assert _readable(db.read_bytes()) == []
    with pytest.raises(ValueError, match="32 bytes"):
        connect(db, b"short")
    plain = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM t").fetchall()
    plain.close()
    reader = connect(db, key, readonly=True)
    assert reader.execute("SELECT x FROM t").fetchall() == [("Sri Wahyuni",)]
    reader.close()


def test_a_store_from_before_encryption_is_named_as_such_when_opened_raw(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(FROZEN / "counter-0001.sqlite", db)
    with pytest.raises(StoreKeyError) as refused:
        connect(db, bytes(32), readonly=True)
    assert "not encrypted yet" in refused.value.message("en")


def test_a_counter_set_up_today_keeps_no_secret_in_its_database(
    counter: Counter, tmp_path: Path
) -> None:
    with counter.store.read() as connection:
        assert connection.execute(sa.select(counter_profile.c.receipt_secret)).scalar() == ""
    kept = counter.keys.get(RECEIPT_KEY)
    assert kept is not None
    assert len(bytes.fromhex(kept.decode("ascii"))) == 32
    assert counter.receipt_secret == kept.decode("ascii")


def test_a_missing_receipt_key_is_said(counter: Counter) -> None:
    kept = counter.keys.get(RECEIPT_KEY)
    assert kept is not None
    counter.keys.delete(RECEIPT_KEY)  # shared with the run's other copies: put back below
    counter.reload_profile()
    try:
        assert counter.profile.counter_code == "BNI-0123-01"  # the rest reads without it
        with pytest.raises(DomainError) as refused:
            counter.receipt_secret  # noqa: B018
    finally:
        counter.keys.put(RECEIPT_KEY, kept)
    assert refused.value.field == "keystore"
    assert "spo-counter keys restore" in refused.value.message("en")


def test_settings_of_a_folder_never_opened_make_no_store_id(tmp_path: Path) -> None:
    """Reading the settings of a folder without a store id (the window's language, before its
    store opens) finds no token and makes no id; a file without a token loads as it is."""
    folder = tmp_path / "counter"
    folder.mkdir()
    assert load_settings(folder) == PcSettings()
    assert not (folder / STORE_ID_FILE).exists()
    (folder / "settings.json").write_text('{"version": 1, "language": "en"}', "utf-8")
    assert load_settings(folder) == PcSettings(language="en")
    assert not (folder / STORE_ID_FILE).exists()


def test_clearing_the_token_removes_it_from_the_key_store(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    save_settings(folder, PcSettings(upstream_url="https://a.id", upstream_token=TOKEN))
    assert open_keystore(folder).get(UPLOAD_TOKEN) == TOKEN.encode("ascii")
    save_settings(folder, PcSettings(language="en"))
    assert open_keystore(folder).get(UPLOAD_TOKEN) is None
    assert load_settings(folder) == PcSettings(language="en")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_folder_shared_by_a_group_of_tellers_keeps_the_group_and_shuts_out_others(
    tmp_path: Path,
) -> None:
    """Linux install.sh's /var/lib/spo-counter: setgid, for the group of teller accounts."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o2775)
    store = Store(folder)
    store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o2770
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in _files(folder)}
    assert modes[DB_FILENAME] == 0o660
    assert set(modes.values()) == {0o660}, modes
