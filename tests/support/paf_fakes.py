"""The PAF as the AddressIndex port, in memory, for tests of handlers that search it."""

from __future__ import annotations

from collections.abc import Iterable

from cms.core.addresses.address import Address
from cms.core.addresses.search import (
    Candidate,
    PostcodeSearch,
    TextSearch,
    address_words,
    sort_key,
)


class InMemoryAddressIndex:
    """The AddressIndex port over a list of delivery points (addresses may be added later)."""

    def __init__(self, addresses: Iterable[Address] = ()) -> None:
        self.addresses = [address for address in addresses if address.udprn is not None]
        self.searches: list[PostcodeSearch] = []

    def add(self, address: Address) -> None:
        self.addresses.append(address)

    def _candidates(self) -> list[Candidate]:
        found = [Candidate(address, sort_key(address)) for address in self.addresses]
        return sorted(found, key=lambda candidate: candidate.sort_key)

    async def in_postcodes(self, search: PostcodeSearch, limit: int) -> list[Candidate]:
        self.searches.append(search)
        return [c for c in self._candidates() if c.sort_key.startswith(search.key_prefix)][:limit]

    async def matching(
        self, search: TextSearch, limit: int, neighbours: bool = False
    ) -> list[Candidate]:
        return [
            candidate
            for candidate in self._candidates()
            if all(
                any(term.matches(word) for word in address_words(candidate.address))
                for term in search.terms
            )
        ][:limit]
