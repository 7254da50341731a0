"""Contacts to and from their SQL rows: the one place a contact's fields meet its columns.

The write side (the ``contacts`` table) and the read side (``contact_summaries``, a copy of
the columns the views show) share the request's columns, so the request is mapped once."""

from __future__ import annotations

from typing import Any

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.crn import Crn
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import FINAL_STATUSES, ContactStatus
from cms.core.contacts.model import MncContact, Site, address_payload
from cms.core.contacts.queries import ContactView, search_text_of
from cms.core.contacts.values import MarketSector, MncReason, MncRequest

_ADDRESS_FIELDS = (
    "organisation_name",
    "department_name",
    "sub_building_name",
    "building_name",
    "building_number",
    "po_box",
    "dependent_thoroughfare",
    "thoroughfare",
    "double_dependent_locality",
    "dependent_locality",
)


def address_from_payload(payload: dict[str, Any]) -> Address:
    return Address(
        udprn=payload.get("udprn"),
        postcode=Postcode.parse(payload["postcode"]),
        post_town=payload["post_town"],
        **{name: payload.get(name) for name in _ADDRESS_FIELDS},
    )


def request_values(request: MncRequest) -> dict[str, Any]:
    return {
        "market_sector": request.market_sector.value,
        "annual_quantity_kwh": request.annual_quantity_kwh,
        "reason": request.reason.value,
        "meter_serial_number": request.meter_serial_number,
        "site_contact_name": request.site_contact_name,
        "site_contact_phone": request.site_contact_phone,
        "notes": request.notes,
    }


def request_from_row(row: Any) -> MncRequest:
    return MncRequest(
        market_sector=MarketSector(row.market_sector),
        annual_quantity_kwh=row.annual_quantity_kwh,
        reason=MncReason(row.reason),
        meter_serial_number=row.meter_serial_number,
        site_contact_name=row.site_contact_name,
        site_contact_phone=row.site_contact_phone,
        notes=row.notes,
    )


def contact_values(contact: MncContact) -> dict[str, Any]:
    site = contact.site
    is_open = contact.status not in FINAL_STATUSES
    key = site.address.matching_key()
    return {
        "crn": str(contact.crn),
        "contact_type": contact.crn.contact_type,
        "status": contact.status.value,
        "version": contact.version,
        "shipper_organisation_id": contact.shipper_organisation_id,
        "raised_by": contact.raised_by,
        "raised_at": contact.raised_at,
        "network": site.network,
        "ldz": site.ldz.value,
        "udprn": site.udprn,
        "manual_address": site.manual,
        "address": address_payload(site.address),
        "address_key": key,
        "postcode": str(site.address.postcode),
        "open_udprn": site.udprn if is_open else None,
        "open_address_key": key if is_open and site.manual else None,
        **request_values(contact.request),
        "mprn": str(contact.mprn) if contact.mprn else None,
        "assignee_id": contact.assignee_id,
        "asked_from": contact.asked_from.value if contact.asked_from else None,
        "allocated_network": contact.allocated_network,
        "reminded_at": contact.reminded_at,
        "planned_visit": contact.planned_visit,
        "rejection_reason": contact.rejection_reason,
        "due_by": contact.due_by,
        "search_text": search_text_of(site.address),
    }


def contact_from_row(row: Any) -> MncContact:
    return MncContact(
        crn=Crn.parse(row.crn),
        status=ContactStatus(row.status),
        shipper_organisation_id=row.shipper_organisation_id,
        raised_by=row.raised_by,
        raised_at=row.raised_at,
        site=Site(
            address=address_from_payload(row.address),
            manual=row.manual_address,
            ldz=Ldz(row.ldz),
            network=row.network,
        ),
        request=request_from_row(row),
        due_by=row.due_by,
        mprn=Mprn(row.mprn) if row.mprn else None,
        assignee_id=row.assignee_id,
        asked_from=ContactStatus(row.asked_from) if row.asked_from else None,
        allocated_network=row.allocated_network,
        reminded_at=row.reminded_at,
        planned_visit=row.planned_visit,
        rejection_reason=row.rejection_reason,
        version=row.version,
    )


def view_from_row(row: Any) -> ContactView:
    """A view from a row of ``contact_summaries`` (or of ``contacts``: it has every column)."""
    return ContactView(
        crn=row.crn,
        status=ContactStatus(row.status),
        raised_at=row.raised_at,
        raised_by_id=row.raised_by,
        shipper_organisation_id=row.shipper_organisation_id,
        network=row.network,
        address=address_from_payload(row.address),
        manual_address=row.manual_address,
        ldz=row.ldz,
        request=request_from_row(row),
        mprn=row.mprn,
        assignee_id=row.assignee_id,
        due_by=row.due_by,
        planned_visit=row.planned_visit,
        rejection_reason=row.rejection_reason,
        allocated_network=row.allocated_network,
    )
