"""Identifiers of the contacts module: the MPRN of a supply meter point."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.shared.errors import InvalidValue

MIN_MPRN_DIGITS = 6
MAX_MPRN_DIGITS = 10


def mprn_check_digits(body: str) -> str:
    """The two check digits UK Link appends to an MPRN body (a weighted sum modulo 11)."""
    n = len(body)
    total = sum(int(digit) * (n - i) for i, digit in enumerate(body))
    return f"{total % 11:02d}"


@dataclass(frozen=True, slots=True, order=True)
class Mprn:
    """A Meter Point Reference Number: 6 to 10 digits, the last two a check value."""

    value: str

    @classmethod
    def parse(cls, text: str) -> Mprn:
        """Read an MPRN typed with or without spaces; raise InvalidValue when it cannot be one."""
        compact = "".join(text.split())
        if not compact.isascii() or not compact.isdigit():
            raise InvalidValue(
                "MPRN_INVALID",
                f"'{text.strip()[:20]}' is not an MPRN: an MPRN has digits only.",
                "mprn",
            )
        if not MIN_MPRN_DIGITS <= len(compact) <= MAX_MPRN_DIGITS:
            raise InvalidValue(
                "MPRN_INVALID",
                f"'{compact[:20]}' has {len(compact)} digits; an MPRN has 6 to 10.",
                "mprn",
            )
        if mprn_check_digits(compact[:-2]) != compact[-2:]:
            raise InvalidValue(
                "MPRN_INVALID",
                f"'{compact}' is not a valid MPRN: its check digits do not match; "
                "please check it for a mistyped digit.",
                "mprn",
            )
        return cls(compact)

    @classmethod
    def from_body(cls, body: str) -> Mprn:
        """Make the MPRN with this body (4 to 8 digits) by appending its check digits."""
        if not (body.isascii() and body.isdigit()) or not (
            MIN_MPRN_DIGITS - 2 <= len(body) <= MAX_MPRN_DIGITS - 2
        ):
            raise ValueError(f"an MPRN body has 4 to 8 digits, not {body!r}")
        return cls(body + mprn_check_digits(body))

    def __str__(self) -> str:
        return self.value
