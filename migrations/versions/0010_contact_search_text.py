"""contacts found by the words of their address: search_text on contacts and their summaries

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 10:00:00
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As cms.core.addresses.search had them when this was written: a migration stays as it was.
_FIELDS = (
    "organisation_name", "department_name", "sub_building_name", "building_name",
    "building_number", "po_box", "dependent_thoroughfare", "thoroughfare",
    "double_dependent_locality", "dependent_locality", "post_town",
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_JOINING = re.compile(r"['’.]")
BATCH = 1_000


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _WORD.findall(_JOINING.sub("", folded))


def search_text(address: dict[str, Any]) -> str:
    words = _words(" ".join(str(address[name]) for name in _FIELDS if address.get(name)))
    outward, _, inward = str(address["postcode"]).partition(" ")
    words += [outward.lower(), (outward + inward).lower()]
    return f" {' '.join(dict.fromkeys(words))} "


def upgrade() -> None:
    for table in ("contacts", "contact_summaries"):
        op.add_column(table, sa.Column("search_text", sa.Text(), nullable=True))
    bind = op.get_bind()
    for name in ("contacts", "contact_summaries"):
        table = sa.table(
            name,
            sa.column("crn", sa.String()),
            sa.column("address", sa.JSON()),
            sa.column("search_text", sa.Text()),
        )
        after = ""
        while True:
            rows = bind.execute(
                sa.select(table.c.crn, table.c.address)
                .where(table.c.crn > after)
                .order_by(table.c.crn)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            for crn, address in rows:
                bind.execute(
                    table.update()
                    .where(table.c.crn == crn)
                    .values(search_text=search_text(address))
                )
            after = rows[-1].crn


def downgrade() -> None:
    for table in ("contact_summaries", "contacts"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("search_text")
