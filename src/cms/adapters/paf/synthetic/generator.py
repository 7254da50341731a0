"""The synthetic PAF's delivery points: postcode after postcode, rows keyed by column name.

A row is a list of 16 strings in csv_format.COLUMNS order, but nothing here builds one by
position: each column's place is looked up by Royal Mail's name for it once, below, and a row
starts as a copy of its postcode's row (every column empty but those the postcode fills in),
with its own columns then set by name. Copying a template is also faster than building the list.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from cms.adapters.paf.csv_format import COLUMNS
from cms.adapters.paf.synthetic.postcodes import PostcodeKind, all_postcodes, kind_of
from cms.adapters.paf.synthetic.vocabulary import (
    BLOCK_NAMES,
    BUSINESS_STREETS,
    DEPARTMENTS,
    DESCRIPTORS,
    FLAT_WORDS,
    HAMLETS,
    HOUSE_NAMES,
    LARGE_USERS,
    LOCALITIES,
    ORG_FIRST,
    ORG_KIND,
    ORG_SPECIAL,
    STREET_NAMES,
    WHOLE_STREETS,
)

DEFAULT_SEED = 2026
FIRST_UDPRN = 10_000_000
MAX_ROWS = 60_000_000  # keeps every UDPRN at 8 digits
MAX_DELIVERY_POINTS = 60

# Where each column is in a row, by its name in Royal Mail's layout (a name that is not there
# fails on import).
_AT = {name: place for place, name in enumerate(COLUMNS)}
POSTCODE = _AT["Postcode"]
POST_TOWN = _AT["Post Town"]
DEPENDENT_LOCALITY = _AT["Dependent Locality"]
DOUBLE_DEPENDENT_LOCALITY = _AT["Double Dependent Locality"]
THOROUGHFARE = _AT["Thoroughfare & Descriptor"]
DEPENDENT_THOROUGHFARE = _AT["Dependent Thoroughfare & Descriptor"]
BUILDING_NUMBER = _AT["Building Number"]
BUILDING_NAME = _AT["Building Name"]
SUB_BUILDING_NAME = _AT["Sub Building Name"]
PO_BOX = _AT["PO Box"]
DEPARTMENT_NAME = _AT["Department Name"]
ORGANISATION_NAME = _AT["Organisation Name"]
UDPRN = _AT["UDPRN"]
POSTCODE_TYPE = _AT["Postcode Type"]
SU_ORGANISATION_INDICATOR = _AT["SU Organisation Indicator"]
DELIVERY_POINT_SUFFIX = _AT["Delivery Point Suffix"]

_SUFFIXES = tuple(f"{i // 26 + 1}{chr(ord('A') + i % 26)}" for i in range(MAX_DELIVERY_POINTS + 10))
_NO_POSTCODE: tuple[None, str, int] = (None, "", 0)
# The kinds of postcode under short names: reading a member off an Enum class is slow in Python
# 3.11 (it made the whole file 4% slower), and they are compared once or more every postcode.
_STREET = PostcodeKind.STREET
_FLATS = PostcodeKind.FLATS
_RURAL = PostcodeKind.RURAL
_BUSINESS = PostcodeKind.BUSINESS
_LARGE = PostcodeKind.LARGE
_PO_BOXES = PostcodeKind.PO_BOX


def generate_paf(rows: int, seed: int = DEFAULT_SEED) -> Iterator[list[str]]:
    """Yield ``rows`` synthetic PAF rows of 16 strings, the same ones for the same seed.

    Delivery points of one postcode are consecutive and no postcode comes back later. UDPRNs
    are 8 digits, unique and increasing.
    """
    for batch in postcode_batches(rows, seed):
        yield from batch


def postcode_batches(rows: int, seed: int) -> Iterator[list[list[str]]]:
    """The rows of :func:`generate_paf`, one list per postcode."""
    if rows < 0:
        raise ValueError("rows must not be negative")
    if rows > MAX_ROWS:
        raise ValueError(f"at most {MAX_ROWS:,} rows can be generated with 8-digit UDPRNs")
    rng = random.Random(seed)
    random_ = rng.random
    randrange = rng.randrange
    choice = rng.choice
    udprn = FIRST_UDPRN + (seed % 10_000) * 1_000
    suffixes = _SUFFIXES
    localities = LOCALITIES
    remaining = rows
    postcodes = all_postcodes(random.Random(seed))
    previous_street = ""
    next_number = 1
    while remaining > 0:
        district, postcode, sector = next(postcodes, _NO_POSTCODE)
        if district is None:
            raise RuntimeError("ran out of synthetic postcodes")
        # Each (district, sector) keeps its character: a suburb with a name, or not.
        character = district.key * 7 + sector * 13
        locality = (
            localities[(district.key * 31 + sector * 7) % len(localities)]
            if character % 20 < 4
            else ""
        )
        double_locality = ""

        # --- what kind of postcode this is, and how many delivery points it has ---
        kind = kind_of(random_())
        count = _how_many(kind, rng)
        if kind is _RURAL:
            if not locality:
                locality = localities[randrange(len(localities))]
            if random_() < 0.25:
                double_locality = choice(HAMLETS)
        count = min(max(count, 1), MAX_DELIVERY_POINTS, remaining)
        remaining -= count

        # --- the thoroughfare: a street often runs on over neighbouring postcodes ---
        if kind is _BUSINESS:
            street = choice(BUSINESS_STREETS)
        elif kind is _RURAL:
            street = _street(rng) if random_() < 0.6 else ""
        elif kind is _PO_BOXES:
            street = ""
        elif previous_street and random_() < 0.45:
            street = previous_street
        else:
            street = _street(rng)
            next_number = 1 + 2 * randrange(0, 40) if random_() < 0.5 else 1
        dependent_street = ""
        if (kind is _STREET or kind is _FLATS) and random_() < 0.05:
            dependent_street, street = street, _street(rng)
        previous_street = street if kind is _STREET and not dependent_street else ""

        # What every delivery point of the postcode has; UDPRN and suffix are filled in last.
        head = [""] * len(COLUMNS)
        head[POSTCODE] = postcode
        head[POST_TOWN] = district.post_town
        head[DEPENDENT_LOCALITY] = locality
        head[DOUBLE_DEPENDENT_LOCALITY] = double_locality
        head[THOROUGHFARE] = street
        head[DEPENDENT_THOROUGHFARE] = dependent_street
        head[POSTCODE_TYPE] = kind.postcode_type
        if kind is _STREET:
            out, next_number = _houses(rng, head, count, next_number)
        elif kind is _FLATS:
            out = _flats(rng, head, count)
        elif kind is _RURAL:
            out = _rural(rng, head, count)
        elif kind is _BUSINESS:
            out = _business(rng, head, count)
        elif kind is _LARGE:
            out = _large_user(rng, head, count)
        else:
            out = _po_boxes(rng, head, count)
        for row, number_text, suffix in zip(
            out, map(str, range(udprn, udprn + count)), suffixes, strict=False
        ):
            row[UDPRN] = number_text
            row[DELIVERY_POINT_SUFFIX] = suffix
        udprn += count
        yield out


def _how_many(kind: PostcodeKind, rng: random.Random) -> int:
    """How many delivery points a postcode of this kind has (before the limits are applied)."""
    if kind is _LARGE:
        return 1 if rng.random() < 0.7 else rng.randrange(2, 4)
    if kind is _PO_BOXES:
        return 1 if rng.random() < 0.6 else rng.randrange(2, 6)
    if kind is _RURAL:
        return rng.randrange(1, 16)
    if kind is _BUSINESS:
        return rng.randrange(2, 24)
    if kind is _FLATS:
        return rng.randrange(6, 41) if rng.random() < 0.85 else rng.randrange(40, 61)
    return round(rng.triangular(2, 40, 12))


def _street(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.08:
        return WHOLE_STREETS[int(r * 12.5 * len(WHOLE_STREETS))]
    name = STREET_NAMES[int(rng.random() ** 2 * len(STREET_NAMES))]
    return f"{name} {rng.choice(DESCRIPTORS)}"


def _organisation(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(ORG_SPECIAL)
    return f"{rng.choice(ORG_FIRST)} {rng.choice(ORG_KIND)}"


def _houses(
    rng: random.Random, head: list[str], count: int, number: int
) -> tuple[list[list[str]], int]:
    """A street's houses, numbered on from ``number``; also the number the street goes on at."""
    random_ = rng.random
    copy = head.copy
    out: list[list[str]] = []
    append = out.append
    step = 2 if random_() < 0.7 else 1
    while len(out) < count:
        r = random_()
        row = copy()
        if r >= 0.15:  # most are just a number
            row[BUILDING_NUMBER] = str(number)
            append(row)
        elif r < 0.05:  # a named house, sometimes with its number too
            if r < 0.02:
                row[BUILDING_NUMBER] = str(number)
            row[BUILDING_NAME] = rng.choice(HOUSE_NAMES)
            append(row)
        elif r < 0.09:  # a house split into flats
            letters = random_() < 0.4
            row[BUILDING_NUMBER] = str(number)
            for f in range(min(rng.randrange(2, 5), count - len(out))):
                flat = row.copy()
                flat[SUB_BUILDING_NAME] = f"Flat {'ABCD'[f]}" if letters else f"Flat {f + 1}"
                append(flat)
        elif r < 0.12:  # then "12A": a number with a letter is a building name
            row[BUILDING_NUMBER] = str(number)
            append(row)
            if len(out) < count:
                row = copy()
                row[BUILDING_NAME] = f"{number}A"
                append(row)
        elif r < 0.13:  # two houses made one: "1-3"
            row[BUILDING_NAME] = f"{number}-{number + step}"
            append(row)
            number += step
        else:  # a corner shop
            row[BUILDING_NUMBER] = str(number)
            row[ORGANISATION_NAME] = _organisation(rng)
            row[SU_ORGANISATION_INDICATOR] = "Y"
            append(row)
        number += step
    return out, number


