"""`agents list|statement`: the register of Perisai agents, and an agent's monthly statement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    actions = commands.group(
        "agents",
        "the register of Perisai agents (fetched by sync) and their monthly statements",
        "what to do",
        "ACTION",
    )
    p = actions.add("list", run_list, "list the agents, active ones first")
    p.add_argument("--search", default="", help="words in the code, name or institution")
    p.add_argument("--json", action="store_true")
    p = actions.add(
        "load",
        run_load,
        "load the register from a file the upstream team delivered (as GET /v1/agents answers: "
        "docs/sync-protocol.md), for a counter that cannot sync yet; the next sync replaces it",
    )
    p.add_argument("file", help="the register as JSON")
    p = actions.add(
        "statement",
        run_statement,
        "an agent's statement for a month: new participants, contributions collected by "
        "program, commission, bonus and the institution's share (PDF, CSV or XLSX)",
    )
    p.add_argument("--agent", required=True, metavar="CODE", help="the agent's code")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write: .pdf, .csv or .xlsx by its name "
        "(default: agen-CODE-YYYY-MM.pdf here)",
    )
    p.add_argument("--json", action="store_true", help="the figures as JSON (and the file)")


def run_list(ctx: Context) -> int:
    from desktop.services.agents import INSTITUTION_KINDS, find_agents

    found = find_agents(ctx.counter, ctx.args.search)
    if ctx.args.json:
        ctx.emit([agent.as_dict() for agent in found])
        return EXIT_OK
    if not found:
        ctx.say(
            "Tidak ada agen yang cocok (daftar agen diambil saat sinkronisasi: spo-counter sync).",
            "No agent matches (the register is fetched by a sync: spo-counter sync).",
        )
        return EXIT_OK
    for agent in found:
        kind = INSTITUTION_KINDS.get(agent.institution_kind, (agent.institution_kind,) * 2)
        status = (
            ctx.text("aktif", "active") if agent.active else ctx.text("TIDAK AKTIF", "INACTIVE")
        )
        ctx.say(
            f"{agent.code:<12} {agent.name:<28} {agent.institution_name} ({kind[0]})  {status}",
            f"{agent.code:<12} {agent.name:<28} {agent.institution_name} ({kind[-1]})  {status}",
        )
    return EXIT_OK


def run_load(ctx: Context) -> int:
    from desktop.services.agents import load_agents_file

    listed = load_agents_file(ctx.counter, Path(ctx.args.file), ctx.counter.now())
    ctx.say(
        f"Daftar agen Perisai dimuat: {listed} agen.",
        f"Register of Perisai agents loaded: {listed} agents.",
    )
    return EXIT_OK


def run_statement(ctx: Context) -> int:
    from desktop.domain.money import format_rupiah
    from desktop.files import shown_name
    from desktop.services.agent_statement import agent_statement
    from desktop.services.agent_statement_files import (
        default_name,
        save_statement,
        statement_format,
    )

    a = ctx.args
    out = Path(a.out) if a.out else None
    chosen = statement_format(out) if out is not None else "pdf"  # refused before any work
    statement = agent_statement(ctx.counter, a.agent, a.month)
    path = save_statement(statement, out or Path(default_name(statement, chosen)), chosen)
    if a.json:
        ctx.emit({**statement.as_dict(), "file": str(path)})
        return EXIT_OK
    e = statement.earnings
    ctx.say(
        f"Agen {statement.agent.code} ({statement.agent.name}), {statement.month_text}: "
        f"{len(statement.registered)} peserta baru, iuran dihimpun {format_rupiah(e.collected)}, "
        f"komisi {format_rupiah(e.commission)}, bonus {format_rupiah(e.bonus)}, bagian lembaga "
        f"{format_rupiah(e.institution_share)}, bagian agen {format_rupiah(e.agent_share)}. "
        f"Disimpan: {shown_name(path)}",
        f"Agent {statement.agent.code} ({statement.agent.name}), {statement.month_text}: "
        f"{len(statement.registered)} new participants, collected {format_rupiah(e.collected)}, "
        f"commission {format_rupiah(e.commission)}, bonus {format_rupiah(e.bonus)}, institution's "
        f"share {format_rupiah(e.institution_share)}, agent's share "
        f"{format_rupiah(e.agent_share)}. Saved: {shown_name(path)}",
    )
    return EXIT_OK
