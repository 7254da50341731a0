"""UK Link's MPRN creation as a real arq job on Redis and PostgreSQL: retried, never doubled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import pytest
from sqlalchemy import select

from cms.adapters.sql.tables import uklink_meter_points
from cms.core.accounts.model import OrganisationKind, Role
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    CreateMprn,
    PickUpContact,
    RaiseMncContact,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import find_contact
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from tests.support.world import World, paf_csv_line


def _accepted_contact(world: World, run: Any) -> tuple[str, Any]:
    """A contact the network has just accepted: its MPRN job is now queued in Redis."""
    run(world.reference_data())
    run(world.networks())
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    run(world.user("agent@cdsp.example", "CDSP", "Priya Agent", (Role.USER, Role.SUPERVISOR)))
    run(world.user("dn@cadent.example", "CADENT", "Carys Cadent"))
    run(
        world.load_paf(
            [
                paf_csv_line(
                    postcode="M20 3JH",
                    post_town="MANCHESTER",
                    thoroughfare="Palatine Road",
                    building_number="41",
                    udprn="40000001",
                )
            ]
        )
    )
    alice = run(world.sign_in("alice@alpha.example"))[0]
    agent = run(world.sign_in("agent@cdsp.example"))[0]
    cadent = run(world.sign_in("dn@cadent.example"))[0]
    logged = run(
        world.bus().handle(
            RaiseMncContact(
                raised_by=alice,
                udprn="40000001",
                manual_address=None,
                market_sector=MarketSector.DOMESTIC,
                annual_quantity_kwh=12_000,
                reason=MncReason.NEW_SERVICE,
            )
        )
    )
    assert isinstance(logged, ContactLoggedResult)
    crn = str(logged.crn)
    for command in (
        PickUpContact(viewer=agent, crn=crn),
        AllocateToNetwork(viewer=agent, crn=crn),
        AcceptContact(viewer=cadent, crn=crn),
    ):
        run(world.bus().handle(command))
    return crn, alice


def _run_worker_until_created(
    world: World, run: Any, crn: str, alice: Any, env: dict[str, str]
) -> str:
    worker = subprocess.Popen(
        [sys.executable, "-m", "cms", "worker"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            view = run(find_contact(world.container.contact_queries(), alice, crn))
            if view.status is ContactStatus.MPRN_CREATED:
                break
            time.sleep(0.3)
    finally:
        worker.terminate()
        _, log = worker.communicate(timeout=30)
    assert view.status is ContactStatus.MPRN_CREATED, log
    return log


async def _meter_points_for(world: World, crn: str) -> list[str]:
    async with world.engine.connect() as connection:
        query = select(uklink_meter_points.c.mprn).where(uklink_meter_points.c.request_id == crn)
        return list((await connection.execute(query)).scalars())


@pytest.mark.parametrize(
    "fault",
    [
        {"CMS_UKLINK_SIMULATED_FAILING_CALLS": "2"},
        {
            "CMS_UKLINK_SIMULATED_SLOW_CALLS": "1",
            "CMS_UKLINK_SIMULATED_SLOW_S": "5",
            "CMS_UKLINK_TIMEOUT_S": "0.5",
        },
    ],
    ids=["gateway fails twice", "gateway times out once"],
)
def test_the_job_retries_a_failing_gateway_and_creates_one_mprn(
    postgres_url: str, redis_url: str, run: Any, fault: dict[str, str]
) -> None:
    world = World.start(postgres_url, redis_url=redis_url)
    try:
        crn, alice = _accepted_contact(world, run)
        # Asked again before the worker runs: the job id makes it one job.
        run(world.container.mprn_requests().request_mprn(crn))
        env = {**os.environ, "CMS_DATABASE_URL": postgres_url, "CMS_REDIS_URL": redis_url, **fault}
        log = _run_worker_until_created(world, run, crn, alice, env)
        assert "retrying" in log.lower() or "not created" in log, log

        # Running the job again, and asking UK Link again, changes nothing.
        assert run(world.bus().handle(CreateMprn(crn=crn))) is None
        registry = world.container.meter_point_registry()
        again = run(registry.create_meter_point(crn, "40000001", "41|PALATINE ROAD|M20 3JH"))
        created = run(_meter_points_for(world, crn))
        view = run(find_contact(world.container.contact_queries(), alice, crn))
        assert len(created) == 1 and view.mprn == created[0] == str(again)
        assert Mprn.parse(created[0])
        history = run(world.container.contact_queries().history([crn]))[crn]
        assert [entry.kind for entry in history].count("MPRN_CREATED") == 1
    finally:
        run(world.close())
