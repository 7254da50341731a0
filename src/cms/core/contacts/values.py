"""Value types of an MNC contact's request."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cms.core.shared.rejections import Rejection

__all__ = [
    "ManualAddress",
    "MarketSector",
    "MncReason",
    "MncRequest",
    "PafSuggestion",
    "Rejection",
]


class MarketSector(StrEnum):
    DOMESTIC = "DOMESTIC"
    INDUSTRIAL_COMMERCIAL = "INDUSTRIAL_COMMERCIAL"


class MncReason(StrEnum):
    NEW_SERVICE = "NEW_SERVICE"
    SERVICE_RELAID = "SERVICE_RELAID"
    GAS_IN_USE_NO_MPRN = "GAS_IN_USE_NO_MPRN"


@dataclass(frozen=True, slots=True)
class MncRequest:
    """What the Shipper asked for, once it has passed the submission checks. The contact, its
    logged event and its view all carry it whole: a new field of the request is added here."""

    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None = None
    site_contact_name: str | None = None
    site_contact_phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ManualAddress:
    """An address typed by the Shipper where PAF has no match; the CDSP reviews it."""

    building_name_or_number: str
    thoroughfare: str | None
    post_town: str
    postcode: str


@dataclass(frozen=True, slots=True)
class PafSuggestion(Rejection):
    """A refusal of a typed address that names the PAF delivery point to choose instead."""

    suggested_udprn: str
