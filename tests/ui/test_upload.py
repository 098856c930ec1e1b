"""Uploading from the main window against the real sandbox on loopback: in the background, with
progress and cancel, timed retries, and the status bar kept current."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.resources import resource_path
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.services.status import counter_status
from desktop.store.schema import outbox, transactions
from desktop.sync.client import SyncReport
from desktop.sync.reconcile import fetch_statement
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import FAST_RETRY as FAST
from tests.helpers import FakeClock, closed_port_url
from tests.services.conftest import NIK_MAN, NIK_WOMAN, registration
from tests.sync.faults import FaultyTransport
from tests.ui.conftest import accept_figures, focused, press, type_text
from ui.app import Shell
from ui.context import Context
from ui.tasks import TaskManager
from ui.upload.controller import UploadController
from ui.window.main_window import MainWindow

TOKEN = "token-bni-0123-01"
NIKS = (NIK_MAN, NIK_WOMAN, "3171011203880005", "3171015609920004")

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with RunningSandbox(
        f"sqlite:///{tmp_path / 'upstream.sqlite'}", {"BNI-0123-01": TOKEN}, clock=FakeClock()
    ) as up:
        yield up


@pytest.fixture
def upstream(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> RunningSandbox:
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    return sandbox


@pytest.fixture
def no_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


@pytest.fixture
def make_window(
    qtbot: QtBot, ctx: Context, counter: Counter, network: TaskManager, teller: User
) -> MakeWindow:
    def make(**options: object) -> MainWindow:
        upload = UploadController(counter, network, **options)  # type: ignore[arg-type]
        window = MainWindow(ctx, teller, upload=upload)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: "memuat" not in window.status.pending.text())
        return window

    return make


def capture(counter: Counter, teller: User, count: int) -> None:
    for nik in NIKS[:count]:
        register_participant(counter, teller, registration(nik=nik, sex="", birth_date=""))


def statuses(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(outbox.c.status).order_by(outbox.c.seq)).scalars())


def held(counter: Counter, sandbox: RunningSandbox) -> list[str]:
    statement = fetch_statement(counter, sandbox.url, TOKEN, counter.business_date())
    return [item.receipt_no for item in statement.items]


def test_ctrl_u_after_login_uploads_and_the_status_bar_follows(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    capture(counter, teller, 3)
    shell = Shell(ctx)
    qtbot.addWidget(shell.login)
    shell.login.show()
    qtbot.waitExposed(shell.login)
    shell.login.activateWindow()
    qtbot.waitUntil(shell.login.isActiveWindow)
    type_text(qtbot, "teller01")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    # The day was opened by its first capture, so the float is asked for: later (Esc).
    qtbot.waitUntil(lambda: shell.open_day_dialog is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: shell.main is not None and shell.main.isActiveWindow())
    window = shell.main
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status.pending.text().startswith("Menunggu unggah: 3"))
    # Ctrl+U is the text field's "delete line", never an upload.
    window.show_page(0)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    type_text(qtbot, "3171")
    press(qtbot, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert not window.upload.running
    with qtbot.waitSignal(window.upload.finished, timeout=20_000) as finished:
        press(qtbot, Qt.Key.Key_F9)
    report: SyncReport = finished.args[0]
    assert (report.sent, report.pending) == (3, 0)
    assert window.upload_bar.upload_message.text() == "Terkirim 3, ditolak 0"
    qtbot.waitUntil(lambda: window.status.pending.text() == "Menunggu unggah: 0")
    assert window.status.last_upload.text() == "Unggah terakhir: 24/11/2026 10:00"
    assert not window.upload_bar.upload_progress.isVisible()
    assert held(counter, upstream) == [f"BNI-0123-01-{n:07d}" for n in range(1, 4)]


def test_progress_comes_per_batch_and_cancel_stops_between_batches(
    qtbot: QtBot, make_window: MakeWindow, counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    capture(counter, teller, 4)
    requests: list[int] = []
    window: list[MainWindow] = []
    first_done = threading.Event()

    def hold_the_second_batch(_request: httpx.Request) -> None:
        # On the network thread. The cancel comes either before the second batch is asked
        # for (the upload stops after one) or while it is on its way (it goes whole, then the
        # upload stops): never later, so two at most are sent.
        requests.append(1)
        if len(requests) == 2 and not first_done.is_set():
            assert wait_for(lambda: window[0].upload.cancel_requested)

    window.append(
        make_window(batch_size=1, transport=FaultyTransport(on_request=hold_the_second_batch))
    )
    upload = window[0].upload
    progressed: list[tuple[int, int]] = []
    on_thread: list[bool] = []

    def first_progress(done: int, pending: int) -> None:
        progressed.append((done, pending))
        on_thread.append(QThread.currentThread() is QApplication.instance().thread())
        if len(progressed) == 1:
            assert window[0].upload_bar.upload_progress.isVisible()
            assert window[0].upload_bar.upload_progress.maximum() == 4
            qtbot.mouseClick(window[0].upload_bar.cancel_button, Qt.MouseButton.LeftButton)

    upload.progress.connect(first_progress)
    with qtbot.waitSignal(upload.finished, timeout=20_000) as finished:
        window[0].start_upload()
    first_done.set()
    report: SyncReport = finished.args[0]
    sent = report.sent
    assert sent in (1, 2)
    assert progressed == [(n, 4 - n) for n in range(1, sent + 1)]
    assert all(on_thread)
    assert report.pending == 4 - sent
    assert statuses(counter) == ["sent"] * sent + ["pending"] * (4 - sent)
    assert "dibatalkan" in window[0].upload_bar.upload_message.text()
    pending = f"Menunggu unggah: {4 - sent}"
    qtbot.waitUntil(lambda: window[0].status.pending.text().startswith(pending))
    with qtbot.waitSignal(upload.finished, timeout=20_000) as again:
        press(qtbot, Qt.Key.Key_F9)
    assert again.args[0].sent == 4 - sent
    assert statuses(counter) == ["sent"] * 4
    assert len(held(counter, upstream)) == 4


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """On a worker thread: poll a condition the GUI thread will make true."""
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return False


def test_the_gui_and_the_database_worker_stay_free_while_an_upload_waits(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    tasks: TaskManager,
    upstream: RunningSandbox,
) -> None:
    capture(counter, teller, 2)
    release = threading.Event()
    faults = FaultyTransport(plan=[503], on_request=lambda _request: release.wait(10))
    window = make_window(policy=FAST, transport=faults)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    statuses_seen: list[int] = []
    with qtbot.waitSignal(window.upload.started):
        window.start_upload()
    qtbot.waitUntil(lambda: len(ticks) >= 3)  # the GUI thread ran its timers meanwhile
    tasks.run(lambda: counter_status(counter).pending, statuses_seen.append)
    qtbot.waitUntil(lambda: statuses_seen == [2])  # and the database worker answered
    assert window.upload.running
    timer.stop()
    with qtbot.waitSignal(window.upload.finished, timeout=20_000) as finished:
        release.set()
    assert finished.args[0].sent == 2
    assert finished.args[0].retries == 1  # the 503 was retried after its backoff


def test_an_unreachable_upstream_fails_plainly_and_the_timer_retries_later(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    capture(counter, teller, 2)
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    window = make_window(every_ms=50, policy=FAST)
    with qtbot.waitSignal(window.upload.failed, timeout=20_000) as failed:
        pass  # the timer starts it: records are pending
    assert failed.args[0].startswith(
        "Server pusat tidak dapat dihubungi: sambungan ke server pusat ditolak atau jaringan "
        "terputus."
    )
    assert "Errno" not in failed.args[0]
    assert "ConnectError" not in failed.args[0]
    assert "Data tetap aman di loket" in failed.args[0]
    assert window.upload_bar.upload_message.text() == failed.args[0]
    assert statuses(counter) == ["pending", "pending"]
    assert window.status.pending.text().startswith("Menunggu unggah: 2")
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)  # the line comes back
    with qtbot.waitSignal(window.upload.finished, timeout=20_000) as finished:
        pass
    assert finished.args[0].sent == 2
    qtbot.waitUntil(lambda: window.status.pending.text() == "Menunggu unggah: 0")
    assert statuses(counter) == ["sent", "sent"]
    # Nothing pending: the timer ticks on but starts nothing.
    with qtbot.assertNotEmitted(window.upload.started, wait=300):
        pass


def test_without_an_upstream_the_action_says_so_and_the_timer_stays_idle(
    qtbot: QtBot, make_window: MakeWindow, counter: Counter, teller: User, no_upstream: None
) -> None:
    capture(counter, teller, 1)
    window = make_window(every_ms=20)
    with qtbot.assertNotEmitted(window.upload.started, wait=200):
        pass
    with qtbot.waitSignal(window.upload.failed) as failed:
        press(qtbot, Qt.Key.Key_F9)
    # In the teller's words: who fills it in where, no environment variable.
    assert "minta supervisor mengisinya di Pengaturan" in failed.args[0]
    assert "SPO_UPSTREAM" not in failed.args[0]
    assert "belum diatur" in window.upload_bar.upload_message.text()
    qtbot.waitUntil(lambda: not window.upload.running)  # the timer's ticks find nowhere to go
    assert window.upload_bar.upload_button.isEnabled()
    assert statuses(counter) == ["pending"]


def test_ctrl_u_during_the_timers_check_is_not_lost(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    network: TaskManager,
    no_upstream: None,
) -> None:
    """The timer's look at what waits runs on the network worker; a F9 meanwhile runs
    right after it, not dropped because "an upload is under way"."""
    capture(counter, teller, 1)
    window = make_window(every_ms=3_600_000)  # no tick of its own: the test ticks once
    gate = threading.Event()
    network.run(lambda: gate.wait(30), lambda _done: None)  # the worker is busy a while
    window.upload._tick()  # the timer's check, queued behind it
    assert window.upload.running
    with qtbot.waitSignal(window.upload.failed) as failed:
        press(qtbot, Qt.Key.Key_F9)
        gate.set()
    assert "belum diatur" in failed.args[0]  # the teller's upload ran, and said why not
    qtbot.waitUntil(lambda: not window.upload.running)


def test_a_refused_token_is_told_in_indonesian(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    upstream: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    capture(counter, teller, 1)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "not-the-token")
    window = make_window()
    with qtbot.waitSignal(window.upload.failed, timeout=20_000) as failed:
        window.start_upload()
    assert "menolak token" in failed.args[0]
    assert statuses(counter) == ["pending"]


def test_new_rates_published_upstream_reach_a_counter_that_only_uses_the_window(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window's upload takes the upstream's reference data as `spo-counter sync` does, and
    the next payment is quoted and stored at the new rate without a restart."""
    published = tmp_path / "published"
    shutil.copytree(resource_path("reference"), published)
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(version="2026.11-jkm7500", effective_from="2026-11-01")
    (published / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    rates = json.loads((published / "bpu_rates.json").read_text(encoding="utf-8"))
    rates["rate_sets"][-1]["jkm_monthly"] = 7_500
    (published / "bpu_rates.json").write_text(json.dumps(rates), encoding="utf-8")
    register_participant(counter, teller, registration())
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(
        db, {"BNI-0123-01": TOKEN}, clock=FakeClock(), reference_dir=published
    ) as sandbox:
        monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        window = make_window(policy=FAST)
        with qtbot.waitSignal(window.upload.finished, timeout=20_000):
            press(qtbot, Qt.Key.Key_F9)
    assert counter.reference.version == "2026.11-jkm7500"
    assert (counter.store.data_dir / "reference" / "2026.11-jkm7500" / "bpu_rates.json").is_file()

    press(qtbot, Qt.Key.Key_F3)
    page = window.contribution
    qtbot.waitUntil(lambda: focused() is page.bpu.participant)
    type_text(qtbot, NIK_MAN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.bpu.participant_name.isVisible)
    assert page.breakdown.lines() == [
        ("JKK", "Rp10.000 × 1 bulan", "Rp10.000"),
        ("JKM", "Rp7.500 × 1 bulan", "Rp7.500"),
    ]
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.saved) as saved:
        assert accept_figures(qtbot)["Total"] == "Rp17.500"
    with counter.store.read() as connection:
        amount = connection.execute(
            sa.select(transactions.c.amount).where(
                transactions.c.receipt_no == saved.args[0].receipt_no
            )
        ).scalar_one()
    assert amount == 17_500
