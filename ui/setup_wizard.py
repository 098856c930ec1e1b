"""First run: the wizard that sets up the counter (its profile) and its first supervisor.

Keyboard first: Tab between fields, Enter for the next page. Each page checks what it can on
the spot; the core (`init_counter`) checks everything again at Finish, and an error it finds
takes the wizard back to the page of the field it names, the message under that field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QCloseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.counter import Profile
from desktop.domain.identifiers import validate_name, validate_text
from desktop.domain.users import PIN_MAX, validate_new_pin, validate_user_id
from desktop.domain.zones import ZONE_LABELS
from desktop.errors import DomainError
from desktop.services.recovery import CounterSetUp
from desktop.services.setup import (
    Paper,
    counter_code,
    partner_banks,
    validate_bank,
    validate_branch_code,
)
from ui.context import Context
from ui.operations.setup import init_counter_op
from ui.printing import documents_folder
from ui.widgets import INFO_STYLE, USER_ID_LENGTH, FieldForm, error_label, line_edit, show_text

PROFILE_PAGE, SUPERVISOR_PAGE, CONFIRM_PAGE = 0, 1, 2


@dataclass(frozen=True)
class SetupValues:
    """What the wizard's fields hold, as the core's `init_counter` takes it."""

    bank_code: str
    branch_code: str
    branch_name: str
    counter_no: int
    timezone: str
    paper: str
    supervisor_id: str
    supervisor_name: str
    supervisor_pin: str = field(repr=False)


def paper_names() -> dict[Paper, str]:
    """The receipt papers as a teller knows them (the Settings page shows them too)."""
    return {
        Paper.ROLL_80: QCoreApplication.translate("paper", "Gulungan 80 mm (printer termal)"),
        Paper.A5: QCoreApplication.translate("paper", "Kertas A5, satu salinan"),
        Paper.A4_TWO_COPIES: QCoreApplication.translate(
            "paper", "Kertas A4, dua salinan (peserta dan bank)"
        ),
    }


def add_papers(combo: QComboBox) -> None:
    for paper, name in paper_names().items():
        combo.addItem(name, paper.value)


class FieldsPage(QWizardPage):
    """A page of labelled fields, each with its error label right under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = FieldForm(self)
        self.inputs: dict[str, QWidget] = self.form.inputs
        self.errors: dict[str, QLabel] = self.form.errors

    def add_field(self, key: str, label_text: str, widget: QWidget, hint: str = "") -> None:
        notes: list[QWidget] = []
        if hint:
            note = QLabel(hint)
            note.setStyleSheet(INFO_STYLE)
            note.setWordWrap(True)
            notes.append(note)
        self.form.add_field(key, label_text, widget, *notes)

    def show_error(self, key: str, text: str) -> None:
        show_text(self.errors[key], text)

    def clear_errors(self) -> None:
        self.form.clear_errors()

    def check(self, checks: list[tuple[str, Callable[[], object]]]) -> bool:
        """Run each pure check; show every error under its field, focus the first. All good?"""
        self.clear_errors()
        lang = self.context_lang()
        first: str | None = None
        for key, run in checks:
            try:
                run()
            except DomainError as error:
                self.show_error(key, error.message(lang))
                first = first or key
        if first is not None:
            self.focus_field(first)
        return first is None

    def focus_field(self, key: str) -> None:
        widget = self.inputs[key]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def context_lang(self) -> str:
        wizard = self.wizard()
        return wizard.ctx.lang if isinstance(wizard, SetupWizard) else "id"

    def first_input(self) -> QWidget:
        return next(iter(self.inputs.values()))

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.first_input().setFocus()


