"""Reading addresses: one PAF delivery point with the LDZ its postcode lies in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz, LdzTable
from cms.core.addresses.ports import AddressBook, LdzReference
from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

_UDPRN = re.compile(r"^[0-9]{1,8}$")  # ASCII digits only: \d admits any script


@dataclass(frozen=True, slots=True)
class AddressView:
    address: Address
    ldz: Ldz | None


def parse_udprn(text: str) -> str:
    compact = text.strip()
    if not _UDPRN.match(compact):
        raise InvalidValue(
            "UDPRN_INVALID",
            f"'{compact[:20]}' is not a UDPRN: Royal Mail's delivery point number has up to "
            "8 digits.",
            "udprn",
        )
    return compact.zfill(8)


async def resolve_ldz(reference: LdzReference, postcode: Postcode) -> Ldz:
    """The LDZ of a postcode; InvalidValue says why there is none (e.g. Northern Ireland)."""
    return LdzTable(await reference.entries_for(postcode)).ldz_for(postcode)


async def ldz_of(reference: LdzReference, postcode: Postcode) -> Ldz | None:
    """The LDZ of a postcode, or None where it lies outside the GB gas networks."""
    try:
        return await resolve_ldz(reference, postcode)
    except InvalidValue:
        return None


async def find_address(
    book: AddressBook, reference: LdzReference, udprn_text: str
) -> AddressView | None:
    address = await book.get(parse_udprn(udprn_text))
    if address is None:
        return None
    return AddressView(address=address, ldz=await ldz_of(reference, address.postcode))
