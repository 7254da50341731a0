"""Phone numbers parsed and validated with Google's libphonenumber (the phonenumbers package)."""

from __future__ import annotations

import phonenumbers


class LibPhoneNumberRules:
    """The PhoneNumberRules port: UK numbers by default, international ones with a +."""

    def __init__(self, default_region: str = "GB") -> None:
        self._region = default_region

    def normalise(self, text: str) -> str | None:
        try:
            number = phonenumbers.parse(text, self._region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(number):
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
