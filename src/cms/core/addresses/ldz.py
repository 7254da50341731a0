"""Local Distribution Zones, the networks that own them, and the postcode to LDZ table."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue


class Ldz(StrEnum):
    """One of the 13 GB gas Local Distribution Zones."""

    EA = "EA"
    EM = "EM"
    NE = "NE"
    NO = "NO"
    NT = "NT"
    NW = "NW"
    SC = "SC"
    SE = "SE"
    SO = "SO"
    SW = "SW"
    WM = "WM"
    WN = "WN"
    WS = "WS"

    @property
    def display_name(self) -> str:
        """The zone's name as the industry writes it, e.g. ``North Thames``."""
        return _LDZ_NAMES[self]

    @property
    def owner(self) -> NetworkOwner:
        """The Distribution Network that owns this zone."""
        return owner_of(self)


_LDZ_NAMES: Mapping[Ldz, str] = MappingProxyType(
    {
        Ldz.EA: "East Anglia",
        Ldz.EM: "East Midlands",
        Ldz.NE: "North East",
        Ldz.NO: "Northern",
        Ldz.NT: "North Thames",
        Ldz.NW: "North West",
        Ldz.SC: "Scotland",
        Ldz.SE: "South East",
        Ldz.SO: "Southern",
        Ldz.SW: "South West",
        Ldz.WM: "West Midlands",
        Ldz.WN: "Wales North",
        Ldz.WS: "Wales South",
    }
)


class NetworkOwner(StrEnum):
    """A gas Distribution Network (DN) company and the zones it owns."""

    CADENT = "CADENT"
    NGN = "NGN"
    SGN = "SGN"
    WWU = "WWU"

    @property
    def display_name(self) -> str:
        """The name people know the network by, e.g. ``Wales & West Utilities``."""
        return _OWNER_NAMES[self]

    @property
    def ldzs(self) -> frozenset[Ldz]:
        """The zones this network owns."""
        return _OWNED_LDZS[self]


_OWNER_NAMES: Mapping[NetworkOwner, str] = MappingProxyType(
    {
        NetworkOwner.CADENT: "Cadent",
        NetworkOwner.NGN: "Northern Gas Networks",
        NetworkOwner.SGN: "SGN",
        NetworkOwner.WWU: "Wales & West Utilities",
    }
)

_OWNED_LDZS: Mapping[NetworkOwner, frozenset[Ldz]] = MappingProxyType(
    {
        NetworkOwner.CADENT: frozenset({Ldz.EA, Ldz.EM, Ldz.NT, Ldz.NW, Ldz.WM}),
        NetworkOwner.NGN: frozenset({Ldz.NE, Ldz.NO}),
        NetworkOwner.SGN: frozenset({Ldz.SC, Ldz.SE, Ldz.SO}),
        NetworkOwner.WWU: frozenset({Ldz.SW, Ldz.WN, Ldz.WS}),
    }
)

# The inverse, built once so that a zone missing from (or owned twice in) the table above
# fails at import rather than when a contact is allocated.
_OWNER_OF: Mapping[Ldz, NetworkOwner] = MappingProxyType(
    {ldz: owner for owner, ldzs in _OWNED_LDZS.items() for ldz in ldzs}
)
if set(_OWNER_OF) != set(Ldz) or sum(len(v) for v in _OWNED_LDZS.values()) != len(Ldz):
    raise AssertionError("every LDZ must be owned by exactly one network")


def owner_of(ldz: Ldz) -> NetworkOwner:
    """The Distribution Network that owns ``ldz``."""
    return _OWNER_OF[ldz]


