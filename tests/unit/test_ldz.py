"""LDZs, their owners, and the postcode to LDZ table."""

from __future__ import annotations

import pytest

from cms.core.addresses.ldz import DEFAULT_AREA_LDZ, Ldz, LdzTable, NetworkOwner, owner_of
from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

UK_AREAS = [
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU",
    "HX", "IG", "IP", "IV", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU",
    "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH",
    "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP",
    "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA",
    "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
]  # fmt: skip


def ldz(text: str) -> Ldz:
    return LdzTable.default().ldz_for(Postcode.parse(text))


def test_default_table_has_every_one_of_the_124_areas() -> None:
    assert len(UK_AREAS) == 121
    assert len(DEFAULT_AREA_LDZ) == 124
    assert set(DEFAULT_AREA_LDZ) == {*UK_AREAS, "GY", "JE", "IM"}


def test_default_table_uses_every_ldz() -> None:
    assert {value for value in DEFAULT_AREA_LDZ.values() if value is not None} == set(Ldz)


def test_only_places_outside_gb_gas_have_no_ldz() -> None:
    assert {area for area, value in DEFAULT_AREA_LDZ.items() if value is None} == {
        "BT", "GY", "IM", "JE",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("LS6 2AB", Ldz.NE), ("YO1 7HH", Ldz.NE), ("NE1 4ST", Ldz.NO), ("CA1 1RR", Ldz.NO),
        ("M1 1AE", Ldz.NW), ("L1 8JQ", Ldz.NW), ("B33 8TH", Ldz.WM), ("NG1 5FS", Ldz.EM),
        ("CB2 1TN", Ldz.EA), ("NR1 3JU", Ldz.EA), ("N1 9GU", Ldz.NT), ("NW1 2DB", Ldz.NT),
        ("E1 6AN", Ldz.NT), ("EC1A 1BB", Ldz.NT), ("BR1 1AA", Ldz.SE), ("CR0 2RH", Ldz.SE),
        ("SO14 7DU", Ldz.SO), ("OX1 3BG", Ldz.SO), ("EX1 1HS", Ldz.SW), ("BS1 4DJ", Ldz.SW),
        ("CF10 1EP", Ldz.WS), ("SA1 3SN", Ldz.WS), ("LL57 2DG", Ldz.WN), ("EH1 1YZ", Ldz.SC),
        ("G1 1XQ", Ldz.SC), ("ZE1 0LL", Ldz.SC), ("HS1 2XA", Ldz.SC), ("KW15 1NX", Ldz.SC),
    ],
)  # fmt: skip
def test_default_table_is_geographically_plausible(postcode: str, expected: Ldz) -> None:
    assert ldz(postcode) is expected


def test_northern_ireland_is_refused_with_a_reason_naming_it() -> None:
    with pytest.raises(InvalidValue) as error:
        ldz("BT1 1AA")
    assert error.value.code == "POSTCODE_OUTSIDE_GB_GAS"
    assert error.value.field == "postcode"
    assert "Northern Ireland" in error.value.message
    assert "outside the GB gas networks" in error.value.message


@pytest.mark.parametrize(
    ("postcode", "place"),
    [("IM1 1AA", "Isle of Man"), ("GY1 1AA", "Guernsey"), ("JE2 3AB", "Jersey")],
)
def test_crown_dependencies_are_refused_by_name(postcode: str, place: str) -> None:
    with pytest.raises(InvalidValue) as error:
        ldz(postcode)
    assert error.value.code == "POSTCODE_OUTSIDE_GB_GAS"
    assert place in error.value.message


def test_northern_ireland_is_refused_even_if_a_loaded_table_maps_it() -> None:
    table = LdzTable({"BT": Ldz.NW})
    with pytest.raises(InvalidValue) as error:
        table.ldz_for(Postcode.parse("BT7 1NN"))
    assert "Northern Ireland" in error.value.message


