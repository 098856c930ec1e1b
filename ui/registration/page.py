"""The F2 page: registering a BPU participant, keyboard first, each error under its own field."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.contributions import income_tiers
from desktop.domain.money import format_rupiah
from desktop.domain.nik import NIK_LENGTH, normalize_nik, parse_nik
from desktop.errors import DomainError, each_error
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import REQUIRED, RegisterParticipant, check_registration
from ui.agent_field import AgentField
from ui.confirm import clear_asked
from ui.context import Context
from ui.day_closed import DayClosedGate
from ui.enter import EnterChain
from ui.live_checks import REQUIRED_MARK, LiveChecks
from ui.operations.registration import nik_free_op, registration_op
from ui.widgets import (
    DONE_STYLE,
    INFO_STYLE,
    FieldForm,
    error_label,
    hide_text,
    line_edit,
    note_label,
    page_heading,
    show_text,
)

# The command's fields, in the dataclass's (and the form's) order.
FIELDS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "mother_maiden_name",
    "phone",
    "address",
    "occupation",
    "monthly_income",
    "programs",
    "email",
    "agent_code",
)


class RegistrationPage(QWidget):
    """The registration form; `saved(Captured)` after each registration is stored, and
    `pay_first(nik, agent)` when the teller goes on to take that participant's first
    contribution."""

    saved = Signal(object)
    pay_first = Signal(str, str)  # the NIK, and the agent who brought the registration

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("page_registration")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Pendaftaran peserta BPU"))
        outer.addWidget(heading)
        self.day_gate = DayClosedGate(self, outer)  # the day closed: said, nothing typed
        hint = QLabel(
            self.tr("Tab pindah kolom · Enter/Ctrl+S simpan · Esc kosongkan formulir"),
        )
        hint.setStyleSheet(INFO_STYLE)
        outer.addWidget(hint)

        self.nik = line_edit("nik", 20)
        self.nik_info = note_label("nik_info", wrap=False)
        self.full_name = line_edit("full_name", 100)
        self.birth_place = line_edit("birth_place", 60)
        self.birth_date = line_edit("birth_date", 10)
        self.birth_date.setPlaceholderText(self.tr("HH/BB/TTTT (terisi dari NIK)"))
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        self.sex.addItem(self.tr("— pilih —"), "")
        self.sex.addItem(self.tr("L — Laki-laki"), "L")
        self.sex.addItem(self.tr("P — Perempuan"), "P")
        self.mother_maiden_name = line_edit("mother_maiden_name", 100)
        self.phone = line_edit("phone", 20)
        self.phone.setPlaceholderText("08xx-xxxx-xxxx")
        self.address = line_edit("address", 200)
        self.occupation = line_edit("occupation", 60)
        self.monthly_income = QComboBox()
        self.monthly_income.setObjectName("monthly_income")
        self.monthly_income.addItem(self.tr("— pilih tingkat penghasilan —"), "")
        today = ctx.counter.business_date()
        for tier in income_tiers(ctx.counter.reference, today):
            self.monthly_income.addItem(format_rupiah(tier), tier)
        self.jkk = QCheckBox("JKK")
        self.jkm = QCheckBox("JKM")
        for mandatory in (self.jkk, self.jkm):
            mandatory.setChecked(True)
            mandatory.setEnabled(False)
            mandatory.setToolTip(self.tr("Wajib"))
        self.jht = QCheckBox(self.tr("JHT (pilihan)"))
        self.jht.setObjectName("jht")
        programs = QWidget()
        programs.setObjectName("programs")
        row = QHBoxLayout(programs)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.jkk, self.jkm, self.jht):
            row.addWidget(box)
        row.addStretch(1)
        self.email = line_edit("email", 254)
        self.email.setPlaceholderText(self.tr("boleh kosong"))
        self.agent_code = AgentField(ctx)

        self.inputs: dict[str, QWidget] = {
            "nik": self.nik,
            "full_name": self.full_name,
            "birth_place": self.birth_place,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "mother_maiden_name": self.mother_maiden_name,
            "phone": self.phone,
            "address": self.address,
            "occupation": self.occupation,
            "monthly_income": self.monthly_income,
            "programs": self.jht,
            "email": self.email,
            "agent_code": self.agent_code,
        }
        labels = {
            "nik": self.tr("&NIK"),
            "full_name": self.tr("Nama &lengkap"),
            "birth_place": self.tr("&Tempat lahir"),
            "birth_date": self.tr("Tanggal lahi&r"),
            "sex": self.tr("&Jenis kelamin"),
            "mother_maiden_name": self.tr("Nama &ibu kandung"),
            "phone": self.tr("No. &HP"),
            "address": self.tr("&Alamat"),
            "occupation": self.tr("&Pekerjaan"),
            "monthly_income": self.tr("Penghasilan per &bulan"),
            "programs": self.tr("Pro&gram"),
            "email": self.tr("&Email"),
            "agent_code": self.tr("&Kode agen Perisai"),
        }
        body = QWidget()
        form = FieldForm(body)
        form.setContentsMargins(0, 8, 0, 8)
        for name in FIELDS:
            notes = {"nik": [self.nik_info], "agent_code": [self.agent_code.info]}.get(name, [])
            shown = programs if name == "programs" else None
            label = labels[name] + (REQUIRED_MARK if name in REQUIRED else "")
            form.add_field(name, label, self.inputs[name], *notes, shown=shown)
        self.errors: dict[str, QLabel] = form.errors
        body.setMaximumWidth(720)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        required = QLabel(self.tr("* wajib diisi"))
        required.setObjectName("required_note")
        required.setStyleSheet(INFO_STYLE)
        outer.addWidget(required)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.done = note_label("done", DONE_STYLE, wrap=False)
        outer.addWidget(self.done)
        buttons = QHBoxLayout()
        outer.addLayout(buttons)  # owned before it is filled (see ui/receipt/preview.py)
        self.save_button = QPushButton(self.tr("Simpan (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.clear_button = QPushButton(self.tr("Kosongkan (Esc)"))
        self.clear_button.setObjectName("clear")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pay_first_button = QPushButton(self.tr("Bayar iuran pertama (Ctrl+I)"))
        self.pay_first_button.setObjectName("pay_first")
        self.pay_first_button.hide()
        self._registered_nik = ""
        self._registered_agent = ""
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.pay_first_button)
        buttons.addStretch(1)

        chain = [self.inputs[name] for name in FIELDS] + [self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.enter_chain = EnterChain(self, lambda: chain[:-1], self.submit)
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.clear)
        save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.submit)
        clear_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        clear_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        clear_key.activated.connect(lambda: clear_asked(self, self.clear))
        pay_key = QShortcut(QKeySequence("Ctrl+I"), self)
        pay_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        pay_key.activated.connect(self._pay_first)
        self.pay_first_button.clicked.connect(self._pay_first)
        self.nik.textChanged.connect(self._nik_changed)
        # Checked as the teller goes, by the save's own checks (desktop/services/registration.py).
        self.live = LiveChecks(
            self.inputs,
            self.errors,
            lambda: check_registration(ctx.counter, self.command()),
            self,
            lang=ctx.lang,
        )
        self.live.left.connect(self._field_left)
        self.setFocusProxy(self.nik)

    # --- the NIK, checked as it is typed -------------------------------------------------------

    def _nik_changed(self, text: str) -> None:
        self.nik_info.hide()
        if len(normalize_nik(text)) < NIK_LENGTH:
            # Still being typed: said short only once the field is left.
            self.live.untouch("nik")
            return
        self.live.touch(["nik"])  # typed whole: a wrong one is said at once
        counter = self.ctx.counter
        try:  # pure: no I/O, so it runs here on the GUI thread as the teller types
            info = parse_nik(text, counter.reference.provinces, counter.business_date())
        except DomainError:
            return
        self.birth_date.setText(f"{info.birth_date:%d/%m/%Y}")
        self.sex.setCurrentIndex(self.sex.findData(info.sex))
        show_text(self.nik_info, self.tr("Provinsi: {0}").format(info.province_name))

    def _field_left(self, name: str) -> None:
        """The NIK left: asked of the store whether it is registered here already."""
        if name != "nik":
            return
        typed = self.nik.text().strip()
        (
            nik_free_op(self.ctx.counter, typed)
            .success(lambda _none: self.live.found("nik", typed, None))
            .failure(lambda error: self.live.found("nik", typed, error))
            .run(self.ctx.tasks, self)
        )

    # --- saving --------------------------------------------------------------------------------

    def command(self) -> RegisterParticipant:
        programs = "JKK+JKM+JHT" if self.jht.isChecked() else "JKK+JKM"
        income = self.monthly_income.currentData()
        return RegisterParticipant(
            nik=self.nik.text(),
            full_name=self.full_name.text(),
            birth_place=self.birth_place.text(),
            birth_date=self.birth_date.text(),
            sex=str(self.sex.currentData() or ""),
            mother_maiden_name=self.mother_maiden_name.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            occupation=self.occupation.text(),
            monthly_income=income if isinstance(income, int) else "",
            programs=programs,
            email=self.email.text(),
            agent_code=self.agent_code.code(),
        )

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # already saving: Enter twice must not register twice
        self._clear_errors()
        hide_text(self.done)
        self.pay_first_button.hide()
        self.save_button.setEnabled(False)
        (
            registration_op(self.ctx, self.user, self.command())
            .success(self._saved)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _saved(self, captured: Captured) -> None:
        self.save_button.setEnabled(True)
        nik = normalize_nik(self.nik.text())
        agent = self.agent_code.code().upper()
        self.clear()
        show_text(self.done, self.tr("Tersimpan: tanda terima {0}").format(captured.receipt_no))
        self._registered_nik = nik
        self._registered_agent = agent
        self.pay_first_button.show()
        self.saved.emit(captured)

    def _pay_first(self) -> None:
        """Go on to the participant just registered: their first contribution, NIK filled in."""
        if self._registered_nik and self.pay_first_button.isVisible():
            self.pay_first.emit(self._registered_nik, self._registered_agent)

    def _failed(self, error: DomainError) -> None:
        """Every error under its own field at once; the cursor on the first."""
        self.save_button.setEnabled(True)
        errors = each_error(error)
        elsewhere = self.live.show_all(errors)
        if elsewhere:
            show_text(self.form_error, "\n".join(e.message(self.ctx.lang) for e in elsewhere))
        first = next((e.field for e in errors if e.field in self.inputs), None)
        if first is None:
            return
        widget = self.inputs[first]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # --- clearing ------------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty every field and message, the mandatory programs stay; the NIK gets the focus."""
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
        self.jht.setChecked(False)
        self.live.reset()
        self._clear_errors()
        self.nik_info.hide()
        hide_text(self.done)
        self.pay_first_button.hide()
        self._registered_nik = ""
        self.nik.setFocus()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