def _flats(rng: random.Random, head: list[str], count: int) -> list[list[str]]:
    """A block of flats, named or numbered, its flats numbered from 1."""
    numbered = rng.random() < 0.3
    building = head.copy()
    building[BUILDING_NAME] = "" if numbered else rng.choice(BLOCK_NAMES)
    if numbered or rng.random() < 0.3:
        building[BUILDING_NUMBER] = str(1 + rng.randrange(200))
    word = rng.choice(FLAT_WORDS)
    copy = building.copy
    out = []
    for f in range(count):
        row = copy()
        row[SUB_BUILDING_NAME] = f"{word} {f + 1}"
        out.append(row)
    return out


def _rural(rng: random.Random, head: list[str], count: int) -> list[list[str]]:
    """Scattered houses in the country, most of them named rather than numbered."""
    # Drawn without replacement: no two delivery points of a postcode are the same premises.
    names = iter(rng.sample(HOUSE_NAMES, min(count, len(HOUSE_NAMES))))
    numbers = iter(rng.sample(range(1, 61), min(count, 60)))
    random_ = rng.random
    out = []
    for _ in range(count):
        name = next(names, None) if random_() < 0.8 else None
        row = head.copy()
        if name is not None:
            row[BUILDING_NAME] = name
        else:
            row[BUILDING_NUMBER] = str(next(numbers))
        out.append(row)
    return out


