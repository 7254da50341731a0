"""address search

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 13:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL_BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("paf_addresses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "sort_key",
                sa.String(length=400).with_variant(
                    sa.String(length=400, collation="C"), "postgresql"
                ),
                server_default="",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column(
                "search_tsv",
                sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"),
                nullable=True,
            )
        )
    _backfill()
    op.create_index("ix_paf_addresses_sort_key", "paf_addresses", ["sort_key"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_paf_addresses_search_tsv",
            "paf_addresses",
            ["search_tsv"],
            unique=False,
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        )
    else:
        from cms.adapters.paf.search_columns import SQLITE_FTS_TABLE, SQLITE_FTS_TRIGGERS

        for statement in (SQLITE_FTS_TABLE, *SQLITE_FTS_TRIGGERS):
            op.execute(statement)
        op.execute("INSERT INTO paf_search (paf_search) VALUES ('rebuild')")


def _backfill() -> None:
    """Addresses loaded before search existed get their search columns now."""
    from cms.adapters.paf.search_columns import search_values

    bind = op.get_bind()
    table = sa.table(
        "paf_addresses",
        *(
            sa.column(name)
            for name in (
                "udprn", "postcode", "post_town", "dependent_locality",
                "double_dependent_locality", "thoroughfare", "dependent_thoroughfare",
                "building_number", "building_name", "sub_building_name", "po_box",
                "department_name", "organisation_name", "sort_key", "search_text", "search_tsv",
            )
        ),
    )  # fmt: skip
    last = ""
    postgres = bind.dialect.name == "postgresql"
    while True:
        rows = bind.execute(
            sa.select(table)
            .where(table.c.udprn > last)
            .order_by(table.c.udprn)
            .limit(BACKFILL_BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            sort_key, text, tsv = search_values(row)
            values = {"sort_key": sort_key, "search_text": text}
            if postgres:
                values["search_tsv"] = sa.cast(tsv, postgresql.TSVECTOR)
            bind.execute(sa.update(table).where(table.c.udprn == row.udprn).values(**values))
        last = rows[-1].udprn


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_paf_addresses_search_tsv", table_name="paf_addresses")
    else:
        for name in ("paf_search_insert", "paf_search_delete", "paf_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS paf_search")
    op.drop_index("ix_paf_addresses_sort_key", table_name="paf_addresses")
    with op.batch_alter_table("paf_addresses", schema=None) as batch_op:
        batch_op.drop_column("search_tsv")
        batch_op.drop_column("search_text")
        batch_op.drop_column("sort_key")
