"""A simulated UK Link register of supply meter points, until a real interface exists."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.paf.store import address_from_row
from cms.adapters.sql.bulk import ImportReport, upsert_statement
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import paf_addresses, uklink_meter_points, uklink_mprn_sequence
from cms.adapters.uklink.meter_points_csv import (
    MeterPointRow,
    MeterPointRowError,
    read_meter_points,
)
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


@dataclass
class MeterPointImport(ImportReport[MeterPointRowError]):
    """What an import did: rows loaded, rows refused (by line), and meter points moved."""

    moved: int = 0


class _Register:
    """The register as the rows read so far leave it, for one batch of rows: what the
    database held for the batch's MPRNs and UDPRNs, updated by each row accepted."""

    def __init__(self, at_mprn: dict[str, str | None], at_udprn: dict[str, set[str]]) -> None:
        self.udprn_of = at_mprn
        self.mprns_at = at_udprn

    def place(self, mprn: str, udprn: str) -> None:
        before = self.udprn_of.get(mprn)
        if before is not None:
            self.mprns_at.setdefault(before, set()).discard(mprn)
        self.udprn_of[mprn] = udprn
        self.mprns_at.setdefault(udprn, set()).add(mprn)


def _faults(
    row: MeterPointRow, register: _Register, in_paf: set[str], allow_moves: bool
) -> list[str]:
    mprn, udprn = str(row.mprn), row.udprn
    faults = []
    if udprn not in in_paf:
        faults.append(
            f"UDPRN {udprn} is not in the PAF; check it, or load the PAF that holds it first"
        )
    now_at = register.udprn_of.get(mprn)
    if now_at is not None and now_at != udprn and not allow_moves:
        faults.append(
            f"MPRN {mprn} is at delivery point {now_at}, and this row would move it to "
            f"{udprn}; if the meter point really moved, run the import with --allow-moves"
        )
    others = sorted(register.mprns_at.get(udprn, set()) - {mprn})
    if others:
        faults.append(
            f"delivery point {udprn} already has the meter point {', '.join(others)}, so "
            f"MPRN {mprn} cannot go there too; check the UDPRN, or move that one first"
        )
    return faults


async def import_meter_points(
    engine: AsyncEngine,
    lines: Iterable[str],
    clock: Clock,
    *,
    allow_moves: bool = False,
    on_batch: Callable[[MeterPointImport], None] = lambda report: None,
    on_error: Callable[[MeterPointRowError], None] = lambda error: None,
) -> MeterPointImport:
    """Load `mprn,udprn` rows in one transaction, each checked against the register as the
    rows before it leave it; each meter point also keeps its PAF address key. Refused, by line:
    a UDPRN not in the PAF, a second meter point at a delivery point, and (unless
    `allow_moves`) a known MPRN at another delivery point. A row the register holds already
    is taken again."""
    report = MeterPointImport()
    batch: list[MeterPointRow] = []
    async with engine.connect() as connection:
        connection = await connection.execution_options(**WRITE_TRANSACTION)
        # A meter point the register created for a contact keeps the contact's request id.
        statement = upsert_statement(
            connection, uklink_meter_points, "mprn", keep=frozenset({"request_id"})
        )
        now = clock.now()

        def refuse(error: MeterPointRowError) -> None:
            report.add_error(error)
            on_error(error)

        async def flush() -> None:
            if not batch:
                return
            udprns = {row.udprn for row in batch}
            mprns = {str(row.mprn) for row in batch}
            found = await connection.execute(
                select(paf_addresses).where(paf_addresses.c.udprn.in_(udprns))
            )
            keys = {row.udprn: address_from_row(row).matching_key() for row in found.all()}
            known = (
                await connection.execute(
                    select(uklink_meter_points.c.mprn, uklink_meter_points.c.udprn).where(
                        uklink_meter_points.c.mprn.in_(mprns)
                        | uklink_meter_points.c.udprn.in_(udprns)
                    )
                )
            ).all()
            register = _Register({mprn: udprn for mprn, udprn in known if mprn in mprns}, {})
            for mprn, udprn in known:
                if udprn is not None:
                    register.mprns_at.setdefault(udprn, set()).add(mprn)
            placed: dict[str, str] = {}
            in_paf = set(keys)
            for row in batch:
                faults = _faults(row, register, in_paf, allow_moves)
                if faults:
                    refuse(
                        MeterPointRowError(
                            row.line_number, f"line {row.line_number}: " + "; ".join(faults)
                        )
                    )
                    continue
                mprn = str(row.mprn)
                if register.udprn_of.get(mprn) not in (None, row.udprn):
                    report.moved += 1
                register.place(mprn, row.udprn)
                placed[mprn] = row.udprn  # one write per MPRN: where the last row put it
                report.loaded += 1
            if placed:
                await connection.execute(
                    statement,
                    [
                        {
                            "mprn": mprn,
                            "udprn": udprn,
                            "address_key": keys[udprn],
                            "created_at": now,
                        }
                        for mprn, udprn in placed.items()
                    ],
                )
            batch.clear()
            on_batch(report)

        async with connection.begin():
            for item in read_meter_points(lines):
                if isinstance(item, MeterPointRowError):
                    refuse(item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    await flush()
            await flush()
    report.errors.sort(key=lambda error: error.line_number)
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
