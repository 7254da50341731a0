"""Streaming reader of a UK Link extract of existing meter points: a CSV of ``mprn,udprn``.

Each record becomes a :class:`MeterPointRow` or, when something in it is wrong, a
:class:`MeterPointRowError` naming the physical line and what to fix; reading goes on after a bad
row. The file is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cms.adapters.csv_records import UnreadableRecord, csv_records
from cms.adapters.paf.csv_format import normalise_udprn, udprn_fault
from cms.core.contacts.identifiers import Mprn
from cms.core.shared.errors import InvalidValue

HEADER = ("mprn", "udprn")
COLUMN_COUNT = len(HEADER)


@dataclass(frozen=True, slots=True)
class MeterPointRow:
    """A meter point known to UK Link and the PAF delivery point (UDPRN, 8 digits) it serves."""

    mprn: Mprn
    udprn: str
    # Where it is in the file, for reporting a refusal; not part of what the row is.
    line_number: int = field(default=0, compare=False)


@dataclass(frozen=True)
class MeterPointRowError:
    """A row that could not be read: its 1-based physical line and what to put right."""

    line_number: int
    message: str


def read_meter_points(lines: Iterable[str]) -> Iterator[MeterPointRow | MeterPointRowError]:
    """Read ``mprn,udprn`` lines one record at a time; an ``mprn,udprn`` header is skipped."""
    looking_for_header = True
    for item in csv_records(lines):
        if isinstance(item, UnreadableRecord):
            yield MeterPointRowError(
                item.line_number,
                f"line {item.line_number}: the CSV cannot be read ({item.problem}); check for a "
                "stray quote mark",
            )
            continue
        line_number, fields = item
        if looking_for_header:
            looking_for_header = False
            if tuple(name.lower() for name in fields) == HEADER:
                continue
        if len(fields) != COLUMN_COUNT:
            yield MeterPointRowError(
                line_number,
                f"line {line_number}: expected {COLUMN_COUNT} columns (mprn,udprn), "
                f"found {len(fields)}",
            )
            continue
        faults: list[str] = []
        mprn: Mprn | None = None
        if not fields[0]:
            faults.append("the MPRN is missing")
        else:
            try:
                mprn = Mprn.parse(fields[0])
            except InvalidValue as exc:
                faults.append(f"MPRN {exc.message}")
        udprn = normalise_udprn(fields[1])
        if udprn is None:
            faults.append(udprn_fault(fields[1]))
        if mprn is None or udprn is None:
            yield MeterPointRowError(line_number, f"line {line_number}: " + "; ".join(faults))
            continue
        yield MeterPointRow(mprn, udprn, line_number)