def _business(rng: random.Random, head: list[str], count: int) -> list[list[str]]:
    """Units and numbered premises, most of them with a small business in."""
    number = 1 + rng.randrange(20)
    out = []
    for f in range(count):
        r = rng.random()
        row = head.copy()
        if r < 0.35:
            row[BUILDING_NAME] = f"Unit {f + 1}"
        else:
            row[BUILDING_NUMBER] = str(number)
            number += 1
        if r < 0.85:
            row[ORGANISATION_NAME] = _organisation(rng)
            row[SU_ORGANISATION_INDICATOR] = "Y"
        out.append(row)
    return out


def _large_user(rng: random.Random, head: list[str], count: int) -> list[list[str]]:
    """One organisation's own postcode, a delivery point a department when it has several."""
    random_ = rng.random
    choice = rng.choice
    organisation = (
        f"{choice(ORG_FIRST)} {choice(LARGE_USERS)}"
        if random_() < 0.6
        else f"{choice(ORG_FIRST)} {choice(ORG_KIND)}"
    )
    building = choice(BLOCK_NAMES) if random_() < 0.5 else ""
    premises = head.copy()
    premises[BUILDING_NUMBER] = (
        str(1 + rng.randrange(300)) if not building or random_() < 0.3 else ""
    )
    premises[BUILDING_NAME] = building
    premises[ORGANISATION_NAME] = organisation
    out = []
    for _ in range(count):
        row = premises.copy()
        row[DEPARTMENT_NAME] = choice(DEPARTMENTS) if count > 1 or random_() < 0.3 else ""
        out.append(row)
    return out


def _po_boxes(rng: random.Random, head: list[str], count: int) -> list[list[str]]:
    """PO boxes: no premises, just the box number and its holder."""
    out = []
    for _ in range(count):
        row = head.copy()
        row[PO_BOX] = str(1 + rng.randrange(99_999))
        row[ORGANISATION_NAME] = _organisation(rng)
        out.append(row)
    return out