class ProfilePage(FieldsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Profil loket"))
        self.setSubTitle(
            self.tr(
                "Loket ini belum disiapkan. Data berikut tercetak di setiap tanda terima; kode "
                "loket (bank, cabang, nomor) tidak bisa diubah setelah disimpan."
            )
        )
        # The partner banks of the reference data; typing a code's first letters picks it.
        self.bank = QComboBox()
        self.bank.setObjectName("bank")
        self.bank.addItem(self.tr("— pilih bank —"), "")
        for code, name in partner_banks().items():
            self.bank.addItem(f"{code} — {name}", code)
        self.branch_code = line_edit("branch_code", 4)
        # Digits only as typed; 4 of them is the core's rule, checked on Next.
        self.branch_code.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}")))
        self.branch_code.setPlaceholderText(self.tr("4 angka, mis. 0123"))
        self.branch_name = line_edit("branch_name", 100)
        self.branch_name.setPlaceholderText(self.tr("mis. KC Jakarta Kota"))
        self.counter_no = QSpinBox()
        self.counter_no.setObjectName("counter_no")
        self.counter_no.setRange(1, 99)
        self.counter_no.setMaximumWidth(90)
        self.timezone = QComboBox()
        self.timezone.setObjectName("timezone")
        for zone, label in ZONE_LABELS.items():
            self.timezone.addItem(f"{label} — {zone}", zone)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        add_papers(self.paper)
        self.add_field("bank", self.tr("&Bank"), self.bank)
        self.add_field("branch_code", self.tr("Kode &cabang"), self.branch_code)
        self.add_field(
            "branch_name",
            self.tr("&Nama cabang"),
            self.branch_name,
            self.tr("Seperti tercetak di tanda terima."),
        )
        self.add_field("counter", self.tr("Nomor &loket"), self.counter_no)
        self.add_field("timezone", self.tr("&Zona waktu"), self.timezone)
        self.add_field(
            "paper",
            self.tr("&Kertas tanda terima"),
            self.paper,
            self.tr("Bisa diubah nanti di Pengaturan."),
        )

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        bank, branch, name = self.bank_code(), self.branch_code.text(), self.branch_name.text()
        return self.check(
            [
                ("bank", lambda: validate_bank(bank)),
                ("branch_code", lambda: validate_branch_code(branch)),
                ("branch_name", lambda: validate_text(name, "branch_name", max_length=100)),
            ]
        )

    def bank_code(self) -> str:
        return str(self.bank.currentData() or "")


