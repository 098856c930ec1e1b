"""The window's launcher: the app icon, and a store that cannot be opened said in a message box."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import ui.app
from desktop.errors import DomainError
from ui import launcher

RESTORED = DomainError(
    "store",
    "Pembaruan basis data dari skema 0001 ke 0004 gagal, dan data loket sudah dikembalikan.",
    "Upgrading the database from schema 0001 to 0004 failed, and the counter's data were restored.",
)


def _args(
    tmp_path: Path, *, exit_after_startup: bool, lang: str | None = None
) -> argparse.Namespace:
    return argparse.Namespace(
        data_dir=str(tmp_path), demo=False, lang=lang, exit_after_startup=exit_after_startup
    )


def _refuse(**_kwargs: object) -> int:
    raise RESTORED


def test_a_store_that_cannot_be_opened_is_said_in_a_message_box(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown: list[tuple[str, str]] = []

    def critical(_parent: QWidget | None, title: str, text: str) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(ui.app, "run", _refuse)
    monkeypatch.setattr(QMessageBox, "critical", critical)

    assert launcher.start_gui(_args(tmp_path, exit_after_startup=False)) == 1

    assert shown == [("SPO Counter", RESTORED.message("id"))]
    assert capsys.readouterr().err == f"spo-counter: store: {RESTORED.message('id')}\n"


def test_a_smoke_start_prints_the_refusal_in_english_and_shows_no_box(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(ui.app, "run", _refuse)
    monkeypatch.setattr(QMessageBox, "critical", pytest.fail)

    assert launcher.start_gui(_args(tmp_path, exit_after_startup=True, lang="en")) == 1

    assert "schema 0001 to 0004 failed" in capsys.readouterr().err


def test_the_window_carries_the_app_icon(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.app, "run", lambda **_kwargs: 0)

    assert launcher.start_gui(_args(tmp_path, exit_after_startup=True)) == 0

    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(32, 32).width() == 32
    assert qapp.desktopFileName() == "spo-counter"
