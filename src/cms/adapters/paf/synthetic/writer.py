"""The synthetic PAF as a CSV file, and the command that writes one."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from typing import TextIO

from cms.adapters.paf.csv_format import COLUMNS
from cms.adapters.paf.synthetic.generator import DEFAULT_SEED, MAX_ROWS, postcode_batches

HEADER: tuple[str, ...] = COLUMNS  # the optional header line: Royal Mail's column names
_EOL = "\r\n"


def write_paf_csv(
    path_or_stream: str | os.PathLike[str] | TextIO,
    rows: int,
    seed: int = DEFAULT_SEED,
    *,
    header: bool = False,
) -> int:
    """Write ``rows`` synthetic rows as CSV PAF to a file path or an open text stream.

    Royal Mail's CSV PAF has no header line; ``header=True`` adds the column names. Returns
    the number of delivery point rows written.
    """
    if isinstance(path_or_stream, (str, os.PathLike)):
        with open(path_or_stream, "w", encoding="utf-8", newline="") as stream:
            return _write(stream, rows, seed, header)
    return _write(path_or_stream, rows, seed, header)


def _write(stream: TextIO, rows: int, seed: int, header: bool) -> int:
    writer = csv.writer(stream, lineterminator=_EOL)
    if header:
        writer.writerow(HEADER)
    write = stream.write
    separators = len(HEADER) - 1
    for batch in postcode_batches(rows, seed):
        # Joining by hand is twice as fast as the csv module; a block with a value that
        # needs quoting (a comma or a quote mark in it) goes through the csv module instead.
        block = _EOL.join(map(",".join, batch))
        if block.count(",") == separators * len(batch) and '"' not in block:
            write(block)
            write(_EOL)
        else:
            writer.writerows(batch)
    return rows


def main(argv: list[str] | None = None) -> int:
    """``python -m cms.adapters.paf.synthetic --rows N [--seed S] [--out FILE] [--header]``."""
    parser = argparse.ArgumentParser(
        prog="python -m cms.adapters.paf.synthetic",
        description="Write a deterministic synthetic PAF in Royal Mail's 16-column CSV layout.",
    )
    parser.add_argument("--rows", type=int, required=True, help="delivery points to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same file")
    parser.add_argument("--out", help="file to write (standard output if left out)")
    parser.add_argument("--header", action="store_true", help="write a header line first")
    args = parser.parse_args(argv)
    if not 0 <= args.rows <= MAX_ROWS:
        parser.error(f"--rows must be between 0 and {MAX_ROWS:,}")
    started = time.perf_counter()
    if args.out:
        written = write_paf_csv(args.out, args.rows, args.seed, header=args.header)
        seconds = time.perf_counter() - started
        rate = written / seconds if seconds > 0 else float("inf")
        print(
            f"wrote {written:,} rows to {args.out} in {seconds:.1f} s ({rate:,.0f} rows/s)",
            file=sys.stderr,
        )
        return 0
    try:
        write_paf_csv(sys.stdout, args.rows, args.seed, header=args.header)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0
