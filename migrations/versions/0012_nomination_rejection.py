"""a nomination the CDSP rejected, with who rejected it, when and why

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 11:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("rejected_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("rejection_reason", sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_nominations_rejected_by_users"), "users", ["rejected_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_nominations_rejected_by_users"), type_="foreignkey")
        batch_op.drop_column("rejection_reason")
        batch_op.drop_column("rejected_by")
        batch_op.drop_column("rejected_at")
