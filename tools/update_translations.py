"""Update the translations: collect every UI text into spo_counter_en.ts and compile the .qm files.

    .venv/bin/python tools/update_translations.py                    # collect, keep, compile
    .venv/bin/python tools/update_translations.py --unfinished       # texts still without English
    .venv/bin/python tools/update_translations.py --apply english.json   # fill them in, compile

The texts are found in every `ui/**/*.py` by Qt's `pyside6-lupdate` (`self.tr(...)`,
`QCoreApplication.translate("context", ...)`, `QT_TRANSLATE_NOOP(...)`), and, since lupdate cannot
see through them, by reading the module-level helpers written like
`def _tr(text): return QCoreApplication.translate("upload", text)` and each `_tr("...")` call.
English already written is kept; a text no longer in the code is dropped; a new one is added
unfinished (Linguist, or `--unfinished` then `--apply`, fills it in). Then `pyside6-lrelease`
compiles `spo_counter_en.ts` and the hand-kept `qt_id.ts` (Qt's own buttons in Indonesian).
Running it twice changes nothing.

`--unfinished` prints `{"context": {"source text": ""}}` for what lacks English; `--apply FILE`
takes the same shape with the English filled in.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
OUR_TS = TRANSLATIONS / "spo_counter_en.ts"
QT_TS = TRANSLATIONS / "qt_id.ts"
TS_HEADER = '<TS version="2.1" language="en_US" sourcelanguage="id_ID">'

Key = tuple[str, str, str]  # context, source text, disambiguation comment


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    locations: list[tuple[str, int]] = field(default_factory=list)  # file, line
    translation: str = ""
    finished: bool = False

    @property
    def key(self) -> Key:
        return (self.context, self.source, self.comment)


# --- collecting the texts ----------------------------------------------------------------------


def ui_sources(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(p for p in ui_dir.rglob("*.py") if "__pycache__" not in p.parts)


def qt_tool(name: str) -> str:
    """`pyside6-lupdate` / `pyside6-lrelease` beside this Python (the venv), else on PATH."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    found = found or shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 into this Python")
    return found


def lupdate_messages(sources: list[Path]) -> list[Message]:
    """What lupdate finds, with locations made relative to the translations folder."""
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "found.ts"
        command = [qt_tool("lupdate"), "-silent", "-locations", "absolute", *map(str, sources)]
        subprocess.run([*command, "-ts", str(out)], check=True)  # noqa: S603 - our own files
        found = read_ts(out)
        for message in found:
            message.locations = [
                (_relative(Path(os.path.normpath(Path(temp) / name))), line)
                for name, line in message.locations
            ]
    return found


