"""A simulated UK Link register of supply meter points, until a real interface exists."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.paf.store import address_from_row
from cms.adapters.sql.bulk import ImportReport, upsert_statement
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import paf_addresses, uklink_meter_points, uklink_mprn_sequence
from cms.adapters.uklink.meter_points_csv import MeterPointRowError, read_meter_points
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.ports import MeterPointCreationFailed
from cms.core.shared.clock import Clock

BATCH_SIZE = 2_000


class SimulatedUkLink:
    """The UkLinkGateway port over a table of meter points linked to PAF delivery points."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def meter_point_at(self, udprn: str) -> Mprn | None:
        return await self._first(uklink_meter_points.c.udprn == udprn)

    async def meter_point_at_address(
        self, matching_key: str, *, unlinked_only: bool
    ) -> Mprn | None:
        condition = uklink_meter_points.c.address_key == matching_key
        if unlinked_only:
            condition = condition & uklink_meter_points.c.udprn.is_(None)
        return await self._first(condition)

    async def _first(self, condition: Any) -> Mprn | None:
        query = (
            select(uklink_meter_points.c.mprn)
            .where(condition)
            .order_by(uklink_meter_points.c.mprn)
            .limit(1)
        )
        async with self._engine.connect() as connection:
            value = (await connection.execute(query)).scalar_one_or_none()
        return Mprn(value) if value else None


async def import_meter_points(
    engine: AsyncEngine,
    lines: Iterable[str],
    clock: Clock,
    on_batch: Callable[[ImportReport[MeterPointRowError]], None] = lambda report: None,
    on_error: Callable[[MeterPointRowError], None] = lambda error: None,
) -> ImportReport[MeterPointRowError]:
    """Load `mprn,udprn` rows; each meter point also keeps its PAF address key, when known."""
    report: ImportReport[MeterPointRowError] = ImportReport()
    batch: list[tuple[str, str]] = []
    async with engine.connect() as connection:
        connection = await connection.execution_options(**WRITE_TRANSACTION)
        # A meter point the register created for a contact keeps the contact's request id.
        statement = upsert_statement(
            connection, uklink_meter_points, "mprn", keep=frozenset({"request_id"})
        )

        async def flush() -> None:
            if not batch:
                return
            async with connection.begin():
                query = select(paf_addresses).where(
                    paf_addresses.c.udprn.in_([udprn for _, udprn in batch])
                )
                keys = {
                    row.udprn: address_from_row(row).matching_key()
                    for row in (await connection.execute(query)).all()
                }
                now = clock.now()
                await connection.execute(
                    statement,
                    [
                        {
                            "mprn": mprn,
                            "udprn": udprn,
                            "address_key": keys.get(udprn),
                            "created_at": now,
                        }
                        for mprn, udprn in batch
                    ],
                )
            report.loaded += len(batch)
            batch.clear()
            on_batch(report)

        for item in read_meter_points(lines):
            if isinstance(item, MeterPointRowError):
                report.add_error(item)
                on_error(item)
                continue
            batch.append((str(item.mprn), item.udprn))
            if len(batch) >= BATCH_SIZE:
                await flush()
        await flush()
    return report


class SimulatedMeterPointRegistry:
    """The MeterPointRegistry port: allocates MPRNs with valid check digits, never reused."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def create_meter_point(
        self, request_id: str, udprn: str | None, address_key: str
    ) -> Mprn:
        try:
            return await self._create(request_id, udprn, address_key)
        except IntegrityError:
            # The same request raced us to it: its meter point is the answer.
            existing = await self._existing(request_id)
            if existing is None:
                raise
            return existing

    async def _existing(self, request_id: str) -> Mprn | None:
        query = select(uklink_meter_points.c.mprn).where(
            uklink_meter_points.c.request_id == request_id
        )
        async with self._engine.connect() as connection:
            value = (await connection.execute(query)).scalar_one_or_none()
        return Mprn(value) if value else None

    async def _create(self, request_id: str, udprn: str | None, address_key: str) -> Mprn:
        existing = await self._existing(request_id)
        if existing is not None:
            return existing
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            async with connection.begin():
                while True:
                    body = (
                        await connection.execute(
                            update(uklink_mprn_sequence)
                            .where(uklink_mprn_sequence.c.id == 1)
                            .values(last_body=uklink_mprn_sequence.c.last_body + 1)
                            .returning(uklink_mprn_sequence.c.last_body)
                        )
                    ).scalar_one()
                    mprn = Mprn.from_body(f"{body:08d}")
                    taken = await connection.execute(
                        select(uklink_meter_points.c.mprn).where(
                            uklink_meter_points.c.mprn == str(mprn)
                        )
                    )
                    if taken.first() is None:  # an imported meter point may hold this body
                        break
                await connection.execute(
                    insert(uklink_meter_points).values(
                        mprn=str(mprn),
                        udprn=udprn,
                        address_key=address_key,
                        created_at=self._clock.now(),
                        request_id=request_id,
                    )
                )
        return mprn


class FaultInjectingRegistry:
    """Wraps the simulated register to fail, or stall, its first calls (fault tests, demos)."""

    def __init__(
        self,
        inner: SimulatedMeterPointRegistry,
        failing_calls: int,
        slow_calls: int,
        slow_s: float,
    ) -> None:
        self._inner = inner
        self._failing, self._slow, self._slow_s = failing_calls, slow_calls, slow_s
        self.calls = 0

    async def create_meter_point(
        self, request_id: str, udprn: str | None, address_key: str
    ) -> Mprn:
        self.calls += 1
        if self.calls <= self._failing:
            raise MeterPointCreationFailed("the simulated UK Link answered 503 (injected fault)")
        if self.calls <= self._failing + self._slow:
            await asyncio.sleep(self._slow_s)
        return await self._inner.create_meter_point(request_id, udprn, address_key)
