"""The supervisor's summary page (F10): today's and this month's figures at a glance, the last 30
days as a chart, agents ranked by what they collected, and the upload backlog. Thin over
counter_summary (the same figures as `spo-counter summary`); a teller never sees it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah, group_thousands
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.summary import AgentRank, Figure, Period, Summary
from ui.context import Context
from ui.operations import Changes
from ui.operations.summary import summary_op
from ui.summary.charts import AGENT_BAR, Bar, BarList, DaysChart
from ui.widgets import ERROR_STYLE, INFO_STYLE, page_heading, text_label

TILE_STYLE = "QFrame#tile { border: 1px solid #cfd8dc; border-radius: 6px; background: #fafafa; }"
FIGURE_STYLE = "font-size: 18pt; font-weight: bold;"
SECTION_STYLE = "font-weight: bold;"
WARN_STYLE = "color: #b00020; font-size: 18pt; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("summary", text)


def kind_name(key: str) -> str:
    names = {
        "registration": _tr("Pendaftaran BPU"),
        "contribution_bpu": _tr("Iuran BPU"),
        "contribution_pu": _tr("Iuran PU"),
        "claim_handover": _tr("Berkas klaim JHT"),
        "void": _tr("Pembatalan"),
        "refund": _tr("Pengembalian iuran"),
        "benefit_payment": _tr("Pembayaran jaminan JHT"),
    }
    return names.get(key, key)


def tender_name(key: str) -> str:
    return {"cash": _tr("Tunai"), "debit": _tr("Debit rekening")}.get(key, key)


def _note(f: Figure) -> str:
    parts = []
    if f.voided_count:
        parts.append(
            _tr("batal {0}: {1}").format(
                group_thousands(f.voided_count), format_rupiah(f.voided_amount)
            )
            if f.voided_amount
            else _tr("batal {0}").format(group_thousands(f.voided_count))
        )
    if f.paid_out_amount:
        parts.append(_tr("keluar {0}").format(format_rupiah(f.paid_out_amount)))
    return " · ".join(parts)


def _tooltip(name: str, f: Figure) -> str:
    lines = [
        name,
        _tr("Transaksi: {0}").format(group_thousands(f.count)),
        _tr("Diterima: {0}").format(format_rupiah(f.amount)),
    ]
    if f.voided_count:
        lines.append(
            _tr("Dibatalkan: {0} ({1})").format(
                group_thousands(f.voided_count), format_rupiah(f.voided_amount)
            )
        )
    if f.paid_out_count:
        lines.append(
            _tr("Keluar: {0} ({1})").format(
                group_thousands(f.paid_out_count), format_rupiah(f.paid_out_amount)
            )
        )
    lines.append(_tr("Bersih: {0}").format(format_rupiah(f.net)))
    return "\n".join(lines)


def kind_bars(figures: tuple[Figure, ...]) -> tuple[Bar, ...]:
    """By how many: registrations and claim handovers carry no money."""
    bars = []
    for f in figures:
        name = kind_name(f.key)
        money = f.amount or f.paid_out_amount
        count = group_thousands(f.count)
        text = f"{count} · {format_rupiah(f.net)}" if money else count
        bars.append(Bar(name, f.count, text, _note(f), _tooltip(name, f)))
    return tuple(bars)


def program_bars(figures: tuple[Figure, ...]) -> tuple[Bar, ...]:
    """By the money left once voids and refunds are taken out."""
    return tuple(
        Bar(f.key, f.net, format_rupiah(f.net), _note(f), _tooltip(f.key, f)) for f in figures
    )


def tender_bars(figures: tuple[Figure, ...]) -> tuple[Bar, ...]:
    return tuple(
        Bar(
            tender_name(f.key),
            f.net,
            f"{group_thousands(f.count)} · {format_rupiah(f.net)}",
            _note(f),
            _tooltip(tender_name(f.key), f),
        )
        for f in figures
    )


def teller_bars(figures: tuple[Figure, ...]) -> tuple[Bar, ...]:
    return tuple(
        Bar(
            f.label if f.label == f.key else f"{f.label} ({f.key})",
            f.count,
            f"{group_thousands(f.count)} · {format_rupiah(f.net)}",
            _note(f),
            _tooltip(f.label, f),
        )
        for f in figures
    )


def agent_bars(agents: tuple[AgentRank, ...]) -> tuple[Bar, ...]:
    """By money collected; by new participants while none collected any. One line each: the
    rest of an agent's figures in its tooltip."""
    by_money = any(a.collected for a in agents)
    bars = []
    for a in agents:
        new = group_thousands(a.registrations)
        bars.append(
            Bar(
                f"{a.code} · {a.name}" if a.name else a.code,
                a.collected if by_money else a.registrations,
                _tr("{0} · {1} baru").format(format_rupiah(a.collected), new)
                if by_money
                else _tr("{0} peserta baru").format(new),
                tooltip=_tr("{0}: {1} peserta baru, {2} pembayaran iuran, terkumpul {3}").format(
                    " · ".join(part for part in (a.code, a.name, a.institution) if part),
                    new,
                    group_thousands(a.payments),
                    format_rupiah(a.collected),
                ),
            )
        )
    return tuple(bars)


