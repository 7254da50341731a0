"""A running application for tests: container, fixed clock, accounts, PAF and UK Link data."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dependency_injector import providers

from cms.adapters.demo.seed import ensure_organisation, ensure_user
from cms.adapters.paf.csv_format import COLUMNS
from cms.adapters.paf.store import import_paf
from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.adapters.sql.reference_data import ensure_default_ldz_table
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.adapters.uklink.simulated import import_meter_points
from cms.container import Container, build_container, close_container
from cms.core.accounts.commands import EnrolMfa, SignIn, VerifyMfa
from cms.core.accounts.model import MfaChannel, OrganisationKind, Role, Viewer
from cms.core.accounts.sign_in import MfaEnrolmentRequired, MfaRequired, SignedIn
from cms.core.addresses.ldz import NetworkOwner
from cms.core.shared.bus import MessageBus
from cms.core.shared.clock import FixedClock
from cms.settings import Settings
from tests.support.fakes import RecordingSender

PASSWORD = "a-long-test-password-2026"
# A Monday morning, so service levels count from a working day.
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

PAF_FIELD_NAMES = {
    "Postcode": "postcode",
    "Post Town": "post_town",
    "Dependent Locality": "dependent_locality",
    "Double Dependent Locality": "double_dependent_locality",
    "Thoroughfare & Descriptor": "thoroughfare",
    "Dependent Thoroughfare & Descriptor": "dependent_thoroughfare",
    "Building Number": "building_number",
    "Building Name": "building_name",
    "Sub Building Name": "sub_building_name",
    "PO Box": "po_box",
    "Department Name": "department_name",
    "Organisation Name": "organisation_name",
    "UDPRN": "udprn",
    "Postcode Type": "postcode_type",
    "SU Organisation Indicator": "su_organisation_indicator",
    "Delivery Point Suffix": "delivery_point_suffix",
}


def paf_csv_line(**fields: str) -> str:
    """One CSV PAF line from keyword fields named as in PafRow (postcode, udprn, ...)."""
    values = {"postcode_type": "S", "delivery_point_suffix": "1A", **fields}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [values.get(PAF_FIELD_NAMES[column], "") for column in COLUMNS]
    )
    return buffer.getvalue()


@dataclass
class World:
    container: Container
    clock: FixedClock
    sender: RecordingSender

    @classmethod
    def start(cls, database_url: str, at: datetime = START, redis_url: str | None = None) -> World:
        container = build_container(
            Settings(database_url=database_url, env="test", redis_url=redis_url)
        )
        clock = FixedClock(at)
        container.clock.override(providers.Object(clock))
        # Cheaper argon2id parameters keep the suite fast; production keeps the defaults.
        container.password_hasher.override(
            providers.Singleton(Argon2PasswordHasher, time_cost=1, memory_cost=1024)
        )
        sender = RecordingSender()
        container.sender.override(providers.Object(sender))
        return cls(container=container, clock=clock, sender=sender)

    async def close(self) -> None:
        await close_container(self.container)

    @property
    def engine(self) -> Any:
        return self.container.engine()

    def bus(self) -> MessageBus:
        return self.container.bus()

    async def reference_data(self) -> None:
        await ensure_default_ldz_table(self.engine)

    async def organisation(
        self, short_code: str, kind: OrganisationKind, name: str, ldzs: Iterable[str] = ()
    ) -> str:
        async with SqlUnitOfWork(self.engine) as uow:
            organisation, _ = await ensure_organisation(uow, short_code, kind, name, ldzs)
            await uow.commit()
        return organisation.id

    async def networks(self) -> None:
        """The four gas networks under their industry short codes, each with its LDZs."""
        for owner in NetworkOwner:
            await self.organisation(
                owner.value, OrganisationKind.NETWORK, owner.display_name, sorted(owner.ldzs)
            )

    async def user(
        self, email: str, short_code: str, name: str, roles: Iterable[Role] = (Role.USER,)
    ) -> str:
        async with SqlUnitOfWork(self.engine) as uow:
            organisation = await uow.organisations.by_short_code(short_code)
            assert organisation is not None, f"no organisation {short_code}"
            user, _ = await ensure_user(
                uow,
                self.container.password_hasher(),
                email=email,
                name=name,
                organisation=organisation,
                roles=frozenset(roles),
                password=PASSWORD,
                at=self.clock.now(),
            )
            await uow.commit()
        return user.id

    async def sign_in(self, email: str, password: str = PASSWORD) -> tuple[Viewer, str]:
        """Sign in all the way: enrol email codes the first time, then prove the code."""
        bus = self.bus()
        outcome = await bus.handle(SignIn(email=email, password=password))
        if isinstance(outcome, MfaEnrolmentRequired):
            outcome = await bus.handle(
                EnrolMfa(
                    challenge_id=outcome.challenge_id, channel=MfaChannel.EMAIL, destination=None
                )
            )
        if isinstance(outcome, MfaRequired):
            outcome = await bus.handle(
                VerifyMfa(
                    challenge_id=outcome.challenge_id,
                    code=self.sender.last_code_to(email.strip().lower()),
                )
            )
        assert isinstance(outcome, SignedIn), f"{email} could not sign in: {outcome}"
        return outcome.viewer, outcome.session_token

    async def load_paf(self, lines: Iterable[str]) -> Any:
        return await import_paf(self.engine, lines)

    async def load_meter_points(self, pairs: Iterable[tuple[str, str]]) -> Any:
        lines = ["mprn,udprn\n", *(f"{mprn},{udprn}\n" for mprn, udprn in pairs)]
        return await import_meter_points(self.engine, lines, self.clock)
