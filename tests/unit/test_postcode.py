"""Postcode parsing: every Royal Mail format, any spacing and case, impossible ones refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"  # not Q, V, X
SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"  # not I, J, Z
ANA_THIRD = "ABCDEFGHJKPSTUW"
AANA_FOURTH = "ABEHMNPRVWXY"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # not C, I, K, M, O, V
DIGITS = "0123456789"


def _one(alphabet: str) -> st.SearchStrategy[str]:
    return st.sampled_from(alphabet)


outward_codes = st.one_of(
    st.tuples(_one(FIRST), _one(DIGITS)),  # AN
    st.tuples(_one(FIRST), _one(DIGITS), _one(DIGITS)),  # ANN
    st.tuples(_one(FIRST), _one(SECOND), _one(DIGITS)),  # AAN
    st.tuples(_one(FIRST), _one(SECOND), _one(DIGITS), _one(DIGITS)),  # AANN
    st.tuples(_one(FIRST), _one(DIGITS), _one(ANA_THIRD)),  # ANA
    st.tuples(_one(FIRST), _one(SECOND), _one(DIGITS), _one(AANA_FOURTH)),  # AANA
).map("".join)
inward_codes = st.tuples(_one(DIGITS), _one(INWARD_LETTERS), _one(INWARD_LETTERS)).map("".join)
canonical_postcodes = st.builds(lambda o, i: f"{o} {i}", outward_codes, inward_codes)


@st.composite
def retyped(draw: st.DrawFn, canonical: str) -> str:
    """The postcode as someone might type it: any case, a space or none around each character.

    A compact postcode has at most 7 characters, so the result stays within the 16 accepted.
    """
    out = []
    for char in canonical.replace(" ", ""):
        out.append(draw(st.sampled_from(["", " "])))
        out.append(char.lower() if draw(st.booleans()) else char)
    out.append(draw(st.sampled_from(["", " "])))
    return "".join(out)


@pytest.mark.parametrize(
    ("text", "outward", "inward"),
    [
        ("M1 1AE", "M1", "1AE"),  # AN NAA
        ("B33 8TH", "B33", "8TH"),  # ANN NAA
        ("CR2 6XH", "CR2", "6XH"),  # AAN NAA
        ("DN55 1PT", "DN55", "1PT"),  # AANN NAA
        ("W1A 0AX", "W1A", "0AX"),  # ANA NAA
        ("EC1A 1BB", "EC1A", "1BB"),  # AANA NAA
    ],
)
def test_every_format_parses(text: str, outward: str, inward: str) -> None:
    postcode = Postcode.parse(text)
    assert (postcode.outward, postcode.inward) == (outward, inward)
    assert str(postcode) == text


@pytest.mark.parametrize(
    "typed", ["ec1a1bb", "  EC1A   1BB ", "eC1a 1Bb", "EC 1A1 BB", "ec1a\t1bb"]
)
def test_any_spacing_and_case_normalises(typed: str) -> None:
    assert str(Postcode.parse(typed)) == "EC1A 1BB"


def test_parts_of_a_postcode() -> None:
    postcode = Postcode.parse("ls6 2ab")
    assert (postcode.area, postcode.district, postcode.sector) == ("LS", "LS6", "LS6 2")
    assert postcode.compact == "LS62AB"
    assert not postcode.is_northern_ireland
    assert Postcode.parse("BT1 1AA").is_northern_ireland


@given(canonical_postcodes)
def test_canonical_form_round_trips(canonical: str) -> None:
    assert str(Postcode.parse(canonical)) == canonical


@given(st.data())
def test_parse_ignores_spacing_and_case_and_is_idempotent(data: st.DataObject) -> None:
    canonical = data.draw(canonical_postcodes)
    typed = data.draw(retyped(canonical))
    once = Postcode.parse(typed)
    assert str(once) == canonical
    assert Postcode.parse(str(once)) == once


@given(canonical_postcodes, st.sampled_from("QVX"))
def test_q_v_x_never_first(canonical: str, letter: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Postcode.parse(letter + canonical[1:])
    assert error.value.code == "POSTCODE_INVALID"
    assert error.value.field == "postcode"


@given(canonical_postcodes.filter(lambda p: p[1].isalpha()), st.sampled_from("IJZ"))
def test_i_j_z_never_second(canonical: str, letter: str) -> None:
    with pytest.raises(InvalidValue):
        Postcode.parse(canonical[0] + letter + canonical[2:])


@given(canonical_postcodes, st.sampled_from("CIKMOV"), st.sampled_from([-1, -2]))
def test_inward_letters_never_c_i_k_m_o_v(canonical: str, letter: str, position: int) -> None:
    chars = list(canonical)
    chars[position] = letter
    with pytest.raises(InvalidValue):
        Postcode.parse("".join(chars))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "LS6",  # outward only
        "LS6 2A",  # inward too short
        "LS6 2ABC",  # inward too long
        "LS6 AB2",  # inward not digit-letter-letter
        "LSX6 2AB",  # three letters
        "L 2AB",  # no district digit
        "6LS 2AB",  # starts with a digit
        "LS123 2AB",  # three district digits
        "W1I 0AX",  # I is not a letter an ANA district ends in
        "EC1C 1BB",  # C is not a letter an AANA district ends in
        "LS6-2AB",  # punctuation
        "LS6 2AB" + " " * 10,  # too long, even if only spaces
        "LS6 2AB LS6 2AB",  # two postcodes
    ],
)
def test_wrong_shapes_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Postcode.parse(text)
    assert error.value.code == "POSTCODE_INVALID"
    assert "LS6 2AB" in error.value.message  # the message shows what a postcode looks like


def test_too_long_input_is_refused_without_echoing_it_all() -> None:
    with pytest.raises(InvalidValue) as error:
        Postcode.parse("A" * 1000)
    assert "too long" in error.value.message
    assert len(error.value.message) < 200
