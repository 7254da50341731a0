"""Whether premises typed by hand are a PAF delivery point's: the rule the PAF check runs on."""

from __future__ import annotations

from typing import Any

import pytest

from cms.core.addresses.address import Address
from cms.core.addresses.matching import is_same_premises
from cms.core.addresses.postcode import Postcode


def paf(**fields: Any) -> Address:
    return Address("12345678", Postcode.parse("LS6 2AB"), "LEEDS", **fields)


FLAT_4 = paf(sub_building_name="FLAT 4", building_number="58", thoroughfare="TRAFALGAR STREET")
VICTORIA_HOUSE = paf(
    building_name="VICTORIA HOUSE", building_number="15", thoroughfare="THE STREET"
)
HOLLY_FLAT = paf(
    sub_building_name="FLAT 1", building_name="HOLLY HOUSE", building_number="0",
    thoroughfare="OAK AVENUE",
)  # fmt: skip
COURT = paf(
    building_name="1A", dependent_thoroughfare="SEASTONE COURT", thoroughfare="STATION ROAD"
)
SAINTS = paf(building_number="7", thoroughfare="ST JOHNS ROAD")
BAKERY = paf(organisation_name="OAK ROAD BAKERY", thoroughfare="OAK ROAD")


@pytest.mark.parametrize(
    ("address", "building", "street"),
    [
        (FLAT_4, "Flat 4, 58", "Trafalgar St"),
        (FLAT_4, "flat 4 58", None),
        (VICTORIA_HOUSE, "Victoria House", "The Street"),
        (VICTORIA_HOUSE, "15", "The Street"),
        (VICTORIA_HOUSE, "Victoria Hse 15", None),
        (HOLLY_FLAT, "Flat 1, Holly House", "Oak Ave"),
        (COURT, "1a", "Seastone Ct"),
        (COURT, "1A", "Station Road"),
        (COURT, "1A", "Seastone Court, Station Road"),
        (SAINTS, "7", "Saint John's Road"),
        (BAKERY, "Oak Road Bakery", "Oak Rd"),
    ],
)
def test_premises_typed_in_any_usual_way_are_the_delivery_points(
    address: Address, building: str, street: str | None
) -> None:
    assert is_same_premises(address, building, street)


@pytest.mark.parametrize(
    ("address", "building", "street"),
    [
        (FLAT_4, "58", "Trafalgar Street"),  # the building, not the flat inside it
        (FLAT_4, "Flat 5, 58", "Trafalgar Street"),
        (FLAT_4, "Flat 4, 58", "Trafalgar Road"),
        (VICTORIA_HOUSE, "Victoria", "The Street"),
        (HOLLY_FLAT, "0", None),
        (COURT, "1", "Seastone Court"),
        (BAKERY, "Bakery", "Oak Road"),
        (SAINTS, "   ", None),
    ],
)
def test_other_premises_are_not_the_delivery_points(
    address: Address, building: str, street: str | None
) -> None:
    assert not is_same_premises(address, building, street)
