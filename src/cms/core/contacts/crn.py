"""The Contact Reference Number (CRN), e.g. ``MNC-2026-000123``.

Our own format (public material shows none): the contact type, the year the contact was logged
and a sequence, written zero-padded to at least six digits. People read CRNs out and retype
them, so ``parse`` is lenient about case and separators and strict about everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.core.shared.errors import InvalidValue

# Contact types that have CRNs. The Supplier Theft of Gas claim (SUT) joins in a later release.
CONTACT_TYPES: frozenset[str] = frozenset({"MNC"})

MIN_YEAR = 2000
MAX_YEAR = 9999
MIN_SEQUENCE_DIGITS = 6
MAX_SEQUENCE = 999_999_999  # nine digits: far beyond any year's volume, and fits an int column

# Longer input cannot be a CRN; refusing early keeps the error message short.
_MAX_INPUT_LENGTH = 40
_CRN = re.compile(r"^(?P<type>[A-Z]{3})[\s-]*(?P<year>[0-9]{4})[\s-]*(?P<sequence>[0-9]+)$")
_EXAMPLE = "a CRN looks like MNC-2026-000123"


def _invalid(message: str) -> InvalidValue:
    return InvalidValue("CRN_INVALID", message, "crn")


@dataclass(frozen=True, slots=True, order=True)
class Crn:
    """A Contact Reference Number: contact type, year and sequence."""

    contact_type: str
    year: int
    sequence: int

    def __post_init__(self) -> None:
        if self.contact_type not in CONTACT_TYPES:
            known = ", ".join(sorted(CONTACT_TYPES))
            raise _invalid(
                f"'{self.contact_type[:10]}' is not a contact type with CRNs (known: {known}); "
                f"{_EXAMPLE}."
            )
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise _invalid(
                f"{self.year} is not a year a CRN can carry (it must have 4 digits, from "
                f"{MIN_YEAR}); {_EXAMPLE}."
            )
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise _invalid(
                f"{self.sequence} is not a CRN sequence (it runs from 1 to {MAX_SEQUENCE}); "
                f"{_EXAMPLE}."
            )

    @classmethod
    def issue(cls, contact_type: str, year: int, sequence: int) -> Crn:
        """The CRN for the ``sequence``-th contact of ``contact_type`` logged in ``year``."""
        return cls(contact_type, year, sequence)

    @classmethod
    def parse(cls, text: str) -> Crn:
        """Read a CRN in any case, with spaces or hyphens (or none) between its three parts.

        An unpadded sequence is accepted and normalised: ``mnc 2026 123`` is MNC-2026-000123.
        """
        if len(text) > _MAX_INPUT_LENGTH:
            raise _invalid(f"'{text[:20]}...' is too long to be a CRN; {_EXAMPLE}.")
        match = _CRN.match(text.strip().upper())
        if match is None:
            raise _invalid(f"'{text.strip()}' is not a CRN; {_EXAMPLE}.")
        return cls(match["type"], int(match["year"]), int(match["sequence"]))

    def __str__(self) -> str:
        return f"{self.contact_type}-{self.year:04d}-{self.sequence:0{MIN_SEQUENCE_DIGITS}d}"
