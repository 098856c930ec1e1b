"""The Settings page: paper, printer, branch address, upload address, language, users and
backups; a supervisor changes them.

A teller sees the same page read-only, but for the users' changes a supervisor signs with their
PIN in the dialog itself (`ui/settings/users.py`). The receipt paper is the counter's (kept in
the store); printer, upload address and language are this PC's (`<data dir>/settings.json`).
Every change goes through `desktop.services.preferences`, which checks the supervisor and
audits it. A new language applies the next time the application starts (the screens are built
in one language).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import group_thousands
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.preferences import (
    CA_VARIABLE,
    TOKEN_VARIABLE,
    URL_VARIABLE,
    PcSettings,
    Settings,
    Upstream,
    cash_payout_limits,
)
from ui.context import Context
from ui.operations import Changes
from ui.operations.settings import change_settings_op, read_settings_op
from ui.settings.add_user import AddUserDialog
from ui.settings.backups import BackupsBox
from ui.settings.users import UsersBox
from ui.setup_wizard import add_papers
from ui.widgets import (
    DONE_STYLE,
    FieldForm,
    error_label,
    hide_text,
    line_edit,
    note_label,
    page_heading,
    show_text,
    text_label,
)

NOTE_STYLE = "background: #fff8e1; border: 1px solid #e0c36a; padding: 8px;"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # each in its own language


def available_printers() -> tuple[list[str], str]:
    """The printers this PC knows and the system's default one (a test replaces this)."""
    return QPrinterInfo.availablePrinterNames(), QPrinterInfo.defaultPrinterName()


