"""The PC settings file and the Settings use cases: checked, written whole, audited."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.receipts.model import Paper
from desktop.services.auth import User
from desktop.services.preferences import change_settings, list_users, read_settings
from desktop.services.receipts import counter_paper
from desktop.services.verify import verify_store
from desktop.settings import (
    PcSettings,
    cash_payout_limits,
    load_settings,
    save_settings,
    settings_file,
    upstream_setting,
)
from desktop.store.audit import verify_chain
from desktop.store.row_states import state_of
from desktop.store.schema import audit_events

GOOD = PcSettings(
    language="en",
    printer="EPSON TM-T82",
    upstream_url="https://spo.bni.co.id:8443",
    upstream_token="tok-123",
)


def events(counter: Counter) -> list[sa.Row[Any]]:
    with counter.store.read() as connection:
        query = sa.select(audit_events).where(audit_events.c.action.like("settings.%"))
        return list(connection.execute(query.order_by(audit_events.c.seq)))


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == PcSettings(language="id", printer="")
    assert not settings_file(tmp_path).exists()


def test_saved_settings_read_back_and_leave_no_temporary_file(tmp_path: Path) -> None:
    save_settings(tmp_path, PcSettings(language=" EN ", upstream_url=" http://127.0.0.1:8080 ",
                                       upstream_token="abc"))  # fmt: skip
    assert load_settings(tmp_path) == PcSettings(
        language="en", upstream_url="http://127.0.0.1:8080", upstream_token="abc"
    )
    # The token went to the key store, which the folder's store id names; no temporary file.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", "store-id"]
    body = json.loads(settings_file(tmp_path).read_text(encoding="utf-8"))
    assert body["version"] == 1
    if os.name == "posix":  # readable by this user alone
        assert settings_file(tmp_path).stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (PcSettings(language="fr"), "language"),
        (PcSettings(upstream_url="spo.bni.co.id", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="ftp://spo.bni.co.id", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="https://host:port", upstream_token="t"), "upstream_url"),
        # Plain http:// only to this PC itself.
        (PcSettings(upstream_url="http://10.0.0.5:8080", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="http://spo.bni.co.id", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="http://localhost.bni.co.id", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="http://[::2]:8080", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_url="https://spo\x1b[31m.id", upstream_token="t"), "upstream_url"),
        (PcSettings(upstream_ca="ca-bank.pem"), "upstream_ca"),  # not a full path
        (PcSettings(upstream_ca="/nowhere/ca-bank.pem"), "upstream_ca"),
        (PcSettings(upstream_url="https://spo.bni.co.id"), "upstream_token"),
        (PcSettings(upstream_url="https://a.id", upstream_token="two words"), "upstream_token"),
        (PcSettings(printer="bad\nname"), "printer"),
        (PcSettings(cash_payout_limit="0"), "cash_payout_limit"),
        (PcSettings(cash_payout_limit="sepuluh juta"), "cash_payout_limit"),
        (PcSettings(cash_payout_approval_above="-1"), "cash_payout_approval_above"),
        (PcSettings(cash_payout_approval_above="10000000"), "cash_payout_approval_above"),
    ],
)
def test_a_wrong_value_is_refused_by_name_and_nothing_is_written(
    tmp_path: Path, settings: PcSettings, field: str
) -> None:
    save_settings(tmp_path, GOOD)
    before = settings_file(tmp_path).read_bytes()
    with pytest.raises(DomainError) as caught:
        save_settings(tmp_path, settings)
    assert caught.value.field == field
    assert settings_file(tmp_path).read_bytes() == before


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080",
        "http://127.3.2.1",
        "http://[::1]:8080/",
        "http://localhost:8080",
        "http://LOCALHOST",
        "https://10.0.0.5:8443",
        "https://spo.bni.co.id",
    ],
)
def test_http_is_taken_for_this_pc_and_https_for_any_host(tmp_path: Path, url: str) -> None:
    assert save_settings(tmp_path, PcSettings(upstream_url=url, upstream_token="t")).upstream_url
    assert upstream_setting(tmp_path, {}).problem is None


def test_a_remote_http_address_is_refused_in_both_languages_naming_the_host(
    tmp_path: Path,
) -> None:
    with pytest.raises(DomainError) as caught:
        save_settings(tmp_path, PcSettings(upstream_url="http://10.0.0.5:8080", upstream_token="t"))
    assert caught.value.field == "upstream_url"
    assert caught.value.message("id").startswith(
        "Alamat server pusat memakai http:// ke 10.0.0.5: ke luar komputer ini hanya https://"
    )
    assert caught.value.message("en").startswith(
        "The central server address uses http:// to 10.0.0.5: beyond this PC only https://"
    )
    assert not settings_file(tmp_path).exists()


def test_a_ca_file_that_is_not_pem_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "ca-bank.pem"
    garbage.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        save_settings(tmp_path, PcSettings(upstream_ca=str(garbage)))
    assert caught.value.field == "upstream_ca"
    assert caught.value.message("en") == (
        f"The upstream CA file {garbage} cannot be used: it must be a PEM file of CA certificates."
    )
    assert not settings_file(tmp_path).exists()


def test_a_file_saved_before_https_was_required_keeps_its_settings_but_not_its_address(
    tmp_path: Path,
) -> None:
    settings_file(tmp_path).write_text(
        json.dumps(
            {
                "version": 1,
                "language": "en",
                "printer": "EPSON TM-T82",
                "upstream_url": "http://10.0.0.5:8080",
                "upstream_token": "tok",
            }
        ),
        encoding="utf-8",
    )
    loaded = load_settings(tmp_path)
    assert (loaded.language, loaded.printer) == ("en", "EPSON TM-T82")
    upstream = upstream_setting(tmp_path, {})
    assert upstream.url == "http://10.0.0.5:8080"
    assert upstream.url_problem is not None
    assert upstream.url_problem.field == "upstream_url"


def test_bank_its_http_address_is_refused_at_use_not_passed_over_for_the_files(
    tmp_path: Path,
) -> None:
    save_settings(tmp_path, GOOD)
    missing = tmp_path / "nowhere" / "ca.pem"  # a full path on Windows too (C:\...)
    env = {"SPO_UPSTREAM_URL": "http://spo.bni.co.id", "SPO_UPSTREAM_CA": str(missing)}
    upstream = upstream_setting(tmp_path, env)
    assert (upstream.url, upstream.url_from_env) == ("http://spo.bni.co.id", True)
    assert upstream.url_problem is not None
    assert upstream.url_problem.field == "SPO_UPSTREAM_URL"
    assert upstream.url_problem.message("en").startswith(
        "SPO_UPSTREAM_URL (set by the bank's IT) uses http:// to spo.bni.co.id:"
    )
    assert upstream.ca_problem is not None
    assert upstream.ca_problem.field == "SPO_UPSTREAM_CA"
    assert upstream.ca_problem.message("en") == (
        f"SPO_UPSTREAM_CA (set by the bank's IT) {missing} not found: "
        "it must be a PEM file of CA certificates."
    )


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '{"language": 3}', '{"language": "xx"}', b"\xff\xfe\x00garbage"],
)
def test_a_broken_file_is_refused_with_a_message_and_uploads_nowhere(
    tmp_path: Path, content: str | bytes
) -> None:
    path = settings_file(tmp_path)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        load_settings(tmp_path)
    assert caught.value.field == "settings"
    assert "tidak bisa dibaca" in caught.value.message("id")
    assert not upstream_setting(tmp_path, {}).configured


def test_the_environment_wins_over_the_file_part_by_part(tmp_path: Path) -> None:
    save_settings(tmp_path, GOOD)
    from_file = upstream_setting(tmp_path, {})
    assert (from_file.url, from_file.token) == ("https://spo.bni.co.id:8443", "tok-123")
    assert not from_file.url_from_env
    assert not from_file.token_from_env
    env = {"SPO_UPSTREAM_URL": "https://it.bank.id ", "SPO_UPSTREAM_TOKEN": ""}
    mixed = upstream_setting(tmp_path, env)
    assert (mixed.url, mixed.token) == ("https://it.bank.id", "tok-123")
    assert mixed.url_from_env
    assert not mixed.token_from_env
    assert not upstream_setting(tmp_path / "elsewhere", {}).configured


def test_a_supervisor_changes_paper_and_pc_settings_each_change_audited(
    counter: Counter, supervisor: User
) -> None:
    assert counter_paper(counter) is Paper.ROLL_80
    saved = change_settings(counter, supervisor, paper="a4", pc=GOOD)
    assert saved.paper is Paper.A4_TWO_COPIES
    assert counter_paper(counter) is Paper.A4_TWO_COPIES
    assert load_settings(counter.store.data_dir) == GOOD
    logged = {row.action: json.loads(row.details) for row in events(counter)}
    with counter.store.read() as connection:  # the profile row as the change left it
        profile = state_of(connection, ("counter_profile", 1))
    assert logged == {
        "settings.paper": {"from": "roll80", "to": "a4", "state": profile},
        "settings.language": {"from": "id", "to": "en"},
        "settings.printer": {"from": "", "to": "EPSON TM-T82"},
        "settings.upstream_url": {"from": "", "to": "https://spo.bni.co.id:8443"},
        "settings.upstream_token": {"changed": True},  # never the token itself
    }
    assert {row.actor for row in events(counter)} == {"spv01"}
    change_settings(counter, supervisor, paper="a4", pc=GOOD)  # the same again: no new events
    assert len(events(counter)) == 5
    with counter.store.read() as connection:
        assert list(verify_chain(connection, counter.kept_audit_key())) == []
    assert verify_store(counter).problems == []


def test_a_teller_cannot_change_settings_and_nothing_changes(
    counter: Counter, teller: User
) -> None:
    with pytest.raises(DomainError) as caught:
        change_settings(counter, teller, paper="a5", pc=GOOD)
    assert caught.value.field == "by"
    assert counter_paper(counter) is Paper.ROLL_80
    assert not settings_file(counter.store.data_dir).exists()
    assert events(counter) == []


def test_a_wrong_setting_writes_neither_store_nor_file(counter: Counter, supervisor: User) -> None:
    with pytest.raises(DomainError) as caught:
        change_settings(counter, supervisor, paper="a5", pc=PcSettings(upstream_url="nowhere"))
    assert caught.value.field == "upstream_url"
    with pytest.raises(DomainError) as caught:
        change_settings(counter, supervisor, paper="letter", pc=GOOD)
    assert caught.value.field == "paper"
    assert counter_paper(counter) is Paper.ROLL_80
    assert not settings_file(counter.store.data_dir).exists()
    assert events(counter) == []


def test_an_unwritable_settings_file_rolls_the_audit_back(
    counter: Counter, supervisor: User
) -> None:
    settings_file(counter.store.data_dir).mkdir()  # a folder where the file should go
    with pytest.raises(OSError):  # noqa: PT011 - which OSError depends on the platform
        change_settings(counter, supervisor, paper="a5", pc=GOOD)
    assert counter_paper(counter) is Paper.ROLL_80
    assert events(counter) == []


def test_the_settings_screen_reads_paper_file_and_users(counter: Counter) -> None:
    settings_file(counter.store.data_dir).write_text("{oops", encoding="utf-8")
    shown = read_settings(counter)
    assert shown.paper is Paper.ROLL_80
    assert shown.pc == PcSettings()
    assert shown.pc_problem is not None
    assert shown.pc_problem.field == "settings"
    assert [(u.id, u.role.value, u.active) for u in list_users(counter)] == [
        ("spv01", "supervisor", True),
        ("spv02", "supervisor", True),
        ("teller01", "teller", True),
        ("teller02", "teller", True),
    ]


def test_the_cash_payout_limits_are_kept_as_whole_rupiah_the_threshold_below_the_limit(
    tmp_path: Path,
) -> None:
    saved = save_settings(
        tmp_path,
        PcSettings(cash_payout_limit="Rp8.000.000", cash_payout_approval_above="3.000.000"),
    )
    assert cash_payout_limits(saved) == (8_000_000, 3_000_000)
    assert cash_payout_limits(load_settings(tmp_path)) == (8_000_000, 3_000_000)
    with pytest.raises(DomainError) as equal:
        save_settings(
            tmp_path, PcSettings(cash_payout_limit="3000000", cash_payout_approval_above="3000000")
        )
    assert equal.value.message_en == (
        "The supervisor's approval threshold (Rp3.000.000) must be below the cash limit "
        "(Rp3.000.000)."
    )
    with pytest.raises(DomainError) as zero:
        save_settings(tmp_path, PcSettings(cash_payout_limit="0"))
    assert zero.value.message_en == "Cash limit must be at least Rp1."
