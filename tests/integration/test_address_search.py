"""The address type-ahead on a small crafted PAF, through the AddressIndex port of each database.

Every test runs twice (the `world` fixture's database is SQLite, then PostgreSQL): the same
behaviour from FTS5 and from the GIN tsvector index. One test goes through GraphQL over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from cms.app import create_app
from cms.container import build_container
from cms.core.accounts.model import OrganisationKind
from cms.core.addresses.search import Term, TextSearch, read_query, search_addresses
from cms.core.shared.errors import InvalidValue
from cms.settings import Settings
from tests.support.world import World, paf_csv_line

# --- the crafted PAF ---------------------------------------------------------------------------


def _rows() -> Iterator[str]:
    udprn = iter(range(21_000_001, 21_100_000))

    def row(postcode: str, town: str, street: str, **fields: str) -> str:
        return paf_csv_line(
            udprn=str(next(udprn)), postcode=postcode, post_town=town, thoroughfare=street, **fields
        )

    # Leeds: a long street in Headingley (1..120, a flat at 5, and a house named for a postcode).
    for house in range(1, 121):
        yield row(
            "LS6 2AB",
            "LEEDS",
            "Oak Road",
            building_number=str(house),
            dependent_locality="Headingley",
        )
    yield row(
        "LS6 2AB",
        "LEEDS",
        "Oak Road",
        building_number="5",
        sub_building_name="Flat 12",
        dependent_locality="Headingley",
    )
    yield row(
        "LS6 2AB", "LEEDS", "Oak Road", building_name="M10 House", dependent_locality="Headingley"
    )
    # Ten flats at one number, between two houses.
    yield row("LS6 2AD", "LEEDS", "Trafalgar Street", building_number="56")
    for flat in range(1, 11):
        yield row(
            "LS6 2AD",
            "LEEDS",
            "Trafalgar Street",
            building_number="58",
            sub_building_name=f"Flat {flat}",
        )
    yield row("LS6 2AD", "LEEDS", "Trafalgar Street", building_number="60")
    # A street that "oak" only begins; an earlier postcode, so natural order would put it first.
    for number in ("10", "12", "14"):
        yield row("LS1 4AP", "LEEDS", "Oakwood Avenue", building_number=number)
    # Organisations.
    yield row(
        "LS1 5AA",
        "LEEDS",
        "Park Row",
        building_number="1",
        organisation_name="Acme Engineering Ltd",
    )
    yield row("LS1 5AA", "LEEDS", "Park Row", building_number="2", organisation_name="Acme Bakery")
    yield row(
        "LS1 5AA",
        "LEEDS",
        "Park Row",
        building_number="3",
        organisation_name="Northern Engineering Services",
    )
    yield row("LS16 5HE", "LEEDS", "Holly Lane", building_name="Holly House")
    # York: named houses after numbered ones, and another Oak Road.
    for number in ("1", "2", "10"):
        yield row("YO1 7HH", "YORK", "Petergate", building_number=number)
    yield row("YO1 7HH", "YORK", "Petergate", building_name="Holly House")
    yield row("YO1 7HH", "YORK", "Petergate", building_name="Abbey View")
    for number in ("1", "2", "12", "14"):
        yield row("YO10 4DE", "YORK", "Oak Road", building_number=number)
    # Manchester: M1 before M10 before M11; St. John's Close 1..12 then a named house.
    for number in ("1", "2"):
        yield row("M1 1AE", "MANCHESTER", "Piccadilly", building_number=number)
    for house in range(12, 0, -1):  # loaded backwards: the order must come from the index
        yield row("M10 6BD", "MANCHESTER", "St. John's Close", building_number=str(house))
    yield row("M10 6BD", "MANCHESTER", "St. John's Close", building_name="The Vicarage")
    for number in ("4", "2"):
        yield row("M10 6BE", "MANCHESTER", "Church Street", building_number=number)
    yield row("M10 7AA", "MANCHESTER", "Oak Road", building_number="1")
    yield row("M11 2AA", "MANCHESTER", "Ashton Old Road", building_number="1")
    # Wales: letters with accents.
    yield row("LL61 5UJ", "LLANFAIRPWLLGWYNGYLL", "Ffordd Môn", building_name="Tŷ Coch")


PAF = list(_rows())


@pytest.fixture
def paf(world: World, run: Any) -> World:
    report = run(world.load_paf(PAF))
    assert (report.loaded, report.faulty) == (len(PAF), 0), report.errors
    return world


def found(world: World, run: Any, text: str, first: int = 10) -> list[str]:
    matches = run(search_addresses(world.container.address_index(), text, first))
    return [match.summary for match in matches]


def premises(summaries: list[str]) -> list[str]:
    """Each summary's premises and street (its first part, or two for a flat or a business)."""
    return [s.split(", ")[0] if s[0].isdigit() else ", ".join(s.split(", ")[:2]) for s in summaries]


