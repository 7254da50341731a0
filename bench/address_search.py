"""Measure the type-ahead address search against a plain ILIKE scan, on a synthetic PAF.

    .venv/bin/python bench/address_search.py                   # 1,000,000 rows, PostgreSQL
    .venv/bin/python bench/address_search.py --full            # 31,000,000 rows
    .venv/bin/python bench/address_search.py --database sqlite

It writes a synthetic PAF, loads it with `cms import-paf` into a database of its own (kept, and
reused by the next run with the same rows: --reload to load again), and prints the load time and
the table's and indexes' sizes. It then replays a fixed mix of 1,000 type-ahead queries (each
address typed a few characters at a time, the way people type it: by postcode, by number and
street and town, by house name, by flat, by organisation) through the search port at concurrency
1 and 8, and a sample of the same mix through `WHERE <address text> ILIKE '%...%'`: the scan a
search without an index does. Figures: p50, p95, p99, max and queries a second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text

from cms.adapters.paf.search import PostgresAddressIndex, SqliteAddressIndex
from cms.adapters.paf.synthetic import write_paf_csv
from cms.adapters.sql.engine import create_engine
from cms.core.addresses.search import AddressIndex, search_addresses

ADMIN_URL = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SEED = 2026
SHORT = {"ROAD": "rd", "STREET": "st", "AVENUE": "ave", "LANE": "ln", "CLOSE": "cl", "DRIVE": "dr"}


def typed_prefixes(query: str, rng: random.Random) -> list[str]:
    """What the search sees while someone types `query`: a prefix every 2 to 4 characters."""
    seen, position = [], 2
    while position < len(query):
        seen.append(query[:position])
        position += rng.randint(2, 4)
    seen.append(query)
    return seen


def natural_query(row: Any, rng: random.Random) -> str:
    """One way a person would type this address."""
    street = (row.thoroughfare or "").lower()
    words = street.split()
    if words and words[-1].upper() in SHORT and rng.random() < 0.5:
        words[-1] = SHORT[words[-1].upper()]
    street = " ".join(words)
    town = row.post_town.lower()
    roll = rng.random()
    if roll < 0.25:
        compact = row.postcode.replace(" ", "")
        return rng.choice([compact.lower(), row.postcode.lower(), row.postcode])
    if row.organisation_name and roll < 0.35:
        return row.organisation_name.lower()
    if row.sub_building_name and row.building_number and roll < 0.5:
        return f"{row.sub_building_name.lower()} {row.building_number} {street}"
    if row.building_name and not row.building_number and roll < 0.65:
        return f"{row.building_name.lower()} {town}"
    if row.building_number and street:
        tail = row.postcode.split()[0].lower() if roll > 0.9 else town
        return f"{row.building_number} {street} {tail}"
    return f"{(row.building_name or '').lower()} {street} {town}".strip()


async def sample_rows(engine: Any, count: int, rng: random.Random) -> list[Any]:
    """`count` addresses spread over the table, the same for the same table and seed."""
    async with engine.connect() as connection:
        bounds = (
            await connection.execute(text("SELECT min(udprn), max(udprn) FROM paf_addresses"))
        ).one()
        low, high = int(bounds[0]), int(bounds[1])
        rows = []
        for _ in range(count):
            start = f"{rng.randint(low, high):08d}"
            row = (
                await connection.execute(
                    text("SELECT * FROM paf_addresses WHERE udprn >= :u ORDER BY udprn LIMIT 1"),
                    {"u": start},
                )
            ).first()
            if row is not None:
                rows.append(row)
    return rows


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def replay(run_one: Any, queries: list[str], concurrency: int) -> tuple[list[float], float]:
    """Latencies (ms) of every query, and queries a second, with `concurrency` at a time."""
    latencies: list[float] = []
    pending = iter(queries)

    async def worker() -> None:
        for query in pending:
            started = time.perf_counter()
            await run_one(query)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, len(latencies) / (time.perf_counter() - started)


def line(label: str, latencies: list[float], qps: float) -> str:
    return (
        f"{label:<34} {len(latencies):>5} {statistics.median(latencies):>9.1f} "
        f"{percentile(latencies, 0.95):>9.1f} {percentile(latencies, 0.99):>9.1f} "
        f"{max(latencies):>9.1f} {qps:>9.1f}"
    )


async def ilike_runner(engine: Any, postgres: bool, timeout_s: float) -> Any:
    operator = "ILIKE" if postgres else "LIKE"  # SQLite's LIKE ignores ASCII case already
    label = (
        "concat_ws(' ', organisation_name, sub_building_name, building_name, building_number,"
        " thoroughfare, post_town, postcode)"
    )
    sql = text(f"SELECT udprn FROM paf_addresses WHERE {label} {operator} :pattern LIMIT 10")

    async def run_one(query: str) -> None:
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        async with engine.connect() as connection:
            if postgres:
                await connection.execute(text(f"SET statement_timeout = {int(timeout_s * 1000)}"))
            try:
                await connection.execute(sql, {"pattern": pattern})
            except Exception as error:  # a query past the time limit counts at the limit
                if "statement timeout" not in str(error) and "canceling" not in str(error):
                    raise
                await connection.rollback()

    return run_one


async def fresh_database(name: str, reload: bool) -> bool:
    """Make the PostgreSQL database if missing (or --reload); True if it already held a load."""
    admin = await asyncpg.connect(ADMIN_URL)
    try:
        exists = bool(await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
        if reload and exists:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return exists


def database_url(kind: str, rows: int, reload: bool, csv: Path) -> tuple[str, float | None]:
    """The bench database's URL; loads it (timed) when it is new or --reload."""
    name = f"cms_bench_paf_{rows}"
    if kind == "sqlite":
        path = Path(tempfile.gettempdir()) / f"{name}.db"
        url = f"sqlite:///{path}"
        exists = path.exists()
        if reload and exists:
            path.unlink()
            exists = False
    else:
        url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        exists = asyncio.run(fresh_database(name, reload))
    if exists:
        return url, None
    env = {**os.environ, "CMS_DATABASE_URL": url, "COLUMNS": "200"}
    subprocess.run(
        [sys.executable, "-m", "cms", "migrate"], env=env, check=True, capture_output=True
    )
    if not csv.exists():
        print(f"writing {rows:,} synthetic PAF rows to {csv} ...", flush=True)
        write_paf_csv(csv, rows, SEED)
    print(f"loading with cms import-paf ({kind}) ...", flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cms", "import-paf", str(csv)], env=env, check=True)
    return url, time.perf_counter() - started


async def sizes(engine: Any) -> list[tuple[str, int]]:
    if engine.dialect.name != "postgresql":
        return []
    async with engine.connect() as connection:
        found = await connection.execute(
            text(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
                "WHERE c.relname = 'paf_addresses' OR c.oid IN "
                "(SELECT indexrelid FROM pg_index WHERE indrelid = 'paf_addresses'::regclass) "
                "ORDER BY 2 DESC"
            )
        )
        return [(row[0], int(row[1])) for row in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--full", action="store_true", help="31,000,000 rows: the whole PAF")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        help="how many of the mix go through ILIKE (default: all at 1M, 100 above)",
    )
    parser.add_argument("--baseline-timeout-s", type=float, default=30.0)
    parser.add_argument("--reload", action="store_true", help="load the PAF again")
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument(
        "--slowest", type=int, default=0, help="list this many slowest queries (concurrency 1)"
    )
    options = parser.parse_args()
    rows = 31_000_000 if options.full else options.rows
    csv = options.csv or Path(tempfile.gettempdir()) / f"paf_{rows}_{SEED}.csv"
    url, load_s = database_url(options.database, rows, options.reload, csv)
    asyncio.run(measure(url, rows, load_s, options))


async def measure(url: str, rows: int, load_s: float | None, options: argparse.Namespace) -> None:
    engine = create_engine(url)
    postgres = engine.dialect.name == "postgresql"
    index: AddressIndex = PostgresAddressIndex(engine) if postgres else SqliteAddressIndex(engine)

    rng = random.Random(SEED)
    sampled = await sample_rows(engine, 400, rng)
    mix: list[str] = []
    for row in sampled:
        mix.extend(typed_prefixes(natural_query(row, rng), rng))
        if len(mix) >= options.queries:
            break
    mix = mix[: options.queries]

    async def search_one(query: str) -> None:
        await search_addresses(index, query, 10)

    print(f"\nPAF rows: {rows:,} on {options.database}")
    if load_s is not None:
        rate = rows / load_s
        print(f"load (cms import-paf, with indexes and swap): {load_s:,.1f} s = {rate:,.0f} rows/s")
    for name, size in await sizes(engine):
        print(f"  {name:<40} {size / 2**20:>10,.1f} MB")
    for query in mix[:40]:  # warm the caches the same way for every run
        await search_one(query)
    print(f"\n{'':<34} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'max ms':>9} {'q/s':>9}")
    results = {}
    for concurrency in (1, 8):
        latencies, qps = await replay(search_one, mix, concurrency)
        results[concurrency] = latencies
        print(line(f"search, concurrency {concurrency}", latencies, qps), flush=True)
    if options.slowest:
        print(f"\nslowest {options.slowest} at concurrency 1:")
        ordered = sorted(zip(results[1], mix, strict=True), reverse=True)
        for latency, query in ordered[: options.slowest]:
            print(f"  {latency:>8.1f} ms  {query!r}")
    baseline_count = options.baseline_queries or (len(mix) if rows <= 1_000_000 else 100)
    baseline_mix = mix[:: max(1, len(mix) // baseline_count)][:baseline_count]
    scan = await ilike_runner(engine, postgres, options.baseline_timeout_s)
    baseline, qps = await replay(scan, baseline_mix, 1)
    print(line("ILIKE '%...%' scan, concurrency 1", baseline, qps))
    ours = [lat for query, lat in zip(mix, results[1], strict=False) if query in set(baseline_mix)]
    print(
        f"\nratio (ILIKE / search, same {len(baseline_mix)} queries, concurrency 1): "
        f"p50 {statistics.median(baseline) / statistics.median(ours):,.0f}x, "
        f"p95 {percentile(baseline, 0.95) / percentile(ours, 0.95):,.0f}x"
    )
    p95, p99 = percentile(results[1], 0.95), percentile(results[1], 0.99)
    print(
        f"goal at concurrency 1: p95 <= 50 ms ({'met' if p95 <= 50 else 'NOT met'}: {p95:.1f}), "
        f"p99 <= 100 ms ({'met' if p99 <= 100 else 'NOT met'}: {p99:.1f})"
    )
    await engine.dispose()


if __name__ == "__main__":
    main()