class Tile(QFrame):
    """A figure in large type, with its caption above and a line under it."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(TILE_STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(2)
        self.caption = text_label(f"{name}_caption")
        self.caption.setText(caption)
        self.figure = text_label(f"{name}_figure", FIGURE_STYLE, wrap=False)
        self.line = text_label(f"{name}_line")
        for label in (self.caption, self.figure, self.line):
            column.addWidget(label)

    def show_figure(self, figure: str, line: str, *, warn: bool = False) -> None:
        self.figure.setText(figure)
        self.figure.setStyleSheet(WARN_STYLE if warn else FIGURE_STYLE)
        self.line.setText(line)


class PeriodView(QWidget):
    """A period's four lists: by kind, program, tender and teller."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(24)
        self.kinds = BarList(f"{name}_kinds")
        self.programs = BarList(f"{name}_programs")
        self.tenders = BarList(f"{name}_tenders")
        self.tellers = BarList(f"{name}_tellers")
        for index, (title, bars) in enumerate(
            (
                (_tr("Jenis transaksi"), self.kinds),
                (_tr("Program"), self.programs),
                (_tr("Cara bayar"), self.tenders),
                (_tr("Teller"), self.tellers),
            )
        ):
            row, column = divmod(index, 2)
            heading = QLabel(title)
            heading.setStyleSheet(SECTION_STYLE)
            grid.addWidget(heading, row * 2, column)
            grid.addWidget(bars, row * 2 + 1, column, Qt.AlignmentFlag.AlignTop)

    def show_period(self, period: Period) -> None:
        self.kinds.set_bars(kind_bars(period.kinds))
        self.programs.set_bars(program_bars(period.programs))
        self.tenders.set_bars(tender_bars(period.tenders))
        self.tellers.set_bars(teller_bars(period.tellers))