OAK_12_LEEDS = "12 Oak Road, Headingley, LEEDS, LS6 2AB"
OAK_12_YORK = "12 Oak Road, YORK, YO10 4DE"
FLAT_12_AT_5 = "Flat 12, 5 Oak Road, Headingley, LEEDS, LS6 2AB"
ST_JOHNS = [f"{n} St. John's Close" for n in range(1, 13)] + ["The Vicarage, St. John's Close"]


# --- postcodes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["m106bd", "M10 6BD", "m10 6bd", "  M10   6bD  ", "M106BD"])
def test_a_whole_postcode_in_any_case_and_spacing_lists_its_addresses_in_natural_order(
    paf: World, run: Any, typed: str
) -> None:
    assert premises(found(paf, run, typed, 50)) == ST_JOHNS
    assert all(s.endswith(", MANCHESTER, M10 6BD") for s in found(paf, run, typed, 50))


def test_a_partial_postcode_lists_the_first_postcodes_that_start_so(paf: World, run: Any) -> None:
    district = ["M10 6BD"] * 13 + ["M10 6BE"] * 2 + ["M10 7AA"]
    assert [s.rsplit(", ", 1)[1] for s in found(paf, run, "M10", 50)] == district
    assert premises(found(paf, run, "m10", 50)) == [
        *ST_JOHNS,
        "2 Church Street",
        "4 Church Street",
        "1 Oak Road",
    ]
    assert premises(found(paf, run, "M10 6", 50)) == [
        *ST_JOHNS,
        "2 Church Street",
        "4 Church Street",
    ]
    assert premises(found(paf, run, "m10 6b", 50)) == premises(found(paf, run, "M10 6", 50))
    assert premises(found(paf, run, "m106be", 50)) == ["2 Church Street", "4 Church Street"]
    # M1 is its own district, not the start of M10 or M11.
    assert found(paf, run, "M1", 50) == [
        "1 Piccadilly, MANCHESTER, M1 1AE",
        "2 Piccadilly, MANCHESTER, M1 1AE",
    ]
    # LS1 4AP, then LS1 5AA; LS16 is another district.
    assert [s.rsplit(", ", 1)[1] for s in found(paf, run, "ls1", 50)] == ["LS1 4AP"] * 3 + [
        "LS1 5AA"
    ] * 3


def test_a_partial_postcode_gives_at_most_first_in_natural_order(paf: World, run: Any) -> None:
    assert premises(found(paf, run, "yo1 7hh", 50)) == [
        "1 Petergate",
        "2 Petergate",
        "10 Petergate",
        "Abbey View, Petergate",
        "Holly House, Petergate",
    ]
    assert premises(found(paf, run, "YO1", 2)) == ["1 Petergate", "2 Petergate"]
    houses = [p for p in premises(found(paf, run, "LS6", 12)) if not p.startswith("Flat")]
    assert houses == [f"{n} Oak Road" for n in range(1, 12)]


def test_a_building_comes_before_its_flats(paf: World, run: Any) -> None:
    assert premises(found(paf, run, "ls6 2ab", 6))[4:] == ["5 Oak Road", "Flat 12, 5 Oak Road"]


