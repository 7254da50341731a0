"""The `cms` command: run, migrate, seed and load reference data."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from cms.settings import Mode, Settings

app = typer.Typer(
    help="Contact Management Service: Meter Number Creation for GB gas.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
MAX_ERRORS_SHOWN = 50


def _settings() -> Settings:
    return Settings()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the GraphQL API (and, in the embedded mode, its jobs) over HTTP."""
    import uvicorn

    settings = _settings()
    console.print(f"CMS on http://{host}:{port}/graphql  (database: {_safe_url(settings)})")
    uvicorn.run(
        "cms.app:asgi_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=settings.trust_proxy_headers,
        forwarded_allow_ips=",".join(settings.forwarded_allow_ips),
        # Compressing each small live message cost more CPU and 40 KB of memory per WebSocket
        # than it saved (bench/subscriptions.py).
        ws_per_message_deflate=False,
    )


@app.command()
def worker() -> None:
    """Run the background worker for the distributed mode: the event relay, and arq's jobs."""
    from cms.adapters.jobs.worker import run_worker_process
    from cms.container import build_container, close_container

    settings = _settings()
    if settings.mode is not Mode.DISTRIBUTED or settings.redis_url is None:
        console.print(
            "[red]The worker needs Redis: set CMS_REDIS_URL, e.g. redis://127.0.0.1:6379/0."
            " In the embedded mode `cms serve` runs the jobs itself.[/red]"
        )
        raise typer.Exit(2)
    redis_url = settings.redis_url

    async def run() -> None:
        container = build_container(settings)
        relay = container.relay_loop()
        relay.start()
        try:
            await run_worker_process(redis_url, container.bus)
        finally:
            await relay.stop()
            await close_container(container)

    asyncio.run(run())


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (Alembic)."""
    from cms.adapters.sql.migrations import migrate as run_migrations

    settings = _settings()
    run_migrations(settings.database_url)
    console.print(f"Database is up to date ({_safe_url(settings)}).")


@app.command("seed-demo")
def seed_demo() -> None:
    """Create the demo organisations, users, PAF and UK Link register (idempotent)."""
    from cms.adapters.demo.seed import seed_demo as run_seed
    from cms.adapters.sql.engine import create_engine
    from cms.core.shared.clock import SystemClock

    settings = _settings()
    password_from_env = "CMS_DEMO_PASSWORD" in os.environ

    async def run() -> Any:
        engine = create_engine(settings.database_url)
        try:
            return await run_seed(engine, SystemClock(), settings.demo_password)
        finally:
            await engine.dispose()

    report = asyncio.run(run())
    for line in report.organisations_created:
        console.print(f"organisation created: {line}")
    for email in report.users_created:
        console.print(f"user created: {email}")
    shown = "(from CMS_DEMO_PASSWORD)" if password_from_env else settings.demo_password
    console.print(f"Demo users sign in with the password: {shown}")
    console.print(
        f"PAF delivery points: {report.paf_rows:,}; UK Link meter points: {report.meter_points:,}"
    )
    console.print("UDPRNs without a meter point: " + ", ".join(report.sample_without_mprn))
    console.print(
        "UDPRNs with a meter point: "
        + ", ".join(f"{u} (MPRN {m})" for u, m in report.sample_with_mprn)
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[rows]:,} rows ({task.fields[rate]:,.0f}/s)"),
        TextColumn("{task.fields[faulty]:,} faulty"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


class NotText(Exception):
    """A line of an input file is not UTF-8 text (or holds a NUL): refused where it was read."""


def _text_lines(stream: TextIO, file: Path) -> Iterator[str]:
    """The lines of a file opened by :func:`_open_input`, checked one by one: a byte that is
    not UTF-8 (kept by surrogateescape) or a NUL stops the import at its line."""
    for number, line in enumerate(stream, start=1):
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError as error:
                byte = ord(line[error.start]) - 0xDC00
                raise NotText(
                    f"{file}: line {number:,} is not UTF-8 text (byte 0x{byte:02X} at "
                    f"character {error.start + 1}). Give the CSV file itself, saved as UTF-8 "
                    "(not compressed, not a spreadsheet); nothing was loaded."
                ) from None
        if "\x00" in line:
            raise NotText(
                f"{file}: line {number:,} holds a NUL byte (at character "
                f"{line.index(chr(0)) + 1}), so this is a binary file, not CSV text. Give the "
                "CSV file itself, saved as UTF-8; nothing was loaded."
            )
        yield line


def _tracked_lines(lines: Iterable[str], progress: Progress, task: Any) -> Iterator[str]:
    """Lines of the file, advancing the progress bar by the bytes read (every 10,000 lines:
    updating it per line cost more than reading)."""
    read = 0
    for number, line in enumerate(lines, start=1):
        read += len(line) if line.isascii() else len(line.encode("utf-8"))
        if number % 10_000 == 0:
            progress.update(task, advance=read)
            read = 0
        yield line
    progress.update(task, advance=read)


def _open_input(path: Path) -> TextIO:
    """UTF-8 with a BOM dropped and line ends kept; a byte that is not UTF-8 is kept as a
    surrogate so that :func:`_text_lines` can name its line."""
    if not path.is_file():
        console.print(f"[red]{path} is not a file.[/red]")
        raise typer.Exit(2)
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _refuse(message: str) -> NoReturn:
    """One line, however wide the terminal, and a failing exit status."""
    console.print(f"[red]{escape(message)}[/red]", soft_wrap=True)
    raise typer.Exit(1)


def _report_errors(errors: list[Any], faulty: int) -> None:
    for error in errors[:MAX_ERRORS_SHOWN]:
        # One line each, as the file quotes it (a value may look like markup).
        console.print(f"[yellow]{escape(error.message)}[/yellow]", soft_wrap=True)
    if faulty > MAX_ERRORS_SHOWN:
        console.print(f"[yellow]... and {faulty - MAX_ERRORS_SHOWN:,} more faulty rows[/yellow]")


def _import_file(
    file: Path, label: str, load: Callable[[Any, Iterator[str], Callable[[Any], None]], Any]
) -> Any:
    """Stream a CSV into the database with a progress bar; report faulty rows by line."""
    from cms.adapters.sql.engine import create_engine

    settings = _settings()
    try:
        with _open_input(file) as stream, _progress() as progress:
            task = progress.add_task(label, total=file.stat().st_size, rows=0, faulty=0, rate=0.0)
            started = time.monotonic()

            def on_batch(report: Any) -> None:
                rate = report.loaded / max(time.monotonic() - started, 1e-6)
                progress.update(task, rows=report.loaded, faulty=report.faulty, rate=rate)

            async def run() -> Any:
                engine = create_engine(settings.database_url)
                try:
                    lines = _tracked_lines(_text_lines(stream, file), progress, task)
                    return await load(engine, lines, on_batch)
                finally:
                    await engine.dispose()

            report = asyncio.run(run())
            # The final counts, keeping the rate the rows arrived at (indexing is not loading).
            progress.update(task, rows=report.loaded, faulty=report.faulty)
    except NotText as error:
        _refuse(str(error))
    _report_errors(report.errors, report.faulty)
    return report


@app.command("import-paf")
def import_paf(
    file: Annotated[Path, typer.Argument(help="Royal Mail CSV PAF (16 columns).")],
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Add and refresh these rows only, keeping the rest (for a small extra file).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the current PAF even with a file of less than half its size.",
        ),
    ] = False,
) -> None:
    """Load Royal Mail's CSV PAF in place of the current one, streaming; faulty rows are
    reported by line and skipped. Searches use the old PAF until the new one is ready. A file
    of less than half the current PAF's delivery points is refused unless --force is given."""
    if update:
        from cms.adapters.paf.store import import_paf as add

        report = _import_file(
            file, "PAF", lambda engine, lines, on_batch: add(engine, lines, on_batch=on_batch)
        )
    else:
        from cms.adapters.paf.bulk_load import LoadRefused, replace_paf

        try:
            report = _import_file(
                file,
                "PAF",
                lambda engine, lines, on_batch: replace_paf(
                    engine, lines, on_batch=on_batch, on_stage=console.print, force=force
                ),
            )
        except LoadRefused as refused:
            _report_errors(refused.report.errors, refused.report.faulty)
            _refuse(str(refused))
    console.print(
        f"Loaded {report.loaded:,} delivery points; {report.faulty:,} faulty rows skipped."
    )


