"""What a PAF row is searched by: its natural sort key, its words, and (PostgreSQL) a tsvector.

The same values whichever way a row arrives (the full import, or one added by the demo seed),
so both search flavours see every address alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cms.adapters.paf.csv_format import PafRow
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import key_of, natural_sort_key, words_of_elements

PREFIX_LENGTHS = (1, 2, 3)  # GIN holds "^o", "^oa", "^oak" beside "oak" for the typed word

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


def row_words(row: Any, postcode: Postcode) -> list[str]:
    return words_of_elements(
        (
            row.organisation_name,
            row.department_name,
            row.sub_building_name,
            row.building_name,
            row.building_number,
            row.po_box,
            row.dependent_thoroughfare,
            row.thoroughfare,
            row.double_dependent_locality,
            row.dependent_locality,
            row.post_town,
        ),
        postcode,
    )


def tsvector_literal(words: list[str]) -> str:
    """The words and their short prefixes as tsvector input ('oak' '^o' '^oa' ...). Words are
    [a-z0-9] only, so nothing needs escaping."""
    lexemes = set(words)
    for word in words:
        for length in PREFIX_LENGTHS:
            if len(word) >= length:
                lexemes.add("^" + word[:length])
    return " ".join(f"'{lexeme}'" for lexeme in sorted(lexemes))


def search_values(row: PafRow | Any) -> tuple[str, str, str]:
    """(sort_key, search_text, tsvector literal) of one PAF row (a PafRow or a table row)."""
    postcode, key = _postcode(row.postcode)
    words = row_words(row, postcode)
    sort_key = natural_sort_key(
        key,
        row.thoroughfare or row.dependent_thoroughfare,
        row.building_number,
        row.building_name,
        row.sub_building_name,
        row.organisation_name,
    )
    return sort_key, " ".join(words), tsvector_literal(words)