class SettingsPage(QWidget):
    """Emits `language_changed(lang)` when a supervisor saved another language."""

    language_changed = Signal(str)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.editable = user.is_supervisor
        self.loaded: Settings | None = None
        self.setObjectName("page_settings")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Pengaturan"))
        outer.addWidget(heading)
        self.read_only_note = QLabel(
            self.tr(
                "Anda masuk sebagai teller: pengaturan hanya bisa dilihat. Untuk mengubahnya, "
                "minta supervisor masuk."
            )
        )
        self.read_only_note.setObjectName("read_only_note")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(NOTE_STYLE)
        self.read_only_note.setVisible(not self.editable)
        outer.addWidget(self.read_only_note)
        self.file_problem = error_label("file_problem")
        outer.addWidget(self.file_problem)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 8, 0, 8)
        column.setSpacing(14)
        self.errors: dict[str, QLabel] = {}
        column.addWidget(self._printing_box())
        column.addWidget(self._upstream_box())
        column.addWidget(self._language_box())
        column.addWidget(self._payout_box())
        column.addLayout(self._save_row())
        column.addWidget(self._users_box())
        self.backups_box = BackupsBox(ctx, user)
        self.errors["backup_copy_dir"] = self.backups_box.copy_error
        column.addWidget(self.backups_box)
        column.addStretch(1)
        body.setMaximumWidth(760)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.inputs: dict[str, QWidget] = {
            "paper": self.paper,
            "printer": self.printer,
            "branch_address": self.branch_address,
            "upstream_url": self.upstream_url,
            "upstream_token": self.upstream_token,
            "upstream_ca": self.upstream_ca,
            "language": self.language,
            "cash_payout_limit": self.cash_payout_limit,
            "cash_payout_approval_above": self.cash_payout_approval_above,
            "backup_copy_dir": self.backups_box.copy_dir,
        }
        box, backups = self.users_box, self.backups_box
        chain = [*self.inputs.values(), self.save_button, box.table, self.add_user_button]
        chain += [*box.buttons.values(), backups.table, backups.backup_button]
        chain.append(backups.restore_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.branch_address.returnPressed.connect(self.upstream_url.setFocus)
        self.upstream_url.returnPressed.connect(self.upstream_token.setFocus)
        self.upstream_token.returnPressed.connect(self.save)
        self.upstream_ca.returnPressed.connect(self.save)
        self.cash_payout_limit.returnPressed.connect(self.cash_payout_approval_above.setFocus)
        self.cash_payout_approval_above.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)
        self.setFocusProxy(self.paper)
        self._set_enabled(False)  # until the settings have been read
        ctx.changes.changed.connect(self._changed)
        self.reload()

    # --- building ------------------------------------------------------------------------------

    def _row(self, form: FieldForm, key: str, label: str, widget: QWidget) -> QLabel:
        """A labelled field with a grey note under it; returns the note."""
        note = text_label(f"{key}_note")
        self.errors[key] = form.add_field(key, label, widget, note)
        return note

    @staticmethod
    def _form(box: QGroupBox) -> FieldForm:
        return FieldForm(box, label_width=150)  # the fields of every box line up

    def _printing_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tanda terima dan printer"))
        form = self._form(box)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        add_papers(self.paper)
        note = self._row(form, "paper", self.tr("&Kertas tanda terima"), self.paper)
        note.setText(self.tr("Untuk semua tanda terima loket ini, juga cetak ulang."))
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer_note = self._row(form, "printer", self.tr("P&rinter"), self.printer)
        self.branch_address = line_edit(
            "branch_address", 200, self.tr("mis. Jl. Jend. Sudirman No. 1, Jakarta Pusat")
        )
        note = self._row(form, "branch_address", self.tr("Alamat ca&bang"), self.branch_address)
        note.setText(
            self.tr("Dicetak di bawah nama bank pada tiap tanda terima. Kosong: tidak ada.")
        )
        return box

    def _upstream_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Server pusat (unggah data)"))
        form = self._form(box)
        self.upstream_url = line_edit("upstream_url", 500, "https://…")
        self.url_note = self._row(form, "upstream_url", self.tr("&Alamat"), self.upstream_url)
        self.upstream_token = line_edit("upstream_token", 500, secret=True)
        self.token_note = self._row(
            form, "upstream_token", self.tr("&Token loket"), self.upstream_token
        )
        self.upstream_ca = line_edit("upstream_ca", 500, "C:\\IT\\ca-bank.pem")
        self.ca_note = self._row(form, "upstream_ca", self.tr("Berkas &CA"), self.upstream_ca)
        return box

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bahasa"))
        form = self._form(box)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        note = self._row(form, "language", self.tr("Ba&hasa tampilan"), self.language)
        note.setText(self.tr("Bahasa baru berlaku saat aplikasi dibuka lagi."))
        return box

    def _payout_box(self) -> QGroupBox:
        """The cash limits of a JHT benefit payout (desktop/services/benefit_payout.py)."""
        box = QGroupBox(self.tr("Pembayaran jaminan (JHT)"))
        form = self._form(box)
        self.cash_payout_limit = line_edit("cash_payout_limit", 20, "10.000.000")
        note = self._row(
            form, "cash_payout_limit", self.tr("Batas tu&nai (Rp)"), self.cash_payout_limit
        )
        note.setText(self.tr("Neto di atas ini hanya dibayar dengan transfer."))
        self.cash_payout_approval_above = line_edit("cash_payout_approval_above", 20, "5.000.000")
        note = self._row(
            form,
            "cash_payout_approval_above",
            self.tr("Batas per&setujuan (Rp)"),
            self.cash_payout_approval_above,
        )
        note.setText(
            self.tr("Tunai di atas ini perlu persetujuan (PIN) supervisor; di bawah batas tunai.")
        )
        return box

    def _save_row(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.form_error = error_label("form_error")
        column.addWidget(self.form_error)
        self.done = note_label("done", DONE_STYLE)
        column.addWidget(self.done)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Simpan pengaturan (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(True)
        self.save_button.setVisible(self.editable)
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def _users_box(self) -> UsersBox:
        self.users_box = UsersBox(self.ctx, self.user)
        self.users = self.users_box.table
        self.add_user_button = self.users_box.add_button
        self.users_box.told.connect(self._told)
        return self.users_box

    # --- reading -------------------------------------------------------------------------------

    def _changed(self, changes: Changes, initiator: object) -> None:
        if (changes.users or changes.settings) and initiator is not self:
            self.reload()  # a user added or changed (from its dialog): the list shows it

    def reload(self) -> None:
        read_settings_op(self.ctx.counter).success(self._loaded).failure(self._failed).run(
            self.ctx.tasks, self
        )

    def _loaded(self, loaded: Settings) -> None:
        self.loaded = loaded
        settings, upstream = loaded, loaded.upstream
        self.paper.setCurrentIndex(max(self.paper.findData(settings.paper.value), 0))
        self._fill_printers(settings.pc.printer)
        self.branch_address.setText(settings.pc.branch_address)
        self._fill_upstream(settings.pc, upstream)
        self.language.setCurrentIndex(max(self.language.findData(settings.pc.language), 0))
        limit, above = cash_payout_limits(settings.pc)
        self.cash_payout_limit.setText(group_thousands(limit))
        self.cash_payout_approval_above.setText(group_thousands(above))
        self.backups_box.copy_dir.setText(settings.pc.backup_copy_dir)
        self.users_box.fill(settings.users)
        problem = settings.pc_problem
        self.file_problem.setText(problem.message(self.ctx.lang) if problem else "")
        self.file_problem.setVisible(problem is not None)
        self._set_enabled(self.editable)

    def _fill_printers(self, chosen: str) -> None:
        names, default = available_printers()
        self.printer.clear()
        if default:
            self.printer.addItem(self.tr("Printer bawaan sistem ({0})").format(default), "")
        else:
            self.printer.addItem(self.tr("Printer bawaan sistem"), "")
        for name in names:
            self.printer.addItem(name, name)
        if chosen and chosen not in names:
            self.printer.addItem(self.tr("{0} (tidak terpasang)").format(chosen), chosen)
        self.printer.setCurrentIndex(max(self.printer.findData(chosen), 0))
        if not names:
            self.printer_note.setText(self.tr("Tidak ada printer terpasang di komputer ini."))
        else:
            self.printer_note.setText(self.tr("Tanda terima dicetak ke printer ini."))

    def _fill_upstream(self, pc: PcSettings, upstream: Upstream) -> None:
        # A part set by bank IT in the environment is shown, and not editable here.
        self.upstream_url.setText(upstream.url if upstream.url_from_env else pc.upstream_url)
        self.url_note.setText(
            self.tr("Diatur oleh IT bank lewat {0}; alamat ini yang dipakai.").format(URL_VARIABLE)
            if upstream.url_from_env
            else self.tr("Kosong: data tidak diunggah (tetap aman di loket).")
        )
        token = pc.upstream_token if self.editable and not upstream.token_from_env else ""
        self.upstream_token.setText(token)
        stored = upstream.token_from_env or bool(pc.upstream_token)
        self.upstream_token.setPlaceholderText(
            self.tr("tersimpan, tersembunyi") if stored else self.tr("belum diisi")
        )
        self.token_note.setText(
            self.tr("Diatur oleh IT bank lewat {0}.").format(TOKEN_VARIABLE)
            if upstream.token_from_env
            else self.tr("Dari IT bank; dipakai bersama alamat di atas.")
        )
        self.upstream_ca.setText(upstream.ca if upstream.ca_from_env else pc.upstream_ca)
        self.ca_note.setText(
            self.tr("Diatur oleh IT bank lewat {0}.").format(CA_VARIABLE)
            if upstream.ca_from_env
            else self.tr(
                "Bila IT bank memberi CA sendiri (PEM). Kosong: CA yang dipercaya sistem saja."
            )
        )
        # An address or CA file in force that may not be used: said where it is shown.
        problems = {"upstream_url": upstream.url_problem, "upstream_ca": upstream.ca_problem}
        for key, problem in problems.items():
            if problem is not None:
                show_text(self.errors[key], problem.message(self.ctx.lang))
            else:
                hide_text(self.errors[key])

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.paper, self.printer, self.branch_address, self.language):
            widget.setEnabled(enabled)
        upstream = self.loaded.upstream if self.loaded else None
        self.upstream_url.setEnabled(enabled and not (upstream and upstream.url_from_env))
        self.upstream_token.setEnabled(enabled and not (upstream and upstream.token_from_env))
        self.upstream_ca.setEnabled(enabled and not (upstream and upstream.ca_from_env))
        self.cash_payout_limit.setEnabled(enabled)
        self.cash_payout_approval_above.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.users_box.set_enabled(enabled)
        self.backups_box.set_enabled(enabled)

    # --- saving --------------------------------------------------------------------------------

    def pc_settings(self, loaded: Settings) -> PcSettings:
        """This PC's settings as the fields hold them; parts set by bank IT keep the file's."""
        saved, upstream = loaded.pc, loaded.upstream
        return replace(
            saved,
            language=str(self.language.currentData()),
            printer=str(self.printer.currentData() or ""),
            branch_address=self.branch_address.text(),
            upstream_url=saved.upstream_url if upstream.url_from_env else self.upstream_url.text(),
            upstream_token=(
                saved.upstream_token if upstream.token_from_env else self.upstream_token.text()
            ),
            upstream_ca=saved.upstream_ca if upstream.ca_from_env else self.upstream_ca.text(),
            backup_copy_dir=self.backups_box.copy_dir.text(),
            cash_payout_limit=self.cash_payout_limit.text(),
            cash_payout_approval_above=self.cash_payout_approval_above.text(),
        )

    def save(self) -> None:
        if not (self.editable and self.save_button.isEnabled() and self.loaded is not None):
            return
        self._clear_messages()
        before = self.loaded.pc.language
        pc = self.pc_settings(self.loaded)
        self._set_enabled(False)
        change_settings_op(self.ctx, self.user, str(self.paper.currentData()), pc).success(
            lambda loaded: self._saved(loaded, before)
        ).failure(self._save_failed).run(self.ctx.tasks, self)

    def _saved(self, loaded: Settings, language_before: str) -> None:
        self._loaded(loaded)
        language = loaded.pc.language
        text = self.tr("Pengaturan tersimpan.")
        if language != language_before:
            text += " " + self.tr("Bahasa baru berlaku saat aplikasi dibuka lagi.")
        show_text(self.done, text)
        if language != language_before:
            self.language_changed.emit(language)

    def _save_failed(self, error: DomainError) -> None:
        self._set_enabled(True)
        self._show_error(error)

    def _failed(self, error: DomainError) -> None:
        self._show_error(error)

    def _show_error(self, error: DomainError) -> None:
        text = error.message(self.ctx.lang)
        label = self.errors.get(error.field)
        if label is None:
            show_text(self.form_error, text)
            return
        show_text(label, text)
        widget = self.inputs[error.field]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _clear_messages(self) -> None:
        for label in (*self.errors.values(), self.form_error, self.done):
            hide_text(label)

    # --- users ---------------------------------------------------------------------------------

    def add_user(self) -> AddUserDialog | None:
        """Open the new-user dialog (never blocking); the list reloads once it added someone."""
        return self.users_box.add_user()

    def _told(self, text: str) -> None:
        """What a user dialog did; the list reloads by itself (`Changes.users`)."""
        self._clear_messages()
        show_text(self.done, text)
