"""The demo data set: organisations, users, a synthetic PAF and a simulated UK Link register."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.paf.store import import_paf
from cms.adapters.paf.synthetic import generate_paf
from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.adapters.sql.tables import paf_addresses, uklink_meter_points
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.adapters.uklink.simulated import import_meter_points
from cms.core.accounts.model import (
    AccountStatus,
    Organisation,
    OrganisationKind,
    Role,
    UserAccount,
    normalise_email,
)
from cms.core.accounts.ports import PasswordHasher
from cms.core.addresses.ldz import NetworkOwner
from cms.core.contacts.identifiers import Mprn
from cms.core.shared.clock import Clock
from cms.core.shared.ids import new_id

DEMO_PAF_ROWS = 4_000
DEMO_PAF_SEED = 2026
# One delivery point in five already has a meter point in the simulated UK Link register.
METER_POINT_EVERY = 5

# Short code, kind, name, and for a network the LDZs it owns.
ORGANISATIONS: tuple[tuple[str, OrganisationKind, str, tuple[str, ...]], ...] = (
    ("CDSP", OrganisationKind.CDSP, "Xoserve", ()),
    *(
        (owner.value, OrganisationKind.NETWORK, owner.display_name, tuple(sorted(owner.ldzs)))
        for owner in NetworkOwner
    ),
    ("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping", ()),
    ("BET", OrganisationKind.SHIPPER, "Beta Energy Trading", ()),
)

USERS: tuple[tuple[str, str, str, frozenset[Role]], ...] = (
    ("alice@alpha.example", "Alice Ashworth", "AGS", frozenset({Role.USER})),
    ("lso@alpha.example", "Lena Okafor", "AGS", frozenset({Role.USER, Role.LSO})),
    ("bob@beta.example", "Bob Brennan", "BET", frozenset({Role.USER})),
    ("agent@cdsp.example", "Priya Agent", "CDSP", frozenset({Role.USER, Role.SUPERVISOR})),
    ("admin@cdsp.example", "Adam Admin", "CDSP", frozenset({Role.USER, Role.ACCOUNT_ADMIN})),
    ("dn@cadent.example", "Carys Cadent", "CADENT", frozenset({Role.USER, Role.SUPERVISOR})),
    ("dn@ngn.example", "Niall Northern", "NGN", frozenset({Role.USER, Role.SUPERVISOR})),
    ("dn@sgn.example", "Sorcha Southern", "SGN", frozenset({Role.USER, Role.SUPERVISOR})),
    ("dn@wwu.example", "Wyn Westwood", "WWU", frozenset({Role.USER, Role.SUPERVISOR})),
    # A CDSP agent for the supervisor to assign work to.
    ("casework@cdsp.example", "Callum Casework", "CDSP", frozenset({Role.USER})),
    # A Shipper user for the LSO to disable, enable and reset.
    ("cara@alpha.example", "Cara Appleby", "AGS", frozenset({Role.USER})),
    # Last active long ago: the inactivity sweep disables this account when the server starts.
    ("dora@alpha.example", "Dora Dormant", "AGS", frozenset({Role.USER})),
)

# Days since each demo user was last active, where it is not today.
DAYS_INACTIVE = {"dora@alpha.example": 120}


@dataclass
class SeedReport:
    organisations_created: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)
    paf_rows: int = 0
    meter_points: int = 0
    sample_without_mprn: list[str] = field(default_factory=list)
    sample_with_mprn: list[tuple[str, str]] = field(default_factory=list)


def demo_meter_point(index: int) -> Mprn:
    """A deterministic, valid MPRN for the demo register's `index`th meter point."""
    return Mprn.from_body(f"{74_000_000 + index * 7:08d}")


def _csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


