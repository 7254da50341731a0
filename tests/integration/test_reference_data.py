"""PAF, LDZ and UK Link reference data: loading from files and looking up."""

from __future__ import annotations

from typing import Any

import pytest

from cms.adapters.sql.reference_data import load_ldz_table, read_ldz_file
from cms.adapters.uklink import simulated
from cms.core.addresses.ldz import DEFAULT_AREA_LDZ, Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.queries import find_address
from cms.core.contacts.identifiers import Mprn
from tests.support.world import World, paf_csv_line

OAK_ROAD = paf_csv_line(
    postcode="LS6 2AB",
    post_town="LEEDS",
    thoroughfare="Oak Road",
    building_number="12",
    udprn="23750001",
)
HOLLY_HOUSE = paf_csv_line(
    postcode="YO1 7HH",
    post_town="YORK",
    thoroughfare="Petergate",
    building_name="Holly House",
    udprn="23750002",
)


def test_paf_import_loads_good_rows_and_reports_bad_ones_by_line(world: World, run: Any) -> None:
    lines = [
        OAK_ROAD,
        "too,few,columns\n",
        HOLLY_HOUSE,
        paf_csv_line(postcode="QQ1 1AA", post_town="NOWHERE", udprn="23750003"),
    ]
    report = run(world.load_paf(lines))

    assert report.loaded == 2
    assert [error.line_number for error in report.errors] == [2, 4]
    assert "16 columns" in report.errors[0].message
    view = run(
        find_address(world.container.address_book(), world.container.ldz_reference(), "23750002")
    )
    assert view is not None
    assert view.address.label_lines() == ["Holly House", "Petergate", "YORK"]
    assert view.ldz is Ldz.NE


def test_reimporting_a_delivery_point_updates_it(world: World, run: Any) -> None:
    run(world.load_paf([OAK_ROAD]))
    run(world.load_paf([OAK_ROAD.replace("Oak Road", "Oak Lane")]))
    address = run(world.container.address_book().get("23750001"))
    assert address.thoroughfare == "Oak Lane"


def test_unknown_udprn_has_no_address(world: World, run: Any) -> None:
    assert run(world.container.address_book().get("99999999")) is None


def test_meter_points_are_found_by_delivery_point_and_by_address(world: World, run: Any) -> None:
    run(world.load_paf([OAK_ROAD, HOLLY_HOUSE]))
    report = run(world.load_meter_points([("3938424403", "23750001"), ("3938424600", "2")]))
    gateway = world.container.uk_link()
    oak_road = run(world.container.address_book().get("23750001"))

    assert report.loaded == 1 and report.faulty == 1  # 3938424600 fails its check digits
    assert run(gateway.meter_point_at("23750001")) == Mprn("3938424403")
    key = oak_road.matching_key()
    assert run(gateway.meter_point_at_address(key, unlinked_only=False)) == Mprn("3938424403")
    # Linked to a delivery point, it is found by UDPRN; premises keys alone may be shared.
    assert run(gateway.meter_point_at_address(key, unlinked_only=True)) is None
    assert run(gateway.meter_point_at("23750002")) is None


def test_a_finer_ldz_file_overrides_the_area_table(world: World, run: Any) -> None:
    reference = world.container.ldz_reference()
    assert run(reference.entries_for(Postcode.parse("CH5 1AA"))) == {"CH": DEFAULT_AREA_LDZ["CH"]}

    entries = dict(
        item
        for item in read_ldz_file(["prefix,ldz\n", "CH,NW\n", "CH5,WN\n"])
        if isinstance(item, tuple)
    )
    run(load_ldz_table(world.engine, entries))

    assert run(reference.entries_for(Postcode.parse("CH5 1AA"))) == {"CH": Ldz.NW, "CH5": Ldz.WN}


def test_ldz_file_faults_are_reported_by_line() -> None:
    items = list(read_ldz_file(["prefix,ldz\n", "LS,NE\n", "M,XX\n", "B\n"]))
    faults = [item for item in items if not isinstance(item, tuple)]
    assert [fault.line_number for fault in faults] == [3, 4]
    assert "XX" in faults[0].message


def test_reimporting_a_created_meter_point_keeps_the_contact_it_was_created_for(
    world: World, run: Any
) -> None:
    run(world.load_paf([OAK_ROAD]))
    registry = world.container.meter_point_registry()
    created = run(registry.create_meter_point("MNC-2026-000001", "23750001", "12|OAK ROAD|LS6 2AB"))
    report = run(world.load_meter_points([(str(created), "23750001")]))  # an export fed back in
    assert (report.loaded, report.faulty) == (1, 0)
    again = run(registry.create_meter_point("MNC-2026-000001", "23750001", "12|OAK ROAD|LS6 2AB"))
    assert again == created


def test_each_meter_point_row_is_checked_against_the_rows_before_it(
    world: World, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within a batch and across batches alike (batches of two here)."""
    monkeypatch.setattr(simulated, "BATCH_SIZE", 2)
    third = paf_csv_line(
        postcode="LS6 2AB", post_town="LEEDS", thoroughfare="Oak Road", udprn="23750003"
    )
    run(world.load_paf([OAK_ROAD, HOLLY_HOUSE, third]))
    a, b = "3938424403", str(Mprn.from_body("1234567"))
    rows = [
        (a, "23750001"),  # line 2
        (b, "23750002"),  # 3
        (a, "23750002"),  # 4: a move, and b is there: refused
        (b, "23750003"),  # 5: a move: refused
    ]
    report = run(world.load_meter_points(rows))
    assert (report.loaded, report.faulty, report.moved) == (2, 2, 0)
    assert [error.line_number for error in report.errors] == [4, 5]
    assert "already has the meter point" in report.errors[0].message
    assert "--allow-moves" in report.errors[0].message

    lines = ["mprn,udprn\n", *(f"{mprn},{udprn}\n" for mprn, udprn in rows)]
    allowed = run(simulated.import_meter_points(world.engine, lines, world.clock, allow_moves=True))
    # Line 4 still finds b at 23750002 (a stays put); line 5 moves b on.
    assert (allowed.loaded, allowed.faulty, allowed.moved) == (3, 1, 1)
    assert [error.line_number for error in allowed.errors] == [4]
    gateway = world.container.uk_link()
    assert run(gateway.meter_point_at("23750001")) == Mprn(a)
    assert run(gateway.meter_point_at("23750003")) == Mprn(b)
    assert run(gateway.meter_point_at("23750002")) is None
