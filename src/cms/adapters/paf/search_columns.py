"""What a PAF row is searched by: its natural sort key, its words, and (PostgreSQL) a tsvector.

The same values whichever way a row arrives (the full import, or one added by the demo seed),
so both search flavours see every address alike.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Any

from cms.adapters.paf.csv_format import PafRow
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import (
    PLACE_FIELDS,
    PREMISES_FIELDS,
    key_of,
    natural_sort_key,
    words_of,
    words_of_elements,
)

# GIN holds "^o", "^oa", "^oak" and "^kingf" beside "oak" and "kingfisher" for the word being
# typed: an exact entry is cheap where a prefix scan ('r:*') unions thousands of words' lists.
PREFIX_LENGTHS = (1, 2, 3, 5)
# ...and each pair of neighbouring words ("12+oak", "oak+road"): at 31 million addresses two
# common words ("12", "oak") each list hundreds of thousands, their pair a few hundred.
PAIR = "+"
# Nested samples of the PAF, each with a GIN index of its own: one address in 128 and one in
# 16, in runs of 32 neighbouring UDPRNs (a run shares a few heap pages). GIN cannot stop at a
# LIMIT: words that hundreds of thousands of addresses share ("flat", "^st") would build a
# bitmap of all of them, where the smallest sample that holds enough matches is quick.
SAMPLE_RUN = 32
SAMPLES = (128, 16)  # one address in N, coarsest first; each holds the ones before it


def search_sample_of(udprn: str | None) -> int:
    """The coarsest sample that holds the address (N of "one in N"), or 0 for none: decided by
    its UDPRN alone, so the same addresses are sampled however and whenever they arrive."""
    if udprn is None or not (udprn.isascii() and udprn.isdigit()):
        return 0
    run = int(udprn) // SAMPLE_RUN
    return next((every for every in SAMPLES if run % every == 0), 0)


# SQLite: an FTS5 index over paf_addresses.search_text (external content: the words are stored
# once), kept current by triggers whichever way rows arrive. prefix='1 2 3' keeps the short
# prefixes of the word being typed in the index.
SQLITE_FTS_TABLE = """CREATE VIRTUAL TABLE paf_search USING fts5(
    search_text, content='paf_addresses', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 2", prefix='1 2 3')"""
SQLITE_FTS_TRIGGER_NAMES = ("paf_search_insert", "paf_search_delete", "paf_search_update")
SQLITE_FTS_TRIGGERS = (
    """CREATE TRIGGER paf_search_insert AFTER INSERT ON paf_addresses BEGIN
        INSERT INTO paf_search (rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
    """CREATE TRIGGER paf_search_delete AFTER DELETE ON paf_addresses BEGIN
        INSERT INTO paf_search (paf_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    END""",
    """CREATE TRIGGER paf_search_update AFTER UPDATE ON paf_addresses BEGIN
        INSERT INTO paf_search (paf_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO paf_search (rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
)


@lru_cache(maxsize=4096)  # rows come grouped by postcode
def _postcode(text: str) -> tuple[Postcode, str]:
    postcode = Postcode.parse(text)
    return postcode, key_of(postcode)


@lru_cache(maxsize=500_000)  # street names and towns repeat across millions of addresses
def _word_lexemes(word: str) -> tuple[str, ...]:
    return (word, *("^" + word[:length] for length in PREFIX_LENGTHS if len(word) >= length))


def search_values(row: PafRow | Any) -> tuple[str, str, str]:
    """(sort_key, search_text, tsvector literal) of one PAF row (a PafRow or a table row).

    The same words as cms.core.addresses.search.address_words, worked out in two parts:
    the premises (different on every row) and the rest, from the street to the postcode, which
    every address of a street shares; the second part is remembered (a full PAF has about
    31 million rows but fewer than two million such tails).
    """
    _, key = _postcode(row.postcode)
    premises = words_of(" ".join(filter(None, (getattr(row, n) for n in PREMISES_FIELDS))))
    tail_words, tail_lexemes = _tail(*(getattr(row, n) for n in PLACE_FIELDS), row.postcode)
    lexemes = set(tail_lexemes)
    for word in premises:
        lexemes.update(_word_lexemes(word))
    if premises:
        lexemes.update(first + PAIR + second for first, second in pairwise(premises))
        lexemes.add(premises[-1] + PAIR + tail_words[0])
    sort_key = natural_sort_key(
        key,
        row.thoroughfare or row.dependent_thoroughfare,
        row.building_number,
        row.building_name,
        row.sub_building_name,
        row.organisation_name,
    )
    words = dict.fromkeys((*premises, *tail_words))
    return sort_key, " ".join(words), "'" + "' '".join(lexemes) + "'"


@lru_cache(maxsize=200_000)
def _tail(*elements_and_postcode: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    *elements, postcode_text = elements_and_postcode
    assert postcode_text is not None
    words = words_of_elements(elements, _postcode(postcode_text)[0], keep_repeats=True)
    lexemes: set[str] = set()
    for word in words:
        lexemes.update(_word_lexemes(word))
    lexemes.update(first + PAIR + second for first, second in pairwise(words))
    return tuple(words), frozenset(lexemes)
