"""The Settings page: a supervisor changes paper, printer, upload address, language and users by
keyboard; a teller only looks; each change lands in the store or the settings file, audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
import trustme
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

import ui.settings.page
from desktop.counter import Counter
from desktop.keystore import UPLOAD_TOKEN
from desktop.receipts.model import Paper
from desktop.services.auth import User, login
from desktop.services.receipts import counter_paper
from desktop.services.upload import Endpoint, upstream_address
from desktop.settings import PcSettings, save_settings, settings_file
from desktop.store.schema import audit_events, users
from tests.ui.conftest import focused, press, type_text
from ui.context import Context
from ui.settings.add_user import AddUserDialog
from ui.settings.page import SettingsPage


@pytest.fixture(autouse=True)
def printers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two printers on this PC (the test machine has none)."""
    monkeypatch.setattr(
        ui.settings.page,
        "available_printers",
        lambda: (["EPSON TM-T82", "HP LaserJet"], "HP LaserJet"),
    )
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_CA", raising=False)


def open_page(qtbot: QtBot, ctx: Context, user: User) -> SettingsPage:
    page = SettingsPage(ctx, user)
    qtbot.addWidget(page)
    page.resize(860, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.loaded is not None)
    page.setFocus()
    return page


def settings_json(counter: Counter) -> dict[str, str]:
    data: dict[str, str] = json.loads(settings_file(counter.store.data_dir).read_text("utf-8"))
    return data


