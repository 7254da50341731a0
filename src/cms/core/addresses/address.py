"""A PAF delivery point address and its Royal Mail label.

The label follows Royal Mail's Programmers' Guide (Edition 7): organisation and department,
then the premises lines chosen by the seven rules on which of sub-building name, building name
and building number are present, then PO box, thoroughfares, localities and the POST TOWN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

# Royal Mail's "exception rule": a name that is really a number ("1", "1-2", "12A", "A") is
# printed like a building number, in front of the next line, not on a line of its own.
_NUMBER_LIKE = re.compile(r"^(\d|\d.*\d|\d(.*\d)?[a-z]|[a-z])$", re.IGNORECASE)

# Rule 3's split: a name ending in a number range or a number with a suffix ("FLOWER HOUSE
# 189A") keeps its words on one line and moves that last word to the thoroughfare. A plain
# number ("CENTRE 30") or a single letter ("BLOCK B") is part of the name and stays.
_SPLIT_TAIL = re.compile(r"^(\d.*\d|\d(.*\d)?[a-z])$", re.IGNORECASE)

# ...except after these words, where the number belongs to the name ("UNIT 1-3", "REAR OF 5A").
_BUILDING_TYPES = frozenset(
    {
        "BACK OF", "BLOCK", "BLOCKS", "BUILDING", "FLAT", "FLATS", "MAISONETTE", "MAISONETTES",
        "REAR OF", "SHOP", "SHOPS", "STALL", "STALLS", "SUITE", "SUITES", "UNIT", "UNITS",
    }
)  # fmt: skip

_UDPRN = re.compile(r"^[0-9]{8}$")
_BUILDING_NUMBER = re.compile(r"^[0-9]{1,4}$")

# Apostrophes and full stops sit inside words ("ST. JOHN'S"); other punctuation separates them.
_JOINING_PUNCTUATION = re.compile(r"['’.]")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def is_number_like(name: str) -> bool:
    """True when a building or sub-building name is really a number (Royal Mail's exception)."""
    return _NUMBER_LIKE.match(name.strip()) is not None


def _present(value: str | None) -> str | None:
    """The value without surrounding spaces, or None when blank (PAF leaves absent fields empty)."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def _normalise(text: str) -> str:
    """Upper case, word characters only, single spaces: the comparable form of one element."""
    text = _JOINING_PUNCTUATION.sub("", text.upper())
    return _NOT_WORD.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class _Premises:
    """The premises part of a label: its own lines, and what leads the next line."""

    lines: tuple[str, ...] = ()
    lead: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """One delivery point as Royal Mail's PAF holds it; blank optional fields count as absent."""

    udprn: str | None  # None for a manual address that the PAF does not hold
    postcode: Postcode
    post_town: str
    organisation_name: str | None = None
    department_name: str | None = None
    sub_building_name: str | None = None
    building_name: str | None = None
    building_number: str | None = None
    po_box: str | None = None
    dependent_thoroughfare: str | None = None
    thoroughfare: str | None = None
    double_dependent_locality: str | None = None
    dependent_locality: str | None = None

    def __post_init__(self) -> None:
        if self.udprn is not None and not _UDPRN.match(self.udprn):
            raise InvalidValue(
                "UDPRN_INVALID",
                f"'{self.udprn[:20]}' is not a UDPRN: Royal Mail's delivery point number has "
                "8 digits.",
                "udprn",
            )
        if _present(self.post_town) is None:
            raise InvalidValue(
                "POST_TOWN_REQUIRED", "Every address needs its post town.", "post_town"
            )
        number = _present(self.building_number)
        if number is not None and not _BUILDING_NUMBER.match(number):
            raise InvalidValue(
                "BUILDING_NUMBER_INVALID",
                f"'{number[:20]}' is not a building number: PAF holds 1 to 4 digits there; put "
                "a name or a number with letters (like 12A) in the building name.",
                "building_number",
            )

    def label_lines(self) -> list[str]:
        """Royal Mail's address label, line by line, without the postcode."""
        lines = [
            line
            for line in (_present(self.organisation_name), _present(self.department_name))
            if line is not None
        ]
        premises = self._premises()
        lines.extend(premises.lines)
        po_box = _present(self.po_box)
        if po_box is not None:
            lines.append(f"PO BOX {po_box}")
        following = [
            line
            for line in (
                _present(self.dependent_thoroughfare),
                _present(self.thoroughfare),
                _present(self.double_dependent_locality),
                _present(self.dependent_locality),
            )
            if line is not None
        ]
        if premises.lead is not None:
            # The number goes in front of the first thoroughfare line, or of the first locality
            # line when there is no thoroughfare; with neither, it stands alone.
            if following:
                following[0] = f"{premises.lead} {following[0]}"
            else:
                following.append(premises.lead)
        lines.extend(following)
        lines.append(self.post_town.strip().upper())
        return lines

    def summary(self) -> str:
        """The label on one line, postcode last: ``FLAT 4, 58 TRAFALGAR STREET, LEEDS, LS6 2AB``."""
        return ", ".join([*self.label_lines(), str(self.postcode)])

    def matching_key(self) -> str:
        """A key that two records of the same premises share, for duplicate detection.

        It is the premises elements present, in PAF order (PO box, sub-building name, building
        name, building number), then the dependent thoroughfare and thoroughfare present, then
        the postcode, each upper-cased with apostrophes and full stops dropped and other
        punctuation and runs of spaces made one space, joined by ``|``: ``FLAT 4|58|TRAFALGAR
        STREET|LS6 2AB``. Absent elements are left out rather than kept as empty slots, so that
        "FLAT 4" typed as the building name of a manual address still meets PAF's sub-building
        "FLAT 4". Localities and post town are left out: the postcode already places the
        street, and manual addresses often get them wrong. The organisation name counts only
        where there are no premises elements, as it then is the only thing telling apart the
        businesses on one street.
        """
        premises = [
            _present(self.po_box) and f"PO BOX {_present(self.po_box)}",
            _present(self.sub_building_name),
            _present(self.building_name),
            self._building_number(),
        ]
        parts = [part for part in premises if part]
        if not parts:
            parts = [part for part in (_present(self.organisation_name),) if part]
        parts += [
            part
            for part in (_present(self.dependent_thoroughfare), _present(self.thoroughfare))
            if part
        ]
        keyed = [key for key in (_normalise(part) for part in parts) if key]
        return "|".join([*keyed, str(self.postcode)])

    def _building_number(self) -> str | None:
        """The building number, with PAF's 0 ("no number to print") read as absent."""
        number = _present(self.building_number)
        return None if number is None or number.lstrip("0") == "" else number

    def _has_number_zero(self) -> bool:
        number = _present(self.building_number)
        return number is not None and number.lstrip("0") == ""

    def _premises(self) -> _Premises:
        """Royal Mail's rules 1 to 7 on which premises elements are present."""
        sub = _present(self.sub_building_name)
        name = _present(self.building_name)
        number = self._building_number()

        if sub is None and name is None:
            # Rule 1 (no premises: the organisation carries the label) or rule 2 (number only).
            return _Premises(lead=number)
        if sub is None and name is not None and number is None:
            return self._rule_3(name)
        if sub is None and name is not None and number is not None:
            # Rule 4: the name has its own line whatever it looks like; the number leads.
            return _Premises((name,), number)
        if sub is not None and name is None and number is not None:
            # Rule 5. A one-letter sub-building is the number's suffix ("12A"), which is what
            # Royal Mail's concatenation indicator marks; CSV PAF does not carry the indicator.
            if len(sub) == 1 and sub.isalpha():
                return _Premises(lead=f"{number}{sub}")
            return _Premises((sub,), number)
        if sub is not None and name is not None:
            # Rules 6 (no number) and 7 (with a number).
            if is_number_like(sub):
                return _Premises((f"{sub} {name}",), number)
            if number is None and is_number_like(name):
                return _Premises((sub,), name)
            if self._has_number_zero():
                # PAF's 0 says the building has no number of its own: Royal Mail prints the
                # flat and its building on one line ("FLAT 1, HOLLY HOUSE").
                return _Premises((f"{sub}, {name}",))
            return _Premises((sub, name), number)
        # A sub-building name alone is outside the seven rules but occurs in PAF; it is laid out
        # like a building name alone (rule 3) without the split.
        assert sub is not None
        return _Premises(lead=sub) if is_number_like(sub) else _Premises((sub,))

    @staticmethod
    def _rule_3(name: str) -> _Premises:
        """Rule 3: a building name alone, which may be a number or end with one."""
        if is_number_like(name):
            return _Premises(lead=name)
        head, _, tail = name.rpartition(" ")
        if (
            head
            and _SPLIT_TAIL.match(tail)
            and not tail.isdigit()
            and head.upper() not in _BUILDING_TYPES
        ):
            return _Premises((head,), tail)
        return _Premises((name,))
