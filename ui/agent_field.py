"""The field naming the Perisai agent who brought a registration or a payment: it offers the
register (code, name or institution typed, a completer lists the matching active agents) and
says under itself whom the code names. The service checks the code again when it is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QWidget

from desktop.services.agents import Agent
from ui.operations import Changes
from ui.operations.agents import agents_op
from ui.widgets import hide_text, note_label, show_text

if TYPE_CHECKING:
    from ui.context import Context

SEPARATOR = " · "


class AgentField(QLineEdit):
    """A line edit for an agent's code with the register as its completer; `info` is the note
    to place under it."""

    def __init__(self, ctx: Context, name: str = "agent_code", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setMaxLength(120)  # a completion's whole line fits until it is cut to the code
        self.setPlaceholderText(self.tr("boleh kosong · ketik kode, nama atau lembaga"))
        self.info: QLabel = note_label(f"{name}_info", wrap=False)
        self.agents: dict[str, Agent] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        completer.activated.connect(self._chosen)
        self._loading = False
        self.textChanged.connect(self._describe)
        ctx.changes.changed.connect(self._changed)

    def code(self) -> str:
        """What goes to the service: the code (a line picked from the list is cut to it)."""
        return self.text().split(SEPARATOR, 1)[0].strip()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.upload and self.isVisible():  # a sync may have brought a new register
            self.reload()

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        agents_op(self.ctx.counter).success(self._loaded).failure(self._not_loaded).run(
            self.ctx.tasks, self
        )

    def _loaded(self, agents: list[Agent]) -> None:
        self._loading = False
        self.agents = {agent.code: agent for agent in agents}
        self._model.setStringList(
            [SEPARATOR.join((a.code, a.name, a.institution_name)) for a in agents if a.active]
        )
        self._describe(self.text())

    def _not_loaded(self, _error: object) -> None:
        self._loading = False

    def _chosen(self, line: str) -> None:
        # The completer puts the whole line in once its signal is handled: cut it to the code
        # after that, from the event loop.
        code = line.split(SEPARATOR, 1)[0]
        QTimer.singleShot(0, self, lambda: self.setText(code))

    def _describe(self, _text: str) -> None:
        code = self.code().upper()
        agent = self.agents.get(code)
        if not code or SEPARATOR in self.text():
            hide_text(self.info)
        elif agent is None:
            show_text(self.info, self.tr("Tidak ada di daftar agen"))
        elif not agent.active:
            show_text(self.info, self.tr("{0} — tidak aktif").format(agent.name))
        else:
            show_text(self.info, f"{agent.name}{SEPARATOR}{agent.institution_name}")