class SummaryPage(QWidget):
    """Reads the summary through the database worker when shown and after every capture, upload
    or day change while shown; one request at a time."""

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.summary: Summary | None = None
        self.setObjectName("page_summary")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(page_heading(self.tr("Ringkasan loket")))
        top.addStretch(1)
        self.as_of = text_label("summary_as_of", wrap=False)
        top.addWidget(self.as_of)
        self.reload_button = QPushButton(self.tr("Muat ulang (Ctrl+R)"))
        self.reload_button.setObjectName("summary_reload")
        self.reload_button.setShortcut(QKeySequence("Ctrl+R"))
        self.reload_button.clicked.connect(self.reload)
        top.addWidget(self.reload_button)
        layout.addLayout(top)
        self.error = text_label("summary_error", ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

        tiles = QHBoxLayout()
        self.today_tile = Tile("summary_today", self.tr("Hari ini"))
        self.month_tile = Tile("summary_month", self.tr("Bulan ini"))
        self.backlog_tile = Tile("summary_backlog", self.tr("Belum diunggah"))
        self.refused_tile = Tile("summary_refused", self.tr("Ditolak server, belum selesai"))
        for tile in (self.today_tile, self.month_tile, self.backlog_tile, self.refused_tile):
            tiles.addWidget(tile, 1)
        layout.addLayout(tiles)

        middle = QHBoxLayout()
        days = QVBoxLayout()
        chart_heading = QLabel(self.tr("Uang bersih per hari, 30 hari terakhir"))
        chart_heading.setStyleSheet(SECTION_STYLE)
        days.addWidget(chart_heading)
        self.chart = DaysChart()
        days.addWidget(self.chart, 1)
        middle.addLayout(days, 3)
        agents = QVBoxLayout()
        agents_heading = QLabel(self.tr("Agen Perisai bulan ini"))
        agents_heading.setStyleSheet(SECTION_STYLE)
        agents.addWidget(agents_heading)
        self.agents = BarList("summary_agents")
        self.agents.color = AGENT_BAR
        self.agents.empty_text = self.tr("Belum ada agen bulan ini.")
        agents.addWidget(self.agents)
        agents.addStretch(1)
        middle.addSpacing(16)
        middle.addLayout(agents, 2)
        layout.addLayout(middle)

        self.periods = QTabWidget()
        self.periods.setObjectName("summary_periods")
        self.today_view = PeriodView("summary_day")
        self.month_view = PeriodView("summary_month")
        self.periods.addTab(self.today_view, self.tr("&Hari ini"))
        self.periods.addTab(self.month_view, self.tr("&Bulan ini"))
        layout.addWidget(self.periods)
        self.note = text_label("summary_note", INFO_STYLE)
        self.note.setText(
            self.tr(
                "Bersih: uang diterima dikurangi yang dibatalkan dan uang keluar (pengembalian "
                "iuran, pembayaran jaminan). "
                "Arahkan tetikus ke batang untuk rinciannya."
            )
        )
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setFocusProxy(self.periods)
        self._loading = False
        self._load_again = False
        ctx.changes.changed.connect(self._changed)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if (changes.transactions or changes.upload or changes.day) and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Ask the database worker for the figures; one request at a time, the latest last."""
        if not self.user.is_supervisor:
            self._failed(
                DomainError(
                    "by",
                    "Hanya supervisor yang dapat melihat ringkasan loket.",
                    "Only a supervisor can see the counter's summary.",
                )
            )
            return
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        summary_op(self.ctx.counter, self.user).success(self._loaded).failure(self._failed).run(
            self.ctx.tasks, self
        )

    def _failed(self, error: DomainError) -> None:
        self._loading = False
        self.error.setText(error.message(self.ctx.lang))
        self.error.show()
        self._again()

    def _again(self) -> None:
        if self._load_again:
            self._load_again = False
            self.reload()

    def _loaded(self, summary: Summary) -> None:
        self._loading = False
        self.summary = summary
        self.error.hide()
        label = zone_label(self.ctx.counter.profile.timezone)
        self.as_of.setText(self.tr("per {0} {1}").format(f"{summary.at:%d/%m/%Y %H:%M}", label))
        for tile, period in ((self.today_tile, summary.today), (self.month_tile, summary.month)):
            line = self.tr("{0} transaksi").format(group_thousands(period.transactions))
            if period.voided:
                line += self.tr(" · {0} dibatalkan").format(group_thousands(period.voided))
            tile.show_figure(format_rupiah(period.net), line)
        backlog = summary.backlog
        if backlog.oldest_at is None:
            self.backlog_tile.show_figure("0", self.tr("Semua sudah terkirim."))
        else:
            stale = (summary.at - backlog.oldest_at).days >= 1
            self.backlog_tile.show_figure(
                group_thousands(backlog.pending),
                self.tr("tertua: {0}").format(f"{backlog.oldest_at:%d/%m/%Y %H:%M}"),
                warn=stale,
            )
        self.backlog_tile.setToolTip(backlog.oldest_receipt or "")
        open_ = backlog.quarantined - backlog.refunded
        parts = [self.tr("lihat Karantina (F11)")] if open_ else []
        if backlog.refunded:
            parts.append(
                self.tr("{0} sudah dikembalikan").format(group_thousands(backlog.refunded))
            )
        line = " · ".join(parts) or self.tr("Tidak ada.")
        self.refused_tile.show_figure(group_thousands(open_), line, warn=open_ > 0)
        self.chart.set_points(summary.days)
        self.today_view.show_period(summary.today)
        self.month_view.show_period(summary.month)
        self.agents.set_bars(agent_bars(summary.agents))
        self._again()
