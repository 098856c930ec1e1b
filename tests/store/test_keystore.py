"""The counter's secrets live outside its data folder, readable by this user alone."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from desktop.keystore import (
    AUDIT_KEY,
    KEY_BYTES,
    STORE_ID_FILE,
    STORE_KEY,
    UPLOAD_TOKEN,
    KeyStoreError,
    open_keystore,
    store_id,
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SPO_KEYSTORE": "file", "SPO_KEYSTORE_DIR": str(tmp_path / "keys")}


def test_a_key_is_made_once_kept_outside_the_data_folder_and_readable_by_its_user_alone(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "counter"
    keys = open_keystore(data, env)
    first = keys.key(STORE_KEY)
    assert len(first) == KEY_BYTES
    assert open_keystore(data, env).key(STORE_KEY) == first  # the same key on the next start
    assert keys.key(AUDIT_KEY) != first
    kept = [p for p in (tmp_path / "keys").rglob("*") if p.is_file()]
    assert len(kept) == 2
    assert not any(p.is_relative_to(data) for p in kept)
    assert first not in b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    if sys.platform != "win32":
        for path in kept:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        for folder in {p.parent for p in kept} | {tmp_path / "keys"}:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_two_data_folders_have_their_own_secrets(tmp_path: Path, env: dict[str, str]) -> None:
    demo, real = open_keystore(tmp_path / "demo", env), open_keystore(tmp_path / "real", env)
    assert demo.store_id != real.store_id
    assert demo.key(STORE_KEY) != real.key(STORE_KEY)


def test_the_secrets_go_to_a_new_pc_through_export_and_restore(
    tmp_path: Path, env: dict[str, str]
) -> None:
    old = open_keystore(tmp_path / "counter", env)
    old.key(STORE_KEY)
    old.put(UPLOAD_TOKEN, b"tok-BNI-0123-01")
    carried = old.export()
    assert set(carried) == {STORE_KEY, UPLOAD_TOKEN}
    new_pc = {"SPO_KEYSTORE": "file", "SPO_KEYSTORE_DIR": str(tmp_path / "new-pc-keys")}
    restored = open_keystore(tmp_path / "counter", new_pc)
    assert restored.get(STORE_KEY) is None
    restored.restore(carried)
    assert restored.export() == carried


def test_a_damaged_store_id_or_an_unknown_secret_is_refused(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "counter"
    keys = open_keystore(data, env)
    assert (data / STORE_ID_FILE).read_text(encoding="ascii") == keys.store_id
    assert store_id(data) == keys.store_id
    with pytest.raises(KeyStoreError, match="unknown secret"):
        keys.key("anything")
    (data / STORE_ID_FILE).write_text("not an id", encoding="ascii")
    with pytest.raises(KeyStoreError, match="store id"):
        open_keystore(data, env)