def test_building_numbers_sort_numerically_and_flats_in_order(paf: World, run: Any) -> None:
    numbers = [s.split(" ")[0] for s in found(paf, run, "LS62AB", 50) if not s.startswith("Flat")]
    assert numbers == [str(n) for n in range(1, 50)]
    assert premises(found(paf, run, "ls6 2ad", 50)) == [
        "56 Trafalgar Street",
        *(f"Flat {n}, 58 Trafalgar Street" for n in range(1, 11)),
        "60 Trafalgar Street",
    ]


def test_a_compact_postcode_being_typed_finds_its_sector(paf: World, run: Any) -> None:
    assert found(paf, run, "ls62a", 3) == found(paf, run, "ls6 2a", 3)


@pytest.mark.parametrize("typed", ["M10 6 BD", "M 10 6BD"])
def test_a_postcode_with_stray_spaces_lists_its_addresses(paf: World, run: Any, typed: str) -> None:
    assert premises(found(paf, run, typed, 50)) == ST_JOHNS


# --- free text ---------------------------------------------------------------------------------


def test_number_street_and_town(paf: World, run: Any) -> None:
    # Every word must match: York's 12 Oak Road is out.
    answered = found(paf, run, "12 oak rd leeds")
    assert answered[0] == OAK_12_LEEDS
    assert all(s.endswith("LEEDS, LS6 2AB") for s in answered)
    assert found(paf, run, "12 Oak Road, LEEDS") == answered
    assert found(paf, run, "12 oak rd york") == [OAK_12_YORK]


def test_words_typed_side_by_side_find_addresses_where_they_stand_so(paf: World, run: Any) -> None:
    # Flat 12 at 5 Oak Road has every word, but not "12 oak" together: it is not offered
    # while number 12 of Oak Road is.
    assert found(paf, run, "12 oak rd leeds") == [OAK_12_LEEDS]
    assert found(paf, run, "12 oak road") == [OAK_12_LEEDS, OAK_12_YORK]
    assert found(paf, run, "12 oak headingley") == [OAK_12_LEEDS]


def test_when_no_address_has_the_words_side_by_side_any_with_them_anywhere_is_offered(
    paf: World, run: Any
) -> None:
    assert found(paf, run, "house holly") == [
        "Holly House, Holly Lane, LEEDS, LS16 5HE",
        "Holly House, Petergate, YORK, YO1 7HH",
    ]
    assert found(paf, run, "12 5 oak") == [FLAT_12_AT_5]


def test_the_exactly_matched_building_number_comes_first(paf: World, run: Any) -> None:
    # Flat 12 at number 5 comes first in natural order; the houses numbered 12 outrank it;
    # Oakwood, where "oak" is only a beginning, comes last though LS1 sorts first.
    assert found(paf, run, "12 oak") == [
        OAK_12_LEEDS,
        OAK_12_YORK,
        FLAT_12_AT_5,
        "12 Oakwood Avenue, LEEDS, LS1 4AP",
    ]


def test_a_named_house_and_town(paf: World, run: Any) -> None:
    assert found(paf, run, "holly house york") == ["Holly House, Petergate, YORK, YO1 7HH"]
    assert found(paf, run, "holly hse york") == ["Holly House, Petergate, YORK, YO1 7HH"]
    assert found(paf, run, "holly house") == [
        "Holly House, Holly Lane, LEEDS, LS16 5HE",
        "Holly House, Petergate, YORK, YO1 7HH",
    ]


def test_a_flat_at_a_number_on_a_street(paf: World, run: Any) -> None:
    flat_4 = ["Flat 4, 58 Trafalgar Street, LEEDS, LS6 2AD"]
    assert found(paf, run, "flat 4 58 trafalgar") == flat_4
    assert found(paf, run, "Flat 4, 58 Trafalgar St") == flat_4
    assert found(paf, run, "apt 4 58 trafalgar street") == flat_4
    assert premises(found(paf, run, "58 trafalgar", 20)) == [
        f"Flat {n}, 58 Trafalgar Street" for n in range(1, 11)
    ]