class SupervisorPage(FieldsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Supervisor pertama"))
        self.setSubTitle(
            self.tr(
                "Supervisor ini masuk pertama kali, lalu menambah teller dan supervisor lain "
                "di Pengaturan."
            )
        )
        self.supervisor_id = line_edit("supervisor_id", USER_ID_LENGTH)
        self.supervisor_id.setPlaceholderText(self.tr("mis. spv01"))
        self.supervisor_name = line_edit("supervisor_name", 100)
        self.pin = line_edit("pin", PIN_MAX, secret=True)
        self.pin_again = line_edit("pin_again", PIN_MAX, secret=True)
        self.add_field("supervisor_id", self.tr("&ID pengguna"), self.supervisor_id)
        self.add_field("supervisor_name", self.tr("Nama &lengkap"), self.supervisor_name)
        self.add_field(
            "pin",
            self.tr("&PIN"),
            self.pin,
            self.tr("6-8 angka, bukan angka sama atau berurutan."),
        )
        self.add_field("pin_again", self.tr("&Ulangi PIN"), self.pin_again)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        user_id, name = self.supervisor_id.text(), self.supervisor_name.text()
        pin, again = self.pin.text(), self.pin_again.text()
        good = self.check(
            [
                ("supervisor_id", lambda: validate_user_id(user_id, "supervisor_id")),
                ("supervisor_name", lambda: validate_name(name, "supervisor_name")),
                ("pin", lambda: validate_new_pin(pin)),
            ]
        )
        if good and pin != again:
            self.show_error("pin_again", self.tr("PIN yang diulang tidak sama. Ketik lagi."))
            self.pin_again.clear()
            self.pin_again.setFocus()
            return False
        return good


class ConfirmPage(QWizardPage):
    """What will be saved, once more; Finish saves it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Periksa dan simpan"))
        self.setSubTitle(
            self.tr(
                "Tekan Selesai untuk menyimpan. Setelah itu masuk dengan ID supervisor dan PIN."
            )
        )
        layout = QVBoxLayout(self)
        self.summary = QFormLayout()
        self.summary.setHorizontalSpacing(16)
        self.summary.setVerticalSpacing(8)
        layout.addLayout(self.summary)
        self.rows: list[tuple[str, str]] = []
        layout.addSpacing(12)
        self.busy = QLabel(self.tr("Menyimpan…"))
        self.busy.setObjectName("busy")
        self.busy.setStyleSheet(INFO_STYLE)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.form_error = error_label("form_error")
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        self.saving = False

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.saving

    def show_summary(self, rows: list[tuple[str, str]]) -> None:
        while self.summary.rowCount():
            self.summary.removeRow(0)
        self.rows = rows
        for index, (label, value) in enumerate(rows):
            shown = QLabel(value)
            shown.setObjectName(f"summary_{index}")
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setStyleSheet("font-weight: bold;" + (" font-size: 14pt;" if index == 0 else ""))
            self.summary.addRow(QLabel(label), shown)

    def summary_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows)

    def set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.busy.setVisible(saving)
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        wizard = self.wizard()
        if not isinstance(wizard, SetupWizard) or wizard.saved:
            return True  # QWizard asks again as the wizard closes after saving
        if not self.saving:
            wizard.save()
        return False  # the wizard closes itself once the core has saved


class SetupWizard(QWizard):
    """Emits `set_up(Profile)` once the counter is saved, then closes."""

    set_up = Signal(object)
    # The recovery sheet's file, written with the counter (its path as text).
    sheet_saved = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("SPO Counter — penyiapan loket"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        buttons = QWizard.WizardButton
        self.setButtonText(buttons.BackButton, self.tr("< &Kembali"))
        self.setButtonText(buttons.NextButton, self.tr("&Lanjut >"))
        self.setButtonText(buttons.FinishButton, self.tr("&Selesai"))
        self.setButtonText(buttons.CancelButton, self.tr("Batal"))
        self.profile_page = ProfilePage()
        self.supervisor_page = SupervisorPage()
        self.confirm_page = ConfirmPage()
        self.setPage(PROFILE_PAGE, self.profile_page)
        self.setPage(SUPERVISOR_PAGE, self.supervisor_page)
        self.setPage(CONFIRM_PAGE, self.confirm_page)
        self.currentIdChanged.connect(self._page_changed)
        self.resize(680, 560)
        self.saved = False
        self._leaving = False
        self._cancel_box: QMessageBox | None = None
        self._focus_before: QWidget | None = None

    def _page_changed(self, page_id: int) -> None:
        if page_id == CONFIRM_PAGE:
            self.confirm_page.show_summary(self.summary_rows())
            self.confirm_page.form_error.hide()
            self.button(QWizard.WizardButton.FinishButton).setFocus()

    def summary_rows(self) -> list[tuple[str, str]]:
        p, s = self.profile_page, self.supervisor_page
        code = counter_code(
            p.bank_code(),
            p.branch_code.text().strip(),
            p.counter_no.value(),
        )
        return [
            (self.tr("Kode loket"), code),
            (self.tr("Cabang"), p.branch_name.text().strip()),
            (self.tr("Zona waktu"), p.timezone.currentText()),
            (self.tr("Kertas tanda terima"), p.paper.currentText()),
            (
                self.tr("Supervisor pertama"),
                f"{s.supervisor_name.text().strip()} ({s.supervisor_id.text().strip()})",
            ),
        ]

    # --- saving --------------------------------------------------------------------------------

    def values(self) -> SetupValues:
        p, s = self.profile_page, self.supervisor_page
        return SetupValues(
            bank_code=p.bank_code(),
            branch_code=p.branch_code.text(),
            branch_name=p.branch_name.text(),
            counter_no=p.counter_no.value(),
            timezone=str(p.timezone.currentData()),
            paper=str(p.paper.currentData()),
            supervisor_id=s.supervisor_id.text(),
            supervisor_name=s.supervisor_name.text(),
            supervisor_pin=s.pin.text(),
        )

    def save(self) -> None:
        self.confirm_page.form_error.hide()
        self.confirm_page.set_saving(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        init_counter_op(
            self.ctx.counter, **asdict(self.values()), recovery_sheet=documents_folder()
        ).success(self._done).failure(self._failed).run(self.ctx.tasks, self)

    def _done(self, done: CounterSetUp) -> None:
        self._saved(done.profile)
        self.sheet_saved.emit(str(done.recovery_sheet))

    def _saved(self, profile: Profile | None) -> None:
        self.confirm_page.set_saving(False)
        self.saved = True
        self.set_up.emit(profile)  # the login is up before this window goes
        self.accept()

    def _failed(self, error: DomainError) -> None:
        if error.field == "counter":  # set up meanwhile (`spo-counter init`): on to its login
            self._saved(None)
            return
        self.confirm_page.set_saving(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        text = error.message(self.ctx.lang)
        for page_id, page in (
            (PROFILE_PAGE, self.profile_page),
            (SUPERVISOR_PAGE, self.supervisor_page),
        ):
            if error.field in page.errors:
                while self.currentId() > page_id:
                    self.back()
                page.clear_errors()
                page.show_error(error.field, text)
                page.focus_field(error.field)
                return
        show_text(self.confirm_page.form_error, text)

    # --- leaving -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or Batal: ask first, a slip of the key must not throw the typing away."""
        if self._leaving:
            super().reject()
            return
        if self.saved or self.confirm_page.saving or self._cancel_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Batalkan penyiapan?"),
            self.tr("Loket belum disiapkan. Tutup aplikasi tanpa menyimpan?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("cancel_setup")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._cancel_answered)
        self._cancel_box = box
        self._focus_before = QApplication.focusWidget()
        box.open()

    def _cancel_answered(self, answer: int) -> None:
        self._cancel_box = None
        if answer == QMessageBox.StandardButton.Yes:
            self._leaving = True
            super().reject()
            return
        self.activateWindow()  # back where the typing was
        if self._focus_before is not None and shiboken6.isValid(self._focus_before):
            self._focus_before.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # The window's close button asks too; the application quitting (not spontaneous) does not.
        if event.spontaneous() and not self.saved:
            event.ignore()
            self.reject()
            return
        self._leaving = True
        super().closeEvent(event)
