"""Replacing the whole PAF: load a new table beside the old, index it, then swap it in.

Searches keep answering from the old table until the new one is complete and indexed; a load
that fails or is killed half way leaves the old one in place (and a half-built new table, which
the next load drops). On PostgreSQL the rows go in with COPY, their search columns worked out
by worker processes (the transform, not the database, is the bottleneck on a small machine).
"""

from __future__ import annotations

import asyncio
import io
import math
import multiprocessing
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import MetaData, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from cms.adapters.paf.csv_format import PafRow, PafRowError, read_paf
from cms.adapters.paf.search_columns import (
    SAMPLES,
    SQLITE_FTS_TRIGGER_NAMES,
    SQLITE_FTS_TRIGGERS,
    search_sample_of,
    search_values,
)
from cms.adapters.sql.bulk import ImportReport
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import paf_addresses

NEW, OLD = "paf_addresses_new", "paf_addresses_old"
CHUNK_LINES = 20_000
COLUMNS = tuple(column.name for column in paf_addresses.c)
# (name, definition): the live table's names, built on the new one as *_new.
PG_BTREES = (
    ("ix_paf_addresses_postcode_compact", "(postcode_compact)"),
    ("ix_paf_addresses_sort_key", "(sort_key)"),
)
PG_WORDS = ("ix_paf_addresses_search_tsv", "USING gin (search_tsv) WITH (fastupdate = off)")
PG_SAMPLES = tuple(
    (
        f"ix_paf_addresses_search_sample_{every}",
        f"USING gin (search_tsv) WITH (fastupdate = off) WHERE search_sample >= {every}",
    )
    for every in SAMPLES
)
PG_INDEXES = (*PG_BTREES, PG_WORDS, *PG_SAMPLES)


class LoadRefused(Exception):
    """The file was read but does not replace the current PAF, which is kept as it was."""

    def __init__(self, message: str, report: ImportReport[PafRowError]) -> None:
        super().__init__(message)
        self.report = report


class NothingToLoad(LoadRefused):
    """Not one row of the file could be loaded."""


class TooSmallToReplace(LoadRefused):
    """The file holds less than half the current PAF: more likely the wrong file than a PAF
    that lost half its delivery points (replace_paf's `force` overrides)."""


# A new PAF must hold at least this share of the current one's delivery points, unless forced.
MIN_SHARE_OF_CURRENT = 0.5


SWAP_LOCK_TIMEOUT_MS = 200  # searches queue behind a waiting swap: wait briefly, then retry
SWAP_ATTEMPTS = 150


@dataclass
class Chunk:
    """What a worker made of some lines: rows ready to load, and the faulty ones. Rows travel
    back as one block of COPY text (PostgreSQL), or as tuples (SQLite); a block pickles in a
    fraction of the time thousands of small objects take."""

    udprns: list[int] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    block: str = ""  # PostgreSQL: one COPY line per row, in order
    rows: list[tuple[str | None, ...]] = field(default_factory=list)  # SQLite
    errors: list[PafRowError] = field(default_factory=list)


def _copy_field(value: str | None) -> str:
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


_SEPARATORS = len(COLUMNS) - 1


def _copy_line(values: tuple[str | None, ...]) -> str:
    """One row in COPY's text format. The quick join is right unless a value holds a tab, a
    line break or a backslash, which is rare: then each value is escaped."""
    line = "\t".join("\\N" if value is None else value for value in values)
    nulls = values.count(None)
    if line.count("\t") != _SEPARATORS or line.count("\\") != nulls or "\n" in line or "\r" in line:
        line = "\t".join(map(_copy_field, values))
    return line + "\n"


def _values(row: PafRow, postgres: bool) -> tuple[str | None, ...]:
    sort_key, search_text, tsvector = search_values(row)
    return (
        row.udprn,
        row.postcode,
        row.postcode_compact,
        row.post_town,
        row.dependent_locality,
        row.double_dependent_locality,
        row.thoroughfare,
        row.dependent_thoroughfare,
        row.building_number,
        row.building_name,
        row.sub_building_name,
        row.po_box,
        row.department_name,
        row.organisation_name,
        row.postcode_type,
        row.su_organisation_indicator,
        row.delivery_point_suffix,
        sort_key,
        search_text,
        tsvector if postgres else None,
        str(search_sample_of(row.udprn)),
    )


