"""Commands of the contacts module."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.model import Viewer
from cms.core.contacts.values import ManualAddress, MarketSector, MncReason
from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class RaiseMncContact(Command):
    """A Shipper asks for a new meter point to be recorded for a site without one."""

    raised_by: Viewer
    udprn: str | None
    manual_address: ManualAddress | None
    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None = None
    site_contact_name: str | None = None
    site_contact_phone: str | None = None
    notes: str | None = None