# The shipped default: each of the 124 postcode areas (the 121 UK areas, Northern Ireland's BT
# among them, plus the Crown Dependencies GY, JE and IM) mapped to the zone serving most of it.
# It is demo-grade reference data; a finer postcode-district file can be loaded over it, e.g. to
# send Deeside (CH5-CH8) to WN or Berwick (TD15) to NO. None marks places with no GB gas network.
DEFAULT_AREA_LDZ: Mapping[str, Ldz | None] = MappingProxyType(
    {
        # Scotland (SGN)
        "AB": Ldz.SC, "DD": Ldz.SC, "DG": Ldz.SC, "EH": Ldz.SC, "FK": Ldz.SC, "G": Ldz.SC,
        "HS": Ldz.SC, "IV": Ldz.SC, "KA": Ldz.SC, "KW": Ldz.SC, "KY": Ldz.SC, "ML": Ldz.SC,
        "PA": Ldz.SC, "PH": Ldz.SC, "TD": Ldz.SC, "ZE": Ldz.SC,
        # Northern: the North East of England and Cumbria (NGN)
        "CA": Ldz.NO, "DH": Ldz.NO, "DL": Ldz.NO, "NE": Ldz.NO, "SR": Ldz.NO, "TS": Ldz.NO,
        # North East: Yorkshire (NGN)
        "BD": Ldz.NE, "HD": Ldz.NE, "HG": Ldz.NE, "HU": Ldz.NE, "HX": Ldz.NE, "LS": Ldz.NE,
        "WF": Ldz.NE, "YO": Ldz.NE,
        # North West (Cadent)
        "BB": Ldz.NW, "BL": Ldz.NW, "CH": Ldz.NW, "CW": Ldz.NW, "FY": Ldz.NW, "L": Ldz.NW,
        "LA": Ldz.NW, "M": Ldz.NW, "OL": Ldz.NW, "PR": Ldz.NW, "SK": Ldz.NW, "WA": Ldz.NW,
        "WN": Ldz.NW,
        # East Midlands, with South Yorkshire and North Lincolnshire (Cadent)
        "DE": Ldz.EM, "DN": Ldz.EM, "LE": Ldz.EM, "LN": Ldz.EM, "NG": Ldz.EM, "NN": Ldz.EM,
        "S": Ldz.EM,
        # West Midlands, with Staffordshire, Shropshire and Herefordshire (Cadent)
        "B": Ldz.WM, "CV": Ldz.WM, "DY": Ldz.WM, "HR": Ldz.WM, "ST": Ldz.WM, "SY": Ldz.WM,
        "TF": Ldz.WM, "WR": Ldz.WM, "WS": Ldz.WM, "WV": Ldz.WM,
        # East Anglia, with Bedfordshire, Hertfordshire and north Essex (Cadent)
        "AL": Ldz.EA, "CB": Ldz.EA, "CM": Ldz.EA, "CO": Ldz.EA, "IP": Ldz.EA, "LU": Ldz.EA,
        "MK": Ldz.EA, "NR": Ldz.EA, "PE": Ldz.EA, "SG": Ldz.EA,
        # North Thames: London north of the river and its fringe (Cadent)
        "E": Ldz.NT, "EC": Ldz.NT, "EN": Ldz.NT, "HA": Ldz.NT, "IG": Ldz.NT, "N": Ldz.NT,
        "NW": Ldz.NT, "RM": Ldz.NT, "SS": Ldz.NT, "TW": Ldz.NT, "UB": Ldz.NT, "W": Ldz.NT,
        "WC": Ldz.NT, "WD": Ldz.NT,
        # South East: south London, Kent, Surrey and Sussex (SGN)
        "BN": Ldz.SE, "BR": Ldz.SE, "CR": Ldz.SE, "CT": Ldz.SE, "DA": Ldz.SE, "GU": Ldz.SE,
        "KT": Ldz.SE, "ME": Ldz.SE, "RH": Ldz.SE, "SE": Ldz.SE, "SM": Ldz.SE, "SW": Ldz.SE,
        "TN": Ldz.SE,
        # Southern: Hampshire, Dorset, Berkshire, Oxfordshire, Buckinghamshire (SGN)
        "BH": Ldz.SO, "DT": Ldz.SO, "HP": Ldz.SO, "OX": Ldz.SO, "PO": Ldz.SO, "RG": Ldz.SO,
        "SL": Ldz.SO, "SO": Ldz.SO, "SP": Ldz.SO,
        # South West (WWU)
        "BA": Ldz.SW, "BS": Ldz.SW, "EX": Ldz.SW, "GL": Ldz.SW, "PL": Ldz.SW, "SN": Ldz.SW,
        "TA": Ldz.SW, "TQ": Ldz.SW, "TR": Ldz.SW,
        # Wales (WWU)
        "LL": Ldz.WN,
        "CF": Ldz.WS, "LD": Ldz.WS, "NP": Ldz.WS, "SA": Ldz.WS,
        # Outside the GB gas networks
        "BT": None, "GY": None, "IM": None, "JE": None,
    }
)  # fmt: skip