def transform(first_line: int, text: str, postgres: bool) -> Chunk:
    """Read and check some lines of the CSV, and work out each row's search columns. For
    PostgreSQL each row becomes a line of COPY text; for SQLite a tuple of values."""
    chunk = Chunk()
    copy_lines: list[str] = []
    # As the file itself was read (newline=""), so line numbers and records come out the same.
    for item in read_paf(io.StringIO(text, newline=""), first_line):
        if isinstance(item, PafRowError):
            chunk.errors.append(item)
            continue
        values = _values(item, postgres)
        if postgres:
            copy_lines.append(_copy_line(values))
        else:
            chunk.rows.append(values)
        chunk.udprns.append(int(item.udprn))
        chunk.line_numbers.append(item.line_number)
    chunk.block = "".join(copy_lines)
    return chunk


def chunks(lines: Iterable[str], size: int = CHUNK_LINES) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) in runs of about `size`, never cutting a quoted field."""
    batch: list[str] = []
    first, in_quotes = 1, False
    for number, line in enumerate(lines, start=1):
        batch.append(line)
        if line.count('"') % 2:
            in_quotes = not in_quotes
        if len(batch) >= size and not in_quotes:
            yield first, batch
            batch, first = [], number + 1
    if batch:
        yield first, batch


class _Seen:
    """UDPRNs already loaded: one bit each (8 digits: 12.5 MB for every possible one)."""

    def __init__(self) -> None:
        self._bits = bytearray(100_000_000 // 8 + 1)

    def add(self, udprn: int) -> bool:
        """True the first time; False for a duplicate."""
        byte, bit = divmod(udprn, 8)
        if self._bits[byte] >> bit & 1:
            return False
        self._bits[byte] |= 1 << bit
        return True


async def _transformed(lines: Iterable[str], postgres: bool, workers: int) -> AsyncIterator[Chunk]:
    """Chunks in file order, transformed in worker processes when there is more than one."""
    loop = asyncio.get_running_loop()
    source = chunks(lines)
    first = next(source, None)
    if first is None:
        return
    second = next(source, None)
    if second is None or workers < 2:
        for start, batch in (first,) if second is None else (first, second):
            yield transform(start, "".join(batch), postgres)
        for start, batch in source:
            yield transform(start, "".join(batch), postgres)
        return
    context = multiprocessing.get_context("spawn")
    pool: Executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: list[asyncio.Future[Chunk]] = []

        def submit(item: tuple[int, list[str]]) -> None:
            start, batch = item
            pending.append(loop.run_in_executor(pool, transform, start, "".join(batch), postgres))

        submit(first)
        submit(second)
        for item in source:
            submit(item)
            if len(pending) > workers * 2:
                yield await pending.pop(0)
        while pending:
            yield await pending.pop(0)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _drop_repeats(chunk: Chunk, seen: _Seen, report: ImportReport[PafRowError]) -> Chunk:
    """The chunk without rows whose UDPRN came earlier (each reported by its line)."""
    for error in chunk.errors:
        report.add_error(error)
    repeats = [index for index, udprn in enumerate(chunk.udprns) if not seen.add(udprn)]
    for index in repeats:
        line_number = chunk.line_numbers[index]
        report.add_error(
            PafRowError(
                line_number,
                f"line {line_number}: UDPRN {chunk.udprns[index]:08d} is on an earlier line "
                "too; the first is kept",
            )
        )
    report.loaded += len(chunk.udprns) - len(repeats)
    if repeats:
        dropped = set(repeats)
        if chunk.block:
            lines = chunk.block.split("\n")[:-1]  # COPY text escapes every other line break
            chunk.block = "".join(line + "\n" for i, line in enumerate(lines) if i not in dropped)
        chunk.rows = [row for i, row in enumerate(chunk.rows) if i not in dropped]
    return chunk


async def replace_paf(
    engine: AsyncEngine,
    lines: Iterable[str],
    on_batch: Callable[[ImportReport[PafRowError]], None] = lambda report: None,
    workers: int | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
    force: bool = False,
) -> ImportReport[PafRowError]:
    """Load a whole CSV PAF in place of the current one; faulty rows are reported and skipped.
    `on_stage` hears of each stage after the rows are in (indexing, swapping), with timings.
    Raises LoadRefused, keeping the current PAF, when no row could be loaded or (unless
    `force`) the file holds less than half the current PAF's delivery points."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    async with engine.connect() as connection:
        current = int(
            (await connection.execute(select(func.count()).select_from(paf_addresses))).scalar()
            or 0
        )
    # The share a new PAF must reach; 0 when forced.
    minimum = 0 if force else math.ceil(current * MIN_SHARE_OF_CURRENT)
    if engine.dialect.name == "postgresql":
        return await _replace_on_postgres(
            engine, lines, on_batch, workers, on_stage, (current, minimum)
        )
    return await _replace_on_sqlite(engine, lines, on_batch, on_stage, (current, minimum))


