"""Address search as the user types: reading the query, and ranking what the PAF offers.

Two kinds of query. A postcode, whole or begun ("m106bd", "M10 6", "M10"), lists the addresses of
that postcode, or of the first postcodes that start so, in natural order. Anything else is free
text: every word must match a word of the address (a common abbreviation matches its full word),
the last one as a prefix because the user is still typing; whole-word matches rank above partial
ones, then an exactly matched building number, then a matching postcode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.shared.errors import InvalidValue

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 50
MIN_MEANINGFUL_CHARACTERS = 2
MAX_WORDS = 8  # beyond this a query narrows nothing further, and costs the index more

# Street descriptors and other words people shorten; the PAF spells them out.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rd": ("road",), "st": ("street", "saint"), "ave": ("avenue",), "av": ("avenue",),
    "ln": ("lane",), "cl": ("close",), "dr": ("drive",), "cres": ("crescent",),
    "cresc": ("crescent",), "ct": ("court",), "crt": ("court",), "pl": ("place",),
    "sq": ("square",), "gdns": ("gardens",), "gdn": ("garden",), "gr": ("grove",),
    "gro": ("grove",), "pk": ("park",), "pde": ("parade",), "ter": ("terrace",),
    "terr": ("terrace",), "tce": ("terrace",), "wy": ("way",), "wk": ("walk",),
    "hse": ("house",), "ho": ("house",), "bldg": ("building",), "bldgs": ("buildings",),
    "est": ("estate",), "ind": ("industrial",), "mt": ("mount",), "hts": ("heights",),
    "cotts": ("cottages",), "ctr": ("centre",), "rdg": ("ridge",), "hl": ("hill",),
    "gn": ("green",), "grn": ("green",), "bvd": ("boulevard",), "blvd": ("boulevard",),
    "mews": ("mews",), "nth": ("north",), "sth": ("south",), "gt": ("great",),
    "lt": ("little",), "upr": ("upper",), "lwr": ("lower",), "apt": ("apartment", "flat"),
}  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+")
_JOINING = re.compile(r"['’.]")  # inside words: "st. john's" -> "st johns"
# A sub-district letter follows a one-digit district only (EC1A, W1A), as in Postcode.
_PARTIAL_POSTCODE = re.compile(
    r"^(?P<area>[A-Z]{1,2})(?:(?P<district>[0-9])(?P<sub>[A-Z])|(?P<digits>[0-9]{1,2}))"
    r"(?: ?(?P<inward>[0-9][A-Z]{0,2}))?$"
)
_OUTWARD_WORD = re.compile(r"^[a-z]{1,2}[0-9][a-z0-9]?$")
_INWARD_WORD = re.compile(r"^[0-9][a-z]{0,2}$")
_NUMBER = re.compile(r"^[0-9]+[a-z]?$")


def words_of(text: str) -> list[str]:
    """Lower-case ASCII words: accents folded, apostrophes and full stops dropped, any other
    character a separator (so no text, whatever its letters, can reach a query as syntax)."""
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _WORD.findall(_JOINING.sub("", folded))


def words_of_elements(
    elements: Iterable[str | None], postcode: Postcode, keep_repeats: bool = False
) -> list[str]:
    """The words an address is found by: its elements (organisation to post town), then the
    outward code and the compact postcode; each once unless `keep_repeats` (label order)."""
    # One pass over the elements joined: a separator cannot join two words.
    found = words_of(" ".join(element for element in elements if element))
    found.extend((postcode.outward.lower(), postcode.compact.lower()))
    return found if keep_repeats else list(dict.fromkeys(found))


# The fields an address is found by, in label order: its premises (different at every
# delivery point), then its street and places (shared by every address of a street).
PREMISES_FIELDS = (
    "organisation_name", "department_name", "sub_building_name", "building_name",
    "building_number", "po_box",
)  # fmt: skip
PLACE_FIELDS = (
    "dependent_thoroughfare", "thoroughfare", "double_dependent_locality", "dependent_locality",
    "post_town",
)  # fmt: skip


def address_words(address: Address) -> list[str]:
    return words_of_elements(
        (getattr(address, name) for name in (*PREMISES_FIELDS, *PLACE_FIELDS)), address.postcode
    )


def postcode_key(area: str, district: str, sub_district: str = "", inward: str = "") -> str:
    """A postcode (or the start of one) as a key that sorts naturally: 'M10 6BD' -> 'M 10 6BD',
    'LS6 2AB' -> 'LS06 2AB', so M1 comes before M2 and M10, and no M1 0.. mixes with M10."""
    return f"{area:<2}{int(district):02d}{sub_district or ' '}{inward}"


def key_of(postcode: Postcode) -> str:
    match = _PARTIAL_POSTCODE.match(postcode.compact)
    assert match is not None and match["inward"] == postcode.inward, postcode
    return _key_of_match(match)


def _key_of_match(match: re.Match[str]) -> str:
    """The key of a (partial) postcode read by _PARTIAL_POSTCODE."""
    district = match["district"] or match["digits"]
    return postcode_key(match["area"], district, match["sub"] or "", match["inward"] or "")


_DIGITS = re.compile(r"[0-9]+")
KEY_SEPARATOR = "\x1f"


def _natural(text: str) -> str:
    """Digit runs padded, so '10' sorts after '9' and 'Flat 2' before 'Flat 10'."""
    upper = text.upper()
    if upper.isalpha() or not upper:
        return upper
    return _DIGITS.sub(lambda m: m.group(0).zfill(6), upper)


def natural_sort_key(
    postcode_key_text: str,
    street: str | None,
    building_number: str | None,
    building_name: str | None,
    sub_building_name: str | None,
    organisation_name: str | None,
) -> str:
    """Natural order within the PAF: by postcode, street, building number (numerically), then
    building name, then flat (each with its numbers in numeric order)."""
    number = building_number
    premises = f"0{int(number):06d}" if number and number.isdigit() else "1"
    # A separator below every printable character: "5 Oak Road" before "Flat 1, 5 Oak Road".
    return KEY_SEPARATOR.join(
        (
            postcode_key_text,
            (street or "").upper(),
            premises,
            _natural(building_name or ""),
            _natural(sub_building_name or ""),
            _natural(organisation_name or ""),
        )
    )


def sort_key(address: Address) -> str:
    return natural_sort_key(
        key_of(address.postcode),
        address.thoroughfare or address.dependent_thoroughfare,
        address.building_number,
        address.building_name,
        address.sub_building_name,
        address.organisation_name,
    )


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a query: it matches an address word equal to any of its spellings (or,
    for the word still being typed, one that starts with any of them)."""

    spellings: tuple[str, ...]
    prefix: bool = False

    def matches(self, word: str) -> bool:
        if self.prefix:
            return any(word.startswith(spelling) for spelling in self.spellings)
        return word in self.spellings

    def matches_whole(self, word: str) -> bool:
        return word in self.spellings