def setting_events(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        query = sa.select(audit_events.c.action).where(audit_events.c.action.like("settings.%"))
        return list(connection.scalars(query.order_by(audit_events.c.seq)))


def table(page: SettingsPage) -> list[tuple[str, ...]]:
    rows = []
    for r in range(page.users.rowCount()):
        cells = [page.users.item(r, c) for c in range(page.users.columnCount())]
        rows.append(tuple(cell.text() if cell is not None else "" for cell in cells))
    return rows


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def test_a_supervisor_changes_every_setting_with_the_keyboard(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    ca_file = tmp_path / "ca-bank.pem"
    trustme.CA().cert_pem.write_to_path(str(ca_file))
    page = open_page(qtbot, ctx, supervisor)
    assert page.objectName() == "page_settings"
    assert not page.read_only_note.isVisible()
    assert focused() is page.paper
    assert page.printer.currentText() == "Printer bawaan sistem (HP LaserJet)"
    press(qtbot, Qt.Key.Key_Down)
    assert page.paper.currentData() == "a5"
    tab(qtbot)
    assert focused() is page.printer
    press(qtbot, Qt.Key.Key_Down)
    assert page.printer.currentData() == "EPSON TM-T82"
    tab(qtbot)
    assert focused() is page.branch_address
    type_text(qtbot, "Jl. Jend.  Sudirman No. 1,   Jakarta")
    press(qtbot, Qt.Key.Key_Return)  # Enter goes on to the upload address
    assert focused() is page.upstream_url
    type_text(qtbot, "https://spo.bni.co.id")
    press(qtbot, Qt.Key.Key_Return)  # Enter goes on to the token
    assert focused() is page.upstream_token
    assert page.upstream_token.echoMode() is QLineEdit.EchoMode.Password
    type_text(qtbot, "tok-BNI-0123-01")
    tab(qtbot)
    assert focused() is page.upstream_ca
    assert "CA yang dipercaya sistem" in page.ca_note.text()
    type_text(qtbot, str(ca_file))
    tab(qtbot)
    assert focused() is page.language
    press(qtbot, Qt.Key.Key_Down)
    assert page.language.currentText() == "English"
    with qtbot.waitSignal(page.language_changed) as changed:
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == ["en"]
    qtbot.waitUntil(page.done.isVisible)
    assert page.done.text() == (
        "Pengaturan tersimpan. Bahasa baru berlaku saat aplikasi dibuka lagi."
    )
    assert counter_paper(counter) is Paper.A5
    assert settings_json(counter) == {
        "version": 1,
        "language": "en",
        "printer": "EPSON TM-T82",
        "upstream_url": "https://spo.bni.co.id",
        "upstream_ca": str(ca_file),
        "branch_address": "Jl. Jend. Sudirman No. 1, Jakarta",
        "backup_copy_dir": "",
        # The benefit payout's cash limits, at their defaults (desktop/settings.py).
        "cash_payout_limit": "10000000",
        "cash_payout_approval_above": "5000000",
    }
    assert counter.keys.get(UPLOAD_TOKEN) == b"tok-BNI-0123-01"  # the token: in the key store
    assert setting_events(counter) == [
        "settings.paper",
        "settings.language",
        "settings.printer",
        "settings.upstream_url",
        "settings.upstream_token",
        "settings.upstream_ca",
        "settings.branch_address",
    ]
    assert page.branch_address.text() == "Jl. Jend. Sudirman No. 1, Jakarta"  # as saved
    # The upload now goes where Settings says, trusting the bank's CA.
    assert upstream_address(counter) == Endpoint(
        "https://spo.bni.co.id", "tok-BNI-0123-01", ca_file
    )


def test_a_wrong_address_is_shown_under_it_and_nothing_is_saved(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    press(qtbot, Qt.Key.Key_Down)  # paper A5: must not be saved either
    page.upstream_url.setFocus()
    type_text(qtbot, "spo.bni.co.id")
    tab(qtbot)
    type_text(qtbot, "tok")
    press(qtbot, Qt.Key.Key_Return)  # Enter on the token saves
    qtbot.waitUntil(page.errors["upstream_url"].isVisible)
    assert page.errors["upstream_url"].text().startswith("Alamat server pusat harus berbentuk")
    assert focused() is page.upstream_url
    assert page.upstream_url.selectedText() == "spo.bni.co.id"
    assert not page.done.isVisible()
    assert page.save_button.isEnabled()
    assert counter_paper(counter) is Paper.ROLL_80
    assert not settings_file(counter.store.data_dir).exists()
    assert setting_events(counter) == []


def test_a_remote_http_address_is_refused_under_it_and_nothing_is_saved(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    page.upstream_url.setFocus()
    type_text(qtbot, "http://spo.bni.co.id")
    tab(qtbot)
    type_text(qtbot, "tok")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.errors["upstream_url"].isVisible)
    assert (
        page.errors["upstream_url"]
        .text()
        .startswith(
            "Alamat server pusat memakai http:// ke spo.bni.co.id: ke luar komputer ini hanya https://"
        )
    )
    assert focused() is page.upstream_url
    assert not settings_file(counter.store.data_dir).exists()
    assert setting_events(counter) == []


def test_bank_its_remote_http_address_is_shown_refused(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    supervisor: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", "http://10.0.0.5:8080")
    page = open_page(qtbot, ctx, supervisor)
    assert page.upstream_url.text() == "http://10.0.0.5:8080"
    assert page.errors["upstream_url"].isVisible()
    assert (
        page.errors["upstream_url"]
        .text()
        .startswith("SPO_UPSTREAM_URL (dari IT bank) memakai http:// ke 10.0.0.5:")
    )


def test_a_teller_sees_the_settings_read_only(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User
) -> None:
    save_settings(
        counter.store.data_dir,
        PcSettings(upstream_url="https://spo.bni.co.id", upstream_token="secret-token"),
    )
    page = open_page(qtbot, ctx, teller)
    assert page.read_only_note.isVisible()
    assert "hanya bisa dilihat" in page.read_only_note.text()
    for name in ("paper", "printer", "upstream_url", "upstream_token", "upstream_ca", "language"):
        widget = page.findChild(QWidget, name)
        assert widget is not None
        assert not widget.isEnabled(), name
    assert page.upstream_url.text() == "https://spo.bni.co.id"
    assert page.upstream_token.text() == ""  # a teller never gets the token, even masked
    assert page.upstream_token.placeholderText() == "tersimpan, tersembunyi"
    assert not page.save_button.isVisible()
    assert not page.add_user_button.isVisible()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.add_user() is None
    assert not page.done.isVisible()
    assert [row[0] for row in table(page)] == [
        "spv01",
        "spv02",
        "teller01",
        "teller02",
    ]
    assert setting_events(counter) == []


def test_the_address_bank_it_set_by_environment_is_shown_and_kept_out_of_the_file(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    supervisor: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", "https://it.bni.co.id")
    page = open_page(qtbot, ctx, supervisor)
    assert page.upstream_url.text() == "https://it.bni.co.id"
    assert not page.upstream_url.isEnabled()
    assert "SPO_UPSTREAM_URL" in page.url_note.text()
    assert page.upstream_token.isEnabled()
    page.upstream_token.setFocus()
    type_text(qtbot, "tok-1")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    assert settings_json(counter)["upstream_url"] == ""
    assert "upstream_token" not in settings_json(counter)
    assert counter.keys.get(UPLOAD_TOKEN) == b"tok-1"
    assert upstream_address(counter) == Endpoint("https://it.bni.co.id", "tok-1")


def test_a_broken_settings_file_is_said_and_saving_repairs_it(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    settings_file(counter.store.data_dir).write_text("{broken", encoding="utf-8")
    page = open_page(qtbot, ctx, supervisor)
    assert page.file_problem.isVisible()
    assert "tidak bisa dibaca" in page.file_problem.text()
    page.save_button.click()
    qtbot.waitUntil(page.done.isVisible)
    assert not page.file_problem.isVisible()
    assert settings_json(counter)["language"] == "id"


def open_add_user(qtbot: QtBot, page: SettingsPage) -> AddUserDialog:
    page.add_user_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    dialog = page.findChild(AddUserDialog)
    assert isinstance(dialog, AddUserDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: focused() is dialog.user_id)
    return dialog


def test_a_supervisor_adds_a_teller_with_the_pin_typed_twice(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    dialog = open_add_user(qtbot, page)
    type_text(qtbot, "teller03")
    tab(qtbot)
    type_text(qtbot, "Rina Kartika")
    tab(qtbot)
    assert focused() is dialog.role
    assert dialog.role.currentData() == "teller"
    tab(qtbot)
    assert focused() is dialog.pin
    assert dialog.pin.echoMode() is QLineEdit.EchoMode.Password
    type_text(qtbot, "975310")
    tab(qtbot)
    type_text(qtbot, "975311")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["pin_again"].text() == "PIN yang diulang tidak sama. Ketik lagi."
    assert dialog.isVisible()
    type_text(qtbot, "975310")
    with qtbot.waitSignal(dialog.added):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.users.rowCount() == 5)
    assert page.done.text() == "Pengguna Rina Kartika (teller03) ditambahkan."
    assert ("teller03", "Rina Kartika", "Teller", "Aktif") in table(page)
    with counter.store.read() as connection:
        added = connection.execute(sa.select(users).where(users.c.id == "teller03")).one()
    assert (added.name, added.role, added.created_by) == ("Rina Kartika", "teller", "spv01")
    assert login(counter, "teller03", "975310").id == "teller03"


def test_a_taken_user_id_is_shown_under_the_id_and_cancel_closes(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    dialog = open_add_user(qtbot, page)
    type_text(qtbot, "teller01")
    tab(qtbot)
    type_text(qtbot, "Orang Lain")
    tab(qtbot, 2)
    type_text(qtbot, "975310")
    tab(qtbot)
    type_text(qtbot, "975310")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.errors["user_id"].isVisible)
    assert dialog.errors["user_id"].text() == "ID pengguna teller01 sudah dipakai."
    assert focused() is dialog.user_id
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with counter.store.read() as connection:
        names = list(connection.scalars(sa.select(users.c.name).where(users.c.id == "teller01")))
    assert names == ["Dewi Lestari"]


def test_the_environment_wins_over_the_saved_upload_address(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(
        counter.store.data_dir, PcSettings(upstream_url="https://a.id", upstream_token="t")
    )
    assert upstream_address(counter) == Endpoint("https://a.id", "t")
    monkeypatch.setenv("SPO_UPSTREAM_URL", "https://b.id")
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "u")
    assert upstream_address(counter) == Endpoint("https://b.id", "u")


def test_the_branch_address_is_the_one_the_command_sets_and_a_long_one_is_refused_under_it(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    """F12 and `spo-counter branch-address` keep the same setting, checked the same way."""
    from desktop.services.preferences import read_settings, set_branch_address

    set_branch_address(counter, supervisor, "Jl. Merdeka 5, Bandung")
    page = open_page(qtbot, ctx, supervisor)
    assert page.branch_address.text() == "Jl. Merdeka 5, Bandung"
    page.branch_address.setFocus()
    page.branch_address.selectAll()
    type_text(qtbot, "x" * 151)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.errors["branch_address"].isVisible)
    assert page.errors["branch_address"].text() == (
        "Alamat cabang paling banyak 150 karakter, satu baris."
    )
    assert focused() is page.branch_address
    assert read_settings(counter).pc.branch_address == "Jl. Merdeka 5, Bandung"  # unchanged
    page.branch_address.selectAll()
    type_text(qtbot, "Jl. Asia Afrika 8, Bandung")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.done.isVisible)
    assert not page.errors["branch_address"].isVisible()
    assert read_settings(counter).pc.branch_address == "Jl. Asia Afrika 8, Bandung"


def test_a_supervisor_sets_the_cash_payout_limits_and_a_wrong_one_is_refused_under_it(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User, teller: User
) -> None:
    """The benefit payout's cash limit and approval threshold (issue 16) on F12: positive,
    the threshold below the limit, refused under the field named, nothing saved then."""
    page = open_page(qtbot, ctx, supervisor)
    assert page.cash_payout_limit.text() == "10.000.000"  # the defaults, as a teller reads them
    assert page.cash_payout_approval_above.text() == "5.000.000"
    page.language.setFocus()
    tab(qtbot)
    assert focused() is page.cash_payout_limit
    page.cash_payout_limit.selectAll()
    type_text(qtbot, "4.000.000")
    press(qtbot, Qt.Key.Key_Return)  # Enter goes on to the threshold
    assert focused() is page.cash_payout_approval_above
    page.cash_payout_approval_above.selectAll()
    type_text(qtbot, "4000000")
    press(qtbot, Qt.Key.Key_Return)  # Enter on the last saves
    error = page.errors["cash_payout_approval_above"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == (
        "Batas persetujuan supervisor (Rp4.000.000) harus di bawah batas tunai (Rp4.000.000)."
    )
    assert focused() is page.cash_payout_approval_above
    assert not page.done.isVisible()
    assert not settings_file(counter.store.data_dir).exists()  # nothing written
    page.cash_payout_limit.setFocus()
    page.cash_payout_limit.selectAll()
    type_text(qtbot, "0")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.errors["cash_payout_limit"].isVisible)
    assert page.errors["cash_payout_limit"].text() == "Batas tunai paling sedikit Rp1."
    assert not error.isVisible()  # one refusal at a time, under its own field
    assert focused() is page.cash_payout_limit
    type_text(qtbot, "Rp8.000.000")  # the refused text is selected: typed over
    press(qtbot, Qt.Key.Key_Return)
    page.cash_payout_approval_above.selectAll()
    type_text(qtbot, "3.000.000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    saved = settings_json(counter)
    assert (saved["cash_payout_limit"], saved["cash_payout_approval_above"]) == (
        "8000000",
        "3000000",
    )
    assert page.cash_payout_limit.text() == "8.000.000"  # read back as saved
    assert setting_events(counter) == [
        "settings.cash_payout_limit",
        "settings.cash_payout_approval_above",
    ]
    # A teller reads them and cannot change them.
    shown = open_page(qtbot, ctx, teller)
    assert shown.cash_payout_approval_above.text() == "3.000.000"
    assert not shown.cash_payout_limit.isEnabled()
    assert not shown.cash_payout_approval_above.isEnabled()
