"""The addresses part of the schema: PAF delivery points and their Royal Mail labels."""

from __future__ import annotations

import strawberry

from cms.core.addresses.address import Address as AddressValue
from cms.core.addresses.queries import AddressView, find_address
from cms.core.addresses.search import search_addresses
from cms.core.shared.errors import InvalidValue
from cms.graphql.context import ContextInfo
from cms.graphql.errors import bad_input


@strawberry.type(name="Address")
class GqlAddress:
    udprn: strawberry.ID
    organisation_name: str | None
    department_name: str | None
    sub_building_name: str | None
    building_name: str | None
    building_number: str | None
    dependent_thoroughfare: str | None
    thoroughfare: str | None
    double_dependent_locality: str | None
    dependent_locality: str | None
    post_town: str
    postcode: str
    lines: list[str] = strawberry.field(description="The Royal Mail label, postcode excluded.")
    ldz: str | None = strawberry.field(description="Derived from the postcode.")

    @classmethod
    def of(cls, address: AddressValue, ldz: str | None) -> GqlAddress:
        return cls(
            udprn=strawberry.ID(address.udprn or ""),
            organisation_name=address.organisation_name,
            department_name=address.department_name,
            sub_building_name=address.sub_building_name,
            building_name=address.building_name,
            building_number=address.building_number,
            dependent_thoroughfare=address.dependent_thoroughfare,
            thoroughfare=address.thoroughfare,
            double_dependent_locality=address.double_dependent_locality,
            dependent_locality=address.dependent_locality,
            post_town=address.post_town,
            postcode=str(address.postcode),
            lines=address.label_lines(),
            ldz=ldz,
        )

    @classmethod
    def of_view(cls, view: AddressView) -> GqlAddress:
        return cls.of(view.address, view.ldz.value if view.ldz else None)


@strawberry.type(
    name="AddressMatch",
    description="One suggestion of the type-ahead; fetch it whole with `address`.",
)
class GqlAddressMatch:
    udprn: strawberry.ID
    summary: str
    postcode: str


@strawberry.type
class AddressesQuery:
    @strawberry.field(
        description="Addresses for what the user has typed: all or part of a postcode, or any "
        "words of the address (the last may be unfinished). Best first; at most 50."
    )
    async def address_search(
        self, info: ContextInfo, query: str, first: int | None = 10
    ) -> list[GqlAddressMatch]:
        info.context.require_viewer()
        try:
            found = await search_addresses(
                info.context.services.addresses.index, query, 10 if first is None else first
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return [
            GqlAddressMatch(udprn=strawberry.ID(m.udprn), summary=m.summary, postcode=m.postcode)
            for m in found
        ]

    @strawberry.field(description="One PAF delivery point by its UDPRN; null when unknown.")
    async def address(self, info: ContextInfo, udprn: strawberry.ID) -> GqlAddress | None:
        info.context.require_viewer()
        services = info.context.services
        try:
            view = await find_address(
                services.addresses.book, services.addresses.ldz_reference, udprn
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return GqlAddress.of_view(view) if view else None