def test_district_overrides_area() -> None:
    table = LdzTable({"CH": Ldz.NW, "CH5": Ldz.WN, "TD": Ldz.SC, "TD15": Ldz.NO})
    assert table.ldz_for(Postcode.parse("CH5 2AB")) is Ldz.WN  # Deeside, Wales
    assert table.ldz_for(Postcode.parse("CH1 2AB")) is Ldz.NW  # Chester
    assert table.ldz_for(Postcode.parse("CH55 2AB")) is Ldz.NW  # CH55 is not CH5
    assert table.ldz_for(Postcode.parse("TD15 1AA")) is Ldz.NO  # Berwick-upon-Tweed
    assert table.ldz_for(Postcode.parse("TD1 1AA")) is Ldz.SC


def test_district_can_be_outside_gb_gas_within_a_served_area() -> None:
    table = LdzTable({"TR": Ldz.SW, "TR21": None})  # the Isles of Scilly have no gas mains
    assert table.ldz_for(Postcode.parse("TR1 1AA")) is Ldz.SW
    with pytest.raises(InvalidValue) as error:
        table.ldz_for(Postcode.parse("TR21 0LW"))
    assert error.value.code == "POSTCODE_OUTSIDE_GB_GAS"
    assert "TR21 0LW" in error.value.message


def test_postcode_with_no_matching_prefix_is_unknown() -> None:
    table = LdzTable({"LS": Ldz.NE, "M1": Ldz.NW})
    with pytest.raises(InvalidValue) as error:
        table.ldz_for(Postcode.parse("M2 3AB"))
    assert error.value.code == "LDZ_UNKNOWN"
    assert "M2 3AB" in error.value.message


def test_table_keys_are_normalised_and_checked() -> None:
    table = LdzTable({" ls6 ": Ldz.NE, "ec1a": Ldz.NT})
    assert table.prefixes == {"LS6", "EC1A"}
    assert table.ldz_for(Postcode.parse("EC1A 1BB")) is Ldz.NT
    for bad in ("LS 6", "LS62AB", "6", "", "LSS"):
        with pytest.raises(InvalidValue) as error:
            LdzTable({bad: Ldz.NE})
        assert error.value.code == "LDZ_TABLE_INVALID"
    with pytest.raises(InvalidValue):
        LdzTable({"LS": "XX"})  # type: ignore[dict-item]
    with pytest.raises(InvalidValue):
        LdzTable({"LS": Ldz.NE, "ls": Ldz.NW})


def test_table_does_not_change_when_its_source_does() -> None:
    source: dict[str, Ldz | None] = {"LS": Ldz.NE}
    table = LdzTable(source)
    source["LS"] = Ldz.NW
    source["M"] = Ldz.NW
    assert table.ldz_for(Postcode.parse("LS6 2AB")) is Ldz.NE
    assert len(table) == 1
    with pytest.raises(AttributeError):
        table._by_prefix = {}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("owner", "name", "ldzs"),
    [
        (NetworkOwner.CADENT, "Cadent", {Ldz.EA, Ldz.EM, Ldz.NT, Ldz.NW, Ldz.WM}),
        (NetworkOwner.NGN, "Northern Gas Networks", {Ldz.NE, Ldz.NO}),
        (NetworkOwner.SGN, "SGN", {Ldz.SC, Ldz.SE, Ldz.SO}),
        (NetworkOwner.WWU, "Wales & West Utilities", {Ldz.SW, Ldz.WN, Ldz.WS}),
    ],
)
def test_each_network_owns_its_ldzs(owner: NetworkOwner, name: str, ldzs: set[Ldz]) -> None:
    assert owner.display_name == name
    assert owner.ldzs == ldzs
    for zone in ldzs:
        assert owner_of(zone) is owner
        assert zone.owner is owner


def test_every_ldz_has_exactly_one_owner() -> None:
    owned = [zone for owner in NetworkOwner for zone in owner.ldzs]
    assert sorted(owned) == sorted(Ldz)
    assert len(Ldz) == 13


def test_ldz_codes_and_names() -> None:
    assert [zone.value for zone in Ldz] == [
        "EA", "EM", "NE", "NO", "NT", "NW", "SC", "SE", "SO", "SW", "WM", "WN", "WS",
    ]  # fmt: skip
    assert Ldz("NT").display_name == "North Thames"
    assert Ldz.SO.display_name == "Southern"
