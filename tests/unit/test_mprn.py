"""MPRN check digits: the documented example, and the single-digit-error guarantee."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.contacts.identifiers import Mprn, mprn_check_digits
from cms.core.shared.errors import InvalidValue

bodies = st.text(alphabet="0123456789", min_size=4, max_size=8)


def test_documented_example_is_valid() -> None:
    assert mprn_check_digits("39384244") == "03"
    assert str(Mprn.parse("3938424403")) == "3938424403"


def test_documented_counter_example_is_refused() -> None:
    with pytest.raises(InvalidValue) as error:
        Mprn.parse("3938424600")
    assert error.value.code == "MPRN_INVALID"
    assert error.value.field == "mprn"
    assert "check digits" in error.value.message


@pytest.mark.parametrize("typed", ["3938 4244 03", " 3938424403 ", "39 38 42 44 03"])
def test_spaces_are_accepted(typed: str) -> None:
    assert Mprn.parse(typed) == Mprn("3938424403")


@pytest.mark.parametrize(
    "text",
    ["", "12345", "12345678901", "39384244O3", "3938-4244-03", "٣٩٣٨٤٢٤٤٠٣"],
)
def test_malformed_mprns_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Mprn.parse(text)
    assert error.value.code == "MPRN_INVALID"


def test_check_value_is_the_weighted_sum_mod_11_in_two_digits() -> None:
    assert mprn_check_digits("0005") == "05"  # 5*1
    assert mprn_check_digits("0028") == "01"  # 2*2 + 8*1 = 12
    assert mprn_check_digits("1000") == "04"  # 1*4
    assert mprn_check_digits("0050") == "10"  # 5*2: a check value of ten is "10"
    assert str(Mprn.parse("005010")) == "005010"


@given(bodies)
def test_from_body_always_parses(body: str) -> None:
    mprn = Mprn.from_body(body)
    assert mprn.value.startswith(body)
    assert len(mprn.value) == len(body) + 2
    assert Mprn.parse(mprn.value) == mprn


@given(bodies, st.data())
def test_any_single_digit_substitution_in_the_body_is_caught(
    body: str, data: st.DataObject
) -> None:
    # The weights are 1..8, all below the prime 11, so changing one digit by d (1..9) changes
    # the sum by weight * d, which 11 never divides: the check value always changes.
    valid = Mprn.from_body(body).value
    position = data.draw(st.integers(0, len(body) - 1))
    new_digit = data.draw(st.sampled_from([d for d in "0123456789" if d != body[position]]))
    mistyped = valid[:position] + new_digit + valid[position + 1 :]
    with pytest.raises(InvalidValue):
        Mprn.parse(mistyped)


def test_every_single_digit_substitution_of_the_example_is_caught() -> None:
    valid = "3938424403"
    for position in range(len(valid)):
        for digit in "0123456789":
            if digit == valid[position]:
                continue
            mistyped = valid[:position] + digit + valid[position + 1 :]
            with pytest.raises(InvalidValue):
                Mprn.parse(mistyped)


@pytest.mark.parametrize("body", ["123", "123456789", "12a4", ""])
def test_from_body_refuses_bodies_of_the_wrong_shape(body: str) -> None:
    with pytest.raises(ValueError):
        Mprn.from_body(body)
