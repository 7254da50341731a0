"""What the event log stores of an event: one flat JSON payload, the same whether the event
carries its facts flat or as a value object, so rows written before and after read alike."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import ClassVar

import pytest

from cms.adapters.sql.event_store import event_row
from cms.core.contacts.events import ContactLogged
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.values import MarketSector, MncReason, MncRequest
from cms.core.shared.messages import Event

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

# The keys a LOGGED row's payload has always had besides the request's fields, which sit
# beside them, flat.
LOGGED_KEYS_BESIDE_THE_REQUEST = {
    "note",
    "from_status",
    "to_status",
    "shipper_organisation_id",
    "network",
    "ldz",
    "udprn",
    "manual_address",
    "address",
}


def logged() -> ContactLogged:
    return ContactLogged(
        event_id="event-1",
        stream_id="MNC-2026-000001",
        occurred_at=AT,
        actor_id="user-alice",
        from_status=None,
        to_status=ContactStatus.LOGGED,
        shipper_organisation_id="org-alpha",
        network="CAD",
        ldz="NW",
        udprn="10000001",
        manual_address=False,
        address={"postcode": "M20 3JH", "post_town": "MANCHESTER"},
        request=MncRequest(
            market_sector=MarketSector.DOMESTIC,
            annual_quantity_kwh=12_000,
            reason=MncReason.NEW_SERVICE,
            site_contact_phone="0161 496 0000",
            notes="Plot 4.",
        ),
    )


def test_a_logged_rows_payload_keeps_the_request_flat_as_it_always_was() -> None:
    row = event_row(logged())

    request_fields = {field.name for field in fields(MncRequest)}
    assert set(row["payload"]) == LOGGED_KEYS_BESIDE_THE_REQUEST | request_fields
    assert request_fields >= {"market_sector", "annual_quantity_kwh", "reason", "notes"}
    assert row["payload"]["market_sector"] == "DOMESTIC"
    assert row["payload"]["annual_quantity_kwh"] == 12_000
    assert row["payload"]["reason"] == "NEW_SERVICE"
    assert row["payload"]["site_contact_phone"] == "0161 496 0000"
    assert row["payload"]["notes"] == "Plot 4."
    assert row["payload"]["meter_serial_number"] is None
    assert (row["kind"], row["stream_type"], row["stream_id"]) == (
        "LOGGED",
        "contacts",
        "MNC-2026-000001",
    )


@dataclass(frozen=True, slots=True)
class _Clashing:
    note: str


@dataclass(frozen=True, kw_only=True)
class _EventWithClash(Event):
    kind: ClassVar[str] = "CLASH"
    detail: _Clashing


def test_a_value_object_whose_field_clashes_with_the_events_own_is_refused() -> None:
    event = _EventWithClash(
        event_id="event-2", stream_id="x", occurred_at=AT, note="own", detail=_Clashing("inner")
    )
    with pytest.raises(ValueError, match="note"):
        event_row(event)