@dataclass(frozen=True, slots=True)
class PostcodeSearch:
    """All or the start of a postcode, as a prefix of the natural postcode key."""

    key_prefix: str
    complete: bool  # a whole postcode: only its own addresses


@dataclass(frozen=True, slots=True)
class TextSearch:
    terms: tuple[Term, ...]  # every one must match; the last is the word being typed

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(t.spellings[0] for t in self.terms if _NUMBER.match(t.spellings[0]))

    @property
    def has_neighbours(self) -> bool:
        """Two whole words side by side (the word being typed is not whole yet)."""
        return sum(not term.prefix for term in self.terms) >= 2


Search = PostcodeSearch | TextSearch


def read_query(text: str) -> Search | None:
    """What the user typed, understood; None when it has too little to search for."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    words = words_of(text)
    if sum(len(word) for word in words) < MIN_MEANINGFUL_CHARACTERS:
        return None
    as_postcode = _postcode_search(" ".join(text.upper().split()))
    if as_postcode is not None:
        return as_postcode
    return TextSearch(query_terms(text, MAX_WORDS))


def query_terms(text: str, max_words: int | None = None) -> tuple[Term, ...]:
    """Words of an address as typed, each once, a postcode's two halves joined as the
    address's words have it: each matches its own word, the last also a longer one."""
    words = list(dict.fromkeys(_postcodes_joined(words_of(text))))[:max_words]
    if not words:
        return ()
    terms = [Term(spellings(word)) for word in words[:-1]]
    terms.append(Term(spellings(words[-1]), prefix=True))
    return tuple(terms)