def test_an_organisation(paf: World, run: Any) -> None:
    acme_engineering = "Acme Engineering Ltd, 1 Park Row, LEEDS, LS1 5AA"
    assert found(paf, run, "acme engineering") == [acme_engineering]
    assert found(paf, run, "acme eng") == [acme_engineering]
    assert found(paf, run, "acme") == [acme_engineering, "Acme Bakery, 2 Park Row, LEEDS, LS1 5AA"]
    assert found(paf, run, "engineering") == [
        acme_engineering,
        "Northern Engineering Services, 3 Park Row, LEEDS, LS1 5AA",
    ]


def test_a_dependent_locality(paf: World, run: Any) -> None:
    headingley = found(paf, run, "oak rd headingley", 50)
    assert len(headingley) == 50
    assert all(", Headingley, LEEDS, LS6 2AB" in s for s in headingley)
    assert found(paf, run, "12 oak headingley")[0] == OAK_12_LEEDS
    assert found(paf, run, "headingley oak road 120") == [
        "120 Oak Road, Headingley, LEEDS, LS6 2AB"
    ]


def test_whole_words_rank_above_partial_ones(paf: World, run: Any) -> None:
    # "oak" is a whole word of Oak Road, only the start of Oakwood (whose LS1 sorts first).
    assert found(paf, run, "14 oak") == [
        "14 Oak Road, Headingley, LEEDS, LS6 2AB",
        "14 Oak Road, YORK, YO10 4DE",
        "14 Oakwood Avenue, LEEDS, LS1 4AP",
    ]
    # "1" typed last: the start of 10..19, 100..120 and "Flat 12" too, but the 1s match it
    # whole; the rest follow in natural order.
    assert found(paf, run, "oak road 1", 6) == [
        "1 Oak Road, Headingley, LEEDS, LS6 2AB",
        "1 Oak Road, MANCHESTER, M10 7AA",
        "1 Oak Road, YORK, YO10 4DE",
        FLAT_12_AT_5,
        "10 Oak Road, Headingley, LEEDS, LS6 2AB",
        "11 Oak Road, Headingley, LEEDS, LS6 2AB",
    ]


def test_a_postcode_given_narrows_and_ranks(paf: World, run: Any) -> None:
    assert premises(found(paf, run, "oak road yo10")) == [
        "1 Oak Road",
        "2 Oak Road",
        "12 Oak Road",
        "14 Oak Road",
    ]
    assert found(paf, run, "12 oak road ls62ab")[0] == OAK_12_LEEDS
    assert OAK_12_YORK not in found(paf, run, "12 oak road ls62ab")
    # "M10" is a whole word of both: a house name in Leeds, and the postcode in Manchester.
    assert found(paf, run, "oak road m10") == [
        "1 Oak Road, MANCHESTER, M10 7AA",
        "M10 House, Oak Road, Headingley, LEEDS, LS6 2AB",
    ]


def test_a_spaced_postcode_among_other_words(paf: World, run: Any) -> None:
    assert found(paf, run, "12 oak rd ls6 2ab")[:1] == [OAK_12_LEEDS]


def test_a_building_number_typed_last_is_exactly_matched(paf: World, run: Any) -> None:
    assert found(paf, run, "oak road 12")[0] == OAK_12_LEEDS


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("st johns cl", ST_JOHNS),
        ("St. John's Close", ST_JOHNS),
        ("3 st johns cl", ["3 St. John's Close"]),
        ("church st", ["2 Church Street", "4 Church Street"]),
        ("oakwood ave", ["10 Oakwood Avenue", "12 Oakwood Avenue", "14 Oakwood Avenue"]),
        ("holly ln", ["Holly House, Holly Lane"]),
    ],
)
def test_abbreviations_match_their_full_words(
    paf: World, run: Any, typed: str, expected: list[str]
) -> None:
    assert premises(found(paf, run, typed, 50)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("trafalg", ["56 Trafalgar Street", "Flat 1, 58 Trafalgar Street"]),
        ("12 oak ro", ["12 Oak Road", "12 Oak Road"]),
        ("petergat", ["1 Petergate", "2 Petergate"]),
        ("holly h", ["Holly House, Holly Lane", "Holly House, Petergate"]),
        ("piccadilly m", ["1 Piccadilly", "2 Piccadilly"]),
    ],
)
def test_the_last_word_is_a_prefix(paf: World, run: Any, typed: str, expected: list[str]) -> None:
    assert premises(found(paf, run, typed, 2)) == expected


