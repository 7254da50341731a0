"""Phone numbers parsed and validated with Google's libphonenumber (the phonenumbers package)."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
UK_COUNTRY_CODE = 44


class LibPhoneNumberRules:
    """The PhoneNumberRules and MobileNumbers ports: UK by default, others written with +."""

    def __init__(self, default_region: str = "GB") -> None:
        self._region = default_region

    def _parse(self, text: str) -> phonenumbers.PhoneNumber | None:
        if len(text) > 32:
            return None
        try:
            number = phonenumbers.parse(text, self._region)
        except phonenumbers.NumberParseException:
            return None
        return number if phonenumbers.is_valid_number(number) else None

    def normalise(self, text: str) -> str | None:
        number = self._parse(text)
        if number is None:
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def normalise_mobile(self, text: str, allow_international: bool) -> str | None:
        number = self._parse(text)
        if number is None or phonenumbers.number_type(number) not in _MOBILE_TYPES:
            return None
        if not allow_international and number.country_code != UK_COUNTRY_CODE:
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
