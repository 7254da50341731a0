"""One shape per contact: the request the Shipper made is one value object, and each place that
stores or shows a contact takes it whole. A field added to MncRequest and forgotten in one of
those places fails here, by name, rather than in a list or a page."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from cms.adapters.sql.contacts_mapping import request_from_row, request_values
from cms.adapters.sql.tables import REQUEST_COLUMNS, contact_summaries, contacts
from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import ContactView
from cms.core.contacts.values import MarketSector, MncReason, MncRequest
from cms.graphql.contacts.types import Contact

REQUEST_FIELDS = [field.name for field in fields(MncRequest)]

FULL_REQUEST = MncRequest(
    market_sector=MarketSector.INDUSTRIAL_COMMERCIAL,
    annual_quantity_kwh=750_000,
    reason=MncReason.SERVICE_RELAID,
    meter_serial_number="G4A1234567",
    site_contact_name="Sam Site",
    site_contact_phone="0161 496 0000",
    notes="Gate code 1234.",
)


def test_every_field_of_the_request_has_its_column_on_the_contact_and_its_summary() -> None:
    assert list(REQUEST_COLUMNS) == REQUEST_FIELDS
    for name in REQUEST_FIELDS:
        assert name in contacts.c, name
        assert name in contact_summaries.c, name


def test_a_request_comes_back_from_its_columns_as_it_went_in() -> None:
    values = request_values(FULL_REQUEST)

    assert list(values) == REQUEST_FIELDS
    assert request_from_row(SimpleNamespace(**values)) == FULL_REQUEST


@pytest.fixture
def view() -> ContactView:
    return ContactView(
        crn="MNC-2026-000001",
        status=ContactStatus.LOGGED,
        raised_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        raised_by_id="user-alice",
        shipper_organisation_id="org-alpha",
        network="CAD",
        address=Address(udprn="10000001", postcode=Postcode.parse("M20 3JH"), post_town="X"),
        manual_address=False,
        ldz="NW",
        request=FULL_REQUEST,
        mprn=None,
        assignee_id=None,
        due_by=None,
        rejection_reason="NO_GAS_MAIN",
    )


def test_the_api_shows_every_field_of_the_request(view: ContactView) -> None:
    contact = Contact.of(view)

    for name in REQUEST_FIELDS:
        assert getattr(contact, name) == getattr(FULL_REQUEST, name), name


def test_the_api_contact_is_built_from_the_view_once(view: ContactView) -> None:
    contact = Contact.of(view)

    assert (contact.crn, contact.status, contact.ldz_name) == (
        "MNC-2026-000001",
        ContactStatus.LOGGED,
        "North West",
    )
    assert contact.rejection_reason is not None
    assert contact.rejection_reason.code == "NO_GAS_MAIN"