def test_letters_with_accents_match_either_way(paf: World, run: Any) -> None:
    ty_coch = ["Tŷ Coch, Ffordd Môn, LLANFAIRPWLLGWYNGYLL, LL61 5UJ"]
    for typed in ("tŷ coch", "ty coch", "ffordd môn", "FFORDD MON", "llanfairpwll"):
        assert found(paf, run, typed) == ty_coch, typed


def test_a_query_that_matches_nothing_returns_nothing(paf: World, run: Any) -> None:
    for typed in ("zebra crossing", "12 oak rd bradford", "xq", "ZZ99 9ZZ", "M99", "flat 11 58"):
        assert found(paf, run, typed) == [], typed


def test_an_empty_paf_answers_nothing(world: World, run: Any) -> None:
    for typed in ("m106bd", "M10", "12 oak rd leeds"):
        assert found(world, run, typed) == []


# --- added addresses ---------------------------------------------------------------------------


def test_an_address_added_later_is_found_and_a_changed_one_found_anew(paf: World, run: Any) -> None:
    assert found(paf, run, "elm grove") == []
    assert found(paf, run, "ls7 3qq") == []
    (york_12,) = run(search_addresses(paf.container.address_index(), "12 oak road york", 5))
    run(
        paf.load_paf(
            [
                paf_csv_line(
                    udprn="21099001",
                    postcode="LS7 3QQ",
                    post_town="LEEDS",
                    thoroughfare="Elm Grove",
                    building_number="7",
                ),
                # York's 12 Oak Road, renamed.
                paf_csv_line(
                    udprn=york_12.udprn,
                    postcode="YO10 4DE",
                    post_town="YORK",
                    thoroughfare="Elm Grove",
                    building_number="12",
                ),
            ]
        )
    )
    assert found(paf, run, "7 elm grove") == ["7 Elm Grove, LEEDS, LS7 3QQ"]
    assert found(paf, run, "ls73qq") == ["7 Elm Grove, LEEDS, LS7 3QQ"]
    assert found(paf, run, "elm gr") == [
        "7 Elm Grove, LEEDS, LS7 3QQ",
        "12 Elm Grove, YORK, YO10 4DE",
    ]
    assert OAK_12_YORK not in found(paf, run, "12 oak road")
    assert found(paf, run, "12 oak road")[0] == OAK_12_LEEDS
    assert premises(found(paf, run, "yo10 4de")) == [  # natural order: street, then number
        "12 Elm Grove",
        "1 Oak Road",
        "2 Oak Road",
        "14 Oak Road",
    ]


def test_the_index_gives_enough_matches_or_every_match(world: World, run: Any) -> None:
    """Common words are looked for in samples of the PAF first (PostgreSQL): a cap's worth of
    matches must still come back when there are that many, and every match when fewer, even a
    rare word that only a sampled common prefix shares."""
    one_in_128 = range(4096, 4102)  # UDPRNs the samples hold (runs of 32)
    one_in_16 = range(512, 518)
    elsewhere = range(4200, 4206)
    lines = [
        paf_csv_line(
            udprn=f"{udprn:08d}",
            postcode="YO1 7AA",
            post_town="YORK",
            thoroughfare="Oak Lane",
            building_number=str(udprn),
        )
        for udprn in (*one_in_128, *one_in_16, *elsewhere)
    ]
    lines.append(
        paf_csv_line(
            udprn="00004300",
            postcode="YO1 7AB",
            post_town="YORK",
            thoroughfare="Oakham Court",
            building_number="1",
        )
    )
    run(world.load_paf(lines))
    index = world.container.address_index()

    def matching(typed: str, limit: int) -> list[str]:
        search = read_query(typed)
        assert isinstance(search, TextSearch)
        return [c.address.summary() for c in run(index.matching(search, limit))]

    for limit in (3, 8, 12, 18):
        some = matching("oak", limit)
        assert len(set(some)) == limit and all("Oak" in summary for summary in some), limit
    assert len(matching("oak", 50)) == 19
    if world.engine.dialect.name == "postgresql":  # the samples answer what they can
        numbers = {int(summary.split()[0]) for summary in matching("oak", 3)}
        assert numbers <= set(one_in_128)
        numbers = {int(summary.split()[0]) for summary in matching("oak", 12)}
        assert numbers == set(one_in_128) | set(one_in_16)
    assert matching("oakh", 3) == ["1 Oakham Court, YORK, YO1 7AB"]
    assert matching("4201 oak", 3) == ["4201 Oak Lane, YORK, YO1 7AA"]
    assert matching("516 oak", 3) == ["516 Oak Lane, YORK, YO1 7AA"]


