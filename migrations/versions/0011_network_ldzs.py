"""reference data every installation needs, and which network owns each LDZ

The postcode-to-LDZ table was filled by `cms seed-demo` only, so an installation that was
migrated but never seeded refused every contact (LDZ_UNKNOWN). It is now filled here when
empty. The owner of each LDZ becomes data (network_ldzs), so that the CDSP can onboard a
network organisation with its zones; networks that already exist under the industry's short
codes keep the zones they own.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As cms.core.addresses.ldz had them when this was written: a migration stays as it was.
_AREAS_BY_LDZ: dict[str | None, str] = {
    "EA": "AL CB CM CO IP LU MK NR PE SG",
    "EM": "DE DN LE LN NG NN S",
    "NE": "BD HD HG HU HX LS WF YO",
    "NO": "CA DH DL NE SR TS",
    "NT": "E EC EN HA IG N NW RM SS TW UB W WC WD",
    "NW": "BB BL CH CW FY L LA M OL PR SK WA WN",
    "SC": "AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE",
    "SE": "BN BR CR CT DA GU KT ME RH SE SM SW TN",
    "SO": "BH DT HP OX PO RG SL SO SP",
    "SW": "BA BS EX GL PL SN TA TQ TR",
    "WM": "B CV DY HR ST SY TF WR WS WV",
    "WN": "LL",
    "WS": "CF LD NP SA",
    None: "BT GY IM JE",  # outside the GB gas networks
}
_INDUSTRY_OWNERS = {
    "CADENT": ("EA", "EM", "NT", "NW", "WM"),
    "NGN": ("NE", "NO"),
    "SGN": ("SC", "SE", "SO"),
    "WWU": ("SW", "WN", "WS"),
}


def upgrade() -> None:
    op.create_table(
        "network_ldzs",
        sa.Column("ldz", sa.String(length=2), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_network_ldzs_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("ldz", name=op.f("pk_network_ldzs")),
    )
    op.create_index(
        op.f("ix_network_ldzs_organisation_id"), "network_ldzs", ["organisation_id"], unique=False
    )
    bind = op.get_bind()
    prefixes = sa.table("ldz_prefixes", sa.column("prefix", sa.String()), sa.column("ldz"))
    if not bind.execute(sa.select(sa.func.count()).select_from(prefixes)).scalar_one():
        bind.execute(
            sa.insert(prefixes),
            [
                {"prefix": area, "ldz": ldz}
                for ldz, areas in _AREAS_BY_LDZ.items()
                for area in areas.split()
            ],
        )
    organisations = sa.table(
        "organisations",
        sa.column("id", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("short_code", sa.String()),
    )
    owners = bind.execute(
        sa.select(organisations.c.id, organisations.c.short_code).where(
            organisations.c.kind == "NETWORK",
            organisations.c.short_code.in_(list(_INDUSTRY_OWNERS)),
        )
    ).all()
    owned = sa.table("network_ldzs", sa.column("ldz"), sa.column("organisation_id"))
    rows = [
        {"ldz": ldz, "organisation_id": owner.id}
        for owner in owners
        for ldz in _INDUSTRY_OWNERS[owner.short_code]
    ]
    if rows:
        bind.execute(sa.insert(owned), rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_network_ldzs_organisation_id"), table_name="network_ldzs")
    op.drop_table("network_ldzs")
