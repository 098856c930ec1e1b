"""The Karantina page: records the upstream refused, with its reasons, and sending them again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.quarantine import QuarantinedRecord, quarantined
from desktop.services.registration import register_participant
from desktop.store.schema import outbox
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FakeClock
from tests.services.conftest import NIK_WOMAN, registration
from tests.ui.test_upload import TOKEN, statuses
from ui.context import Context
from ui.i18n import install_translators, remove_translators
from ui.upload.quarantine import QuarantineModel
from ui.window.main_window import MainWindow

REASON = "nik_registered: NIK sudah terdaftar di loket lain"


def quarantine_first(counter: Counter) -> None:
    """As an upload would leave a record the upstream refused."""
    with counter.store.write() as connection:
        connection.execute(
            sa.update(outbox)
            .where(outbox.c.seq == 1)
            .values(status="quarantined", attempts=1, last_error=REASON)
        )


@pytest.fixture
def refused(counter: Counter, teller: User) -> Counter:
    register_participant(counter, teller, registration())
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, sex="", birth_date="", full_name="Ratna")
    )
    quarantine_first(counter)
    return counter


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with RunningSandbox(
        f"sqlite:///{tmp_path / 'upstream.sqlite'}", {"BNI-0123-01": TOKEN}, clock=FakeClock()
    ) as up:
        monkeypatch.setenv("SPO_UPSTREAM_URL", up.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield up


def test_the_core_query_lists_quarantined_records_with_their_reason(refused: Counter) -> None:
    [record] = quarantined(refused)
    assert record.receipt_no == "BNI-0123-01-0000001"
    assert (record.kind, record.amount, record.reason) == ("registration", 0, REASON)
    assert f"{record.created_at:%d/%m/%Y %H:%M %Z}" == "24/11/2026 10:00 WIB"


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = QuarantineModel()
    at = datetime.fromisoformat("2026-11-24T10:00:00+07:00")
    model.set_records(
        [
            QuarantinedRecord(1, "BNI-0123-01-0000001", "registration", 0, at, REASON),
            QuarantinedRecord(4, "BNI-0123-01-0000004", "contribution", 110_400, at, "x: y"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "Rp110.400"
    assert model.index(1, 1).data() == "Iuran"
    model.set_records([])
    qtmodeltester.check(model)


def test_the_column_titles_follow_the_language(qapp: QApplication) -> None:
    model = QuarantineModel()

    def titles() -> list[str]:
        return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]

    assert titles()[0] == "No. tanda terima"
    install_translators(qapp, "en")
    try:
        assert titles()[4] == "Reason for rejection"
        assert all(t not in QuarantineModel.HEADERS for t in titles()), titles()
    finally:
        remove_translators(qapp)
    assert titles()[4] == "Alasan penolakan"


def test_the_page_lists_the_record_and_kirim_ulang_sends_it(
    qtbot: QtBot, ctx: Context, teller: User, refused: Counter, upstream: RunningSandbox
) -> None:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    window.show_page(titles.index("Karantina"))
    assert window.current_page == "quarantine"
    page = window.pages.currentWidget()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    model = page.model
    assert [model.index(0, column).data() for column in range(5)] == [
        "BNI-0123-01-0000001",
        "Pendaftaran",
        "Rp0",
        "24/11/2026 10:00",
        REASON,
    ]
    assert page.summary.text() == "1 data ditolak server pusat."
    assert page.resend.isEnabled()
    with qtbot.waitSignal(window.upload.finished, timeout=20_000) as finished:
        qtbot.mouseClick(page.resend, Qt.MouseButton.LeftButton)
    assert finished.args[0].sent == 2  # the requeued record and the one still pending
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.summary.text() == "Tidak ada data yang ditolak."
    assert not page.resend.isEnabled()
    assert statuses(refused) == ["sent", "sent"]
