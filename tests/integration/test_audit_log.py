"""Audit entries written by concurrent transactions still form one unbroken chain."""

from __future__ import annotations

import asyncio
from typing import Any

from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.core.accounts.audit import AuditEvent, AuditRecord, first_break
from tests.support.world import World


def test_concurrent_appends_make_one_chain(database_url: str, run: Any) -> None:
    world = World.start(database_url)

    async def append(index: int) -> None:
        async with SqlUnitOfWork(world.engine) as uow:
            await uow.audit.append(
                AuditRecord(
                    event=AuditEvent.SIGN_IN_FAILED,
                    at=world.clock.now(),
                    actor_id=None,
                    subject_id=None,
                    client_address=f"192.0.2.{index}",
                    details={"n": str(index)},
                )
            )
            await uow.commit()

    async def scenario() -> list[Any]:
        await asyncio.gather(*(append(index) for index in range(30)))
        async with SqlUnitOfWork(world.engine) as uow:
            return list(await uow.audit.entries())

    try:
        entries = run(scenario())
    finally:
        run(world.close())
    assert [entry.seq for entry in entries] == list(range(1, 31))
    assert first_break(entries) is None
    assert {entry.record.details["n"] for entry in entries} == {str(n) for n in range(30)}


def test_cms_audit_verify_reports_the_first_edited_entry(database_url: str, run: Any) -> None:
    import os
    import subprocess
    import sys

    from sqlalchemy import update

    from cms.adapters.sql.tables import audit_log

    world = World.start(database_url)
    try:
        for index in range(3):
            run(_append(world, index))

        def verify() -> subprocess.CompletedProcess[str]:
            env = {**os.environ, "CMS_DATABASE_URL": database_url}
            return subprocess.run(
                [sys.executable, "-m", "cms", "audit", "verify"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )

        clean = verify()
        assert clean.returncode == 0 and "intact: 3 entries" in clean.stdout

        async def tamper() -> None:  # what an intruder with database access would do
            async with world.engine.begin() as connection:
                await connection.execute(
                    update(audit_log).where(audit_log.c.seq == 2).values(client_address="10.9.9.9")
                )

        run(tamper())
        broken = verify()
        assert broken.returncode == 1
        assert "BROKEN at entry #2" in broken.stdout
    finally:
        run(world.close())


async def _append(world: World, index: int) -> None:
    async with SqlUnitOfWork(world.engine) as uow:
        await uow.audit.append(
            AuditRecord(
                event=AuditEvent.USER_DISABLED,
                at=world.clock.now(),
                actor_id=None,
                subject_id=None,
                client_address=None,
                details={"n": str(index)},
            )
        )
        await uow.commit()