@app.command("import-meter-points")
def import_meter_points(
    file: Annotated[Path, typer.Argument(help="CSV of mprn,udprn.")],
    allow_moves: Annotated[
        bool,
        typer.Option(
            "--allow-moves",
            help="Let a row move a known MPRN to another delivery point (refused otherwise).",
        ),
    ] = False,
) -> None:
    """Load meter points into the simulated UK Link register. Refused, and reported by line: a
    wrong MPRN, a UDPRN not in the PAF, a second meter point at a delivery point, and a known
    MPRN at another delivery point (unless --allow-moves). A file that fails part way (one
    that is not UTF-8, say) loads nothing."""
    from cms.adapters.uklink.simulated import import_meter_points as load
    from cms.core.shared.clock import SystemClock

    report = _import_file(
        file,
        "Meter points",
        lambda engine, lines, on_batch: load(
            engine, lines, SystemClock(), allow_moves=allow_moves, on_batch=on_batch
        ),
    )
    if report.loaded == 0:
        _refuse(
            "Nothing loaded: not one row of the file is a meter point the register can take; "
            "correct the lines above (is the PAF that holds its UDPRNs loaded?) and try again."
        )
    moved = f" ({report.moved:,} moved to another delivery point)" if report.moved else ""
    console.print(
        f"Loaded {report.loaded:,} meter point{'' if report.loaded == 1 else 's'}{moved}; "
        f"refused {report.faulty:,} row{'' if report.faulty == 1 else 's'}.",
        soft_wrap=True,
    )


