"""Streaming reader of Royal Mail's CSV PAF (16 columns, one delivery point per row).

The file is read as it comes, one record at a time, so the 31 million rows of a full PAF never
sit in memory. Each record becomes either a :class:`PafRow` or, when something in it is wrong, a
:class:`PafRowError` that names the physical line and says what to fix; reading goes on after a
bad row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from cms.adapters.csv_records import UnreadableRecord, csv_records
from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

COLUMNS: tuple[str, ...] = (
    "Postcode",
    "Post Town",
    "Dependent Locality",
    "Double Dependent Locality",
    "Thoroughfare & Descriptor",
    "Dependent Thoroughfare & Descriptor",
    "Building Number",
    "Building Name",
    "Sub Building Name",
    "PO Box",
    "Department Name",
    "Organisation Name",
    "UDPRN",
    "Postcode Type",
    "SU Organisation Indicator",
    "Delivery Point Suffix",
)
COLUMN_COUNT = len(COLUMNS)
UDPRN_COLUMN = COLUMNS.index("UDPRN")
UDPRN_DIGITS = 8

# Royal Mail's maximum lengths, as (column index, name used in messages, maximum).
_MAX_LENGTHS: tuple[tuple[int, str, int], ...] = (
    (1, "post town", 30),
    (2, "dependent locality", 35),
    (3, "double dependent locality", 35),
    (4, "thoroughfare", 80),
    (5, "dependent thoroughfare", 80),
    (7, "building name", 50),
    (8, "sub-building name", 30),
    (9, "PO box", 6),
    (10, "department name", 60),
    (11, "organisation name", 60),
    (15, "delivery point suffix", 2),
)
# Every field within this length is within its limit, except the PO box (6) and the suffix (2).
_SHORTEST_LIMIT = 30
_UDPRN = re.compile(r"^[0-9]{1,8}$")
_BUILDING_NUMBER = re.compile(r"^[0-9]{1,4}$")
_POSTCODE_TYPES = frozenset({"S", "L"})
_SHOWN = 40  # how much of a bad value a message quotes


@dataclass(frozen=True, slots=True)
class PafRow:
    """One delivery point of the PAF; optional fields that are empty in the file are None."""

    postcode: str
    post_town: str
    dependent_locality: str | None
    double_dependent_locality: str | None
    thoroughfare: str | None
    dependent_thoroughfare: str | None
    building_number: str | None
    building_name: str | None
    sub_building_name: str | None
    po_box: str | None
    department_name: str | None
    organisation_name: str | None
    udprn: str
    postcode_type: str
    su_organisation_indicator: str | None
    delivery_point_suffix: str | None
    # Where it is in the file, for reporting a duplicate; not part of what the row is.
    line_number: int = field(default=0, compare=False)

    @property
    def postcode_compact(self) -> str:
        """The postcode without its space, as used for indexing: ``LS62AB``."""
        return self.postcode.replace(" ", "")

    @property
    def thoroughfare_and_descriptor(self) -> str | None:
        """The column's name in Royal Mail's documentation, for :attr:`thoroughfare`."""
        return self.thoroughfare

    @property
    def dependent_thoroughfare_and_descriptor(self) -> str | None:
        """The column's name in Royal Mail's documentation, for :attr:`dependent_thoroughfare`."""
        return self.dependent_thoroughfare


@dataclass(frozen=True)
class PafRowError:
    """A row that could not be read: its 1-based physical line and what to put right."""

    line_number: int
    message: str


def open_text(path: str | os.PathLike[str]) -> TextIO:
    """Open a PAF (or any CSV) file for :func:`read_paf`: UTF-8, a BOM dropped, newlines kept."""
    return open(path, encoding="utf-8-sig", newline="")


def normalise_udprn(text: str) -> str | None:
    """The UDPRN as 8 digits (``'123'`` gives ``'00000123'``), or None if it cannot be one."""
    if _UDPRN.match(text) is None:
        return None
    return text.zfill(UDPRN_DIGITS)


def udprn_fault(text: str) -> str:
    """The message for a UDPRN that :func:`normalise_udprn` refused."""
    if not text:
        return "the UDPRN is missing; every delivery point has a UDPRN of up to 8 digits"
    return f"UDPRN '{_clip(text)}' is not a number of up to 8 digits"


def read_paf(lines: Iterable[str], first_line: int = 1) -> Iterator[PafRow | PafRowError]:
    """Read CSV PAF lines (for example an open file) one record at a time.

    A header line is skipped when the first record's UDPRN column says "UDPRN"; blank lines are
    skipped; a UTF-8 byte order mark at the start is dropped. Quoted fields may hold commas and
    line breaks, and line numbers stay those of the file (for a part of the file read on its
    own, `first_line` is its first line's number in the file).
    """
    looking_for_header = first_line == 1
    cached_raw: str | None = None
    cached_postcode = ""
    for item in csv_records(lines, first_line):
        if isinstance(item, UnreadableRecord):
            yield PafRowError(
                item.line_number,
                f"line {item.line_number}: the CSV cannot be read ({item.problem}); check for a "
                "stray quote mark and that quoted fields are closed",
            )
            continue
        line_number, fields = item
        if looking_for_header:
            looking_for_header = False
            if _looks_like_header(fields):
                continue
        if len(fields) != COLUMN_COUNT:
            yield PafRowError(
                line_number,
                f"line {line_number}: expected {COLUMN_COUNT} columns, found {len(fields)}; "
                "a field holding a comma must be in double quotes",
            )
            continue

        faults: list[str] = []
        raw_postcode = fields[0]
        if raw_postcode != cached_raw:
            postcode = _parse_postcode(raw_postcode, faults)
            if postcode is not None:
                cached_raw, cached_postcode = raw_postcode, postcode
        else:
            postcode = cached_postcode
        if not fields[1]:
            faults.append("the post town is missing; every PAF row has a post town")
        udprn = normalise_udprn(fields[UDPRN_COLUMN])
        if udprn is None:
            faults.append(udprn_fault(fields[UDPRN_COLUMN]))
        building_number = fields[6]
        if building_number and _BUILDING_NUMBER.match(building_number) is None:
            faults.append(
                f"building number '{_clip(building_number)}' is not a number of 1 to 4 digits; "
                "a number with letters such as 12A belongs in the building name"
            )
        postcode_type = fields[13].upper()
        if not postcode_type:
            faults.append(
                "the postcode type is missing; it must be S (a small user postcode) "
                "or L (a large user)"
            )
        elif postcode_type not in _POSTCODE_TYPES:
            faults.append(
                f"postcode type '{_clip(fields[13])}' is not S or L "
                "(S for a small user postcode, L for a large user)"
            )
        su_indicator = fields[14].upper()
        if su_indicator not in ("", "Y"):
            faults.append(f"SU organisation indicator '{_clip(fields[14])}' must be Y or empty")
        if max(map(len, fields)) > _SHORTEST_LIMIT or len(fields[9]) > 6 or len(fields[15]) > 2:
            for index, name, maximum in _MAX_LENGTHS:
                length = len(fields[index])
                if length > maximum:
                    faults.append(
                        f"the {name} is {length} characters long; PAF allows at most {maximum}"
                    )
        if faults or postcode is None or udprn is None:
            yield PafRowError(line_number, f"line {line_number}: " + "; ".join(faults))
            continue

        yield PafRow(  # by position, in the order of the columns: it is quicker
            postcode,
            fields[1],
            fields[2] or None,
            fields[3] or None,
            fields[4] or None,
            fields[5] or None,
            building_number or None,
            fields[7] or None,
            fields[8] or None,
            fields[9] or None,
            fields[10] or None,
            fields[11] or None,
            udprn,
            postcode_type,
            su_indicator or None,
            fields[15] or None,
            line_number,
        )


def _looks_like_header(fields: list[str]) -> bool:
    if len(fields) <= UDPRN_COLUMN:
        return False
    udprn = fields[UDPRN_COLUMN]
    return not udprn.isdigit() and "UDPRN" in udprn.upper()


def _parse_postcode(raw: str, faults: list[str]) -> str | None:
    if not raw:
        faults.append("the postcode is missing; every PAF row has a postcode such as LS6 2AB")
        return None
    try:
        return str(Postcode.parse(raw))
    except InvalidValue:
        faults.append(
            f"postcode '{_clip(raw)}' is not a valid UK postcode; a postcode looks like LS6 2AB"
        )
        return None


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
