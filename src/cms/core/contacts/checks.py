"""Submission checks on the fields of an MNC request: every one runs, every fault is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.ports import PhoneNumberRules
from cms.core.contacts.values import MarketSector, MncRequest, Rejection
from cms.core.shared.errors import InvalidValue
from cms.core.shared.text import FreeText

# Limits from UK Link's supply meter point data and the PAF (DOMAIN.md).
DOMESTIC_AQ_LIMIT_KWH = 73_200
MAX_AQ_KWH = 999_999_999  # (decision) 1 TWh a year is beyond any single GB site
MAX_METER_SERIAL = 14
MAX_SITE_CONTACT_NAME = 60
MAX_NOTES = 1_000
MAX_BUILDING = 50
MAX_THOROUGHFARE = 80
MAX_POST_TOWN = 30
_UDPRN = re.compile(r"^[0-9]{1,8}$")  # ASCII digits only: \d admits any script
_METER_SERIAL = re.compile(r"^[A-Z0-9][A-Z0-9/-]*$")


@dataclass
class CheckedFields:
    """The request's fields, cleaned, and every fault found in them."""

    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    udprn: str | None = None
    manual_postcode: Postcode | None = None
    request: MncRequest | None = None

    def reject(self, code: str, field_name: str | None, message: str) -> None:
        self.rejections.append(Rejection(code, field_name, message))


def clean_text(value: str | None) -> str | None:
    """Trim a value; blank becomes None."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


METER_SERIAL_NUMBER = FreeText("meterSerialNumber", "The meter serial number", MAX_METER_SERIAL)
SITE_CONTACT_NAME = FreeText("siteContactName", "The site contact name", MAX_SITE_CONTACT_NAME)
NOTES = FreeText("notes", "The notes", MAX_NOTES, multiline=True)
MANUAL_BUILDING = FreeText(
    "manualAddress.buildingNameOrNumber",
    "The building name or number",
    MAX_BUILDING,
    required=True,
)
MANUAL_THOROUGHFARE = FreeText("manualAddress.thoroughfare", "The street", MAX_THOROUGHFARE)
MANUAL_POST_TOWN = FreeText("manualAddress.postTown", "The post town", MAX_POST_TOWN, required=True)


def _check_text(checked: CheckedFields, value: str | None, rule: FreeText) -> str | None:
    text, problems = rule.check(value)
    checked.rejections.extend(problems)
    return text


def check_fields(command: RaiseMncContact, phones: PhoneNumberRules) -> CheckedFields:
    """Check every field of the request on its own (the address is resolved afterwards)."""
    checked = CheckedFields()
    _check_address_choice(command, checked)
    aq = command.annual_quantity_kwh
    if aq <= 0:
        checked.reject(
            "AQ_NOT_POSITIVE",
            "annualQuantityKwh",
            f"The annual quantity must be a positive whole number of kWh; {aq} is not.",
        )
    elif aq > MAX_AQ_KWH:
        checked.reject(
            "AQ_TOO_LARGE",
            "annualQuantityKwh",
            f"An annual quantity of {aq:,} kWh is beyond any single site (at most "
            f"{MAX_AQ_KWH:,}); please check the units are kWh.",
        )
    else:
        checked.warnings.extend(aq_warnings(command.market_sector, aq))
    serial = _check_text(checked, command.meter_serial_number, METER_SERIAL_NUMBER)
    if serial is not None:
        serial = serial.upper()
        if not _METER_SERIAL.match(serial):
            checked.reject(
                "METER_SERIAL_INVALID",
                "meterSerialNumber",
                "A meter serial number has letters and digits only (hyphens and slashes "
                "allowed), as printed on the meter.",
            )
    contact_name = _check_text(checked, command.site_contact_name, SITE_CONTACT_NAME)
    phone = clean_text(command.site_contact_phone)
    if phone is not None:
        normalised = phones.normalise(phone) if len(phone) <= 32 else None
        if normalised is None:
            checked.reject(
                "PHONE_INVALID",
                "siteContactPhone",
                f"'{phone[:32]}' is not a phone number we can dial; give a UK number such as "
                "0113 496 0000, or an international one starting with +.",
            )
        phone = normalised
    notes = _check_text(checked, command.notes, NOTES)
    checked.request = MncRequest(
        market_sector=command.market_sector,
        annual_quantity_kwh=aq,
        reason=command.reason,
        meter_serial_number=serial,
        site_contact_name=contact_name,
        site_contact_phone=phone,
        notes=notes,
    )
    return checked


def aq_warnings(sector: MarketSector, aq: int) -> list[Rejection]:
    """An AQ unusual for its market sector is worth a second look, not a refusal."""
    if sector is MarketSector.DOMESTIC and aq > DOMESTIC_AQ_LIMIT_KWH:
        return [
            Rejection(
                "AQ_ABOVE_DOMESTIC_RANGE",
                "annualQuantityKwh",
                f"{aq:,} kWh is above the domestic range (up to {DOMESTIC_AQ_LIMIT_KWH:,} kWh); "
                "check the market sector is right.",
            )
        ]
    if sector is MarketSector.INDUSTRIAL_COMMERCIAL and aq <= DOMESTIC_AQ_LIMIT_KWH:
        return [
            Rejection(
                "AQ_BELOW_IC_RANGE",
                "annualQuantityKwh",
                f"{aq:,} kWh is within the domestic range (up to {DOMESTIC_AQ_LIMIT_KWH:,} kWh); "
                "check the market sector is right.",
            )
        ]
    return []


def _check_address_choice(command: RaiseMncContact, checked: CheckedFields) -> None:
    udprn = clean_text(command.udprn)
    manual = command.manual_address
    if udprn is None and manual is None:
        checked.reject(
            "ADDRESS_REQUIRED",
            "udprn",
            "Choose the address from the PAF search, or enter it by hand only if the PAF has "
            "no match.",
        )
        return
    if udprn is not None and manual is not None:
        checked.reject(
            "ADDRESS_AMBIGUOUS",
            "manualAddress",
            "Give either a PAF address (udprn) or a manual address, not both.",
        )
        return
    if udprn is not None:
        if not _UDPRN.match(udprn):
            checked.reject(
                "UDPRN_INVALID",
                "udprn",
                f"'{udprn[:20]}' is not a UDPRN: it should be Royal Mail's 8-digit delivery "
                "point number from the address search.",
            )
        else:
            checked.udprn = udprn.zfill(8)
        return
    assert manual is not None
    _check_text(checked, manual.building_name_or_number, MANUAL_BUILDING)
    _check_text(checked, manual.thoroughfare, MANUAL_THOROUGHFARE)
    _check_text(checked, manual.post_town, MANUAL_POST_TOWN)
    try:
        checked.manual_postcode = Postcode.parse(manual.postcode)
    except InvalidValue as error:
        checked.reject(error.code, "manualAddress.postcode", error.message)