def alias_messages(path: Path) -> list[Message]:
    """Calls of this module's `_tr("...")`-style helpers, which lupdate cannot see through."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases = {
        node.name: context
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and (context := _alias_context(node)) is not None
    }
    found: list[Message] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in aliases
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(
                Message(
                    aliases[node.func.id], node.args[0].value, "", [(_relative(path), node.lineno)]
                )
            )
    return found


def _alias_context(function: ast.FunctionDef) -> str | None:
    """ "upload" for `def _tr(text): return QCoreApplication.translate("upload", text)`."""
    params = function.args.args
    if not params or not function.body or not isinstance(function.body[-1], ast.Return):
        return None
    value = function.body[-1].value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "str":
        value = value.args[0] if value.args else None  # str(QT_TRANSLATE_NOOP("pages", text))
    if not isinstance(value, ast.Call) or len(value.args) < 2:
        return None
    name = value.func.attr if isinstance(value.func, ast.Attribute) else None
    name = value.func.id if isinstance(value.func, ast.Name) else name
    context, text = value.args[0], value.args[1]
    if (
        name in ("translate", "QT_TRANSLATE_NOOP")
        and isinstance(context, ast.Constant)
        and isinstance(context.value, str)
        and isinstance(text, ast.Name)
        and text.id == params[0].arg
    ):
        return context.value
    return None


def collect(ui_dir: Path = UI_DIR) -> list[Message]:
    """Every translatable text of the UI, once, with every place it is used."""
    sources = ui_sources(ui_dir)
    merged: dict[Key, Message] = {}
    found = lupdate_messages(sources) + [m for p in sources for m in alias_messages(p)]
    for message in found:
        known = merged.setdefault(message.key, Message(*message.key))
        for location in message.locations:
            if location not in known.locations:
                known.locations.append(location)
    for message in merged.values():
        message.locations.sort()
    return sorted(merged.values(), key=_order)


def _order(message: Message) -> tuple[str, tuple[str, int], str]:
    first = message.locations[0] if message.locations else ("", 0)
    return (message.context, first, message.source)


def _relative(path: Path) -> str:
    return Path(os.path.relpath(path, TRANSLATIONS)).as_posix()


# --- the .ts file ------------------------------------------------------------------------------


def read_ts(path: Path) -> list[Message]:
    messages: list[Message] = []
    if not path.is_file():
        return messages
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            messages.append(
                Message(
                    context=name,
                    source=element.findtext("source") or "",
                    comment=element.findtext("comment") or "",
                    locations=[
                        (loc.get("filename", ""), int(loc.get("line", "0")))
                        for loc in element.iter("location")
                    ],
                    translation=(translation.text or "") if translation is not None else "",
                    finished=kind == "" and translation is not None,
                )
            )
    return messages


def render_ts(messages: Iterable[Message]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", TS_HEADER]
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{_text(context)}</name>"]
        for message in by_context[context]:
            lines.append("    <message>")
            for name, line in message.locations:
                lines.append(f'        <location filename="{_attr(name)}" line="{line}"/>')
            lines.append(f"        <source>{_text(message.source)}</source>")
            if message.comment:
                lines.append(f"        <comment>{_text(message.comment)}</comment>")
            kind = "" if message.finished else ' type="unfinished"'
            lines.append(f"        <translation{kind}>{_text(message.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;", "'": "&apos;"})


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def merge(found: list[Message], known: list[Message]) -> list[Message]:
    """The texts found, each with the English already written for it."""
    translations = {m.key: m for m in known}
    for message in found:
        old = translations.get(message.key)
        if old is not None:
            message.translation, message.finished = old.translation, old.finished
    return found


def apply(messages: list[Message], english: dict[str, dict[str, str]]) -> list[str]:
    """Fill in English from `{context: {source: text}}`; the entries that matched no text."""
    index = {(m.context, m.source): m for m in messages}
    unknown: list[str] = []
    for context, texts in english.items():
        for source, text in texts.items():
            message = index.get((context, source))
            if message is None:
                unknown.append(f"{context}: {source}")
            elif text.strip():
                message.translation, message.finished = text, True
    return unknown


def unfinished(messages: Iterable[Message]) -> dict[str, dict[str, str]]:
    todo: dict[str, dict[str, str]] = {}
    for message in messages:
        if not (message.finished and message.translation):
            todo.setdefault(message.context, {})[message.source] = message.translation
    return todo


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(  # noqa: S603 - our own tool on our own files
        [qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True
    )


def update(english: dict[str, dict[str, str]] | None = None) -> list[Message]:
    messages = merge(collect(), read_ts(OUR_TS))
    if english:
        for entry in apply(messages, english):
            print(f"not in the UI (skipped): {entry}", file=sys.stderr)
    text = render_ts(messages)
    if not OUR_TS.is_file() or OUR_TS.read_text(encoding="utf-8") != text:
        OUR_TS.write_text(text, encoding="utf-8")
    lrelease(OUR_TS, OUR_TS.with_suffix(".qm"))
    lrelease(QT_TS, QT_TS.with_suffix(".qm"))
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--unfinished", action="store_true", help="print texts lacking English")
    parser.add_argument("--apply", metavar="FILE", help="JSON {context: {source: English}}")
    args = parser.parse_args(argv)
    if args.unfinished:
        todo = unfinished(merge(collect(), read_ts(OUR_TS)))
        print(json.dumps(todo, ensure_ascii=False, indent=2))
        return 1 if todo else 0
    english = json.loads(Path(args.apply).read_text(encoding="utf-8")) if args.apply else None
    messages = update(english)
    missing = sum(len(texts) for texts in unfinished(messages).values())
    print(f"{OUR_TS.relative_to(ROOT)}: {len(messages)} texts, {missing} without English")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
