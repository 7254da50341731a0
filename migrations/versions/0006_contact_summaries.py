"""contact summaries

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 11:40:11.511879
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "contact_summaries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("crn", sa.String(length=32), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=24), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column(
            "shipper_organisation_id", sa.String(length=36), autoincrement=False, nullable=False
        ),
        sa.Column("raised_by", sa.String(length=36), autoincrement=False, nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), autoincrement=False, nullable=False),
        sa.Column("network", sa.String(length=16), autoincrement=False, nullable=False),
        sa.Column("allocated_network", sa.String(length=16), autoincrement=False, nullable=True),
        sa.Column("ldz", sa.String(length=2), autoincrement=False, nullable=False),
        sa.Column("udprn", sa.String(length=8), autoincrement=False, nullable=True),
        sa.Column("manual_address", sa.Boolean(), autoincrement=False, nullable=False),
        sa.Column("address", sa.JSON(), autoincrement=False, nullable=False),
        sa.Column("postcode", sa.String(length=8), autoincrement=False, nullable=False),
        sa.Column("market_sector", sa.String(length=24), autoincrement=False, nullable=False),
        sa.Column("annual_quantity_kwh", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.String(length=24), autoincrement=False, nullable=False),
        sa.Column("meter_serial_number", sa.String(length=14), autoincrement=False, nullable=True),
        sa.Column("site_contact_name", sa.String(length=60), autoincrement=False, nullable=True),
        sa.Column("site_contact_phone", sa.String(length=20), autoincrement=False, nullable=True),
        sa.Column("notes", sa.Text(), autoincrement=False, nullable=True),
        sa.Column("mprn", sa.String(length=10), autoincrement=False, nullable=True),
        sa.Column("assignee_id", sa.String(length=36), autoincrement=False, nullable=True),
        sa.Column("planned_visit", sa.Date(), autoincrement=False, nullable=True),
        sa.Column("rejection_reason", sa.String(length=32), autoincrement=False, nullable=True),
        sa.Column("due_by", sa.DateTime(timezone=True), autoincrement=False, nullable=True),
        sa.PrimaryKeyConstraint("crn", name=op.f("pk_contact_summaries")),
    )
    with op.batch_alter_table("contact_summaries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_summaries_allocated_network"),
            ["allocated_network"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_contact_summaries_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_summaries_due_by"), ["due_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_summaries_mprn"), ["mprn"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_summaries_postcode"), ["postcode"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contact_summaries_raised_at"), ["raised_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_summaries_seq"), ["seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_summaries_shipper_organisation_id"),
            ["shipper_organisation_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_contact_summaries_status"), ["status"], unique=False)

    # Contacts logged before the query model existed are copied in once.
    columns = (
        "seq, crn, status, version, shipper_organisation_id, raised_by, raised_at, "
        "network, allocated_network, ldz, udprn, manual_address, address, postcode, "
        "market_sector, annual_quantity_kwh, reason, meter_serial_number, "
        "site_contact_name, site_contact_phone, notes, mprn, assignee_id, planned_visit, "
        "rejection_reason, due_by"
    )
    op.execute(f"INSERT INTO contact_summaries ({columns}) SELECT {columns} FROM contacts")
    op.create_table(
        "relay_checkpoints",
        sa.Column("consumer", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("consumer", name=op.f("pk_relay_checkpoints")),
    )


def downgrade() -> None:

    op.drop_table("relay_checkpoints")
    with op.batch_alter_table("contact_summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_summaries_status"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_shipper_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_seq"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_raised_at"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_postcode"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_mprn"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_due_by"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_contact_summaries_allocated_network"))

    op.drop_table("contact_summaries")
