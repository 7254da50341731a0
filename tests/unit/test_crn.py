"""Contact Reference Numbers: issue, print, and read back however a person typed them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.contacts.crn import CONTACT_TYPES, Crn
from cms.core.shared.errors import InvalidValue

years = st.integers(2000, 9999)
sequences = st.integers(1, 999_999_999)


def test_issue_prints_type_year_and_six_digit_sequence() -> None:
    crn = Crn.issue("MNC", 2026, 123)
    assert str(crn) == "MNC-2026-000123"
    assert (crn.contact_type, crn.year, crn.sequence) == ("MNC", 2026, 123)


def test_sequence_beyond_six_digits_is_printed_in_full() -> None:
    assert str(Crn.issue("MNC", 2026, 1_234_567)) == "MNC-2026-1234567"


@pytest.mark.parametrize(
    "typed",
    [
        "MNC-2026-000123",
        "mnc-2026-000123",
        "mnc 2026 000123",
        "MNC-2026-123",
        "  Mnc - 2026 - 0123 ",
        "MNC2026000123",
        "MNC 2026-000123",
    ],
)
def test_parse_accepts_any_case_and_separator_and_unpadded_sequence(typed: str) -> None:
    assert Crn.parse(typed) == Crn("MNC", 2026, 123)
    assert str(Crn.parse(typed)) == "MNC-2026-000123"


@given(years, sequences)
def test_printed_crn_parses_back_to_itself(year: int, sequence: int) -> None:
    crn = Crn.issue("MNC", year, sequence)
    assert Crn.parse(str(crn)) == crn
    assert Crn.parse(str(crn).lower().replace("-", " ")) == crn


@pytest.mark.parametrize(
    "text",
    [
        "",
        "MNC",
        "MNC-2026",
        "MNC-26-000123",  # two-digit year
        "MN-2026-000123",
        "MNCX-2026-000123",
        "MNC_2026_000123",
        "MNC/2026/000123",
        "MNC-2026-00012A",
        "MNC-2026-000123-1",
        "2026-000123",
        "MNC-2026-000000",  # sequences start at 1
        "MNC-1999-000123",  # before any CRN was issued
        "MNC-2026-" + "1" * 10,  # beyond nine digits
        "MNC-2026-" + "0" * 40 + "1",  # too long to read
    ],
)
def test_malformed_crns_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Crn.parse(text)
    assert error.value.code == "CRN_INVALID"
    assert error.value.field == "crn"
    assert "MNC-2026-000123" in error.value.message


def test_unknown_contact_type_is_refused_until_it_is_known() -> None:
    assert "SUT" not in CONTACT_TYPES
    with pytest.raises(InvalidValue) as error:
        Crn.parse("SUT-2026-000001")
    assert "SUT" in error.value.message
    assert "MNC" in error.value.message


@pytest.mark.parametrize(
    ("contact_type", "year", "sequence"),
    [("XYZ", 2026, 1), ("mnc", 2026, 1), ("MNC", 1999, 1), ("MNC", 10_000, 1), ("MNC", 2026, 0)],
)
def test_issue_refuses_impossible_parts(contact_type: str, year: int, sequence: int) -> None:
    with pytest.raises(InvalidValue) as error:
        Crn.issue(contact_type, year, sequence)
    assert error.value.code == "CRN_INVALID"


def test_crn_is_immutable_and_orders_by_year_then_sequence() -> None:
    crn = Crn.issue("MNC", 2026, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        crn.sequence = 6  # type: ignore[misc]
    assert sorted([Crn.issue("MNC", 2027, 1), Crn.issue("MNC", 2026, 10), crn]) == [
        crn,
        Crn.issue("MNC", 2026, 10),
        Crn.issue("MNC", 2027, 1),
    ]
    assert len({Crn.parse("MNC-2026-5"), crn}) == 1
