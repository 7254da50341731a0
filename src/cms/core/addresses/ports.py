"""What the addresses module needs from the outside world: the PAF and the LDZ table."""

from __future__ import annotations

from typing import Protocol

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode


class AddressBook(Protocol):
    """The PAF: delivery points by UDPRN."""

    async def get(self, udprn: str) -> Address | None: ...


class LdzReference(Protocol):
    """The postcode-to-LDZ reference table."""

    async def entries_for(self, postcode: Postcode) -> dict[str, Ldz | None]:
        """The table's rows for this postcode's district and area, keyed by prefix."""
        ...
