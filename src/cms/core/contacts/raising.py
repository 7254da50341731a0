"""Raising an MNC contact: a Shipper's submission, checked and logged with a CRN, or refused
with every reason at once. (The moves after it are in workflow.py.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cms.core.accounts.model import OrganisationKind, Viewer
from cms.core.addresses.address import Address
from cms.core.addresses.matching import paf_matches
from cms.core.addresses.ports import AddressBook, LdzReference
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.queries import resolve_ldz
from cms.core.addresses.search import AddressIndex
from cms.core.contacts.checks import CheckedFields, check_fields, clean_text
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.crn import Crn
from cms.core.contacts.events import ContactSubmissionRefused
from cms.core.contacts.model import MncContact, Site
from cms.core.contacts.ports import (
    ContactsUnitOfWork,
    DuplicateOpenContact,
    NetworkDirectory,
    OpenContactRef,
    PhoneNumberRules,
    UkLinkGateway,
)
from cms.core.contacts.values import PafSuggestion, Rejection
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import Clock
from cms.core.shared.errors import InvalidValue, NotPermitted
from cms.core.shared.ids import new_id

CONTACT_TYPE_MNC = "MNC"


@dataclass(frozen=True, slots=True)
class ContactLoggedResult:
    crn: Crn
    warnings: tuple[Rejection, ...]


@dataclass(frozen=True, slots=True)
class ContactRejectedResult:
    reasons: tuple[Rejection, ...]


RaiseOutcome = ContactLoggedResult | ContactRejectedResult


class ContactsHandlers:
    """The contacts module's handlers, bound to their ports."""

    def __init__(
        self,
        uow: Callable[[], ContactsUnitOfWork],
        addresses: AddressBook,
        address_index: AddressIndex,
        ldz_reference: LdzReference,
        uk_link: UkLinkGateway,
        phones: PhoneNumberRules,
        networks: NetworkDirectory,
        calendar: WorkingDayCalendar,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._networks = networks
        self._addresses = addresses
        self._address_index = address_index
        self._ldz_reference = ldz_reference
        self._uk_link = uk_link
        self._phones = phones
        self._calendar = calendar
        self._clock = clock

    async def raise_mnc_contact(self, command: RaiseMncContact) -> RaiseOutcome:
        """Run every submission check; log the contact with a CRN, or report every fault."""
        viewer = command.raised_by
        if viewer.kind is not OrganisationKind.SHIPPER:
            raise NotPermitted("Only a Shipper's users can raise an MNC contact.")
        checked = check_fields(command, self._phones)
        site = await self._resolve_site(command, checked)
        if site is not None:
            await self._check_site_is_new(site, viewer, checked)
        if checked.rejections or site is None or checked.request is None:
            return await self._refuse(viewer, checked.rejections)

        now = self._clock.now()
        try:
            async with self._uow() as uow:
                sequence = await uow.crn_sequence.next_value(CONTACT_TYPE_MNC, now.year)
                crn = Crn.issue(CONTACT_TYPE_MNC, now.year, sequence)
                contact = MncContact.raise_(
                    crn=crn,
                    shipper_organisation_id=viewer.organisation.id,
                    raised_by=viewer.user_id,
                    at=now,
                    site=site,
                    request=checked.request,
                    calendar=self._calendar,
                )
                await uow.contacts.add(contact)
                await uow.submissions.record(
                    at=now,
                    shipper_organisation_id=viewer.organisation.id,
                    user_id=viewer.user_id,
                    crn=str(crn),
                    reason_codes=(),
                )
                await uow.commit()
        except DuplicateOpenContact:
            # Another submission for the same site won the race after our check.
            field_name = "udprn" if site.udprn else "manualAddress"
            return await self._refuse(viewer, [_open_contact_rejection(None, viewer, field_name)])
        return ContactLoggedResult(crn=crn, warnings=tuple(checked.warnings))

    async def _resolve_site(self, command: RaiseMncContact, checked: CheckedFields) -> Site | None:
        address: Address | None = None
        if checked.udprn is not None:
            address = await self._addresses.get(checked.udprn)
            if address is None:
                checked.reject(
                    "ADDRESS_NOT_IN_PAF",
                    "udprn",
                    f"No PAF delivery point has the UDPRN {checked.udprn}; search for the "
                    "address again, or enter it by hand if the PAF has no match.",
                )
        elif command.manual_address is not None and checked.manual_postcode is not None:
            address = _manual_address(command, checked.manual_postcode)
        if address is None:
            return None
        field_name = "udprn" if checked.udprn else "manualAddress.postcode"
        try:
            ldz = await resolve_ldz(self._ldz_reference, address.postcode)
        except InvalidValue as error:
            checked.reject(error.code, field_name, error.message)
            return None
        if checked.udprn is None:
            await self._check_typed_address_against_paf(command, address, checked)
        network = await self._networks.network_owning(ldz.value)
        if network is None:
            checked.reject(
                "NO_NETWORK_FOR_LDZ",
                field_name,
                f"{address.postcode} is in the {ldz.display_name} zone ({ldz}), and no gas "
                "network in CMS looks after that zone yet, so the contact could not be passed "
                "on; ask the CDSP to set up the network that owns it, then raise it again.",
            )
            return None
        return Site(
            address=address, manual=checked.udprn is None, ldz=ldz, network=network.short_code
        )

    async def _check_typed_address_against_paf(
        self, command: RaiseMncContact, address: Address, checked: CheckedFields
    ) -> None:
        """The PAF checks come before submission: a typed address the PAF holds must be
        chosen from it; one it does not hold is logged for the CDSP to check by hand."""
        manual = command.manual_address
        assert manual is not None
        matches = await paf_matches(
            self._address_index,
            address.postcode,
            manual.building_name_or_number,
            manual.thoroughfare,
        )
        if matches:
            checked.rejections.append(_in_paf_rejection(matches))
        else:
            checked.warnings.append(
                Rejection(
                    "ADDRESS_NOT_IN_PAF",
                    "manualAddress",
                    f"The PAF has no address like this one in {address.postcode}: the contact "
                    "is logged with the address as you typed it, and the CDSP will check it by "
                    "hand.",
                )
            )

    async def _check_site_is_new(self, site: Site, viewer: Viewer, checked: CheckedFields) -> None:
        key = site.address.matching_key()
        existing = None
        if site.udprn is not None:
            existing = await self._uk_link.meter_point_at(site.udprn)
        if existing is None:
            existing = await self._uk_link.meter_point_at_address(
                key, unlinked_only=site.udprn is not None
            )
        field_name = "udprn" if site.udprn else "manualAddress"
        if existing is not None:
            checked.reject(
                "SITE_HAS_MPRN",
                field_name,
                f"UK Link already holds the meter point {existing} for this address. A new MPRN "
                "is only for a new or relaid service; a meter exchange keeps the existing MPRN.",
            )
        async with self._uow() as uow:
            open_contact = await uow.contacts.open_contact_at(site.udprn, key)
        if open_contact is not None:
            checked.rejections.append(_open_contact_rejection(open_contact, viewer, field_name))

    async def _refuse(self, viewer: Viewer, reasons: list[Rejection]) -> ContactRejectedResult:
        now = self._clock.now()
        codes = tuple(reason.code for reason in reasons)
        async with self._uow() as uow:
            await uow.submissions.record(
                at=now,
                shipper_organisation_id=viewer.organisation.id,
                user_id=viewer.user_id,
                crn=None,
                reason_codes=codes,
            )
            uow.record(
                [
                    ContactSubmissionRefused(
                        event_id=new_id(),
                        stream_id=viewer.organisation.id,
                        occurred_at=now,
                        actor_id=viewer.user_id,
                        shipper_organisation_id=viewer.organisation.id,
                        reason_codes=codes,
                    )
                ]
            )
            await uow.commit()
        return ContactRejectedResult(reasons=tuple(reasons))


def _manual_address(command: RaiseMncContact, postcode: Postcode) -> Address:
    manual = command.manual_address
    assert manual is not None
    premises = clean_text(manual.building_name_or_number) or ""
    is_number = premises.isdigit() and len(premises) <= 4
    return Address(
        udprn=None,
        postcode=postcode,
        post_town=(clean_text(manual.post_town) or "").upper(),
        building_number=premises if is_number else None,
        building_name=None if is_number else premises,
        thoroughfare=clean_text(manual.thoroughfare),
    )


def _in_paf_rejection(matches: list[Address]) -> PafSuggestion:
    first = matches[0]
    assert first.udprn is not None
    where = (
        f'as "{first.summary()}"'
        if len(matches) == 1
        else f'at {len(matches)} delivery points, such as "{first.summary()}"'
    )
    choose = "choose it" if len(matches) == 1 else "choose the right one"
    return PafSuggestion(
        "MANUAL_ADDRESS_IN_PAF",
        "manualAddress",
        f"This address is in the PAF {where}; {choose} from the address search instead of "
        "typing it in.",
        suggested_udprn=first.udprn,
    )


def _open_contact_rejection(
    existing: OpenContactRef | None, viewer: Viewer, field_name: str
) -> Rejection:
    # Name the CRN only to its own Shipper: another's contact must not be revealed.
    own = existing is not None and existing.shipper_organisation_id == viewer.organisation.id
    detail = f" ({existing.crn})" if own and existing is not None else ""
    return Rejection(
        "OPEN_CONTACT_EXISTS",
        field_name,
        f"An MNC contact for this delivery point is already open{detail}; wait for it to "
        "finish, or withdraw it, before raising another.",
    )
