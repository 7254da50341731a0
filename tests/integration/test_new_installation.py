"""A new installation: migrated, never given the demo data, with its own organisations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cms.adapters.demo.seed import ensure_organisation
from cms.adapters.sql.migrations import migrate
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.core.accounts.commands import CreateOrganisation
from cms.core.accounts.model import OrganisationKind, Role
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.queries import ContactView
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from cms.core.contacts.visibility import ContactScope
from tests.support.world import World, paf_csv_line


@pytest.fixture
def fresh(database_url: str, run: Any) -> Iterator[World]:
    """Only `cms migrate` has run: no seed-demo, no reference data loaded by a test."""
    world = World.start(database_url)
    yield world
    run(world.close())


def alice_raises_a_contact_at(fresh: World, run: Any, paf_line: str, udprn: str) -> ContactView:
    """Alice signs in and raises a contact at the one delivery point loaded; it is logged."""
    viewer, _ = run(fresh.sign_in("alice@alpha.example"))
    run(fresh.load_paf([paf_line]))
    outcome = run(
        fresh.bus().handle(
            RaiseMncContact(
                raised_by=viewer,
                udprn=udprn,
                manual_address=None,
                market_sector=MarketSector.DOMESTIC,
                annual_quantity_kwh=12_000,
                reason=MncReason.NEW_SERVICE,
            )
        )
    )
    assert isinstance(outcome, ContactLoggedResult), outcome
    view = run(fresh.container.contact_queries().get(outcome.crn, ContactScope(everything=True)))
    assert view is not None
    return view


def test_a_migrated_installation_logs_a_contact_for_the_network_it_onboarded(
    fresh: World, run: Any
) -> None:
    async def onboard() -> None:
        async with SqlUnitOfWork(fresh.engine) as uow:
            await ensure_organisation(uow, "YGN", OrganisationKind.NETWORK, "Yorkshire Gas", ["NE"])
            await ensure_organisation(uow, "AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping")
            await uow.commit()

    run(onboard())
    run(fresh.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    oak_road = paf_csv_line(
        postcode="LS6 2AB", post_town="LEEDS", thoroughfare="Oak Road", building_number="12",
        udprn="23750001",
    )  # fmt: skip

    view = alice_raises_a_contact_at(fresh, run, oak_road, "23750001")

    assert (view.ldz, view.network) == ("NE", "YGN")


def test_networks_set_up_before_the_owners_were_recorded_keep_their_zones(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'before.db'}"
    migrate(url, "0010")
    with sqlite3.connect(tmp_path / "before.db") as connection:
        connection.executemany(
            "INSERT INTO organisations (id, name, kind, short_code) VALUES (?, ?, ?, ?)",
            [
                ("org-cadent", "Cadent", "NETWORK", "CADENT"),
                ("org-wwu", "Wales & West Utilities", "NETWORK", "WWU"),
                ("org-ags", "Alpha Gas Shipping", "SHIPPER", "AGS"),
            ],
        )
        connection.execute("INSERT INTO ldz_prefixes (prefix, ldz) VALUES ('LS', 'NE')")
    migrate(url)
    with sqlite3.connect(tmp_path / "before.db") as connection:
        owned = connection.execute(
            "SELECT organisation_id, ldz FROM network_ldzs ORDER BY organisation_id, ldz"
        ).fetchall()
        prefixes = connection.execute("SELECT prefix, ldz FROM ldz_prefixes").fetchall()
    assert owned == [
        *(("org-cadent", ldz) for ldz in ("EA", "EM", "NT", "NW", "WM")),
        *(("org-wwu", ldz) for ldz in ("SW", "WN", "WS")),
    ]
    assert prefixes == [("LS", "NE")], "a table someone loaded is left as it is"


def test_a_network_the_cdsp_sets_up_receives_the_contacts_of_its_zones(
    fresh: World, run: Any
) -> None:
    async def cdsp() -> None:
        async with SqlUnitOfWork(fresh.engine) as uow:
            await ensure_organisation(uow, "CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)")
            await uow.commit()

    run(cdsp())
    run(fresh.user("adam@cdsp.example", "CDSP", "Adam Admin", (Role.USER, Role.ACCOUNT_ADMIN)))
    adam, _ = run(fresh.sign_in("adam@cdsp.example"))
    network = run(
        fresh.bus().handle(
            CreateOrganisation(
                viewer=adam,
                kind=OrganisationKind.NETWORK,
                name="Yorkshire Gas",
                short_code="ygn",
                ldzs=("ne", "NO"),
            )
        )
    )
    assert network.short_code == "YGN"
    shipper = run(
        fresh.bus().handle(
            CreateOrganisation(
                viewer=adam, kind=OrganisationKind.SHIPPER, name="Alpha", short_code="AGS"
            )
        )
    )
    networks = run(fresh.container.account_queries().networks())
    assert [(n.organisation.short_code, n.ldzs) for n in networks] == [("YGN", ("NE", "NO"))]
    run(fresh.user("alice@alpha.example", shipper.short_code, "Alice Ashworth"))
    petergate = paf_csv_line(
        postcode="YO1 7HH", post_town="YORK", thoroughfare="Petergate", building_number="3",
        udprn="23750002",
    )  # fmt: skip
    view = alice_raises_a_contact_at(fresh, run, petergate, "23750002")
    assert view.network == "YGN"