# Places the product must always refuse, whatever a loaded table says, named for the message.
_OUTSIDE_GB_GAS: Mapping[str, str] = MappingProxyType(
    {
        "BT": "Northern Ireland",
        "IM": "The Isle of Man",
        "GY": "Guernsey",
        "JE": "Jersey",
    }
)

# A table key is a postcode area ("LS") or a postcode district ("LS6", "EC1A").
_AREA_KEY = re.compile(r"^[A-Z]{1,2}$")
_DISTRICT_KEY = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_LDZ_CODES = frozenset(ldz.value for ldz in Ldz)


@dataclass(frozen=True, init=False, eq=False, slots=True)
class LdzTable:
    """Which LDZ serves a postcode, by district (``LS6``) or, failing that, area (``LS``)."""

    _by_prefix: Mapping[str, Ldz | None]

    def __init__(self, entries: Mapping[str, Ldz | None]) -> None:
        """Build from prefix -> LDZ (None: no GB gas there); raise InvalidValue on a bad key."""
        table: dict[str, Ldz | None] = {}
        for raw_prefix, ldz in entries.items():
            prefix = raw_prefix.strip().upper()
            if not (_AREA_KEY.match(prefix) or _DISTRICT_KEY.match(prefix)):
                raise InvalidValue(
                    "LDZ_TABLE_INVALID",
                    f"'{raw_prefix[:20]}' is neither a postcode area (like LS) nor a postcode "
                    "district (like LS6); correct that row of the LDZ table.",
                    "postcode_prefix",
                )
            if prefix in table:
                raise InvalidValue(
                    "LDZ_TABLE_INVALID",
                    f"'{prefix}' appears twice in the LDZ table; keep one row for it.",
                    "postcode_prefix",
                )
            if ldz is not None and ldz not in _LDZ_CODES:
                raise InvalidValue(
                    "LDZ_TABLE_INVALID",
                    f"'{str(ldz)[:20]}' (for {prefix}) is not an LDZ; use one of "
                    f"{', '.join(sorted(_LDZ_CODES))}.",
                    "ldz",
                )
            table[prefix] = None if ldz is None else Ldz(ldz)
        # A private copy behind a read-only view: the caller's dict cannot change the table later.
        object.__setattr__(self, "_by_prefix", MappingProxyType(table))

    @classmethod
    def default(cls) -> LdzTable:
        """The shipped table: one row per postcode area."""
        return cls(DEFAULT_AREA_LDZ)

    @property
    def prefixes(self) -> frozenset[str]:
        """Every area and district the table has a row for."""
        return frozenset(self._by_prefix)

    def __len__(self) -> int:
        return len(self._by_prefix)

    def ldz_for(self, postcode: Postcode) -> Ldz:
        """The LDZ serving ``postcode``; raise InvalidValue if it has none."""
        place = _OUTSIDE_GB_GAS.get(postcode.area)
        if place is not None:
            raise InvalidValue(
                "POSTCODE_OUTSIDE_GB_GAS",
                f"{place} is outside the GB gas networks, so {postcode} cannot have a GB "
                "meter point; check the postcode, or raise the request with the local gas "
                "network there.",
                "postcode",
            )
        for prefix in (postcode.district, postcode.area):
            if prefix in self._by_prefix:
                ldz = self._by_prefix[prefix]
                if ldz is None:
                    raise InvalidValue(
                        "POSTCODE_OUTSIDE_GB_GAS",
                        f"{postcode} ({prefix}) is not served by a GB gas network; "
                        "check the postcode.",
                        "postcode",
                    )
                return ldz
        raise InvalidValue(
            "LDZ_UNKNOWN",
            f"No Local Distribution Zone is known for {postcode} (district {postcode.district}, "
            f"area {postcode.area}); check the postcode, or ask the CDSP to add it to the LDZ "
            "table.",
            "postcode",
        )
