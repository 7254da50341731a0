"""Measure `cms import-paf`: rows a second and peak memory, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_paf.py [--rows 1000000] [--database sqlite postgresql]

It writes a synthetic CSV PAF (with a few faulty rows mixed in), runs the real command in a
child process on a throwaway database, and prints elapsed time, rate and the child's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

from cms.adapters.paf.synthetic import write_paf_csv

ADMIN_URL = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
FAULTY_LINES = ("this,row,is,short\n", "QQ1 1AA,NOWHERE,,,,,,,,,,,1,S,,1A\n")


def write_input(path: Path, rows: int) -> None:
    write_paf_csv(path, rows)
    with path.open("a", encoding="utf-8") as stream:
        stream.writelines(FAULTY_LINES)


async def admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def run_cms(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `cms ARGS` and return (seconds, peak RSS in MB, last output line)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "cms", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    output = (child.stdout.read() if child.stdout else "") + (
        child.stderr.read() if child.stderr else ""
    )
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"cms {' '.join(args)} failed:\n{output}")
    last = [line for line in output.splitlines() if line.strip()][-1]
    return elapsed, usage.ru_maxrss / 1024, last


def bench(database: str, csv_path: Path, rows: int, workdir: Path) -> None:
    if database == "sqlite":
        url, drop = f"sqlite:///{workdir / 'bench.db'}", None
    else:
        name = f"cms_bench_{uuid.uuid4().hex[:10]}"
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
        url, drop = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", name
    env = {**os.environ, "CMS_DATABASE_URL": url, "COLUMNS": "200"}
    try:
        run_cms(["migrate"], env)
        elapsed, peak_mb, last = run_cms(["import-paf", str(csv_path)], env)
        print(
            f"{database:<11} {rows:>11,} rows  {elapsed:8.1f} s  {rows / elapsed:>9,.0f} rows/s  "
            f"peak RSS {peak_mb:6.1f} MB  | {last}"
        )
    finally:
        if drop:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--database", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        csv_path = workdir / "paf.csv"
        write_input(csv_path, options.rows)
        print(
            f"input: {csv_path.stat().st_size / 1e6:,.0f} MB, {options.rows:,} rows "
            f"+ {len(FAULTY_LINES)} faulty"
        )
        for database in options.database:
            bench(database, csv_path, options.rows, workdir)


if __name__ == "__main__":
    main()
