"""Submission checks on the fields of an MNC request: every one runs, every fault is reported."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.model import MncRequest
from cms.core.contacts.ports import PhoneNumberRules
from cms.core.contacts.values import MarketSector, Rejection
from cms.core.shared.errors import InvalidValue

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
    """Trim a free-text value; blank becomes None."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def _has_control_characters(value: str, allow_newlines: bool = False) -> bool:
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(
        unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} and ch not in allowed for ch in value
    )


def _check_text(
    checked: CheckedFields,
    value: str | None,
    *,
    field_name: str,
    label: str,
    limit: int,
    required: bool = False,
    allow_newlines: bool = False,
) -> str | None:
    text = clean_text(value)
    if text is None:
        if required:
            checked.reject("REQUIRED", field_name, f"{label} is required.")
        return None
    if len(text) > limit:
        checked.reject(
            "TOO_LONG",
            field_name,
            f"{label} has {len(text)} characters; at most {limit} are allowed.",
        )
    if _has_control_characters(text, allow_newlines):
        checked.reject(
            "INVALID_CHARACTERS",
            field_name,
            f"{label} contains control characters; please retype it as plain text.",
        )
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
    serial = _check_text(
        checked,
        command.meter_serial_number,
        field_name="meterSerialNumber",
        label="The meter serial number",
        limit=MAX_METER_SERIAL,
    )
    if serial is not None:
        serial = serial.upper()
        if not _METER_SERIAL.match(serial):
            checked.reject(
                "METER_SERIAL_INVALID",
                "meterSerialNumber",
                "A meter serial number has letters and digits only (hyphens and slashes "
                "allowed), as printed on the meter.",
            )
    contact_name = _check_text(
        checked,
        command.site_contact_name,
        field_name="siteContactName",
        label="The site contact name",
        limit=MAX_SITE_CONTACT_NAME,
    )
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
    notes = _check_text(
        checked,
        command.notes,
        field_name="notes",
        label="The notes",
        limit=MAX_NOTES,
        allow_newlines=True,
    )
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
    _check_text(
        checked,
        manual.building_name_or_number,
        field_name="manualAddress.buildingNameOrNumber",
        label="The building name or number",
        limit=MAX_BUILDING,
        required=True,
    )
    _check_text(
        checked,
        manual.thoroughfare,
        field_name="manualAddress.thoroughfare",
        label="The street",
        limit=MAX_THOROUGHFARE,
    )
    _check_text(
        checked,
        manual.post_town,
        field_name="manualAddress.postTown",
        label="The post town",
        limit=MAX_POST_TOWN,
        required=True,
    )
    try:
        checked.manual_postcode = Postcode.parse(manual.postcode)
    except InvalidValue as error:
        checked.reject(error.code, "manualAddress.postcode", error.message)
