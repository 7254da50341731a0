"""UK postcodes: parse any spacing and case, normalise, refuse impossible ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.core.shared.errors import InvalidValue

# Royal Mail's formats AN, ANN, AAN, AANN, ANA, AANA for the outward code, NAA for the inward.
# Q, V, X never first; I, J, Z never second; the inward letters never C, I, K, M, O, V.
_FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"
_SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"
_INWARD_LETTER = "ABDEFGHJLNPQRSTUWXYZ"
_OUTWARD = (
    rf"[{_FIRST}][0-9][0-9]?"  # AN, ANN
    rf"|[{_FIRST}][{_SECOND}][0-9][0-9]?"  # AAN, AANN
    rf"|[{_FIRST}][0-9][A-HJKPSTUW]"  # ANA
    rf"|[{_FIRST}][{_SECOND}][0-9][ABEHMNPRVWXY]"  # AANA
)
_POSTCODE = re.compile(rf"^(?P<outward>{_OUTWARD})(?P<inward>[0-9][{_INWARD_LETTER}]{{2}})$")
_AREA = re.compile(r"^[A-Z]{1,2}")
MAX_INPUT_LENGTH = 16


@dataclass(frozen=True, slots=True, order=True)
class Postcode:
    """A valid, normalised GB postcode such as ``LS6 2AB``."""

    outward: str
    inward: str

    @classmethod
    def parse(cls, text: str) -> Postcode:
        """Read a postcode typed in any case with any spacing; raise InvalidValue if impossible."""
        if len(text) > MAX_INPUT_LENGTH:
            raise InvalidValue(
                "POSTCODE_INVALID",
                f"'{text[:MAX_INPUT_LENGTH]}...' is too long to be a postcode; "
                "a postcode looks like LS6 2AB.",
                "postcode",
            )
        compact = "".join(text.split()).upper()
        match = _POSTCODE.match(compact)
        if match is None:
            raise InvalidValue(
                "POSTCODE_INVALID",
                f"'{text.strip()}' is not a valid UK postcode; a postcode looks like LS6 2AB "
                "(outward code, a space, then a digit and two letters).",
                "postcode",
            )
        return cls(match["outward"], match["inward"])

    @property
    def area(self) -> str:
        """The leading letters of the outward code, e.g. ``LS`` for ``LS6 2AB``."""
        found = _AREA.match(self.outward)
        assert found is not None  # guaranteed by the pattern
        return found.group(0)

    @property
    def district(self) -> str:
        """The outward code, e.g. ``LS6``."""
        return self.outward

    @property
    def sector(self) -> str:
        """The outward code and the inward digit, e.g. ``LS6 2``."""
        return f"{self.outward} {self.inward[0]}"

    @property
    def compact(self) -> str:
        """Without the space, as used for indexing: ``LS62AB``."""
        return self.outward + self.inward

    @property
    def is_northern_ireland(self) -> bool:
        """BT postcodes are in Northern Ireland, outside the GB gas networks."""
        return self.area == "BT"

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}"