async def _replace_on_postgres(
    engine: AsyncEngine,
    lines: Iterable[str],
    on_batch: Callable[[ImportReport[PafRowError]], None],
    workers: int,
    on_stage: Callable[[str], None],
    sizes: tuple[int, int],  # the current PAF's rows, and the fewest that may replace it
) -> ImportReport[PafRowError]:
    report: ImportReport[PafRowError] = ImportReport()
    seen = _Seen()
    started = time.monotonic()
    async with engine.connect() as connection:
        await connection.execute(text(f"DROP TABLE IF EXISTS {NEW}"))
        await connection.execute(
            text(
                f"CREATE TABLE {NEW} (LIKE paf_addresses INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
            )
        )
        await connection.commit()
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None

        async def copy_text() -> AsyncIterator[bytes]:
            async for chunk in _transformed(lines, True, workers):
                block = _drop_repeats(chunk, seen, report).block
                if block:
                    yield block.encode()
                on_batch(report)

        await raw.copy_to_table(NEW, source=copy_text(), columns=list(COLUMNS), format="text")
        try:
            _refuse_if_unfit(report, *sizes)
        except LoadRefused:
            await connection.execute(text(f"DROP TABLE {NEW}"))  # a full PAF's worth of disk
            await connection.commit()
            raise
    on_stage(
        f"copied {report.loaded:,} rows in {time.monotonic() - started:,.1f} s; indexing them "
        "(the current PAF keeps answering meanwhile)"
    )
    indexing = time.monotonic()
    await _index_and_swap(engine)
    on_stage(f"indexed and swapped in, in {time.monotonic() - indexing:,.1f} s")
    return report


async def _index_and_swap(engine: AsyncEngine) -> None:
    async def build(statements: list[str]) -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SET maintenance_work_mem = '1GB'"))
            for statement in statements:
                await connection.execute(text(statement))
            await connection.commit()

    # Two connections, one per core: the words index alone takes about as long as the rest.
    words_name, words = PG_WORDS
    await asyncio.gather(
        build([f"CREATE INDEX {words_name}_new ON {NEW} {words}"]),
        build(
            [
                f"ALTER TABLE {NEW} ADD CONSTRAINT pk_paf_addresses_new PRIMARY KEY (udprn)",
                *(
                    f"CREATE INDEX {name}_new ON {NEW} {how}"
                    for name, how in (*PG_BTREES, *PG_SAMPLES)
                ),
                f"ANALYZE {NEW}",
            ]
        ),
    )
    renames = [
        ("pk_paf_addresses", "pk_paf_addresses_new"),
        *((name, f"{name}_new") for name, _ in PG_INDEXES),
    ]
    async with engine.connect() as connection:
        for attempt in range(1, SWAP_ATTEMPTS + 1):
            try:
                async with connection.begin():
                    # While the swap waits for its lock, new searches queue behind it: wait
                    # only briefly for the searches in flight, and try again after a pause.
                    await connection.execute(
                        text(f"SET LOCAL lock_timeout = '{SWAP_LOCK_TIMEOUT_MS}ms'")
                    )
                    await connection.execute(text(f"DROP TABLE IF EXISTS {OLD}"))
                    await connection.execute(text(f"ALTER TABLE paf_addresses RENAME TO {OLD}"))
                    for live, new in renames:
                        await connection.execute(text(f"ALTER INDEX {live} RENAME TO {live}_old"))
                        await connection.execute(text(f"ALTER INDEX {new} RENAME TO {live}"))
                    await connection.execute(text(f"ALTER TABLE {NEW} RENAME TO paf_addresses"))
                break
            except DBAPIError as error:
                if "lock timeout" not in str(error) or attempt == SWAP_ATTEMPTS:
                    raise
                await asyncio.sleep(min(0.05 * attempt, 1.0))
        await connection.execute(text(f"DROP TABLE {OLD}"))
        await connection.commit()


