"""The AddressIndex port on each database: PostgreSQL GIN/B-tree, and SQLite FTS5.

Both find candidates that match every term, at most a cap of them, and leave the ranking to
cms.core.addresses.search. A postcode search is a range of the natural sort key, whose B-tree
gives the addresses already in order.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from sqlalchemy import String, bindparam, cast, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.paf.search_columns import PAIR, PREFIX_LENGTHS, SAMPLES
from cms.adapters.paf.store import address_from_row
from cms.adapters.sql.tables import paf_addresses
from cms.core.addresses.search import Candidate, PostcodeSearch, Term, TextSearch

_LONGEST_PREFIX = 3  # SQLite's FTS5 prefix indexes: '1 2 3'
_SAFE = re.compile(r"^[a-z0-9]+$")  # query words are already this; checked again at the edge


def _words(term: Term) -> list[str]:
    words = [spelling for spelling in term.spellings if _SAFE.match(spelling)]
    assert words, term
    return words


def _key_range(prefix: str) -> tuple[str, str]:
    """Every key that starts with `prefix`: from it up to (not including) the next prefix."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


# What a candidate needs: not the search columns, which are large and only for the index.
_SHOWN = [column for column in paf_addresses.c if column.name not in ("search_tsv", "search_text")]


def _candidates(rows: Any) -> list[Candidate]:
    return [Candidate(address=address_from_row(row), sort_key=row.sort_key) for row in rows]


class _SqlAddressIndex:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def in_postcodes(self, search: PostcodeSearch, limit: int) -> list[Candidate]:
        low, high = _key_range(search.key_prefix)
        query = (
            select(*_SHOWN)
            .where(paf_addresses.c.sort_key >= low, paf_addresses.c.sort_key < high)
            .order_by(paf_addresses.c.sort_key)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return _candidates((await connection.execute(query)).all())


class PostgresAddressIndex(_SqlAddressIndex):
    async def matching(
        self, search: TextSearch, limit: int, neighbours: bool = False
    ) -> list[Candidate]:
        """Whole words by their lexemes, and (neighbours) neighbouring whole words by their
        pair ('12+oak'): at 31 million addresses '12' and 'oak' each list hundreds of
        thousands, their pair a few hundred. The word being typed goes by its prefix lexeme
        ('^oak', '^kingf') and, beyond that, a word-start filter on the text. A word that is
        in a pair is left to the pair: GIN checks each lexeme of the query for every match of
        the rarest, and the common word's long list only costs time."""
        groups: list[str] = []
        patterns: list[str] = []
        paired = _paired(search) if neighbours else set()
        for position, term in enumerate(search.terms):
            words = _words(term)
            if not term.prefix:
                if position not in paired:
                    groups.append(" | ".join(f"'{w}'" for w in words))
                continue
            groups.append(" | ".join(f"'^{w[: _prefix_length(w)]}'" for w in words))
            if any(len(w) > _prefix_length(w) for w in words):
                patterns.append(r"\m(" + "|".join(words) + ")")
        if neighbours:
            groups.extend(_pairs(search))
        tsquery = " & ".join(f"({group})" for group in groups)
        query = select(*_SHOWN).where(
            paf_addresses.c.search_tsv.op("@@")(cast(bindparam("q", tsquery, String), TSQUERY))
        )
        for number, pattern in enumerate(patterns):
            query = query.where(
                paf_addresses.c.search_text.op("~")(bindparam(f"p{number}", pattern, String))
            )
        async with self._engine.connect() as connection:
            # The coarsest sample first: GIN cannot stop at `limit`, so common words ("flat",
            # "^st") would build a bitmap of millions of addresses. Each sample's count tells
            # whether the next, eight times finer, could hold `limit`; when none does, the
            # words are rare enough for the whole index, where every match must be seen.
            for position, every in enumerate(SAMPLES):
                in_sample = paf_addresses.c.search_sample >= literal_column(str(every))
                rows = (await connection.execute(query.where(in_sample).limit(limit))).all()
                if len(rows) >= limit:
                    return _candidates(rows)
                finer = SAMPLES[position + 1] if position + 1 < len(SAMPLES) else 1
                if finer == 1 or len(rows) * every / finer < limit / 2:
                    break
            return _candidates((await connection.execute(query.limit(limit))).all())


def _prefix_length(word: str) -> int:
    """The longest indexed prefix length a typed word can use."""
    return max((length for length in PREFIX_LENGTHS if length <= len(word)), default=1)


def _paired(search: TextSearch) -> set[int]:
    """Positions of the whole words that stand beside another whole word (so in a pair)."""
    whole = [not term.prefix for term in search.terms]
    return {
        position
        for position in range(len(whole))
        for other in (position - 1, position + 1)
        if 0 <= other < len(whole) and whole[position] and whole[other]
    }


def _pairs(search: TextSearch) -> list[str]:
    """tsquery groups for each two neighbouring whole words of the query."""
    groups = []
    for first, second in pairwise(search.terms):
        if not first.prefix and not second.prefix:
            groups.append(
                " | ".join(f"'{a}{PAIR}{b}'" for a in _words(first) for b in _words(second))
            )
    return groups


class SqliteAddressIndex(_SqlAddressIndex):
    async def matching(
        self, search: TextSearch, limit: int, neighbours: bool = False
    ) -> list[Candidate]:
        """FTS5: whole words as phrases (and, with neighbours, neighbouring whole words as
        two-word phrases), the word being typed through the prefix index on its first three
        letters (a longer prefix makes FTS5 merge whole doclists), then a LIKE."""
        groups: list[str] = []
        conditions = ["paf_search MATCH :match"]
        parameters: dict[str, str] = {}
        for term in search.terms:
            words = _words(term)
            if not term.prefix:
                groups.append(" OR ".join(f'"{w}"' for w in words))
                continue
            groups.append(" OR ".join(f'"{w[:_LONGEST_PREFIX]}"*' for w in words))
            if any(len(w) > _LONGEST_PREFIX for w in words):
                starts = []
                for word in words:
                    parameters[name := f"start{len(parameters)}"] = f"% {word}%"
                    starts.append(f"(' ' || p.search_text) LIKE :{name}")
                conditions.append("(" + " OR ".join(starts) + ")")
        if neighbours:
            for first, second in pairwise(search.terms):
                if not first.prefix and not second.prefix:
                    groups.append(
                        " OR ".join(f'"{a} {b}"' for a in _words(first) for b in _words(second))
                    )
        parameters["match"] = " AND ".join(f"({group})" for group in groups)
        # CROSS JOIN makes SQLite start from the FTS index rather than scan the table.
        statement = text(
            "SELECT p.* FROM paf_search CROSS JOIN paf_addresses AS p "
            "ON p.rowid = paf_search.rowid WHERE "
            + " AND ".join(conditions)
            + f" LIMIT {int(limit)}"
        )
        async with self._engine.connect() as connection:
            return _candidates((await connection.execute(statement, parameters)).all())
