"""The synthetic PAF's postcodes: the kinds of postcode, and every postcode valid and used once."""

from __future__ import annotations

import random
from collections.abc import Iterator
from enum import Enum

from cms.adapters.paf.synthetic.geography import DISTRICTS, District
from cms.core.addresses.postcode import Postcode


class PostcodeKind(Enum):
    """What a postcode serves, which decides how many delivery points it has and what they are."""

    STREET = "houses along a street, some named, split into flats or a corner shop"
    FLATS = "a block of flats"
    RURAL = "scattered houses, mostly named, in a locality"
    BUSINESS = "units and small businesses on an estate"
    LARGE = "a large user organisation on a postcode of its own"
    PO_BOX = "PO boxes and their holders"

    @property
    def postcode_type(self) -> str:
        """Royal Mail's Postcode Type: L for a large user's own postcode (PO boxes too), else S."""
        return "L" if self in _LARGE_USER_KINDS else "S"


_LARGE_USER_KINDS = frozenset({PostcodeKind.LARGE, PostcodeKind.PO_BOX})

# A postcode's kind from one draw in [0, 1): below 0.05 a large user, from there to 0.07 PO boxes,
# and so on; the 63% left over are streets of houses.
KIND_BELOW: tuple[tuple[float, PostcodeKind], ...] = (
    (0.05, PostcodeKind.LARGE),
    (0.07, PostcodeKind.PO_BOX),
    (0.18, PostcodeKind.RURAL),
    (0.28, PostcodeKind.BUSINESS),
    (0.37, PostcodeKind.FLATS),
)


def kind_of(roll: float) -> PostcodeKind:
    """The kind of postcode that the draw ``roll`` (in [0, 1)) stands for, as in KIND_BELOW."""
    for below, kind in KIND_BELOW:
        if roll < below:
            return kind
    return PostcodeKind.STREET


_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the 20 letters Royal Mail uses in the inward code
_UNIT_PAIRS = tuple(a + b for a in _UNIT_LETTERS for b in _UNIT_LETTERS)
_UNITS_PER_SECTOR = len(_UNIT_PAIRS)  # 400
_SECTORS = 10
POSTCODES_PER_DISTRICT = _SECTORS * _UNITS_PER_SECTOR  # 4,000
_RUN = 8  # consecutive postcodes taken from one district: neighbouring units of one sector
MAX_POSTCODES = len(DISTRICTS) * POSTCODES_PER_DISTRICT


def _district_order(rng: random.Random) -> list[District]:
    """Each region's districts shuffled, then dealt round the regions so all appear early."""
    by_region: dict[str, list[District]] = {}
    for district in DISTRICTS:
        by_region.setdefault(district.region, []).append(district)
    queues = []
    for region in sorted(by_region):
        queue = by_region[region]
        rng.shuffle(queue)
        queues.append(queue)
    order: list[District] = []
    depth = 0
    while len(order) < len(DISTRICTS):
        for queue in queues:
            if depth < len(queue):
                order.append(queue[depth])
        depth += 1
    return order


def all_postcodes(rng: random.Random) -> Iterator[tuple[District, str, int]]:
    """Every postcode once: (district, "LS6 2AB", sector number), in runs of neighbours.

    Postcode k comes from district order[(k // RUN) % D]; which run of that district it is in
    and its place in the run map one to one onto (sector, unit), so nothing repeats until all
    D x 4,000 are used.
    """
    order = _district_order(rng)
    count = len(order)
    offsets = [rng.randrange(_UNITS_PER_SECTOR) for _ in range(count)]
    sector_shift = [rng.randrange(_SECTORS) for _ in range(count)]
    for k in range(MAX_POSTCODES):
        block, j = divmod(k, _RUN)
        cycle, index = divmod(block, count)  # the cycle-th run taken from this district
        district = order[index]
        q, s = divmod(cycle, _SECTORS)  # (cycle, j) <-> (sector, unit) one to one
        sector = (s + sector_shift[index]) % _SECTORS
        unit = _UNIT_PAIRS[(q * _RUN + j + offsets[index]) % _UNITS_PER_SECTOR]
        yield district, str(Postcode.parse(f"{district.outward} {sector}{unit}")), sector
