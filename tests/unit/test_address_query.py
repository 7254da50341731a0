"""Reading what the user types into the address type-ahead, and ranking what the PAF offers.

Pure: no database. The integration tests (tests/integration/test_address_search.py) run the same
rules through both AddressIndex adapters.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence

import pytest

from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import (
    CANDIDATES,
    MAX_QUERY_LENGTH,
    MAX_RESULTS,
    MAX_WORDS,
    Candidate,
    PostcodeSearch,
    TextSearch,
    key_of,
    rank,
    read_query,
    search_addresses,
    sort_key,
)
from cms.core.shared.errors import InvalidValue

# --- helpers -----------------------------------------------------------------------------------


def text_search(text: str) -> TextSearch:
    search = read_query(text)
    assert isinstance(search, TextSearch), f"{text!r} read as {search!r}"
    return search


def postcode_search(text: str) -> PostcodeSearch:
    search = read_query(text)
    assert isinstance(search, PostcodeSearch), f"{text!r} read as {search!r}"
    return search


def finds(search: PostcodeSearch, postcode: str) -> bool:
    """Whether the postcode search takes in this postcode (its key range, as the adapters use)."""
    return key_of(Postcode.parse(postcode)).startswith(search.key_prefix)


_udprns = iter(range(30_000_000, 31_000_000))


def address(postcode: str, town: str, **fields: str) -> Address:
    return Address(
        udprn=f"{next(_udprns):08d}", postcode=Postcode.parse(postcode), post_town=town, **fields
    )


def candidate(postcode: str, town: str, **fields: str) -> Candidate:
    found = address(postcode, town, **fields)
    return Candidate(address=found, sort_key=sort_key(found))


def summaries(candidates: Sequence[Candidate]) -> list[str]:
    return [c.address.summary() for c in candidates]


# --- postcodes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key_prefix", "complete"),
    [
        ("m106bd", "M 10 6BD", True),
        ("M10 6BD", "M 10 6BD", True),
        ("  m10   6Bd  ", "M 10 6BD", True),
        ("M10 6", "M 10 6", False),
        ("m10 6b", "M 10 6B", False),
        ("m106b", "M 10 6B", False),
        ("M10", "M 10", False),
        ("ls6 2ab", "LS06 2AB", True),
        ("EC1A 1BB", "EC01A1BB", True),
        ("ec1a1bb", "EC01A1BB", True),
        ("ec1a", "EC01A", False),
        ("W1", "W 01", False),
    ],
)
def test_a_postcode_whole_or_begun_in_any_case_and_spacing_is_a_postcode_search(
    typed: str, key_prefix: str, complete: bool
) -> None:
    assert read_query(typed) == PostcodeSearch(key_prefix=key_prefix, complete=complete)


@pytest.mark.parametrize(
    ("typed", "taken_in", "left_out"),
    [
        ("M10", ["M10 6BD", "M10 6BE", "M10 7AA"], ["M1 1AE", "M11 2AA", "M1 0AA"]),
        ("m10 6", ["M10 6BD", "M10 6BE"], ["M10 7AA", "M1 6BD"]),
        ("m106bd", ["M10 6BD"], ["M10 6BE", "M1 6BD"]),
        ("M1", ["M1 1AE", "M1 6BD"], ["M10 6BD", "M11 2AA", "M2 1AA"]),
        ("m16bd", ["M1 6BD"], ["M16 0AA"]),
        ("ec1", ["EC1A 1BB", "EC1M 5UA", "EC1V 9HX"], ["EC2A 1AA", "E1 6AN"]),
        ("EC1A", ["EC1A 1BB"], ["EC1M 5UA"]),
        ("ls6 2", ["LS6 2AB", "LS6 2AD"], ["LS6 1AA", "LS16 2AB"]),
    ],
)
def test_a_postcode_search_takes_in_the_postcodes_that_start_so_and_no_others(
    typed: str, taken_in: list[str], left_out: list[str]
) -> None:
    search = postcode_search(typed)
    assert [p for p in taken_in if not finds(search, p)] == []
    assert [p for p in left_out if finds(search, p)] == []


def test_natural_postcode_keys_put_m1_before_m2_before_m10() -> None:
    postcodes = ["M10 6BD", "M2 1AA", "M1 1AE", "M11 2AA", "LS16 2AB", "LS6 2AB", "M1 0AA"]
    ordered = sorted(postcodes, key=lambda p: key_of(Postcode.parse(p)))
    assert ordered == ["LS6 2AB", "LS16 2AB", "M1 0AA", "M1 1AE", "M2 1AA", "M10 6BD", "M11 2AA"]


@pytest.mark.parametrize(("typed", "postcode"), [("ls62a", "LS6 2AB"), ("m16b", "M1 6BD")])
def test_a_compact_postcode_being_typed_is_read_as_outward_and_inward(
    typed: str, postcode: str
) -> None:
    assert finds(postcode_search(typed), postcode)


@pytest.mark.parametrize("typed", ["M 10 6BD", "M10 6 BD"])
def test_a_whole_postcode_with_stray_spaces_is_still_a_postcode(typed: str) -> None:
    assert read_query(typed) == PostcodeSearch(key_prefix="M 10 6BD", complete=True)


# --- free text ---------------------------------------------------------------------------------


def test_free_text_is_words_every_one_to_match_the_last_as_a_prefix() -> None:
    search = text_search("12 Oak Rd LEEDS")
    assert [(t.spellings, t.prefix) for t in search.terms] == [
        (("12",), False),
        (("oak",), False),
        (("rd", "road"), False),
        (("leeds",), True),
    ]
    assert search.numbers == frozenset({"12"})


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("rd", "road"),
        ("st", "street"),
        ("st", "saint"),
        ("ave", "avenue"),
        ("ln", "lane"),
        ("cl", "close"),
        ("dr", "drive"),
        ("cres", "crescent"),
        ("ct", "court"),
        ("gdns", "gardens"),
        ("pl", "place"),
        ("sq", "square"),
        ("ter", "terrace"),
        ("hse", "house"),
        ("apt", "flat"),
    ],
)
def test_a_common_abbreviation_matches_its_full_word_wholly(short: str, full: str) -> None:
    for text in (f"oak {short}", f"{short} oak"):  # as the word being typed, and before it
        term = next(t for t in text_search(text).terms if t.spellings[0] == short)
        assert term.matches(full) and term.matches_whole(full)
        assert term.matches(short)


def test_only_the_last_word_matches_as_a_prefix() -> None:
    first, last = text_search("oak road").terms
    assert last.prefix and last.matches("roadside") and not last.matches_whole("roadside")
    assert not first.prefix and not first.matches("oakwood") and first.matches("oak")
    (alone,) = text_search("trafalg").terms
    assert alone.matches("trafalgar")
    abbreviated = text_search("oak rd").terms[-1]
    assert abbreviated.matches("road") and abbreviated.matches("roadway")


def test_words_are_folded_to_plain_lower_case_ascii() -> None:
    search = text_search("St. John's  CLOSE, Ffordd Môn; Crème-Brûlée")
    assert [t.spellings[0] for t in search.terms] == [
        "st",
        "johns",
        "close",
        "ffordd",
        "mon",
        "creme",
        "brulee",
    ]


def test_repeated_words_count_once_and_at_most_eight_words_are_read() -> None:
    assert [t.spellings[0] for t in text_search("oak oak road").terms] == ["oak", "road"]
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    search = text_search(" ".join(words))
    assert [t.spellings[0] for t in search.terms] == words[:MAX_WORDS]
    assert [t.prefix for t in search.terms] == [False] * (MAX_WORDS - 1) + [True]


def test_the_query_is_trimmed_and_capped_at_100_characters() -> None:
    assert read_query("   oak road   ") == read_query("oak road")
    # Beyond the cap, nothing more is read: the last word is cut where the cap falls.
    long = text_search("oak " + "x" * 300)
    assert long.terms[-1].spellings == ("x" * (MAX_QUERY_LENGTH - len("oak ")),)
    ignored = text_search("oak road leeds" + " " * 200 + "zzz")
    assert [t.spellings[0] for t in ignored.terms] == ["oak", "road", "leeds"]
    # The cap applies after trimming: leading spaces do not use it up.
    assert read_query(" " * 150 + "m106bd") == read_query("m106bd")


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "a",
        "1",
        "%",
        "_",
        "\\",
        "'",
        '"',
        "*",
        ":",
        "%_\\'\"*:()^-+~",
        "é",
        "Москва",
        "-a-",
    ],
)
def test_fewer_than_two_meaningful_characters_is_nothing_to_search_for(typed: str) -> None:
    assert read_query(typed) is None


@pytest.mark.parametrize("typed", ["ab", "12", "a b", "ü1"])
def test_two_meaningful_characters_are_enough(typed: str) -> None:
    assert read_query(typed) is not None


HOSTILE = [
    "'; DROP TABLE paf_addresses; --",
    "oak%' OR '1'='1",
    "100%_ \\ oak",
    '"oak" NEAR "road"',
    "NEAR(oak road, 2)",
    "oak AND road OR NOT leeds",
    "oak* road^ -leeds +york",
    "search_text: oak",
    "col:oak {road} [leeds]",
    "oak & road | !leeds <-> york:*",
    "\\m(oak|road)\\M .* $1",
    "ＬＳ６ ２ＡＢ",
    "北京 oak 東京",
    "🏠 12 oak",
    "oak\x00road\n\t\r",
    "a" * 1000,
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_no_text_reaches_an_index_as_syntax(typed: str) -> None:
    search = read_query(typed)
    if isinstance(search, TextSearch):
        assert 1 <= len(search.terms) <= MAX_WORDS
        for term in search.terms:
            assert all(re.fullmatch(r"[a-z0-9]+", s) for s in term.spellings), term
    elif isinstance(search, PostcodeSearch):
        assert re.fullmatch(r"[A-Z ]{2}[0-9]{2}[A-Z ]?[0-9A-Z]{0,3}", search.key_prefix)


# --- natural order -----------------------------------------------------------------------------


def test_natural_order_is_numbers_numerically_then_names_then_flats_in_order() -> None:
    street = {"thoroughfare": "Trafalgar Street"}
    addresses = [
        address("LS6 2AD", "LEEDS", building_number="10", **street),
        address("LS6 2AD", "LEEDS", building_name="Abbey View", **street),
        address("LS6 2AD", "LEEDS", building_number="58", sub_building_name="Flat 10", **street),
        address("LS6 2AD", "LEEDS", building_number="100", **street),
        address("LS6 2AD", "LEEDS", building_number="58", sub_building_name="Flat 2", **street),
        address("LS6 2AD", "LEEDS", building_number="2", **street),
        address("LS6 2AD", "LEEDS", building_name="Holly House", **street),
        address("LS6 2AB", "LEEDS", building_number="999", **street),
    ]
    ordered = [a.summary() for a in sorted(addresses, key=sort_key)]
    assert ordered == [
        "999 Trafalgar Street, LEEDS, LS6 2AB",
        "2 Trafalgar Street, LEEDS, LS6 2AD",
        "10 Trafalgar Street, LEEDS, LS6 2AD",
        "Flat 2, 58 Trafalgar Street, LEEDS, LS6 2AD",
        "Flat 10, 58 Trafalgar Street, LEEDS, LS6 2AD",
        "100 Trafalgar Street, LEEDS, LS6 2AD",
        "Abbey View, Trafalgar Street, LEEDS, LS6 2AD",
        "Holly House, Trafalgar Street, LEEDS, LS6 2AD",
    ]


def test_a_building_sorts_before_its_flats() -> None:
    house = address("LS6 2AB", "LEEDS", building_number="5", thoroughfare="Oak Road")
    flat = address(
        "LS6 2AB",
        "LEEDS",
        building_number="5",
        sub_building_name="Flat 12",
        thoroughfare="Oak Road",
    )
    assert sort_key(house) < sort_key(flat)


# --- ranking -----------------------------------------------------------------------------------


def test_rank_drops_candidates_that_miss_a_word() -> None:
    candidates = [
        candidate("LS6 2AB", "LEEDS", building_number="12", thoroughfare="Oak Road"),
        candidate("LS6 2AB", "LEEDS", building_number="13", thoroughfare="Oak Road"),
        candidate("YO10 4DE", "YORK", building_number="12", thoroughfare="Oak Road"),
    ]
    assert summaries(rank(text_search("12 oak rd leeds"), candidates)) == [
        "12 Oak Road, LEEDS, LS6 2AB"
    ]


def test_rank_puts_whole_word_matches_above_partial_ones() -> None:
    candidates = [  # natural order would put LS1 first
        candidate("LS1 4AP", "LEEDS", building_number="14", thoroughfare="Oakwood Avenue"),
        candidate("LS6 2AB", "LEEDS", building_number="14", thoroughfare="Oak Road"),
    ]
    assert summaries(rank(text_search("14 oak"), candidates)) == [
        "14 Oak Road, LEEDS, LS6 2AB",
        "14 Oakwood Avenue, LEEDS, LS1 4AP",
    ]


def test_rank_counts_an_abbreviation_of_the_full_word_as_a_whole_match() -> None:
    candidates = [
        candidate("M10 6BA", "MANCHESTER", building_number="3", thoroughfare="St. John's Clough"),
        candidate("M10 6BD", "MANCHESTER", building_number="3", thoroughfare="St. John's Close"),
    ]
    assert summaries(rank(text_search("3 st johns cl"), candidates)) == [
        "3 St. John's Close, MANCHESTER, M10 6BD",
        "3 St. John's Clough, MANCHESTER, M10 6BA",
    ]


def test_rank_puts_the_exactly_matched_building_number_first() -> None:
    candidates = [  # both hold the word "12"; natural order would put the flat at 5 first
        candidate(
            "LS6 2AB",
            "LEEDS",
            building_number="5",
            sub_building_name="Flat 12",
            thoroughfare="Oak Road",
        ),
        candidate("LS6 2AB", "LEEDS", building_number="12", thoroughfare="Oak Road"),
        candidate("LS6 2AB", "LEEDS", building_name="12A", thoroughfare="Oak Road"),
    ]
    assert summaries(rank(text_search("12 oak road"), candidates)) == [
        "12 Oak Road, LEEDS, LS6 2AB",
        "Flat 12, 5 Oak Road, LEEDS, LS6 2AB",
    ]
    assert summaries(rank(text_search("12a oak road"), candidates)) == [
        "12A Oak Road, LEEDS, LS6 2AB"
    ]


def test_a_building_number_typed_last_still_counts_as_exactly_matched() -> None:
    candidates = [
        candidate(
            "LS6 2AB",
            "LEEDS",
            building_number="5",
            sub_building_name="Flat 12",
            thoroughfare="Oak Road",
        ),
        candidate("LS6 2AB", "LEEDS", building_number="12", thoroughfare="Oak Road"),
    ]
    assert summaries(rank(text_search("oak road 12"), candidates))[0] == (
        "12 Oak Road, LEEDS, LS6 2AB"
    )


def test_rank_puts_the_given_postcode_before_the_same_word_elsewhere() -> None:
    candidates = [  # "M10" is a whole word of both: a building name, and a postcode
        candidate("LS6 2AB", "LEEDS", building_name="M10 House", thoroughfare="Oak Road"),
        candidate("M10 6BD", "MANCHESTER", building_name="Ash House", thoroughfare="Oak Road"),
    ]
    assert summaries(rank(text_search("oak road m10"), candidates)) == [
        "Ash House, Oak Road, MANCHESTER, M10 6BD",
        "M10 House, Oak Road, LEEDS, LS6 2AB",
    ]


def test_a_spaced_postcode_among_other_words_matches() -> None:
    candidates = [candidate("LS6 2AB", "LEEDS", building_number="12", thoroughfare="Oak Road")]
    assert summaries(rank(text_search("12 oak rd ls6 2ab"), candidates)) == [
        "12 Oak Road, LEEDS, LS6 2AB"
    ]


def test_rank_keeps_natural_order_among_equals() -> None:
    candidates = [
        candidate("LS6 2AB", "LEEDS", building_number=str(n), thoroughfare="Oak Road")
        for n in (100, 10, 2, 1, 20)
    ]
    assert [c.address.building_number for c in rank(text_search("oak road"), candidates)] == [
        "1",
        "2",
        "10",
        "20",
        "100",
    ]


def test_whole_word_count_outweighs_the_building_number() -> None:
    candidates = [
        # The building number, but "oak" only as the start of "oakwood".
        candidate("M10 6BD", "MANCHESTER", building_number="7", thoroughfare="Oakwood Road"),
        # Not the building number (7 is the flat), but "oak" whole.
        candidate(
            "M10 6BE",
            "MANCHESTER",
            building_number="9",
            sub_building_name="Flat 7",
            thoroughfare="Road Oak",
        ),
    ]
    assert summaries(rank(text_search("7 road oak"), candidates)) == [
        "Flat 7, 9 Road Oak, MANCHESTER, M10 6BE",
        "7 Oakwood Road, MANCHESTER, M10 6BD",
    ]


# --- search_addresses: limits, and no database for nothing --------------------------------------


class SpyIndex:
    """An AddressIndex that records what it is asked and offers some Oak Road addresses."""

    def __init__(self, offered: int = 0) -> None:
        self.calls: list[tuple[str, object, int]] = []
        self.offered = [
            candidate("LS6 2AB", "LEEDS", building_number=str(n), thoroughfare="Oak Road")
            for n in range(1, offered + 1)
        ]

    async def in_postcodes(self, search: PostcodeSearch, limit: int) -> list[Candidate]:
        self.calls.append(("in_postcodes", search, limit))
        return self.offered[:limit]

    async def matching(
        self, search: TextSearch, limit: int, neighbours: bool = False
    ) -> list[Candidate]:
        self.calls.append(("matching", search, limit))
        return self.offered[:limit]


@pytest.mark.parametrize("typed", ["", " ", "a", "%", "*", "'", "é", "Москва", " - ", "\x00"])
def test_too_little_to_search_for_returns_nothing_without_asking_the_index(typed: str) -> None:
    index = SpyIndex(offered=5)
    assert asyncio.run(search_addresses(index, typed, 10)) == []
    assert index.calls == []


@pytest.mark.parametrize("first", [0, -1, -50])
def test_first_below_one_is_an_invalid_value(first: int) -> None:
    index = SpyIndex(offered=5)
    with pytest.raises(InvalidValue) as raised:
        asyncio.run(search_addresses(index, "oak road", first))
    assert raised.value.code == "FIRST_INVALID"
    assert raised.value.field == "first"
    assert index.calls == []


def test_first_above_fifty_is_capped_at_fifty() -> None:
    index = SpyIndex(offered=80)
    postcodes = asyncio.run(search_addresses(index, "ls62ab", 500))
    assert len(postcodes) == MAX_RESULTS
    assert index.calls[-1][0] == "in_postcodes" and index.calls[-1][2] == MAX_RESULTS
    words = asyncio.run(search_addresses(index, "oak road", 51))
    assert len(words) == MAX_RESULTS
    assert index.calls[-1][0] == "matching" and index.calls[-1][2] == CANDIDATES


def test_search_answers_udprn_summary_and_postcode_in_rank_order() -> None:
    index = SpyIndex(offered=12)
    found = asyncio.run(search_addresses(index, "12 oak", 3))
    assert [(m.summary, m.postcode) for m in found] == [("12 Oak Road, LEEDS, LS6 2AB", "LS6 2AB")]
    assert found[0].udprn == index.offered[11].address.udprn
    first_three = asyncio.run(search_addresses(index, "ls6 2ab", 3))
    assert [m.summary.split(",")[0] for m in first_three] == [
        "1 Oak Road",
        "2 Oak Road",
        "3 Oak Road",
    ]
