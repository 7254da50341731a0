"""Whether an address typed by hand is one the PAF holds.

A typed address has a building name or number, maybe a street, a post town and a postcode. It
is the PAF's delivery point when the postcode is the same and the premises are: the building
name or number as typed is the delivery point's premises (sub-building, building name and
number, in PAF order), or, for a building with both a name and a number and nothing inside
it, either one alone. A street, when typed, must be the delivery point's street (or dependent
street, or both). Words are compared without regard to case or punctuation, and a common
abbreviation matches its full word ("Rd" is "ROAD", "St" is "STREET" or "SAINT"). The post
town is not compared: the postcode already places the street, and people often get it wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import AddressIndex, PostcodeSearch, key_of, spellings, words_of

# Royal Mail never puts more than 100 delivery points in one postcode (docs/domain.md).
MAX_DELIVERY_POINTS_PER_POSTCODE = 100


def _present(value: str | None) -> str | None:
    return (value or "").strip() or None


def _same_words(typed: Sequence[str], held: Sequence[str]) -> bool:
    """Word for word the same, either side's abbreviation standing for the other's word."""
    return len(typed) == len(held) and all(
        mine == theirs or theirs in spellings(mine) or mine in spellings(theirs)
        for mine, theirs in zip(typed, held, strict=True)
    )


def _premises_forms(address: Address) -> list[list[str]]:
    """The ways someone could type this delivery point's premises in one field."""
    sub = _present(address.sub_building_name)
    name = _present(address.building_name)
    number = _present(address.building_number)
    if number is not None and number.lstrip("0") == "":
        number = None  # PAF's 0: the building has no number
    whole = " ".join(part for part in (sub, name, number) if part)
    forms = [words_of(whole)] if whole else []
    if sub is None and name is not None and number is not None:
        forms += [words_of(name), words_of(number)]
    organisation = _present(address.organisation_name)
    if not whole and organisation is not None:
        forms.append(words_of(organisation))  # rule 1: the organisation is the premises
    return [form for form in forms if form]


def _street_forms(address: Address) -> list[list[str]]:
    dependent = _present(address.dependent_thoroughfare)
    street = _present(address.thoroughfare)
    forms = [words_of(part) for part in (dependent, street) if part]
    if dependent and street:
        forms.append(words_of(f"{dependent} {street}"))
    return forms


def is_same_premises(address: Address, building: str, street: str | None) -> bool:
    """Whether a building name or number (and street, when given) typed by hand name this
    delivery point; the postcodes are compared by the caller."""
    typed_building = words_of(building)
    if not typed_building:
        return False
    if not any(_same_words(typed_building, form) for form in _premises_forms(address)):
        return False
    typed_street = words_of(street or "")
    return not typed_street or any(
        _same_words(typed_street, form) for form in _street_forms(address)
    )


async def paf_matches(
    index: AddressIndex, postcode: Postcode, building: str, street: str | None
) -> list[Address]:
    """The PAF's delivery points that a typed address names, in the PAF's natural order."""
    search = PostcodeSearch(key_prefix=key_of(postcode), complete=True)
    candidates = await index.in_postcodes(search, MAX_DELIVERY_POINTS_PER_POSTCODE)
    return [
        candidate.address
        for candidate in candidates
        if candidate.address.postcode == postcode
        and is_same_premises(candidate.address, building, street)
    ]
