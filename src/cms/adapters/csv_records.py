"""Reading CSV files record by record, with the file's own line numbers, never all at once."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain


@dataclass(frozen=True, slots=True)
class UnreadableRecord:
    line_number: int
    problem: str  # what the csv module could not read


def csv_records(
    lines: Iterable[str], first_line: int = 1
) -> Iterator[tuple[int, list[str]] | UnreadableRecord]:
    """(line number, stripped fields) per non-blank record; a UTF-8 BOM at the start is dropped.

    Quoted fields may hold commas and line breaks: the number is that of the record's first line.
    A record the csv module cannot read is yielded as UnreadableRecord, and reading goes on.
    `first_line` numbers a part of a file read on its own (its first line's number there).
    """
    source = iter(lines)
    first = next(source, None)
    if first is None:
        return
    reader = csv.reader(chain((first.removeprefix("\ufeff"),), source))
    offset = first_line - 1
    last_line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line_number, last_line = last_line + 1, reader.line_num
            yield UnreadableRecord(offset + line_number, str(error))
            continue
        line_number, last_line = last_line + 1, reader.line_num
        fields = list(map(str.strip, record))
        if any(fields):
            yield offset + line_number, fields
