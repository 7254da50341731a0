"""Replacing the whole PAF (`cms import-paf`): a new table, swapped in only when complete.

On both databases: the new rows replace the old, faulty rows and duplicate UDPRNs are reported
by line, and a load that fails part way leaves the old PAF answering searches (and the next
load is not upset by what the failed one left behind). On PostgreSQL, a real `cms import-paf`
is killed (SIGKILL) part way, and the previous PAF must still answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from cms.adapters.paf.bulk_load import NEW, TooSmallToReplace, replace_paf
from cms.adapters.paf.csv_format import COLUMNS
from cms.adapters.paf.search_columns import search_sample_of
from cms.adapters.paf.synthetic import write_paf_csv
from cms.core.addresses.search import search_addresses
from tests.support.world import World, paf_csv_line

# Postcode areas the synthetic PAF never uses (HS, ZE), and street names it never makes, so the
# small crafted PAFs below are told apart from synthetic ones whatever the seed.
OLD_ONLY = [
    paf_csv_line(
        udprn="22000001",
        postcode="HS1 2AA",
        post_town="STORNOWAY",
        thoroughfare="Quillfeather Lane",
        building_number="1",
    ),
    paf_csv_line(
        udprn="22000002",
        postcode="HS1 2AA",
        post_town="STORNOWAY",
        thoroughfare="Quillfeather Lane",
        building_number="2",
    ),
]
KEPT_OLD = paf_csv_line(
    udprn="22000010",
    postcode="HS1 2AB",
    post_town="STORNOWAY",
    thoroughfare="Kelpie Road",
    building_number="12",
)
OLD_PAF = [*OLD_ONLY, KEPT_OLD]
OLD_COUNT = len(OLD_PAF)

KEPT_NEW = paf_csv_line(  # the same delivery point, now a business
    udprn="22000010",
    postcode="HS1 2AB",
    post_town="STORNOWAY",
    thoroughfare="Kelpie Road",
    building_number="12",
    organisation_name="Selkie Dental Care",
)
NEW_PAF = [
    KEPT_NEW,
    paf_csv_line(
        udprn="22000020",
        postcode="ZE1 0AA",
        post_town="LERWICK",
        thoroughfare="Zanzibar Wynd",
        building_number="2",
    ),
    paf_csv_line(
        udprn="22000021",
        postcode="ZE1 0AA",
        post_town="LERWICK",
        thoroughfare="Zanzibar Wynd",
        building_number="1",
    ),
]


def found(world: World, run: Any, query: str, first: int = 10) -> list[str]:
    matches = run(search_addresses(world.container.address_index(), query, first))
    return [match.summary for match in matches]


def serves_old_paf(world: World, run: Any) -> None:
    assert found(world, run, "quillfeather") == [
        "1 Quillfeather Lane, STORNOWAY, HS1 2AA",
        "2 Quillfeather Lane, STORNOWAY, HS1 2AA",
    ]
    assert found(world, run, "hs12ab") == ["12 Kelpie Road, STORNOWAY, HS1 2AB"]
    assert found(world, run, "12 kelpie rd") == ["12 Kelpie Road, STORNOWAY, HS1 2AB"]
    assert found(world, run, "selkie dental") == []
    assert found(world, run, "zanzibar") == []


def serves_new_paf(world: World, run: Any) -> None:
    assert found(world, run, "quillfeather") == []
    assert found(world, run, "hs1 2aa") == []
    assert run(world.container.address_book().get("22000001")) is None
    assert found(world, run, "zanzibar wynd") == [
        "1 Zanzibar Wynd, LERWICK, ZE1 0AA",
        "2 Zanzibar Wynd, LERWICK, ZE1 0AA",
    ]
    assert found(world, run, "ze1") == found(world, run, "zanzibar wynd")
    assert found(world, run, "selkie dental") == [
        "Selkie Dental Care, 12 Kelpie Road, STORNOWAY, HS1 2AB"
    ]
    assert found(world, run, "12 kelpie rd") == found(world, run, "selkie dental")


async def _scalar(world: World, sql: str) -> Any:
    async with world.engine.connect() as connection:
        return (await connection.execute(text(sql))).scalar()


def table_exists(world: World, run: Any, name: str) -> bool:
    if world.engine.dialect.name == "postgresql":
        return bool(run(_scalar(world, f"SELECT to_regclass('{name}') IS NOT NULL")))
    found_name = run(
        _scalar(world, f"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{name}'")
    )
    return bool(found_name == name)


def count(world: World, run: Any, table: str = "paf_addresses") -> int:
    return int(run(_scalar(world, f"SELECT count(*) FROM {table}")))


def synthetic_lines(rows: int, seed: int) -> list[str]:
    buffer = io.StringIO()
    write_paf_csv(buffer, rows, seed)
    return buffer.getvalue().splitlines(keepends=True)


class LoadInterrupted(RuntimeError):
    pass


def failing_after(lines: Iterable[str], limit: int) -> Iterator[str]:
    """The lines, until `limit` of them have been read: then the source fails."""
    for number, line in enumerate(lines, start=1):
        if number > limit:
            raise LoadInterrupted(f"the source failed after line {limit}")
        yield line


# --- in process, both databases ----------------------------------------------------------------


def test_replace_paf_replaces_the_old_rows(world: World, run: Any) -> None:
    report = run(world.load_paf(OLD_PAF))
    assert report.loaded == OLD_COUNT
    serves_old_paf(world, run)  # searched before the swap, on the same engine afterwards

    report = run(replace_paf(world.engine, NEW_PAF, workers=1))

    assert (report.loaded, report.faulty, report.errors) == (len(NEW_PAF), 0, [])
    serves_new_paf(world, run)
    assert count(world, run) == len(NEW_PAF)
    assert not table_exists(world, run, NEW)
    assert not table_exists(world, run, "paf_addresses_old")

    # And again: a second swap, from a file with a header line, works the same way.
    header = ",".join(COLUMNS) + "\n"
    report = run(replace_paf(world.engine, [header, *OLD_PAF], workers=1))
    assert (report.loaded, report.faulty) == (OLD_COUNT, 0)
    serves_old_paf(world, run)
    assert count(world, run) == OLD_COUNT


def test_an_address_added_after_a_replace_is_found(world: World, run: Any) -> None:
    run(replace_paf(world.engine, NEW_PAF, workers=1))
    run(world.load_paf(OLD_ONLY))  # `cms import-paf --update`: upserts into the swapped table
    assert len(found(world, run, "quillfeather")) == 2
    assert len(found(world, run, "zanzibar")) == 2


def test_each_way_in_puts_an_address_in_the_samples_its_udprn_says(world: World, run: Any) -> None:
    udprns = ["00000512", "00004096", "00004128", "22000001"]
    lines = [
        paf_csv_line(
            udprn=udprn,
            postcode="HS1 2AA",
            post_town="STORNOWAY",
            thoroughfare="Quillfeather Lane",
            building_number=str(number),
        )
        for number, udprn in enumerate(udprns, start=1)
    ]
    expected = {udprn: search_sample_of(udprn) for udprn in udprns}
    assert sorted(expected.values()) == [0, 0, 16, 128]

    def sampled() -> dict[str, int]:
        async def read() -> dict[str, int]:
            async with world.engine.connect() as connection:
                rows = await connection.execute(
                    text("SELECT udprn, search_sample FROM paf_addresses")
                )
                return {udprn: int(sample) for udprn, sample in rows}

        return dict(run(read()))

    run(replace_paf(world.engine, lines, workers=1))  # `cms import-paf`
    assert sampled() == expected
    run(replace_paf(world.engine, NEW_PAF, workers=1))
    run(world.load_paf(lines))  # `cms import-paf --update`
    assert {u: s for u, s in sampled().items() if u in expected} == expected


def test_faulty_rows_and_duplicate_udprns_are_reported_by_line(world: World, run: Any) -> None:
    run(world.load_paf(OLD_PAF))
    first = paf_csv_line(
        udprn="22000030",
        postcode="ZE2 9AA",
        post_town="SHETLAND",
        thoroughfare="Zanzibar Wynd",
        building_number="30",
    )
    second = paf_csv_line(
        udprn="22000031",
        postcode="ZE2 9AA",
        post_town="SHETLAND",
        thoroughfare="Zanzibar Wynd",
        building_number="31",
    )
    parts = [
        ",".join(COLUMNS) + "\n",  # 1: a header, skipped
        first,  # 2
        "too,few,columns\n",  # 3
        second,  # 4
        first.replace("Zanzibar Wynd", "Duplicate Row"),  # 5: UDPRN of line 2 again
        paf_csv_line(udprn="22000032", postcode="QQ1 1AA", post_town="NOWHERE"),  # 6
        paf_csv_line(
            udprn="22000033", postcode="ZE2 9AA", post_town="SHETLAND", building_number="12A"
        ),  # 7
        # 8-9: a quoted field holding a comma and a line break; good.
        paf_csv_line(
            udprn="22000034",
            postcode="ZE2 9AB",
            post_town="SHETLAND",
            thoroughfare="Zanzibar Wynd",
            building_number="34",
            organisation_name="Mainland, Fish\nand Chips",
        ),
        second.replace("31", "33", 1),  # 10: number 33, the UDPRN of line 4 again
        paf_csv_line(udprn="", postcode="ZE2 9AA", post_town="SHETLAND"),  # 11
    ]
    assert parts[8].count("22000031") == 1
    lines = "".join(parts).splitlines(keepends=True)  # as a file gives them: physical lines
    assert len(lines) == 11

    report = run(replace_paf(world.engine, lines, workers=1))

    assert report.loaded == 3
    assert report.faulty == 6
    by_line = {error.line_number: error.message for error in report.errors}
    assert sorted(by_line) == [3, 5, 6, 7, 10, 11]
    for line_number, message in by_line.items():
        assert message.startswith(f"line {line_number}: "), message
    assert "UDPRN 22000030" in by_line[5] and "earlier line" in by_line[5]
    assert "UDPRN 22000031" in by_line[10] and "earlier line" in by_line[10]
    assert "16 columns" in by_line[3]
    assert "postcode 'QQ1 1AA'" in by_line[6]
    assert "12A" in by_line[7]
    assert "UDPRN is missing" in by_line[11]
    # The first of each duplicate is kept; the good rows replace the old PAF.
    assert found(world, run, "zanzibar wynd") == [
        "30 Zanzibar Wynd, SHETLAND, ZE2 9AA",
        "31 Zanzibar Wynd, SHETLAND, ZE2 9AA",
        "Mainland, Fish\nand Chips, 34 Zanzibar Wynd, SHETLAND, ZE2 9AB",
    ]
    assert found(world, run, "duplicate row") == []
    assert found(world, run, "33 zanzibar") == []
    assert found(world, run, "quillfeather") == []


def test_a_file_of_less_than_half_the_paf_replaces_it_only_when_forced(
    world: World, run: Any
) -> None:
    run(world.load_paf(OLD_PAF))

    with pytest.raises(TooSmallToReplace) as refused:
        run(replace_paf(world.engine, NEW_PAF[:1], workers=1))

    assert "1 delivery point, less than half the current PAF's 3" in str(refused.value)
    serves_old_paf(world, run)
    assert not table_exists(world, run, NEW)  # the refused stage is not left taking space
    report = run(replace_paf(world.engine, NEW_PAF[:1], workers=1, force=True))
    assert report.loaded == 1
    assert count(world, run) == 1


@pytest.mark.parametrize(
    ("fail_after", "workers", "staged"),
    [
        pytest.param(3, 1, 0, id="before-the-first-batch"),
        # Two batches of 20,000 lines have gone into the new table when the source fails.
        pytest.param(45_000, 1, 40_000, id="after-two-batches"),
        # Two worker processes, as `cms import-paf` uses: they are stopped, nothing hangs.
        pytest.param(25_000, 2, 0, id="in-worker-processes"),
    ],
)
def test_a_load_that_fails_part_way_leaves_the_old_paf_serving(
    world: World, run: Any, fail_after: int, workers: int, staged: int
) -> None:
    run(world.load_paf(OLD_PAF))
    synthetic = synthetic_lines(fail_after + 100, seed=5)

    with pytest.raises(LoadInterrupted):
        run(replace_paf(world.engine, failing_after(synthetic, fail_after), workers=workers))

    serves_old_paf(world, run)
    assert count(world, run) == OLD_COUNT
    assert table_exists(world, run, NEW)  # what the failed load left behind
    # SQLite commits the stage batch by batch; PostgreSQL's COPY is one statement, undone.
    assert count(world, run, NEW) == (staged if world.engine.dialect.name == "sqlite" else 0)

    # The next load starts afresh, whatever the failed one left.
    report = run(replace_paf(world.engine, NEW_PAF, workers=1))
    assert (report.loaded, report.faulty) == (len(NEW_PAF), 0)
    serves_new_paf(world, run)
    assert count(world, run) == len(NEW_PAF)
    assert not table_exists(world, run, NEW)


# --- PostgreSQL: a real `cms import-paf`, killed part way --------------------------------------

BIG_ROWS = 300_000
SMALL_ROWS = 20_000
WAIT_S = 300.0  # generous: the machine is shared; nothing here asserts on time


@pytest.fixture(scope="module")
def big_paf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _synthetic_file(tmp_path_factory, BIG_ROWS, seed=41)


@pytest.fixture(scope="module")
def small_paf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _synthetic_file(tmp_path_factory, SMALL_ROWS, seed=43)


def _synthetic_file(factory: pytest.TempPathFactory, rows: int, seed: int) -> Path:
    path = factory.mktemp("paf") / f"paf-{rows}-{seed}.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cms.adapters.paf.synthetic",
            *("--rows", str(rows), "--seed", str(seed), "--out", str(path)),
        ],
        check=True,
        timeout=WAIT_S,
        capture_output=True,
    )
    return path


def _first_postcode(path: Path) -> str:
    with open(path, encoding="utf-8") as stream:
        return stream.readline().split(",", 1)[0]


class ImportProcess:
    """`cms import-paf FILE` in its own process group (its worker processes with it), logging
    to a file; killed, group and all, if still running when the test ends."""

    def __init__(self, database_url: str, file: Path, log: Path) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
        env.update(CMS_DATABASE_URL=database_url, PYTHONUNBUFFERED="1", COLUMNS="200")
        self.log = log
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cms", "import-paf", str(file)],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> int:
        self._kill_group()
        return self.process.wait(timeout=WAIT_S)

    def _kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # the group has already gone
            os.killpg(self.process.pid, signal.SIGKILL)

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def __enter__(self) -> ImportProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        # Whatever happened, neither the import nor its worker processes may linger.
        if self.process.poll() is None:
            self.kill()
        else:
            self._kill_group()


async def _wait_for(database_url: str, process: ImportProcess, sql: str, what: str) -> Any:
    """Poll until `sql` answers something true; fail if the import ends first."""
    connection = await asyncpg.connect(database_url)
    try:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if process.process.poll() is not None:
                pytest.fail(
                    f"the import ended (exit {process.process.returncode}) before {what}:\n"
                    + process.output()
                )
            value = await connection.fetchval(sql)
            if value:
                return value
            await asyncio.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}:\n{process.output()}")
    finally:
        await connection.close()


# Rows written to the new table's storage: COPY's rows are not visible to count(*) until the
# COPY commits, but the table's file grows as they arrive.
COPYING = f"SELECT coalesce(pg_relation_size(to_regclass('{NEW}')), 0) > 1024 * 1024"
# The new table is complete (committed rows) and the swap waits for the test's lock.
SWAPPING = """SELECT count(*) > 0 FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'
    AND query ILIKE 'ALTER TABLE paf_addresses RENAME%'"""


@pytest.mark.postgres
@pytest.mark.parametrize("killed_while", ["copying", "swapping"])
def test_an_import_killed_part_way_leaves_the_old_paf_serving(
    postgres_url: str,
    run: Any,
    tmp_path: Path,
    big_paf: Path,
    small_paf: Path,
    killed_while: str,
) -> None:
    world = World.start(postgres_url)
    try:
        report = run(replace_paf(world.engine, OLD_PAF, workers=1))
        assert report.loaded == OLD_COUNT
        serves_old_paf(world, run)
        file = big_paf if killed_while == "copying" else small_paf
        new_postcode = _first_postcode(file)
        assert found(world, run, new_postcode) == []

        lock: asyncpg.Connection | None = None
        if killed_while == "swapping":
            # A reader holds the live table, so the swap waits (up to its 10 s lock timeout).
            lock = run(asyncpg.connect(postgres_url))
            run(lock.execute("BEGIN; LOCK TABLE paf_addresses IN ACCESS SHARE MODE"))
        try:
            with ImportProcess(postgres_url, file, tmp_path / "killed-import.log") as importing:
                run(
                    _wait_for(
                        postgres_url,
                        importing,
                        COPYING if killed_while == "copying" else SWAPPING,
                        f"the import was {killed_while}",
                    )
                )
                if killed_while == "copying":
                    serves_old_paf(world, run)  # searches answer while the rows go in
                # The swap gives up after its 10 s lock timeout: kill it first, look after.
                assert importing.kill() == -signal.SIGKILL, importing.output()
                if killed_while == "swapping":
                    assert count(world, run, NEW) == SMALL_ROWS  # complete, never swapped in
        finally:
            if lock is not None:
                run(lock.execute("ROLLBACK"))
                run(lock.close())

        if killed_while == "copying":
            assert count(world, run, NEW) == 0  # its COPY never committed
        # The previous PAF still answers, and nothing of the killed import shows.
        serves_old_paf(world, run)
        assert count(world, run) == OLD_COUNT
        assert found(world, run, new_postcode) == []
        assert table_exists(world, run, NEW)

        # A re-run completes and swaps in, despite the table the killed one left behind.
        with ImportProcess(postgres_url, small_paf, tmp_path / "rerun.log") as rerun:
            assert rerun.wait() == 0, rerun.output()
            assert f"Loaded {SMALL_ROWS:,} delivery points; 0 faulty" in rerun.output()
        assert count(world, run) == SMALL_ROWS
        assert not table_exists(world, run, NEW)
        assert not table_exists(world, run, "paf_addresses_old")
        assert found(world, run, "quillfeather") == []
        small_postcode = _first_postcode(small_paf)
        answered = found(world, run, small_postcode, 50)
        assert answered and all(s.endswith(f", {small_postcode}") for s in answered)
        # Its indexes are in place under the live names, and the free-text index answers.
        indexes = run(
            _scalar(
                world,
                "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                "WHERE tablename = 'paf_addresses'",
            )
        )
        assert indexes.split(",") == [
            "ix_paf_addresses_postcode_compact",
            "ix_paf_addresses_search_sample_128",
            "ix_paf_addresses_search_sample_16",
            "ix_paf_addresses_search_tsv",
            "ix_paf_addresses_sort_key",
            "pk_paf_addresses",
        ]
        street = run(
            _scalar(
                world,
                "SELECT thoroughfare || ' ' || postcode_compact FROM paf_addresses "
                "WHERE thoroughfare IS NOT NULL ORDER BY udprn LIMIT 1",
            )
        )
        assert found(world, run, street), street
    finally:
        run(world.close())


@pytest.mark.postgres
def test_searches_keep_answering_while_the_swap_waits_for_a_reader(
    postgres_url: str, run: Any
) -> None:
    world = World.start(postgres_url)
    try:
        run(replace_paf(world.engine, OLD_PAF, workers=1))
        assert run(_search_while_the_swap_waits(world, postgres_url)) == "answered"
        serves_new_paf(world, run)  # the reader let go; the swap went ahead
    finally:
        run(world.close())


async def _search_while_the_swap_waits(world: World, database_url: str) -> str:
    """'answered' if a search answers while the swap waits for a long reader to finish;
    'stalled' if it is still waiting behind the swap when the reader's time is up."""
    reader = await asyncpg.connect(database_url)
    probe = await asyncpg.connect(database_url)
    replacing: asyncio.Task[Any] | None = None
    searching: asyncio.Task[Any] | None = None
    try:
        await reader.execute("BEGIN; LOCK TABLE paf_addresses IN ACCESS SHARE MODE")
        replacing = asyncio.create_task(replace_paf(world.engine, NEW_PAF, workers=1))
        deadline = time.monotonic() + WAIT_S
        while not await probe.fetchval(SWAPPING):
            assert not replacing.done(), "the replace ended before its swap waited"
            assert time.monotonic() < deadline, "the swap never waited for the reader"
            await asyncio.sleep(0.05)
        index = world.container.address_index()
        searching = asyncio.create_task(search_addresses(index, "quillfeather", 5))
        await asyncio.wait({searching}, timeout=WAIT_S)  # the reader holds on throughout
        if not searching.done():
            return "stalled"
        assert len(searching.result()) == 2
        return "answered"
    finally:
        await reader.execute("ROLLBACK")
        await reader.close()
        await probe.close()
        for task in (searching, replacing):
            if task is not None:
                await task
