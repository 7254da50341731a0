"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 10:22:08.110695
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "crn_counters",
        sa.Column("contact_type", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("contact_type", "year", name=op.f("pk_crn_counters")),
    )
    op.create_table(
        "event_log",
        sa.Column("position", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("stream_type", sa.String(length=32), nullable=False),
        sa.Column("stream_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_event_log")),
        sa.UniqueConstraint("event_id", name=op.f("uq_event_log_event_id")),
    )
    with op.batch_alter_table("event_log", schema=None) as batch_op:
        batch_op.create_index("ix_event_log_stream", ["stream_id", "position"], unique=False)

    op.create_table(
        "ldz_prefixes",
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("ldz", sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_ldz_prefixes")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("short_code", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("short_code", name=op.f("uq_organisations_short_code")),
    )
    op.create_table(
        "paf_addresses",
        sa.Column("udprn", sa.String(length=8), nullable=False),
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("postcode_compact", sa.String(length=7), nullable=False),
        sa.Column("post_town", sa.String(length=30), nullable=False),
        sa.Column("dependent_locality", sa.String(length=35), nullable=True),
        sa.Column("double_dependent_locality", sa.String(length=35), nullable=True),
        sa.Column("thoroughfare", sa.String(length=80), nullable=True),
        sa.Column("dependent_thoroughfare", sa.String(length=80), nullable=True),
        sa.Column("building_number", sa.String(length=4), nullable=True),
        sa.Column("building_name", sa.String(length=50), nullable=True),
        sa.Column("sub_building_name", sa.String(length=30), nullable=True),
        sa.Column("po_box", sa.String(length=6), nullable=True),
        sa.Column("department_name", sa.String(length=60), nullable=True),
        sa.Column("organisation_name", sa.String(length=60), nullable=True),
        sa.Column("postcode_type", sa.String(length=1), nullable=True),
        sa.Column("su_organisation_indicator", sa.String(length=1), nullable=True),
        sa.Column("delivery_point_suffix", sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint("udprn", name=op.f("pk_paf_addresses")),
    )
    with op.batch_alter_table("paf_addresses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paf_addresses_postcode_compact"), ["postcode_compact"], unique=False
        )

    op.create_table(
        "uklink_meter_points",
        sa.Column("mprn", sa.String(length=10), nullable=False),
        sa.Column("udprn", sa.String(length=8), nullable=True),
        sa.Column("address_key", sa.String(length=400), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("mprn", name=op.f("pk_uklink_meter_points")),
    )
    with op.batch_alter_table("uklink_meter_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_uklink_meter_points_address_key"), ["address_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_uklink_meter_points_udprn"), ["udprn"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mfa_channel", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_users_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_users_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("crn", sa.String(length=32), nullable=False),
        sa.Column("contact_type", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shipper_organisation_id", sa.String(length=36), nullable=False),
        sa.Column("raised_by", sa.String(length=36), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("allocated_network", sa.String(length=16), nullable=True),
        sa.Column("ldz", sa.String(length=2), nullable=False),
        sa.Column("udprn", sa.String(length=8), nullable=True),
        sa.Column("manual_address", sa.Boolean(), nullable=False),
        sa.Column("address", sa.JSON(), nullable=False),
        sa.Column("address_key", sa.String(length=400), nullable=False),
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("open_udprn", sa.String(length=8), nullable=True),
        sa.Column("open_address_key", sa.String(length=400), nullable=True),
        sa.Column("market_sector", sa.String(length=24), nullable=False),
        sa.Column("annual_quantity_kwh", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("meter_serial_number", sa.String(length=14), nullable=True),
        sa.Column("site_contact_name", sa.String(length=60), nullable=True),
        sa.Column("site_contact_phone", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("mprn", sa.String(length=10), nullable=True),
        sa.Column("assignee_id", sa.String(length=36), nullable=True),
        sa.Column("asked_from", sa.String(length=24), nullable=True),
        sa.Column("due_by", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_contacts_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["raised_by"], ["users.id"], name=op.f("fk_contacts_raised_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["shipper_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_contacts_shipper_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_contacts")),
        sa.UniqueConstraint("crn", name=op.f("uq_contacts_crn")),
        sa.UniqueConstraint("mprn", name=op.f("uq_contacts_mprn")),
        sa.UniqueConstraint("open_address_key", name=op.f("uq_contacts_open_address_key")),
        sa.UniqueConstraint("open_udprn", name=op.f("uq_contacts_open_udprn")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_address_key"), ["address_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contacts_allocated_network"), ["allocated_network"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contacts_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_postcode"), ["postcode"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contacts_shipper_organisation_id"),
            ["shipper_organisation_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_contacts_status"), ["status"], unique=False)

    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessions")),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shipper_organisation_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("crn", sa.String(length=32), nullable=True),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("reason_codes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipper_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_submissions_shipper_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_submissions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submissions_at"), ["at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_at"))

    op.drop_table("submissions")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_user_id"))

    op.drop_table("sessions")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_status"))
        batch_op.drop_index(batch_op.f("ix_contacts_shipper_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_postcode"))
        batch_op.drop_index(batch_op.f("ix_contacts_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_allocated_network"))
        batch_op.drop_index(batch_op.f("ix_contacts_address_key"))

    op.drop_table("contacts")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_organisation_id"))

    op.drop_table("users")
    with op.batch_alter_table("uklink_meter_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uklink_meter_points_udprn"))
        batch_op.drop_index(batch_op.f("ix_uklink_meter_points_address_key"))

    op.drop_table("uklink_meter_points")
    with op.batch_alter_table("paf_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paf_addresses_postcode_compact"))

    op.drop_table("paf_addresses")
    op.drop_table("organisations")
    op.drop_table("ldz_prefixes")
    with op.batch_alter_table("event_log", schema=None) as batch_op:
        batch_op.drop_index("ix_event_log_stream")

    op.drop_table("event_log")
    op.drop_table("crn_counters")
