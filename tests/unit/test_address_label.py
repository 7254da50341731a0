"""Royal Mail's address label: rules 1 to 7, the exception rule, and the surrounding lines.

Most examples are Royal Mail's own, from the Programmers' Guide (Edition 7).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.addresses.address import Address, is_number_like
from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue


def address(postcode: str, post_town: str, **fields: Any) -> Address:
    return Address(
        udprn="12345678", postcode=Postcode.parse(postcode), post_town=post_town, **fields
    )


# Each case: the PAF elements, then the expected label without the postcode.
ROYAL_MAIL_EXAMPLES: dict[str, tuple[Address, list[str]]] = {
    "rule 1: organisation, no premises": (
        address(
            "OX14 4PG", "ABINGDON",
            organisation_name="LEDA ENGINEERING LTD", dependent_locality="APPLEFORD",
        ),
        ["LEDA ENGINEERING LTD", "APPLEFORD", "ABINGDON"],
    ),
    "rule 2: building number only": (
        address("OX14 4PG", "ABINGDON", building_number="1", thoroughfare="ACACIA AVENUE"),
        ["1 ACACIA AVENUE", "ABINGDON"],
    ),
    "rule 3: building name only": (
        address("RH6 0HP", "HORLEY", building_name="THE MANOR", thoroughfare="UPPER ROAD"),
        ["THE MANOR", "UPPER ROAD", "HORLEY"],
    ),
    "rule 3, exception: a name that is a number leads the first thoroughfare line": (
        address(
            "NR25 7HG", "HOLT",
            building_name="1A", dependent_thoroughfare="SEASTONE COURT",
            thoroughfare="STATION ROAD",
        ),
        ["1A SEASTONE COURT", "STATION ROAD", "HOLT"],
    ),
    "rule 3, split: a name ending in a numbered range gives up the number": (
        address(
            "WS11 5SB", "CANNOCK",
            organisation_name="S D ALCOTT FLORISTS", building_name="FLOWER HOUSE 189A",
            thoroughfare="PYE GREEN ROAD",
        ),
        ["S D ALCOTT FLORISTS", "FLOWER HOUSE", "189A PYE GREEN ROAD", "CANNOCK"],
    ),
    "rule 3, no split: a plain number is part of the name": (
        address(
            "ME16 0LP", "GRAFTON",
            organisation_name="JAMES VILLA HOLIDAYS", building_name="CENTRE 30",
            thoroughfare="ST LAURENCE AVENUE",
        ),
        ["JAMES VILLA HOLIDAYS", "CENTRE 30", "ST LAURENCE AVENUE", "GRAFTON"],
    ),
    "rule 3, no split: a building type keeps its number": (
        address(
            "E6 7HS", "LONDON",
            organisation_name="THE TAMBOURINE WAREHOUSE", building_name="UNIT 1-3",
            dependent_thoroughfare="INDUSTRIAL ESTATE", thoroughfare="TAME ROAD",
        ),
        ["THE TAMBOURINE WAREHOUSE", "UNIT 1-3", "INDUSTRIAL ESTATE", "TAME ROAD", "LONDON"],
    ),
    "rule 4: building name and number": (
        address(
            "BH23 6AA", "CHRISTCHURCH",
            building_name="VICTORIA HOUSE", building_number="15", thoroughfare="THE STREET",
        ),
        ["VICTORIA HOUSE", "15 THE STREET", "CHRISTCHURCH"],
    ),
    "rule 5: sub-building name and building number": (
        address(
            "BS8 4AB", "BRISTOL",
            sub_building_name="FLAT 1", building_number="12", thoroughfare="LIME TREE AVENUE",
        ),
        ["FLAT 1", "12 LIME TREE AVENUE", "BRISTOL"],
    ),
    "rule 5, concatenated: a one-letter sub-building is the number's suffix": (
        address(
            "SP5 4NA", "SALISBURY",
            sub_building_name="A", building_number="12", thoroughfare="HIGH STREET NORTH",
            dependent_locality="COOMBE BISSETT",
        ),
        ["12A HIGH STREET NORTH", "COOMBE BISSETT", "SALISBURY"],
    ),
    "rule 6: sub-building name and building name": (
        address(
            "RH6 0HP", "HORLEY",
            sub_building_name="STABLES FLAT", building_name="THE MANOR", thoroughfare="UPPER HILL",
        ),
        ["STABLES FLAT", "THE MANOR", "UPPER HILL", "HORLEY"],
    ),
    "rule 6, exception on the sub-building: it joins the building name": (
        address(
            "B6 5BA", "BIRMINGHAM",
            sub_building_name="10B", building_name="BARRY JACKSON TOWER",
            thoroughfare="ESTONE WALK",
        ),
        ["10B BARRY JACKSON TOWER", "ESTONE WALK", "BIRMINGHAM"],
    ),
    "rule 6, exception on the building: it leads the thoroughfare": (
        address(
            "BS1 2AW", "BRISTOL",
            sub_building_name="CARETAKERS FLAT", building_name="110-114",
            thoroughfare="HIGH STREET WEST",
        ),
        ["CARETAKERS FLAT", "110-114 HIGH STREET WEST", "BRISTOL"],
    ),
    "rule 7: sub-building name, building name and number": (
        address(
            "BP23 6AA", "CORYTON",
            sub_building_name="BASEMENT FLAT", building_name="VICTORIA HOUSE",
            building_number="15", thoroughfare="THE STREET",
        ),
        ["BASEMENT FLAT", "VICTORIA HOUSE", "15 THE STREET", "CORYTON"],
    ),
    "rule 7, exception on the sub-building: it joins the building name": (
        address(
            "SO23 9AP", "WINCHESTER",
            sub_building_name="2B", building_name="THE TOWER", building_number="27",
            thoroughfare="JOHN STREET",
        ),
        ["2B THE TOWER", "27 JOHN STREET", "WINCHESTER"],
    ),
    "rule 2: a building number alone leads the thoroughfare": (
        address("KT6 5BT", "BRADDOCK", building_number="16", thoroughfare="VIXEN ROAD"),
        ["16 VIXEN ROAD", "BRADDOCK"],
    ),
    "exception rule: a number with a letter as building name": (
        address("AB10 1BA", "ABERDEEN", building_name="12A", thoroughfare="UPPERKIRKGATE"),
        ["12A UPPERKIRKGATE", "ABERDEEN"],
    ),
    "exception rule: a single letter as building name": (
        address("RH4 1EW", "DORKING", building_name="K", thoroughfare="PORTLAND ROAD"),
        ["K PORTLAND ROAD", "DORKING"],
    ),
    "rule 3, no split: a stall keeps its plain number": (
        address(
            "L8 1LH", "LIVERPOOL",
            organisation_name="QUIRKY CANDLES LTD", building_name="STALL 4",
            thoroughfare="MARKET SQUARE",
        ),
        ["QUIRKY CANDLES LTD", "STALL 4", "MARKET SQUARE", "LIVERPOOL"],
    ),
    "rule 3, no split: 'rear of' keeps its number with a letter": (
        address(
            "NE8 1BH", "GATESHEAD",
            organisation_name="FIONA'S FLOWERS", building_name="REAR OF 5A",
            thoroughfare="HIGH STREET",
        ),
        ["FIONA'S FLOWERS", "REAR OF 5A", "HIGH STREET", "GATESHEAD"],
    ),
    "rule 7, building number 0: sub-building and building name share a line": (
        address(
            "TN27 8BT", "ASHFORD",
            sub_building_name="FLAT 1", building_name="HOLLY HOUSE", building_number="0",
            thoroughfare="OAK AVENUE", dependent_locality="BIDDENDEN",
        ),
        ["FLAT 1, HOLLY HOUSE", "OAK AVENUE", "BIDDENDEN", "ASHFORD"],
    ),
    "exception rule: a number range as building name": (
        address(
            "HP10 8LS", "HIGH WYCOMBE",
            building_name="1-2", thoroughfare="NURSERY LANE", dependent_locality="PENN",
        ),
        ["1-2 NURSERY LANE", "PENN", "HIGH WYCOMBE"],
    ),
    "PO box": (
        address("PO14 1UX", "FAREHAM", po_box="61"),
        ["PO BOX 61", "FAREHAM"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("paf", "expected"), ROYAL_MAIL_EXAMPLES.values(), ids=ROYAL_MAIL_EXAMPLES.keys()
)
def test_royal_mail_examples(paf: Address, expected: list[str]) -> None:
    assert paf.label_lines() == expected


@pytest.mark.parametrize(
    "name", ["1", "9", "1-2", "12A", "12a", "A", "b", "1to1", "100:1", "110-114", "2 4"]
)
def test_names_that_are_numbers(name: str) -> None:
    assert is_number_like(name)


@pytest.mark.parametrize(
    "name", ["FLAT 1", "THE MANOR", "AB", "A1", "12AB", "1-2 HOUSE", "", "UNIT 4", "-1"]
)
def test_names_that_are_names(name: str) -> None:
    assert not is_number_like(name)


def test_every_line_in_order() -> None:
    full = address(
        "LS6 2AB", "leeds",
        organisation_name="ACME GAS LTD", department_name="METERING",
        sub_building_name="SUITE 5", building_name="MILL HOUSE", building_number="58",
        po_box="12", dependent_thoroughfare="MILL YARD", thoroughfare="TRAFALGAR STREET",
        double_dependent_locality="HYDE PARK", dependent_locality="HEADINGLEY",
    )  # fmt: skip
    assert full.label_lines() == [
        "ACME GAS LTD",
        "METERING",
        "SUITE 5",
        "MILL HOUSE",
        "PO BOX 12",
        "58 MILL YARD",
        "TRAFALGAR STREET",
        "HYDE PARK",
        "HEADINGLEY",
        "LEEDS",
    ]


def test_number_leads_the_thoroughfare_not_the_dependent_one_when_that_is_absent() -> None:
    paf = address("LS6 2AB", "LEEDS", building_number="7", thoroughfare="OAK ROAD")
    assert paf.label_lines() == ["7 OAK ROAD", "LEEDS"]


def test_number_leads_the_first_locality_when_there_is_no_thoroughfare() -> None:
    paf = address(
        "OX14 4PG", "ABINGDON",
        building_number="3", double_dependent_locality="LITTLE APPLEFORD",
        dependent_locality="APPLEFORD",
    )  # fmt: skip
    assert paf.label_lines() == ["3 LITTLE APPLEFORD", "APPLEFORD", "ABINGDON"]


def test_name_that_is_a_number_leads_the_locality_when_there_is_no_thoroughfare() -> None:
    paf = address("OX14 4PG", "ABINGDON", building_name="2A", dependent_locality="APPLEFORD")
    assert paf.label_lines() == ["2A APPLEFORD", "ABINGDON"]


def test_number_with_nothing_to_lead_stands_alone() -> None:
    paf = address("OX14 4PG", "Abingdon", building_number="3")
    assert paf.label_lines() == ["3", "ABINGDON"]


def test_department_follows_organisation() -> None:
    paf = address(
        "LS1 4AP", "LEEDS",
        organisation_name="LEEDS CITY COUNCIL", department_name="HOUSING",
        building_name="MERRION HOUSE", thoroughfare="MERRION CENTRE",
    )  # fmt: skip
    assert paf.label_lines()[:3] == ["LEEDS CITY COUNCIL", "HOUSING", "MERRION HOUSE"]


def test_post_town_is_in_capitals_and_last() -> None:
    paf = address("LS6 2AB", "  Leeds ", building_number="58", thoroughfare="Trafalgar Street")
    assert paf.label_lines() == ["58 Trafalgar Street", "LEEDS"]


def test_blank_fields_count_as_absent() -> None:
    paf = address(
        "BS8 4AB", "BRISTOL",
        organisation_name="", sub_building_name="FLAT 1", building_name="  ",
        building_number="12", thoroughfare="LIME TREE AVENUE", dependent_locality="",
    )  # fmt: skip
    assert paf.label_lines() == ["FLAT 1", "12 LIME TREE AVENUE", "BRISTOL"]


def test_building_number_zero_is_not_printed() -> None:
    paf = address(
        "LS6 2AB", "LEEDS",
        building_name="MILL HOUSE", building_number="0", thoroughfare="TRAFALGAR STREET",
    )  # fmt: skip
    assert paf.label_lines() == ["MILL HOUSE", "TRAFALGAR STREET", "LEEDS"]


def test_building_number_zero_keeps_a_sub_building_that_is_a_number_with_the_name() -> None:
    paf = address(
        "LS6 2AB", "LEEDS",
        sub_building_name="2B", building_name="MILL HOUSE", building_number="0",
        thoroughfare="TRAFALGAR STREET",
    )  # fmt: skip
    assert paf.label_lines() == ["2B MILL HOUSE", "TRAFALGAR STREET", "LEEDS"]


def test_summary_joins_the_label_and_postcode() -> None:
    paf = address(
        "LS6 2AB", "LEEDS",
        sub_building_name="FLAT 4", building_number="58", thoroughfare="TRAFALGAR STREET",
    )  # fmt: skip
    assert paf.summary() == "FLAT 4, 58 TRAFALGAR STREET, LEEDS, LS6 2AB"


def test_matching_key_of_premises_and_postcode() -> None:
    paf = address(
        "LS6 2AB", "LEEDS",
        sub_building_name="FLAT 4", building_number="58", thoroughfare="TRAFALGAR STREET",
        dependent_locality="HEADINGLEY",
    )  # fmt: skip
    assert paf.matching_key() == "FLAT 4|58|TRAFALGAR STREET|LS6 2AB"


def test_matching_key_ignores_case_punctuation_spacing_and_localities() -> None:
    paf = address(
        "LS6 2AB", "LEEDS",
        sub_building_name="FLAT 4", building_number="58", thoroughfare="ST JOHNS ROAD",
        dependent_locality="HEADINGLEY",
    )  # fmt: skip
    typed = address(
        "ls62ab", "Leeds",
        building_name=" Flat  4, ", building_number="58", thoroughfare="St. John's  Road",
    )  # fmt: skip
    assert typed.matching_key() == paf.matching_key() == "FLAT 4|58|ST JOHNS ROAD|LS6 2AB"


def test_matching_key_tells_different_premises_apart() -> None:
    base = address("LS6 2AB", "LEEDS", building_number="58", thoroughfare="TRAFALGAR STREET")
    assert base.matching_key() != dataclasses.replace(base, building_number="56").matching_key()
    assert (
        base.matching_key() != dataclasses.replace(base, sub_building_name="FLAT 1").matching_key()
    )
    assert (
        base.matching_key()
        != dataclasses.replace(base, postcode=Postcode.parse("LS6 2AD")).matching_key()
    )
    # a range must not collapse into a different number: "1-2" is not "12"
    assert (
        address("LS6 2AB", "LEEDS", building_name="1-2", thoroughfare="X ROAD").matching_key()
        != address("LS6 2AB", "LEEDS", building_number="12", thoroughfare="X ROAD").matching_key()
    )


def test_matching_key_uses_organisation_only_without_premises() -> None:
    shop = address("LS1 1AA", "LEEDS", organisation_name="BOOTS", thoroughfare="BRIGGATE")
    bank = address("LS1 1AA", "LEEDS", organisation_name="HSBC", thoroughfare="BRIGGATE")
    assert shop.matching_key() == "BOOTS|BRIGGATE|LS1 1AA"
    assert shop.matching_key() != bank.matching_key()
    numbered = dataclasses.replace(shop, building_number="20")
    assert numbered.matching_key() == "20|BRIGGATE|LS1 1AA"


@pytest.mark.parametrize("udprn", ["1234567", "123456789", "1234567A", "", " 12345678"])
def test_udprn_must_have_eight_digits(udprn: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Address(udprn=udprn, postcode=Postcode.parse("LS6 2AB"), post_town="LEEDS")
    assert error.value.code == "UDPRN_INVALID"
    assert error.value.field == "udprn"


def test_post_town_is_required() -> None:
    with pytest.raises(InvalidValue) as error:
        address("LS6 2AB", " ")
    assert error.value.field == "post_town"


@pytest.mark.parametrize("number", ["12A", "12345", "-1", "1-2"])
def test_building_number_holds_digits_only(number: str) -> None:
    with pytest.raises(InvalidValue) as error:
        address("LS6 2AB", "LEEDS", building_number=number)
    assert error.value.code == "BUILDING_NUMBER_INVALID"


def test_address_is_immutable() -> None:
    paf = address("LS6 2AB", "LEEDS", building_number="58")
    with pytest.raises(dataclasses.FrozenInstanceError):
        paf.building_number = "60"  # type: ignore[misc]


# Property: whatever elements are present, the label loses none of them, keeps their order,
# and ends with the post town in capitals.
words = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWYZ ", min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)
names = st.one_of(st.none(), words, st.sampled_from(["1A", "A", "1-2", "FLAT 3", "HOUSE 12B"]))
optional_words = st.one_of(st.none(), words)


@given(
    organisation_name=optional_words,
    department_name=optional_words,
    sub_building_name=names,
    building_name=names,
    building_number=st.one_of(st.none(), st.integers(1, 9999).map(str)),
    po_box=st.one_of(st.none(), st.integers(1, 999999).map(str)),
    dependent_thoroughfare=optional_words,
    thoroughfare=optional_words,
    double_dependent_locality=optional_words,
    dependent_locality=optional_words,
    post_town=words,
)
def test_label_keeps_every_element_in_order(post_town: str, **fields: str | None) -> None:
    paf = address("LS6 2AB", post_town, **fields)
    lines = paf.label_lines()
    assert lines[-1] == post_town.strip().upper()
    assert all(line.strip() == line and line for line in lines)
    text = " ".join(lines)
    position = 0
    for key in (
        "organisation_name", "department_name", "po_box", "dependent_thoroughfare",
        "thoroughfare", "double_dependent_locality", "dependent_locality",
    ):  # fmt: skip
        value = fields[key]
        if value is not None and value.strip():
            found = text.find(value.strip(), position)
            assert found >= 0, f"{key} {value!r} missing from {lines}"
            position = found
    # Rule 3 may split a building name over two lines, so its words are checked one by one.
    for key in ("sub_building_name", "building_name", "building_number"):
        value = fields[key]
        for word in (value or "").split():
            assert word in text, f"{key} {value!r} missing from {lines}"
    assert "LS6 2AB" not in text