async def _replace_on_sqlite(
    engine: AsyncEngine,
    lines: Iterable[str],
    on_batch: Callable[[ImportReport[PafRowError]], None],
    on_stage: Callable[[str], None],
    sizes: tuple[int, int],  # the current PAF's rows, and the fewest that may replace it
) -> ImportReport[PafRowError]:
    report: ImportReport[PafRowError] = ImportReport()
    seen = _Seen()
    staging = paf_addresses.to_metadata(MetaData(), name=NEW)
    for index in list(staging.indexes):
        staging.indexes.discard(index)  # the stage is only read back in full
    async with engine.connect() as connection:
        connection = await connection.execution_options(**WRITE_TRANSACTION)
        async with connection.begin():
            await connection.execute(text(f"DROP TABLE IF EXISTS {NEW}"))
            await connection.run_sync(staging.create)
        async for chunk in _transformed(lines, False, workers=1):
            rows = _drop_repeats(chunk, seen, report).rows
            if rows:
                async with connection.begin():
                    await connection.exec_driver_sql(_SQLITE_INSERT, rows)
            on_batch(report)
        try:
            _refuse_if_unfit(report, *sizes)
        except LoadRefused:
            async with connection.begin():
                await connection.execute(text(f"DROP TABLE {NEW}"))
            raise
        on_stage(f"staged {report.loaded:,} rows; swapping them in")
        async with connection.begin():
            await _swap_on_sqlite(connection)
    return report


_SQLITE_INSERT = (
    f"INSERT INTO {NEW} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)


def _refuse_if_unfit(report: ImportReport[PafRowError], current: int, minimum: int) -> None:
    """Refuse a file with no good row, or one with fewer than `minimum` (of the `current`)."""
    report.errors.sort(key=lambda error: error.line_number)
    if report.loaded == 0:
        raise NothingToLoad(
            "Not one delivery point in the file could be loaded, so the current PAF is kept; "
            "check that the file is Royal Mail's 16-column CSV PAF.",
            report,
        )
    if report.loaded < minimum:
        raise TooSmallToReplace(
            f"The file holds {report.loaded:,} delivery point"
            f"{'' if report.loaded == 1 else 's'}, less than half the current PAF's "
            f"{current:,}, so the current PAF is kept: check that it is the whole PAF. "
            "If it is right, run the import again with --force.",
            report,
        )


async def _swap_on_sqlite(connection: AsyncConnection) -> None:
    """One transaction: readers see the old PAF until it commits, then the new one. The FTS
    index is rebuilt in one pass rather than row by row through its triggers."""
    for name in SQLITE_FTS_TRIGGER_NAMES:
        await connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    await connection.execute(text("DELETE FROM paf_addresses"))
    columns = ", ".join(COLUMNS)
    await connection.execute(
        text(f"INSERT INTO paf_addresses ({columns}) SELECT {columns} FROM {NEW}")
    )
    await connection.execute(text(f"DROP TABLE {NEW}"))
    await connection.execute(text("INSERT INTO paf_search (paf_search) VALUES ('rebuild')"))
    for statement in SQLITE_FTS_TRIGGERS:
        await connection.execute(text(statement))