def test_words_typed_apart_are_each_still_required(world: World, run: Any) -> None:
    """The port takes any search: a whole word with no whole neighbour is not left to a pair."""
    run(
        world.load_paf(
            paf_csv_line(
                udprn=str(udprn),
                postcode="YO1 7AA",
                post_town="YORK",
                thoroughfare="Oak Lane",
                building_number=str(udprn),
            )
            for udprn in (4201, 4202, 4203)
        )
    )
    search = TextSearch(
        (Term(("4202",)), Term(("oa",), prefix=True), Term(("lane",)), Term(("york",)))
    )
    found = run(world.container.address_index().matching(search, 50, neighbours=True))
    assert [c.address.summary() for c in found] == ["4202 Oak Lane, YORK, YO1 7AA"]


# --- limits and hostile input ------------------------------------------------------------------


def test_first_limits_the_answers(paf: World, run: Any) -> None:
    assert len(found(paf, run, "oak road", 1)) == 1
    assert len(found(paf, run, "oak road", 50)) == 50
    assert len(found(paf, run, "oak road", 500)) == 50
    assert len(found(paf, run, "ls6", 51)) == 50
    assert found(paf, run, "oak road", 500) == found(paf, run, "oak road", 50)
    for first in (0, -1):
        with pytest.raises(InvalidValue):
            found(paf, run, "oak road", first)


def test_the_query_is_trimmed_and_capped(paf: World, run: Any) -> None:
    plain = found(paf, run, "12 oak rd leeds")
    assert plain[0] == OAK_12_LEEDS
    assert found(paf, run, "   12 oak rd leeds   ") == plain
    # Past 100 characters nothing more is read: "bradford" would have matched nothing.
    padded = "12 oak rd leeds" + " " * 90 + "bradford"
    assert found(paf, run, padded) == plain
    assert found(paf, run, "12 oak rd " + "x" * 500) == []


@pytest.mark.parametrize("typed", ["", " ", "a", "1", "%", "_", "*", '"', "'", "é", "Москва"])
def test_too_little_to_search_for_returns_nothing(paf: World, run: Any, typed: str) -> None:
    assert found(paf, run, typed) == []


