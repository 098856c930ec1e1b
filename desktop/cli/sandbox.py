"""`sandbox`: the sandbox upstream in the foreground, when its extra is installed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context, counted
from desktop.errors import DomainError
from desktop.paths import data_dir
from desktop.upstream_tls import is_loopback

if TYPE_CHECKING:
    from desktop.cli.parser import Commands

# What `pip install "spo-counter[sandbox]"` brings; a counter PC and the packaged program have
# none of it (nor desktop.sync.sandbox itself, in the bundle).
SANDBOX_MODULES = ("fastapi", "uvicorn", "starlette", "anyio", "sniffio", "desktop.sync.sandbox")


def register(commands: Commands) -> None:
    p = commands.add(
        "sandbox",
        run_sandbox,
        "run the sandbox upstream (development, pilots, tests; needs the sandbox extra: "
        'pip install "spo-counter[sandbox]")',
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the data folder)")
    p.add_argument(
        "--token", action="append", metavar="CODE=TOKEN", help="a counter's token (repeatable)"
    )
    p.add_argument(
        "--reference",
        metavar="DIR",
        help="folder of reference data to publish (default: the set shipped with the app)",
    )
    p.add_argument(
        "--fixtures",
        metavar="FILE",
        help="participants and employers' bills registered elsewhere, as JSON "
        "(docs/sync-protocol.md, Fixtures)",
    )
    p.add_argument(
        "--tls-cert",
        metavar="FILE",
        help="serve https:// with this certificate (PEM, its chain after it); with --tls-key",
    )
    p.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM)")
    p.add_argument(
        "--admin-token",
        metavar="TOKEN",
        help="opens the admin endpoint (BPJS's claim decisions) to this token; closed without it",
    )
    p.add_argument(
        "--auto-decide",
        action="store_true",
        help="decide each JHT claim as it arrives: approved when its documents are complete and "
        "its waiting period over, else rejected with the reason (pilots, tests)",
    )


def run_sandbox(ctx: Context) -> int:
    try:
        from desktop.sync.sandbox.registry import read_fixtures
        from desktop.sync.sandbox.server import check_tls, serve
    except ModuleNotFoundError as error:
        if not is_sandbox_module(error.name):
            raise
        raise not_installed(error.name or "") from None
    tokens: dict[str, str] = {}
    for pair in ctx.args.token or []:
        code, sep, token = pair.partition("=")
        if not sep or not code or not token:
            raise DomainError(
                "token",
                "Tulis token sebagai KODE_LOKET=TOKEN.",
                "Write a token as COUNTER_CODE=TOKEN.",
            )
        tokens[code.strip().upper()] = token.strip()
    db = ctx.args.db or f"sqlite:///{data_dir(ctx.args.data_dir) / 'sandbox' / 'sandbox.sqlite'}"
    if db.startswith("sqlite:///"):
        Path(db.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    cert, key = ctx.args.tls_cert, ctx.args.tls_key
    if bool(cert) != bool(key):
        raise DomainError(
            "tls_key" if cert else "tls_cert",
            "--tls-cert dan --tls-key diberikan bersama, atau tidak sama sekali.",
            "--tls-cert and --tls-key go together, or neither.",
        )
    tls = check_tls(Path(cert), Path(key)) if cert and key else None
    fixtures = None
    if ctx.args.fixtures:
        try:
            fixtures = read_fixtures(Path(ctx.args.fixtures))
        except ValueError as error:
            raise DomainError(
                "fixtures",
                f"Berkas fixtures tidak dapat dipakai: {error}",
                f"The fixtures file cannot be used: {error}",
            ) from None
    host = ctx.args.host
    shown_host = f"[{host}]" if ":" in host else host
    url, counters = f"{'https' if tls else 'http'}://{shown_host}:{ctx.args.port}", len(tokens)
    ctx.say(
        f"Server pusat sandbox di {url} ({counters} loket)",
        f"Sandbox upstream on {url} ({counted(counters, 'counter')})",
    )
    if tls is None and not is_loopback(host):
        ctx.warn(
            "tls_cert",
            f"tanpa --tls-cert/--tls-key, loket menolak http:// ke {host}: hanya https:// "
            "yang boleh di luar komputer loket itu sendiri.",
            f"without --tls-cert/--tls-key, counters refuse http:// to {host}: beyond a "
            "counter's own PC only https:// is allowed.",
        )
    reference = Path(ctx.args.reference) if ctx.args.reference else None
    admin_token = (ctx.args.admin_token or "").strip() or None
    if admin_token and admin_token in tokens.values():
        raise DomainError(
            "admin_token",
            "--admin-token harus berbeda dari token setiap loket.",
            "--admin-token must differ from every counter's token.",
        )
    serve(
        host,
        ctx.args.port,
        db,
        tokens,
        reference_dir=reference,
        fixtures=fixtures,
        tls=tls,
        admin_token=admin_token,
        auto_decide=bool(ctx.args.auto_decide),
    )
    return EXIT_OK


def is_sandbox_module(name: str | None) -> bool:
    return any(name == m or (name or "").startswith(m + ".") for m in SANDBOX_MODULES)


def not_installed(missing: str) -> DomainError:
    """The refusal when FastAPI and uvicorn (or the sandbox package itself) are not here."""
    return DomainError(
        "sandbox",
        f"Server pusat sandbox tidak terpasang di sini (modul {missing} tidak ada). "
        'Pasang dengan: pip install "spo-counter[sandbox]" (dari folder proyek: '
        'pip install -e ".[sandbox]"). Program loket yang dipaket tidak membawanya.',
        f"The sandbox upstream is not installed here (no module {missing}). "
        'Install it with: pip install "spo-counter[sandbox]" (in a checkout: '
        'pip install -e ".[sandbox]"). The packaged counter program leaves it out.',
    )
