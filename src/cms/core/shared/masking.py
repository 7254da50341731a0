"""Email addresses and phone numbers shown in part: enough to recognise, too little to harvest.

Used wherever an address or a number reaches a person who may not own it, or a log line: the
``maskedDestination`` of an MFA challenge, delivery errors, the adapters' logs.

* ``mask_email("alice@alpha.example")`` is ``"a***@alpha.example"``: the first character of the
  local part and the whole domain.
* ``mask_phone("+447700900123")`` is ``"+44 7*** ***123"``: for UK numbers, the country code, the
  first digit of the national number (7 says "a mobile") and the last three digits;
  ``mask_phone("+33612345678")`` is ``"+33 *** ***678"``: elsewhere the country code and the
  last three digits.

The number of stars is fixed, so the mask does not give away the length of what it hides. Both
functions accept any text and never raise: what does not look like an address or an E.164
number is masked harder, never shown.
"""

from __future__ import annotations

import re

__all__ = ["mask_email", "mask_phone"]

STARS = "***"

# ITU-T E.164 country codes are prefix-free: 1 and 7 are the only one-digit codes, the two-digit
# ones are listed here, and every other code has three digits.
_ONE_DIGIT_CODES = frozenset({"1", "7"})
_TWO_DIGIT_CODES = frozenset(
    {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
        "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
        "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
        "95", "98",
    }
)  # fmt: skip
_UK = "44"
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_SEPARATORS = re.compile(r"[\s().-]")


def mask_email(address: str) -> str:
    """``alice@alpha.example`` -> ``a***@alpha.example``; the domain is kept whole.

    A one-character local part is hidden entirely (showing it would show all of it), and text
    without an ``@`` gives just ``***``.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at or not domain:
        return STARS
    shown = local[0] if len(local) > 1 else ""
    return f"{shown}{STARS}@{domain}"


def mask_phone(e164: str) -> str:
    """``+447700900123`` -> ``+44 7*** ***123``; ``+33612345678`` -> ``+33 *** ***678``.

    Spaces, dots, dashes and brackets are ignored. Text that is not an E.164 number gives
    ``***``, or ``*** ***`` and its last three digits when it holds enough digits to spare them.
    """
    compact = _SEPARATORS.sub("", e164)
    if not _E164.fullmatch(compact):
        found = "".join(c for c in compact if c.isascii() and c.isdigit())
        if len(found) >= 7:
            return f"{STARS} {STARS}{found[-3:]}"
        return STARS
    digits = compact[1:]
    code = _country_code(digits)
    national = digits[len(code) :]
    if len(national) < 5:
        return f"+{code} {STARS}"
    last = national[-3:]
    if code == _UK:
        return f"+{code} {national[0]}{STARS} {STARS}{last}"
    return f"+{code} {STARS} {STARS}{last}"


def _country_code(digits: str) -> str:
    if digits[:1] in _ONE_DIGIT_CODES:
        return digits[:1]
    if digits[:2] in _TWO_DIGIT_CODES:
        return digits[:2]
    return digits[:3]