async def seed_demo(engine: AsyncEngine, clock: Clock, password: str) -> SeedReport:
    """Create the demo data; running it again changes nothing that already exists."""
    report = SeedReport()
    await _seed_accounts(engine, clock, password, report)

    async with engine.connect() as connection:
        paf_count = (
            await connection.execute(select(func.count()).select_from(paf_addresses))
        ).scalar_one()
    if paf_count == 0:
        await import_paf(engine, _csv_lines(generate_paf(DEMO_PAF_ROWS, DEMO_PAF_SEED)))
    async with engine.connect() as connection:
        register_count = (
            await connection.execute(select(func.count()).select_from(uklink_meter_points))
        ).scalar_one()
        udprns = (
            (
                await connection.execute(
                    select(paf_addresses.c.udprn).order_by(paf_addresses.c.udprn)
                )
            )
            .scalars()
            .all()
        )
    with_mprn = {udprn: demo_meter_point(i) for i, udprn in enumerate(udprns[::METER_POINT_EVERY])}
    if register_count == 0 and with_mprn:
        lines = ["mprn,udprn\n", *(f"{mprn},{udprn}\n" for udprn, mprn in with_mprn.items())]
        await import_meter_points(engine, lines, clock)

    async with engine.connect() as connection:
        report.paf_rows = (
            await connection.execute(select(func.count()).select_from(paf_addresses))
        ).scalar_one()
        report.meter_points = (
            await connection.execute(select(func.count()).select_from(uklink_meter_points))
        ).scalar_one()
    report.sample_without_mprn = [u for u in udprns[1:40] if u not in with_mprn][:5]
    report.sample_with_mprn = [(u, str(m)) for u, m in list(with_mprn.items())[:3]]
    return report


async def ensure_organisation(
    uow: SqlUnitOfWork,
    short_code: str,
    kind: OrganisationKind,
    name: str,
    ldzs: Iterable[str] = (),
) -> tuple[Organisation, bool]:
    """The organisation with this short code, created if missing (and whether it was); a
    network is given those of `ldzs` that no network owns yet."""
    organisation = await uow.organisations.by_short_code(short_code)
    created = organisation is None
    if organisation is None:
        organisation = Organisation(id=new_id(), name=name, kind=kind, short_code=short_code)
        await uow.organisations.add(organisation)
    owned = await uow.organisations.owners_of_ldzs(ldzs)
    await uow.organisations.give_ldzs(organisation.id, [ldz for ldz in ldzs if ldz not in owned])
    return organisation, created


async def ensure_user(
    uow: SqlUnitOfWork,
    hasher: PasswordHasher,
    *,
    email: str,
    name: str,
    organisation: Organisation,
    roles: frozenset[Role],
    password: str,
    at: datetime,
) -> tuple[UserAccount, bool]:
    """An ACTIVE user with this email, created if missing (and whether it was)."""
    existing = await uow.users.by_email(normalise_email(email))
    if existing is not None:
        return existing, False
    user = UserAccount(
        id=new_id(),
        organisation_id=organisation.id,
        name=name,
        email=normalise_email(email),
        roles=roles,
        status=AccountStatus.ACTIVE,
        password_hash=hasher.hash(password),
        created_at=at,
        activated_at=at,
        last_active_at=at,
    )
    await uow.users.add(user)
    return user, True


async def _seed_accounts(
    engine: AsyncEngine, clock: Clock, password: str, report: SeedReport
) -> None:
    hasher = Argon2PasswordHasher()
    async with SqlUnitOfWork(engine) as uow:
        by_code: dict[str, Organisation] = {}
        for short_code, kind, name, ldzs in ORGANISATIONS:
            organisation, created = await ensure_organisation(uow, short_code, kind, name, ldzs)
            if created:
                report.organisations_created.append(f"{name} ({short_code}, {kind})")
            by_code[short_code] = organisation
        for email, name, short_code, roles in USERS:
            _, created = await ensure_user(
                uow,
                hasher,
                email=email,
                name=name,
                organisation=by_code[short_code],
                roles=roles,
                password=password,
                at=clock.now() - timedelta(days=DAYS_INACTIVE.get(email, 0)),
            )
            if created:
                report.users_created.append(email)
        await uow.commit()
