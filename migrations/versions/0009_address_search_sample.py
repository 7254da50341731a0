"""address search samples: one address in 128 and one in 16, each with a GIN index of its own

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As cms.adapters.paf.search_columns had them when this was written: a migration stays as it was.
SAMPLE_RUN = 32
SAMPLES = (128, 16)


BATCH = 50_000  # addresses a backfill statement looks at (PostgreSQL)


def upgrade() -> None:
    # A plain ADD COLUMN on SQLite too: a batch copy of the table would drop its FTS triggers.
    op.add_column(
        "paf_addresses",
        sa.Column("search_sample", sa.SmallInteger(), server_default="0", nullable=False),
    )
    # The addresses already loaded join the samples by the rule new ones follow
    # (cms.adapters.paf.search_columns.search_sample_of).
    postgres = op.get_bind().dialect.name == "postgresql"
    digits = "udprn ~ '^[0-9]+$'" if postgres else "udprn NOT GLOB '*[^0-9]*' AND udprn <> ''"
    run = f"({'udprn::bigint' if postgres else 'CAST(udprn AS INTEGER)'} / {SAMPLE_RUN})"
    coarsest = " ".join(f"WHEN {run} % {every} = 0 THEN {every}" for every in SAMPLES)
    # CASE: only a UDPRN of digits is read as a number.
    assign = f"search_sample = CASE WHEN {digits} THEN CASE {coarsest} ELSE 0 END ELSE 0 END"
    sampled = f"CASE WHEN {digits} THEN {run} % {SAMPLES[-1]} = 0 ELSE false END"
    if not postgres:
        op.execute(f"UPDATE paf_addresses SET {assign} WHERE {sampled}")
        return
    # A full PAF is 31 million rows: commit the new column, then fill it a batch at a time and
    # build the indexes concurrently, so searches and imports go on meanwhile.
    bind = op.get_bind()
    with op.get_context().autocommit_block():
        last = ""
        while True:
            upto = bind.execute(
                sa.text(
                    "SELECT max(udprn) FROM (SELECT udprn FROM paf_addresses "
                    "WHERE udprn > :last ORDER BY udprn LIMIT :batch) AS batch"
                ),
                {"last": last, "batch": BATCH},
            ).scalar()
            if upto is None:
                break
            bind.execute(
                sa.text(
                    f"UPDATE paf_addresses SET {assign} "
                    f"WHERE udprn > :last AND udprn <= :upto AND {sampled}"
                ),
                {"last": last, "upto": upto},
            )
            last = upto
        for every in SAMPLES:
            op.create_index(
                f"ix_paf_addresses_search_sample_{every}",
                "paf_addresses",
                ["search_tsv"],
                unique=False,
                postgresql_using="gin",
                postgresql_with={"fastupdate": "off"},
                postgresql_where=sa.text(f"search_sample >= {every}"),
                postgresql_concurrently=True,
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for every in SAMPLES:
            op.drop_index(f"ix_paf_addresses_search_sample_{every}", table_name="paf_addresses")
    op.drop_column("paf_addresses", "search_sample")  # SQLite 3.35+ drops a column in place
