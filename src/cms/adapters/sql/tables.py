"""The relational schema, shared by SQLite and PostgreSQL (Alembic migrations follow it)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from cms.adapters.paf.search_columns import SAMPLES


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware instants on both databases (SQLite keeps no offset: store UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: give a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("short_code", String(16), nullable=False, unique=True),
    Column("international_mobiles_allowed", Boolean, nullable=False, server_default=false()),
)

# Which network organisation owns each LDZ: its contacts are allocated there (one owner each).
network_ldzs = Table(
    "network_ldzs",
    metadata,
    Column("ldz", String(2), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False, index=True),
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("email", String(254), nullable=False, unique=True),
    Column("roles", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("password_hash", String(255)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("activated_at", UtcDateTime),
    Column("last_sign_in_at", UtcDateTime),
    Column("mfa_channel", String(8)),
    Column("mobile", String(20)),
    Column("mfa_destination", String(254)),
    Column("totp_secret", String(64)),
    Column("totp_last_step", BigInteger),
    Column("last_active_at", UtcDateTime, index=True),
    Column("disabled_at", UtcDateTime),
    Column("disabled_reason", String(500)),
    Column("inactivity_warned_at", UtcDateTime),
)

mfa_challenges = Table(
    "mfa_challenges",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("purpose", String(8), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("attempts_left", Integer, nullable=False),
    Column("channel", String(8)),
    Column("destination", String(254)),
    Column("code_secret", String(64)),
    Column("code_expires_at", UtcDateTime),
    Column("pending_totp_secret", String(64)),
    Column("completed_at", UtcDateTime),
)

trusted_devices = Table(
    "trusted_devices",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)

nominations = Table(
    "nominations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("email", String(254), nullable=False, index=True),
    Column("mobile", String(20)),
    Column("roles", JSON, nullable=False),
    Column("nominated_by", ForeignKey("users.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("approved_at", UtcDateTime),
    Column("approved_by", ForeignKey("users.id")),
    Column("rejected_at", UtcDateTime),
    Column("rejected_by", ForeignKey("users.id")),
    Column("rejection_reason", String(500)),
)

invitations = Table(
    "invitations",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
)

audit_log = Table(
    "audit_log",
    metadata,
    # Sequence numbers are given by the chain's head, not the database, so the chain has no gaps.
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("event", String(40), nullable=False),
    Column("actor_id", String(36)),
    Column("subject_id", String(36), index=True),
    Column("client_address", String(64)),
    Column("details", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    # One row: the last entry's number and hash, locked by each append to keep the chain linear.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)


def _request_columns() -> tuple[Column[Any], ...]:
    """What the Shipper asked for (MncRequest), a column a field: the contact holds them and
    its summary copies them (contacts_mapping.request_values fills them)."""
    return (
        Column("market_sector", String(24), nullable=False),
        Column("annual_quantity_kwh", BigInteger, nullable=False),
        Column("reason", String(24), nullable=False),
        Column("meter_serial_number", String(14)),
        Column("site_contact_name", String(60)),
        Column("site_contact_phone", String(20)),
        Column("notes", Text),
    )


REQUEST_COLUMNS = tuple(column.name for column in _request_columns())

contacts = Table(
    "contacts",
    metadata,
    # A monotonic surrogate key: the keyset for stable pagination, newest first.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("crn", String(32), nullable=False, unique=True),
    Column("contact_type", String(8), nullable=False),
    Column("status", String(24), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("shipper_organisation_id", ForeignKey("organisations.id"), nullable=False, index=True),
    Column("raised_by", ForeignKey("users.id"), nullable=False),
    Column("raised_at", UtcDateTime, nullable=False),
    Column("network", String(16), nullable=False),
    Column("allocated_network", String(16), index=True),
    Column("ldz", String(2), nullable=False),
    Column("udprn", String(8)),
    Column("manual_address", Boolean, nullable=False),
    Column("address", JSON, nullable=False),
    Column("address_key", String(400), nullable=False, index=True),
    Column("postcode", String(8), nullable=False, index=True),
    # Set while the contact is open, cleared when it closes: the unique constraints make
    # "one open contact per delivery point" hold even between concurrent submissions.
    Column("open_udprn", String(8), unique=True),
    Column("open_address_key", String(400), unique=True),
    *_request_columns(),
    Column("mprn", String(10), unique=True),
    Column("assignee_id", ForeignKey("users.id"), index=True),
    Column("asked_from", String(24)),
    Column("reminded_at", UtcDateTime),
    Column("planned_visit", Date),
    Column("rejection_reason", String(32)),
    Column("due_by", UtcDateTime, index=True),
    # The words the contact is found by (its address's), each between spaces: " 12 oak road ".
    Column("search_text", Text),
)

# The query model of contacts for lists, search and work queues: a copy of what the views
# show, kept current by an event handler (idempotent: it copies the contact's state as of
# its version, so an event seen twice, or late, changes nothing).
SUMMARY_COLUMNS = (
    "seq",
    "crn",
    "status",
    "version",
    "shipper_organisation_id",
    "raised_by",
    "raised_at",
    "network",
    "allocated_network",
    "ldz",
    "udprn",
    "manual_address",
    "address",
    "postcode",
    *REQUEST_COLUMNS,
    "mprn",
    "assignee_id",
    "planned_visit",
    "rejection_reason",
    "due_by",
    "search_text",
)
_SUMMARY_INDEXED = frozenset(
    {
        "seq",
        "status",
        "shipper_organisation_id",
        "allocated_network",
        "postcode",
        "mprn",
        "assignee_id",
        "due_by",
        "raised_at",
    }
)
contact_summaries = Table(
    "contact_summaries",
    metadata,
    *(
        Column(
            name,
            contacts.c[name].type,
            primary_key=name == "crn",
            nullable=contacts.c[name].nullable,
            index=name in _SUMMARY_INDEXED,
            autoincrement=False,
        )
        for name in SUMMARY_COLUMNS
    ),
)

relay_checkpoints = Table(
    "relay_checkpoints",
    metadata,
    # How far each event-log consumer has read, by position.
    Column("consumer", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
)

event_log = Table(
    "event_log",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("stream_type", String(32), nullable=False),
    Column("stream_id", String(64), nullable=False),
    Column("kind", String(48), nullable=False),
    Column("actor_id", String(36)),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_event_log_stream", "stream_id", "position"),
)

notifications = Table(
    "notifications",
    metadata,
    # The keyset for stable pagination, newest first.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    # Made from the event and the recipient, so one event tells one person once.
    Column("id", String(36), nullable=False, unique=True),
    Column("recipient_id", ForeignKey("users.id"), nullable=False),
    Column("event_id", String(36), nullable=False, index=True),
    Column("crn", String(32)),
    Column("status", String(24)),
    Column("message", String(300), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime),
    # True while an email copy is owed; cleared once the email server has taken it.
    Column("email_pending", Boolean, nullable=False, default=False),
    Index("ix_notifications_recipient", "recipient_id", "seq"),
    Index(
        "ix_notifications_unread",
        "recipient_id",
        "seq",
        postgresql_where=text("read_at IS NULL"),
        sqlite_where=text("read_at IS NULL"),
    ),
    Index(
        "ix_notifications_email_pending",
        "seq",
        postgresql_where=text("email_pending"),
        sqlite_where=text("email_pending"),
    ),
)

notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("email_copies", Boolean, nullable=False),
)

crn_counters = Table(
    "crn_counters",
    metadata,
    Column("contact_type", String(8), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_value", Integer, nullable=False),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("shipper_organisation_id", ForeignKey("organisations.id"), nullable=False),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("crn", String(32)),
    Column("accepted", Boolean, nullable=False),
    Column("reason_codes", JSON, nullable=False),
)

paf_addresses = Table(
    "paf_addresses",
    metadata,
    Column("udprn", String(8), primary_key=True),
    Column("postcode", String(8), nullable=False),
    Column("postcode_compact", String(7), nullable=False, index=True),
    Column("post_town", String(30), nullable=False),
    Column("dependent_locality", String(35)),
    Column("double_dependent_locality", String(35)),
    Column("thoroughfare", String(80)),
    Column("dependent_thoroughfare", String(80)),
    Column("building_number", String(4)),
    Column("building_name", String(50)),
    Column("sub_building_name", String(30)),
    Column("po_box", String(6)),
    Column("department_name", String(60)),
    Column("organisation_name", String(60)),
    Column("postcode_type", String(1)),
    Column("su_organisation_indicator", String(1)),
    Column("delivery_point_suffix", String(2)),
    # For the type-ahead search (cms.core.addresses.search): the natural order, starting with
    # the postcode's sortable key (byte order on PostgreSQL too, so a prefix is a range); the
    # address's words; and, on PostgreSQL, those words, their 1, 2, 3 and 5-letter prefixes
    # ("^oa") and neighbouring pairs ("12+oak") as a tsvector for a GIN index. SQLite indexes
    # the words with FTS5 (see migration 0008).
    Column(
        "sort_key",
        String(400).with_variant(String(400, collation="C"), "postgresql"),
        nullable=False,
        server_default="",
    ),
    Column("search_text", Text, nullable=False, server_default=""),
    Column("search_tsv", Text().with_variant(TSVECTOR(), "postgresql")),
    # The coarsest of the nested search samples that holds the address (128: one in 128, and
    # so one in 16 too; 16; 0: neither), each with a partial GIN index, for queries of very
    # common words (cms.adapters.paf.search_columns.search_sample_of).
    Column("search_sample", SmallInteger, nullable=False, server_default="0"),
    Index("ix_paf_addresses_sort_key", "sort_key"),
    Index(
        "ix_paf_addresses_search_tsv",
        "search_tsv",
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    ).ddl_if(dialect="postgresql"),
    *(
        Index(
            f"ix_paf_addresses_search_sample_{every}",
            "search_tsv",
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
            postgresql_where=text(f"search_sample >= {every}"),
        ).ddl_if(dialect="postgresql")
        for every in SAMPLES
    ),
)

ldz_prefixes = Table(
    "ldz_prefixes",
    metadata,
    # A postcode area ("LS") or district ("LS6"); a null LDZ marks a place outside GB gas.
    Column("prefix", String(4), primary_key=True),
    Column("ldz", String(2)),
)

uklink_meter_points = Table(
    "uklink_meter_points",
    metadata,
    Column("mprn", String(10), primary_key=True),
    Column("udprn", String(8), index=True),
    Column("address_key", String(400), index=True),
    Column("created_at", UtcDateTime, nullable=False),
    # The CMS contact that asked for it: asking again returns this meter point, not a new one.
    Column("request_id", String(32), unique=True),
)

uklink_mprn_sequence = Table(
    "uklink_mprn_sequence",
    metadata,
    # One row: the last MPRN body the simulated register issued; bodies are never reused.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_body", BigInteger, nullable=False),
)
