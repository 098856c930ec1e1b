"""The status bar: who is at the counter, the business date, whether the upstream can be reached,
the upload backlog, the last upload."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.services.auth import User
from desktop.services.status import CounterStatus
from desktop.services.upstream_link import LinkState, UpstreamLink

OFFLINE_STYLE = "color: #ffffff; background: #b26a00; font-weight: bold; padding: 1px 6px;"
ONLINE_STYLE = "color: #1b5e20;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("status", text)


def age_text(age: timedelta) -> str:
    """`5 menit`, `3 jam`, `2 hari`: how long the oldest record has waited, roughly."""
    minutes = max(int(age.total_seconds() // 60), 0)
    if minutes < 1:
        return _tr("kurang dari 1 menit")
    if minutes < 60:
        return _tr("{0} menit").format(minutes)
    if minutes < 48 * 60:
        return _tr("{0} jam").format(minutes // 60)
    return _tr("{0} hari").format(minutes // (24 * 60))


def pending_text(status: CounterStatus) -> str:
    if not status.pending or status.oldest_pending is None:
        return _tr("Menunggu unggah: {0}").format(status.pending)
    age = age_text(status.at - status.oldest_pending)
    return _tr("Menunggu unggah: {0} (tertua {1})").format(status.pending, age)


def last_upload_text(status: CounterStatus) -> str:
    if status.last_upload is None:
        return _tr("Unggah terakhir: belum pernah")
    return _tr("Unggah terakhir: {0}").format(f"{status.last_upload:%d/%m/%Y %H:%M}")


def link_text(state: LinkState, zone: tzinfo | None = None) -> str:
    """`LURING sejak 10:32` (offline: luar jaringan) while the upstream cannot be reached, its
    reason in the tooltip; `Server pusat: terhubung` once it answered; empty before anything
    was asked."""
    if state.offline_since is not None:
        since = state.offline_since.astimezone(zone) if zone else state.offline_since
        return _tr("LURING sejak {0}").format(f"{since:%H:%M}")
    if state.answered_at is not None:
        return _tr("Server pusat: terhubung")
    return ""


class LinkWatch(QObject):
    """The core's link state (heard on any thread) re-emitted on the GUI thread as `changed`."""

    changed = Signal(object)

    def __init__(self, link: UpstreamLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = link.subscribe(self.changed.emit)

    def stop(self) -> None:
        self._stop()


def date_text(status: CounterStatus) -> str:
    return _tr("Tanggal: {0} {1}").format(f"{status.business_date:%d/%m/%Y}", status.zone_label)


class CounterStatusBar(QStatusBar):
    """Always shows the teller; the counter's figures arrive from the worker via `show_status`."""

    def __init__(self, user: User, parent: QWidget | None = None, *, lang: str = "id") -> None:
        super().__init__(parent)
        self.lang = lang
        self.setSizeGripEnabled(False)
        self.teller = self._label("status_teller")
        self.teller.setText(_tr("Teller: {0} ({1})").format(user.name, user.id))
        self.business_date = self._label("status_date")
        self.link = self._label("status_link")
        self.link.hide()
        self.pending = self._label("status_pending")
        self.last_upload = self._label("status_last_upload")
        for label in (self.business_date, self.pending, self.last_upload):
            label.setText(_tr("memuat…"))
        self.addWidget(self.teller)
        self.addWidget(self.business_date)
        self.addWidget(self.link)
        self.zone: tzinfo | None = None  # the counter's, for the time the link went down
        self.addPermanentWidget(self.pending)
        self.addPermanentWidget(self.last_upload)

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setContentsMargins(8, 2, 12, 2)
        return label

    def show_status(self, status: CounterStatus) -> None:
        self.business_date.setText(date_text(status))
        self.pending.setText(pending_text(status))
        self.last_upload.setText(last_upload_text(status))

    def show_link(self, state: LinkState) -> None:
        """Offline said plainly until the upstream answers again."""
        text = link_text(state, self.zone)
        self.link.setText(text)
        self.link.setStyleSheet(OFFLINE_STYLE if state.offline else ONLINE_STYLE)
        self.link.setVisible(bool(text))
        # Why, and that payments go on: the teller points at it to read.
        self.link.setToolTip(state.reason(self.lang) if state.offline else "")
