"""Who may do what: every cell of the authorisation table, checked over HTTP through the real app.

The table (the policy, one row per operation and target, one column per caller) is
authorisation_policy.py; the probe that tries each operation as a caller on a target is in one
of the authorisation_probes_* modules, reading answers as authorisation_probing.py describes.
This module pairs them: one test per cell, asserting the probe's verdict is the table's, and the
tests that keep the table's shape: a row for every served operation and a probe for every row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import graphql
import pytest
from starlette.testclient import TestClient

from cms.app import create_app
from cms.graphql.schema import build_schema
from cms.settings import Settings
from tests.security import (
    authorisation_probes_accounts,
    authorisation_probes_contacts,
    authorisation_probes_notifications,
    authorisation_probes_reads,
)
from tests.security.authorisation_policy import EXPECTED, KNOWN_GAPS
from tests.security.authorisation_probing import Probes
from tests.security.authorisation_world import (
    BY_NAME,
    CALLERS,
    CDSP,
    NETWORK,
    SHIPPER,
    SUPPLIER,
    Scene,
)
from tests.support.databases import SqliteTemplate
from tests.support.world import World

PROBES_OF_EACH_MODULE: tuple[Probes, ...] = (
    authorisation_probes_reads.PROBES,
    authorisation_probes_accounts.PROBES,
    authorisation_probes_contacts.PROBES,
    authorisation_probes_notifications.PROBES,
)
PROBES: Probes = {
    operation: probe for probes in PROBES_OF_EACH_MODULE for operation, probe in probes.items()
}

# ---------------------------------------------------------------- the app, once for the module


@pytest.fixture(scope="module")
def scene(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: SqliteTemplate
) -> Iterator[Scene]:
    with sqlite_template.clone(tmp_path_factory.mktemp("authorisation")) as url:
        world = World.start(url)
        app = create_app(settings=Settings(database_url=url, env="test"), container=world.container)
        # One client, one portal loop: the World's coroutines run in it through Scene.call, and
        # the app's lifespan closes the shared container at the end.
        with TestClient(app) as client:
            built = Scene(world=world, client=client)
            built.call(built.build)
            yield built


# ---------------------------------------------------------------- the table's shape


def served_operations() -> set[str]:
    schema = graphql.build_schema(build_schema().as_str())
    assert schema.query_type is not None and schema.mutation_type is not None
    return {*schema.query_type.fields, *schema.mutation_type.fields}


def test_each_field_row_names_a_served_field() -> None:
    schema = graphql.build_schema(build_schema().as_str())
    for row in {operation for operation, _, _ in EXPECTED if "." in operation}:
        type_name, field = row.split(".")
        served = schema.get_type(type_name)
        assert isinstance(served, graphql.GraphQLObjectType), row
        assert field in served.fields, f"{row} is not served"


def test_the_table_covers_every_served_operation() -> None:
    in_table = {operation for operation, _, _ in EXPECTED if "." not in operation}
    missing = served_operations() - in_table
    assert not missing, f"served but not in the authorisation table: {sorted(missing)}"
    stale = in_table - served_operations()
    assert not stale, f"in the table but no longer served: {sorted(stale)}"
    assert set(PROBES) == {operation for operation, _, _ in EXPECTED}, "a probe for every row"
    assert len(PROBES) == sum(map(len, PROBES_OF_EACH_MODULE)), "one probe for each row, not two"


ALL_KINDS = frozenset({SHIPPER, NETWORK, CDSP, SUPPLIER})
PARTIES = frozenset({SHIPPER, NETWORK})  # the kinds a contact can be `own` to
# The kinds of caller with an `own` target, for the operations aimed at a contact (every other
# targeted operation aims at something every organisation has: users, nominations).
OWN_TARGETS = {
    **dict.fromkeys(
        (
            "contact",
            "contacts",
            "assignContact",
            "askShipper",
            "answerQuestion",
            "bookSiteVisit",
            "acceptContact",
            "rejectContact",
            "withdrawContact",
            "moveToNetwork",
            "handBackToCdsp",
        ),
        PARTIES,
    ),
    # Not yet allocated: a contact is no network's (see the notes in authorisation_policy.py).
    **dict.fromkeys(("pickUpContact", "allocateToNetwork"), frozenset({SHIPPER})),
    # A person is seen on a contact: a Supplier, party to none, sees no colleague there.
    **dict.fromkeys(
        (
            f"User.{field}"
            for field in ("email", "roles", "status", "lastSignInAt", "mfaChannel", "daysInactive")
        ),
        frozenset({SHIPPER, NETWORK, CDSP}),
    ),
}


@pytest.mark.parametrize("operation", sorted({operation for operation, _, _ in EXPECTED}))
def test_each_operation_has_a_cell_for_every_caller(operation: str) -> None:
    cells = [(caller, target) for op, caller, target in EXPECTED if op == operation]
    targets = {target for _, target in cells}
    assert targets in ({"-"}, {"own", "foreign"}), f"{operation}: targets {targets}"
    for caller in CALLERS:
        mine = {target for name, target in cells if name == caller.name}
        if targets == {"-"}:
            assert mine == {"-"}, f"{operation}: no cell for {caller.name}"
        elif caller.anonymous:
            assert mine == {"foreign"}, f"{operation}: anonymous has no own target"
        else:
            assert "foreign" in mine, f"{operation}: no foreign cell for {caller.name}"
            party_to_it = caller.kind in OWN_TARGETS.get(operation, ALL_KINDS)
            assert ("own" in mine) == party_to_it, f"{operation}: own cell of {caller.name}"


# ---------------------------------------------------------------- every cell


def _cells() -> list[Any]:
    assert set(KNOWN_GAPS) <= set(EXPECTED), "a known gap names no cell of the table"
    return [
        pytest.param(
            operation,
            caller,
            target,
            id=f"{operation}-{caller.replace(' ', '_')}-{target}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[cell])]
            if (cell := (operation, caller, target)) in KNOWN_GAPS
            else [],
        )
        for operation, caller, target in EXPECTED
    ]


@pytest.mark.parametrize(("operation", "caller", "target"), _cells())
def test_cell(scene: Scene, operation: str, caller: str, target: str) -> None:
    expected = EXPECTED[(operation, caller, target)]
    outcome = PROBES[operation](scene, BY_NAME[caller], target)
    assert outcome == expected, (
        f"{operation} by {caller} on a {target} target was {outcome}; the table says {expected}"
    )