def _postcodes_joined(words: list[str]) -> list[str]:
    """'ls6', '2ab' -> 'ls62ab': addresses are found by their compact postcode. The inward
    part must be whole unless it is the last word (still being typed)."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else None
        last = index + 1 == len(words) - 1
        if (
            following is not None
            and _OUTWARD_WORD.match(word)
            and _INWARD_WORD.match(following)
            and (len(following) == 3 or last)
        ):
            joined.append(word + following)
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined


def spellings(word: str) -> tuple[str, ...]:
    """The word and the full words it may abbreviate ("rd": "rd", "road")."""
    return (word, *(full for full in ABBREVIATIONS.get(word, ()) if full != word))


def _postcode_search(text: str) -> PostcodeSearch | None:
    compact = text.replace(" ", "")
    try:  # a whole postcode however it is spaced ("M 10 6 BD")
        return PostcodeSearch(key_prefix=key_of(Postcode.parse(compact)), complete=True)
    except InvalidValue:
        pass
    match = _PARTIAL_POSTCODE.match(text if text.count(" ") <= 1 else "")
    if match is None:
        return None
    inward = match["inward"] or ""
    key = _key_of_match(match)
    if not inward and match["sub"] is None:
        key = key[:-1]  # "M1" continues to M1's sub-districts (M1A...), "M1 " would not
    return PostcodeSearch(key_prefix=key, complete=len(inward) == 3)


@dataclass(frozen=True, slots=True)
class Candidate:
    address: Address
    sort_key: str


def rank(search: TextSearch, candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first: more whole-word matches, then the building number exactly matched, then the
    postcode given, then natural order. Candidates that do not match every word are dropped."""
    scored = []
    for candidate in candidates:
        words = address_words(candidate.address)
        if not all(any(term.matches(word) for word in words) for term in search.terms):
            continue
        whole = sum(any(term.matches_whole(word) for word in words) for term in search.terms)
        address = candidate.address
        number_hit = bool(search.numbers) and any(
            (value or "").lower() in search.numbers
            for value in (address.building_number, address.building_name, address.sub_building_name)
        )
        postcode_hit = any(
            term.matches_whole(address.postcode.compact.lower())
            or term.matches_whole(address.postcode.outward.lower())
            for term in search.terms
        )
        scored.append(((-whole, not number_hit, not postcode_hit, candidate.sort_key), candidate))
    scored.sort(key=lambda pair: pair[0])
    return [candidate for _, candidate in scored]


@dataclass(frozen=True, slots=True)
class AddressMatch:
    udprn: str
    summary: str
    postcode: str


class AddressIndex(Protocol):
    """The PAF, searchable: the port each database implements its own way."""

    async def in_postcodes(self, search: PostcodeSearch, limit: int) -> list[Candidate]:
        """Addresses whose postcode key starts so, in natural order."""
        ...

    async def matching(
        self, search: TextSearch, limit: int, neighbours: bool = False
    ) -> list[Candidate]:
        """Up to `limit` addresses that match every term (in no particular order); with
        `neighbours`, only those where whole words typed side by side stand side by side."""
        ...


CANDIDATES = 200  # free text: ranked among this many matches (type more to narrow)


async def search_addresses(index: AddressIndex, text: str, first: int) -> list[AddressMatch]:
    """The type-ahead: up to `first` (at most 50) addresses for what the user has typed."""
    if first < 1:
        raise InvalidValue(
            "FIRST_INVALID", "'first' must be at least 1 (and at most 50 are given).", "first"
        )
    first = min(first, MAX_RESULTS)
    search = read_query(text)
    if search is None:
        return []
    if isinstance(search, PostcodeSearch):
        found: Sequence[Candidate] = await index.in_postcodes(search, first)
    else:
        # Words typed side by side are looked for side by side first ("12 oak": number 12 of
        # Oak Road, not flat 12 of another number); if no address has them so, anywhere.
        candidates = await index.matching(search, CANDIDATES, neighbours=search.has_neighbours)
        if not candidates and search.has_neighbours:
            candidates = await index.matching(search, CANDIDATES)
        found = rank(search, candidates)[:first]
    return [
        AddressMatch(
            udprn=candidate.address.udprn or "",
            summary=candidate.address.summary(),
            postcode=str(candidate.address.postcode),
        )
        for candidate in found
    ]
