"""contact workflow

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 11:23:15.554002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "uklink_mprn_sequence",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_body", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uklink_mprn_sequence")),
    )
    # New meter points start well clear of the bodies the demo register was seeded with.
    sequence = sa.table(
        "uklink_mprn_sequence", sa.column("id", sa.Integer), sa.column("last_body", sa.BigInteger)
    )
    op.bulk_insert(sequence, [{"id": 1, "last_body": 80_000_000}])
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("planned_visit", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_contacts_due_by"), ["due_by"], unique=False)

    with op.batch_alter_table("uklink_meter_points", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_uklink_meter_points_request_id"), ["request_id"]
        )


def downgrade() -> None:

    with op.batch_alter_table("uklink_meter_points", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_uklink_meter_points_request_id"), type_="unique")
        batch_op.drop_column("request_id")

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_due_by"))
        batch_op.drop_column("planned_visit")

    op.drop_table("uklink_mprn_sequence")
