"""A deterministic, realistic synthetic PAF in Royal Mail's 16-column CSV layout.

The real PAF is licensed, so tests, demos and load runs use this instead. It looks like the real
thing where our code cares: real postcode areas, districts and post towns spread over all 13 LDZ
regions; valid and unique postcodes; about 16 delivery points per postcode (1 to 60); street names
repeated across towns; house numbers, named houses, flats, "12A"-style building names (Royal
Mail's exception rule), dependent localities, small businesses, large user organisations on
their own postcode (type L) and PO boxes.

It streams in constant memory and is fast enough to write a full-size (31 million row) file::

    python -m cms.adapters.paf.synthetic --rows 31000000 --seed 2026 --out paf.csv

The same rows and seed always give the same file. It is test and demo data, implementing no
port: ``geography`` and ``vocabulary`` hold the places and words as data, ``postcodes`` the kinds
of postcode and the postcodes themselves, ``generator`` the delivery points (rows keyed by
column name) and ``writer`` the CSV file and the command.
"""

from cms.adapters.paf.synthetic.generator import (
    DEFAULT_SEED,
    FIRST_UDPRN,
    MAX_DELIVERY_POINTS,
    MAX_ROWS,
    generate_paf,
)
from cms.adapters.paf.synthetic.geography import AREA_REGION, DISTRICTS, REGION_AREAS, District
from cms.adapters.paf.synthetic.postcodes import (
    MAX_POSTCODES,
    POSTCODES_PER_DISTRICT,
    PostcodeKind,
)
from cms.adapters.paf.synthetic.writer import HEADER, main, write_paf_csv

__all__ = [
    "AREA_REGION",
    "DEFAULT_SEED",
    "DISTRICTS",
    "FIRST_UDPRN",
    "HEADER",
    "MAX_DELIVERY_POINTS",
    "MAX_POSTCODES",
    "MAX_ROWS",
    "POSTCODES_PER_DISTRICT",
    "REGION_AREAS",
    "District",
    "PostcodeKind",
    "generate_paf",
    "main",
    "write_paf_csv",
]