@app.command("import-ldz")
def import_ldz(
    file: Annotated[Path, typer.Argument(help="CSV of prefix,ldz (postcode area or district).")],
) -> None:
    """Replace the postcode-to-LDZ reference table with a finer one."""
    from cms.adapters.sql.engine import create_engine
    from cms.adapters.sql.reference_data import LdzFileError, load_ldz_table, read_ldz_file
    from cms.core.shared.errors import InvalidValue

    settings = _settings()
    entries: dict[str, Any] = {}
    errors: list[LdzFileError] = []
    with _open_input(file) as stream:
        try:
            for item in read_ldz_file(_text_lines(stream, file)):
                if isinstance(item, LdzFileError):
                    errors.append(item)
                else:
                    entries[item[0]] = item[1]
        except NotText as error:
            _refuse(str(error))
    if errors:
        _report_errors(errors, len(errors))
        console.print("[red]Nothing loaded: correct the lines above and try again.[/red]")
        raise typer.Exit(1)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        try:
            return await load_ldz_table(engine, entries)
        finally:
            await engine.dispose()

    try:
        count = asyncio.run(run())
    except InvalidValue as error:
        console.print(f"[red]{error.message} Nothing loaded.[/red]")
        raise typer.Exit(1) from error
    console.print(f"Loaded {count:,} postcode prefixes into the LDZ table.")


admin_app = typer.Typer(help="Accounts, from the command line.", no_args_is_help=True)
app.add_typer(admin_app, name="admin")


@admin_app.command("create")
def admin_create(
    email: Annotated[str, typer.Argument(help="The administrator's email address.")],
    name: Annotated[str, typer.Argument(help="Their name, as colleagues know them.")],
    cdsp_name: Annotated[
        str, typer.Option("--cdsp-name", help="The CDSP organisation's name, if it is made now.")
    ] = "CDSP",
) -> None:
    """Make a CDSP account administrator (the first person who can sign in to a new
    installation), making the CDSP organisation if there is none. They are emailed an
    invitation to set a password; its link is printed too. An email with an account is
    refused."""
    from cms.container import build_container, close_container
    from cms.core.accounts.commands import CreateAdministrator
    from cms.core.shared.rejections import Rejected

    settings = _settings()

    async def run() -> Any:
        container = build_container(settings)
        try:
            return await container.bus().handle(
                CreateAdministrator(email=email, name=name, cdsp_name=cdsp_name)
            )
        finally:
            await close_container(container)

    try:
        invited = asyncio.run(run())
    except Rejected as refused:
        _refuse(" ".join(reason.message for reason in refused.reasons))
    console.print(
        f"Invited {escape(invited.user.name)} <{escape(invited.user.email)}> as a CDSP account "
        "administrator; the invitation was emailed. Its link (for them only):",
        soft_wrap=True,
    )
    typer.echo(invited.link)


audit_app = typer.Typer(help="The security audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; report the first entry that was changed or removed."""
    from cms.adapters.sql.engine import create_engine
    from cms.adapters.sql.security_repositories import SqlAuditLog
    from cms.core.accounts.audit import ChainCheck, verify_chain

    settings = _settings()

    async def run() -> ChainCheck:
        engine = create_engine(settings.database_url)
        try:
            async with engine.connect() as connection:
                log = SqlAuditLog(connection)
                return await verify_chain(lambda after, limit: log.entries(after, limit))
        finally:
            await engine.dispose()

    check = asyncio.run(run())
    broken = check.broken
    if broken is None:
        typer.echo(f"Audit chain intact: {check.checked:,} entries verified.")
        return
    record = broken.entry.record
    typer.echo(
        f"Audit chain BROKEN at entry #{broken.entry.seq} ({record.event}, "
        f"{record.at.isoformat()}): {broken.reason}. The {broken.entry.seq - 1:,} entries "
        "before it are intact."
    )
    raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the GraphQL schema (SDL)."""
    from cms.graphql.schema import build_schema

    typer.echo(build_schema().as_str())


def _safe_url(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app()
