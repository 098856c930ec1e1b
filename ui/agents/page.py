"""The Agen page (F1): the register of Perisai agents, searched by code, name or institution; for a
supervisor, the chosen agent's statement for a month (new participants, contributions collected
by program, commission, bonus, the institution's share) and its files for the bank's accounts.

Thin over find_agents, agent_statement and save_statement (the same services `spo-counter agents
list|statement` calls). A teller sees the register only: the statement is the accounts' business.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.agents import percent_text
from desktop.domain.money import format_rupiah, group_thousands
from desktop.domain.periods import add_months
from desktop.errors import DomainError
from desktop.services.agent_statement import AgentStatement
from desktop.services.agent_statement_files import Format, default_name
from desktop.services.agents import INSTITUTION_KINDS, Agent
from desktop.services.auth import User
from ui.context import Context
from ui.operations import Changes
from ui.operations.agents import agents_op, save_statement_op, statement_op
from ui.printing import documents_folder
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    INFO_STYLE,
    hide_text,
    line_edit,
    page_heading,
    show_text,
    text_label,
)

Index = QModelIndex | QPersistentModelIndex
SEARCH_MAX = 60
MONTHS_BACK = 24  # the months offered: this one and the two years before it
INACTIVE_COLOUR = QColor("#888888")
FIGURE_STYLE = "font-weight: bold;"
TOTAL_STYLE = "font-weight: bold; font-size: 12pt;"
AGENT_STYLE = "font-size: 12pt; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("agents", text)


def kind_text(kind: str, lang: str) -> str:
    names = INSTITUTION_KINDS.get(kind, (kind, kind))
    return names[0] if lang == "id" else names[-1]


def status_text(agent: Agent) -> str:
    return _tr("aktif") if agent.active else _tr("tidak aktif")


class AgentsModel(QAbstractTableModel):
    """One row per agent: code, name, institution, its kind, status (inactive ones in grey)."""

    # lupdate finds these by the literal context in each QT_TRANSLATE_NOOP call.
    HEADERS = (
        str(QT_TRANSLATE_NOOP("agents", "Kode")),
        str(QT_TRANSLATE_NOOP("agents", "Nama")),
        str(QT_TRANSLATE_NOOP("agents", "Lembaga")),
        str(QT_TRANSLATE_NOOP("agents", "Jenis lembaga")),
        str(QT_TRANSLATE_NOOP("agents", "Status")),
    )

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[Agent] = []

    def set_rows(self, rows: list[Agent]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        agent = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(agent, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not agent.active:
            return INACTIVE_COLOUR
        return None

    def text(self, agent: Agent, column: int) -> str:
        texts = (
            agent.code,
            agent.name,
            agent.institution_name,
            kind_text(agent.institution_kind, self.lang),
            status_text(agent),
        )
        return texts[column]

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(self.HEADERS[section])
        return None


class StatementPanel(QGroupBox):
    """The chosen agent's month: its figures, and the buttons saving it as PDF, CSV or XLSX."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Laporan bulanan agen"))
        self.setObjectName("agents_statement")
        column = QVBoxLayout(self)
        self.agent = text_label("agents_statement_agent", AGENT_STYLE)
        self.institution = text_label("agents_statement_institution")
        column.addWidget(self.agent)
        column.addWidget(self.institution)
        month_row = QHBoxLayout()
        month_label = QLabel(self.tr("&Bulan"))
        self.month = QComboBox()
        self.month.setObjectName("agents_month")
        month_label.setBuddy(self.month)
        month_row.addWidget(month_label)
        month_row.addWidget(self.month, 1)
        column.addLayout(month_row)
        self.error = text_label("agents_statement_error", ERROR_STYLE)
        self.error.hide()
        column.addWidget(self.error)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(4)
        column.addLayout(self.grid)
        self.figures: dict[str, QLabel] = {}  # what each figure shows, by its key
        self.captions: dict[str, QLabel] = {}
        self.scheme = text_label("agents_statement_scheme")
        column.addWidget(self.scheme)
        buttons = QHBoxLayout()
        self.save_buttons: dict[Format, QPushButton] = {}
        saves: tuple[tuple[Format, str], ...] = (
            ("pdf", self.tr("Simpan &PDF…")),
            ("csv", self.tr("Simpan &CSV…")),
            ("xlsx", self.tr("Simpan &XLSX…")),
        )
        for format, text in saves:
            button = QPushButton(text)
            button.setObjectName(f"agents_save_{format}")
            button.setEnabled(False)
            buttons.addWidget(button)
            self.save_buttons[format] = button
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.message = text_label("agents_statement_message", DONE_STYLE)
        self.message.hide()
        column.addWidget(self.message)
        column.addStretch(1)

    def clear_figures(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.figures.clear()
        self.captions.clear()
        self.scheme.clear()

    def add_figure(self, key: str, caption: str, value: str, *, total: bool = False) -> None:
        row = self.grid.rowCount()
        label = text_label(f"agents_caption_{key}", "" if total else INFO_STYLE, wrap=False)
        label.setText(caption)
        figure = text_label(f"agents_figure_{key}", TOTAL_STYLE if total else FIGURE_STYLE)
        figure.setWordWrap(False)
        figure.setText(value)
        figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(figure, row, 1)
        self.captions[key] = label
        self.figures[key] = figure

    def show_statement(self, s: AgentStatement) -> None:
        e, scheme = s.earnings, s.scheme
        self.clear_figures()
        self.add_figure(
            "registered", self.tr("Peserta baru didaftarkan"), group_thousands(len(s.registered))
        )
        self.add_figure(
            "payments", self.tr("Pembayaran iuran dibawa"), group_thousands(len(s.collected))
        )
        for program, amount in s.by_program.items():
            self.add_figure(
                f"program_{program}",
                self.tr("Iuran dihimpun {0}").format(program),
                format_rupiah(amount),
            )
        self.add_figure("collected", self.tr("Iuran dihimpun"), format_rupiah(e.collected))
        self.add_figure(
            "commission",
            self.tr("Komisi {0}").format(percent_text(scheme.commission_bp)),
            format_rupiah(e.commission),
        )
        self.add_figure(
            "bonus",
            self.tr("Bonus ({0} peserta baru atau lebih)").format(scheme.bonus_min_new),
            format_rupiah(e.bonus),
        )
        self.add_figure(
            "total", self.tr("Jumlah komisi dan bonus"), format_rupiah(e.total), total=True
        )
        self.add_figure(
            "institution_share",
            self.tr("Bagian lembaga {0}").format(percent_text(scheme.institution_share_bp)),
            format_rupiah(e.institution_share),
        )
        self.add_figure("agent_share", self.tr("Bagian agen"), format_rupiah(e.agent_share))
        note = self.tr("Skema berlaku sejak {0}.").format(f"{scheme.effective_from:%d/%m/%Y}")
        if not scheme.confirmed:
            note += " " + self.tr("Angka skema belum dikonfirmasi BPJS Ketenagakerjaan.")
        self.scheme.setText(note)
        self.scheme.setToolTip(scheme.source)


class AgentsPage(QWidget):
    """Reads the register through the database worker when shown, as the search changes and
    after every upload (a sync brings the register); a supervisor's chosen agent and month read
    the statement, again after every capture while shown. One request of each at a time."""

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.statement: AgentStatement | None = None
        self.setObjectName("page_agents")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_heading(self.tr("Agen Perisai")))
        about = text_label("agents_about")
        about.setText(
            self.tr(
                "Daftar agen Perisai dan lembaganya dari server pusat, diperbarui setiap kali "
                "data diunggah. Hanya agen aktif yang boleh membawa pendaftaran atau pembayaran."
            )
        )
        layout.addWidget(about)
        self.search = line_edit(
            "agents_search", SEARCH_MAX, self.tr("Cari kode, nama atau lembaga")
        )
        self.search.setAccessibleName(self.tr("Cari agen"))
        self.search.setMinimumWidth(320)
        self.search.textChanged.connect(self.reload)
        self.search.installEventFilter(self)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search)
        search_row.addStretch(1)
        layout.addLayout(search_row)
        self.error = text_label("agents_error", ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

        body = QHBoxLayout()
        register = QVBoxLayout()
        self.model = AgentsModel(ctx.lang, self)
        self.table = QTableView()
        self.table.setObjectName("agents_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._agent_chosen)
        register.addWidget(self.table, 1)
        self.count = text_label("agents_count", INFO_STYLE)
        self.count.setText(self.tr("memuat…"))
        register.addWidget(self.count)
        body.addLayout(register, 3)
        self.panel: StatementPanel | None = None
        if user.is_supervisor:
            self.panel = StatementPanel()
            self.panel.setMinimumWidth(380)
            self.panel.month.currentIndexChanged.connect(self.load_statement)
            for format, button in self.panel.save_buttons.items():
                button.clicked.connect(lambda _checked=False, f=format: self.save(f))
            body.addSpacing(16)
            body.addWidget(self.panel, 2)
        else:
            note = text_label("agents_teller_note")
            note.setText(self.tr("Laporan bulanan agen (komisi dan bonus) dibuka oleh supervisor."))
            register.addWidget(note)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.search)
        self._loading = False
        self._load_again = False
        self._reading = False
        self._read_again = False
        self._months_from: date | None = None
        ctx.changes.changed.connect(self._changed)

    # --- the register ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down or Enter in the search goes into the list, on the agent chosen."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.model.rows
        ):
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fill_months()
        self.reload()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if not self.isVisible():
            return
        if changes.upload:  # a sync may have brought a new register
            self.reload()
        elif changes.transactions or changes.day:
            self.load_statement()

    def reload(self) -> None:
        """Ask the database worker for the agents the search finds; the latest asked last."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        agents_op(self.ctx.counter, self.search.text()).success(self._loaded).failure(
            self._failed
        ).run(self.ctx.tasks, self)

    def _loaded(self, agents: list[Agent]) -> None:
        self._loading = False
        hide_text(self.error)
        chosen = self.chosen()
        self.model.set_rows(agents)
        active = sum(1 for agent in agents if agent.active)
        if self.search.text().strip():
            self.count.setText(
                self.tr("{0} agen cocok dengan pencarian ({1} aktif).").format(
                    group_thousands(len(agents)), group_thousands(active)
                )
            )
        else:
            self.count.setText(
                self.tr("{0} agen di daftar ({1} aktif).").format(
                    group_thousands(len(agents)), group_thousands(active)
                )
            )
        codes = [agent.code for agent in agents]
        if chosen is not None and chosen.code in codes:
            self.table.selectRow(codes.index(chosen.code))
        elif agents:
            self.table.selectRow(0)
        else:
            self._agent_chosen(QModelIndex(), QModelIndex())
        if not agents:
            self.count.setText(
                self.tr("Tidak ada agen yang cocok.")
                if self.search.text().strip()
                else self.tr("Daftar agen masih kosong: unggah data (F9) untuk mengambilnya.")
            )
        self._again()

    def _failed(self, error: DomainError) -> None:
        self._loading = False
        show_text(self.error, error.message(self.ctx.lang))
        self._again()

    def _again(self) -> None:
        if self._load_again:
            self._load_again = False
            self.reload()

    def chosen(self) -> Agent | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and 0 <= index.row() < len(rows) else None

    # --- the statement ---------------------------------------------------------------------------

    def _fill_months(self) -> None:
        """This month and the 24 before it, newest first; the previous month chosen at first
        (the month an agent's statement is made for), the choice kept when shown again."""
        panel = self.panel
        if panel is None:
            return
        this_month = self.ctx.counter.business_date().replace(day=1)
        if this_month == self._months_from:
            return
        kept = panel.month.currentData()
        locale = QLocale(QLocale.Language.Indonesian if self.ctx.lang == "id" else "en")
        panel.month.blockSignals(True)
        panel.month.clear()
        for back in range(MONTHS_BACK + 1):
            month = add_months(this_month, -back)
            name = locale.standaloneMonthName(month.month, QLocale.FormatType.LongFormat)
            panel.month.addItem(f"{name} {month.year}", month)
        found = panel.month.findData(kept) if kept is not None else -1
        panel.month.setCurrentIndex(found if found >= 0 else 1)
        panel.month.blockSignals(False)
        self._months_from = this_month

    def month(self) -> date | None:
        data = self.panel.month.currentData() if self.panel is not None else None
        return data if isinstance(data, date) else None

    def _agent_chosen(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.load_statement()

    def load_statement(self) -> None:
        """The chosen agent's month, read on the database worker (a supervisor's window only)."""
        panel = self.panel
        if panel is None:
            return
        agent, month = self.chosen(), self.month()
        hide_text(panel.message)
        if agent is None or month is None:
            self.statement = None
            panel.agent.setText(self.tr("Pilih agen di daftar."))
            panel.institution.clear()
            panel.clear_figures()
            self._enable_saving()
            return
        panel.agent.setText(f"{agent.code} · {agent.name}")
        line = f"{agent.institution_name} ({kind_text(agent.institution_kind, self.ctx.lang)})"
        if not agent.active:
            line += " · " + status_text(agent).upper()
        panel.institution.setText(line)
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self._enable_saving()
        statement_op(self.ctx.counter, agent.code, month).success(self._statement_read).failure(
            self._statement_failed
        ).run(self.ctx.tasks, self)

    def _statement_read(self, statement: AgentStatement) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.load_statement()
            return
        panel = self.panel
        if panel is None:
            return
        self.statement = statement
        hide_text(panel.error)
        panel.show_statement(statement)
        self._enable_saving()

    def _statement_failed(self, error: DomainError) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.load_statement()
            return
        if self.panel is not None:
            self.statement = None
            self.panel.clear_figures()
            show_text(self.panel.error, error.message(self.ctx.lang))
            self._enable_saving()

    def _enable_saving(self) -> None:
        if self.panel is None:
            return
        ready = self.statement is not None and not self._reading
        agent, month = self.chosen(), self.month()
        shown = self.statement
        current = (
            shown is not None
            and agent is not None
            and shown.agent.code == agent.code
            and shown.month == month
        )
        for button in self.panel.save_buttons.values():
            button.setEnabled(ready and current)

    def ask_save_path(self, suggested: Path, format: Format) -> Path | None:
        filters = {
            "pdf": self.tr("Dokumen PDF (*.pdf)"),
            "csv": self.tr("CSV untuk Excel (*.csv)"),
            "xlsx": self.tr("Buku kerja Excel (*.xlsx)"),
        }
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan laporan agen sebagai {0}").format(format.upper()),
            str(suggested),
            filters[format],
        )
        return Path(chosen) if chosen else None

    def save(self, format: Format) -> None:
        """The statement shown, saved where the supervisor chooses (the Documents folder and
        agen-CODE-YYYY-MM.<format> offered)."""
        statement, panel = self.statement, self.panel
        if statement is None or panel is None or self._reading:
            return
        chosen = self.ask_save_path(documents_folder() / default_name(statement, format), format)
        if chosen is None:
            return
        if chosen.suffix.lower() != f".{format}":
            chosen = chosen.with_name(f"{chosen.name}.{format}")
        for button in panel.save_buttons.values():
            button.setEnabled(False)
        hide_text(panel.message)
        save_statement_op(statement, chosen, format).success(self._saved).failure(
            self._not_saved
        ).run(self.ctx.tasks, self)

    def _saved(self, path: Path) -> None:
        if self.panel is not None:
            show_text(self.panel.message, self.tr("Tersimpan: {0}").format(path), DONE_STYLE)
        self._enable_saving()

    def _not_saved(self, error: DomainError) -> None:
        if self.panel is not None:
            show_text(
                self.panel.message,
                self.tr("Gagal menyimpan: {0}").format(error.message(self.ctx.lang)),
                ERROR_STYLE,
            )
        self._enable_saving()