HOSTILE = [
    "%",
    "%%",
    "_%_",
    "\\",
    "\\\\",
    "'",
    "''",
    '"',
    '""',
    "'; DROP TABLE paf_addresses; --",
    "oak' OR '1'='1",
    'oak" OR "1"="1',
    '"oak road"',
    '"oak" NEAR "road"',
    "NEAR(oak road)",
    "oak AND road",
    "oak OR road",
    "NOT oak",
    "oak*",
    "*oak",
    "^oak",
    "oak:*",
    "search_text:oak",
    "oak & road | !leeds",
    "oak <-> road",
    "oak (road",
    "oak road)",
    "{oak}",
    "[oak]",
    "oak\\",
    "\\moak",
    "oak.*",
    "o_k",
    "o%k",
    "100%",
    "a_b\\c",
    "oak\x00road",
    "oak\nroad\t",
    "北京",
    "Москва Oak",
    "ΑΘΗΝΑ",
    "🏠🏠",
    "ＬＳ６",
    "null",
    "NULL",
    "-1",
    "0x00",
    "a" * 100,
    "oak " * 50,
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_any_text_is_safe(paf: World, run: Any, typed: str) -> None:
    answered = found(paf, run, typed, 50)
    assert isinstance(answered, list) and len(answered) <= 50
    assert all(isinstance(summary, str) and summary for summary in answered)


@pytest.mark.parametrize(
    ("hostile", "plain"),
    [
        ("oak*", "oak"),
        ("'oak' road", "oak road"),
        ('"oak" "road"', "oak road"),
        ("12 oak% rd_ leeds\\", "12 oak rd leeds"),
        ("12 OAK:* RD & LEEDS", "12 oak rd leeds"),
        ("acme AND engineering", "acme and engineering"),
        ("flat 4 NEAR 58 trafalgar", "flat 4 near 58 trafalgar"),
        ("Москва 12 oak rd leeds", "12 oak rd leeds"),
        ("ＬＳ６２ＡＢ", "ls62ab"),
    ],
)
def test_query_syntax_is_just_punctuation(paf: World, run: Any, hostile: str, plain: str) -> None:
    assert found(paf, run, hostile, 50) == found(paf, run, plain, 50)


def test_hostile_input_leaves_the_paf_intact(paf: World, run: Any) -> None:
    before = found(paf, run, "12 oak rd leeds")
    for typed in HOSTILE:
        found(paf, run, typed)
    assert found(paf, run, "12 oak rd leeds") == before
    assert before[0] == OAK_12_LEEDS
    assert len(found(paf, run, "m106bd", 50)) == 13


# --- GraphQL over HTTP -------------------------------------------------------------------------

SEARCH = """query($q: String!, $first: Int) {
  addressSearch(query: $q, first: $first) { udprn summary postcode }
}"""


def test_address_search_over_graphql(paf: World, run: Any, database_url: str) -> None:
    run(paf.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(paf.user("alice@alpha.example", "AGS", "Alice"))
    # The app runs on the system clock: sign in at now, so the session is fresh.
    now = World.start(database_url, at=datetime.now(UTC))
    try:
        token = run(now.sign_in("alice@alpha.example"))[1]
    finally:
        run(now.close())
    app = create_app(container=build_container(Settings(database_url=database_url, env="test")))
    with TestClient(app) as client:

        def ask(token: str | None = token, **variables: Any) -> dict[str, Any]:
            headers = {"authorization": f"Bearer {token}"} if token else {}
            response = client.post(
                "/graphql", json={"query": SEARCH, "variables": variables}, headers=headers
            )
            return dict(response.json())

        flat_4 = ask(q="flat 4 58 trafalgar", first=5)
        assert flat_4.get("errors") is None, flat_4
        (match,) = flat_4["data"]["addressSearch"]
        assert match["summary"] == "Flat 4, 58 Trafalgar Street, LEEDS, LS6 2AD"
        assert match["postcode"] == "LS6 2AD"
        assert len(match["udprn"]) == 8 and match["udprn"].isdigit()
        by_udprn = run(paf.container.address_book().get(match["udprn"]))
        assert by_udprn is not None and by_udprn.sub_building_name == "Flat 4"

        postcode = ask(q="m106bd")["data"]["addressSearch"]
        assert [m["summary"].split(", ")[0] for m in postcode] == [
            *(f"{n} St. John's Close" for n in range(1, 11))
        ]  # `first` defaults to 10
        assert len(ask(q="oak road", first=100)["data"]["addressSearch"]) == 50
        assert ask(q="a", first=5)["data"]["addressSearch"] == []
        assert ask(q="'; DROP TABLE paf_addresses; --\" NEAR *")["data"]["addressSearch"] == []

        refused = ask(q="oak road", first=0)
        assert refused.get("data") is None or refused["data"].get("addressSearch") is None
        (error,) = refused["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert "first" in error["message"]

        anonymous = ask(token=None, q="oak road")
        assert anonymous.get("errors"), anonymous
        assert not (anonymous.get("data") or {}).get("addressSearch")
