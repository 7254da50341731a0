"""Work queues narrowed by status and due date, paged; and whom a supervisor may assign to.
Through the GraphQL schema, on both databases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from starlette.requests import Request

from cms.core.accounts.commands import DisableUser
from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.core.contacts.commands import PickUpContact, RaiseMncContact
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from cms.graphql.context import Context
from cms.graphql.schema import build_schema
from tests.support.world import START, World, paf_csv_line

SCHEMA = build_schema(development=True)
# Raised on Monday 2, Tuesday 3, Wednesday 4 and Thursday 5 March 2026 (two per day): due two
# working days later, on Wednesday 4, Thursday 5, Friday 6 and Monday 9.
DAYS = 4

QUEUE = """
query($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus,
      $dueBy: Date, $overdue: Boolean) {
  workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy,
            overdue: $overdue) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { crn status dueBy overdue } }
  }
}
"""


class Scene:
    def __init__(self, world: World, run: Any) -> None:
        self.world, self.run = world, run
        self.people: dict[str, Viewer] = {}
        self.ids: dict[str, str] = {}

    def join(self, name: str, email: str, short_code: str, *roles: Role) -> None:
        self.ids[name] = self.run(self.world.user(email, short_code, name, roles or (Role.USER,)))
        self.people[name] = self.run(self.world.sign_in(email))[0]

    def ask(self, name: str, query: str, **variables: Any) -> Any:
        result = self.run(
            SCHEMA.execute(query, variable_values=variables, context_value=self.context(name))
        )
        assert not result.errors, result.errors
        return result.data

    def errors(self, name: str, query: str, **variables: Any) -> list[str]:
        result = self.run(
            SCHEMA.execute(query, variable_values=variables, context_value=self.context(name))
        )
        return [error.message for error in result.errors or ()]

    def context(self, name: str) -> Context:
        request = Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})
        return Context(
            request=request,
            response=None,
            services=self.world.container.api_services(),
            viewer=self.people[name],
            session_token=None,
            bus=self.world.bus(),
        )

    def whole_queue(self, name: str, first: int = 3, **filters: Any) -> list[dict[str, Any]]:
        """Every page of the queue, checking the count and the page links on the way."""
        nodes: list[dict[str, Any]] = []
        after = None
        while True:
            page = self.ask(name, QUEUE, first=first, after=after, **filters)["workQueue"]
            nodes += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert page["totalCount"] == len(nodes) == len({node["crn"] for node in nodes})
        return nodes


@pytest.fixture
def scene(world: World, run: Any) -> Scene:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    run(
        world.load_paf(
            [
                paf_csv_line(
                    postcode="M20 3JH",
                    post_town="MANCHESTER",
                    thoroughfare="Palatine Road",
                    building_number=str(41 + n),
                    udprn=str(40_000_000 + n),
                )
                for n in range(2 * DAYS)
            ]
        )
    )
    scene = Scene(world, run)
    scene.join("Alice Ashworth", "alice@alpha.example", "AGS")
    scene.join("Priya Agent", "agent@cdsp.example", "CDSP", Role.USER, Role.SUPERVISOR)
    scene.join("Callum Casework", "casework@cdsp.example", "CDSP")
    scene.join("Adam Admin", "admin@cdsp.example", "CDSP", Role.ACCOUNT_ADMIN)
    return scene


def _raise_over_four_days(scene: Scene, picked_up: tuple[int, ...] = ()) -> list[str]:
    """Eight contacts, two a day; those `picked_up` are picked up by Priya as soon as raised
    (which starts the CDSP's two working days again, from the same moment)."""
    crns = []
    for n in range(2 * DAYS):
        scene.world.clock.set(START + timedelta(days=n // 2, minutes=n))
        outcome = scene.run(
            scene.world.bus().handle(
                RaiseMncContact(
                    raised_by=scene.people["Alice Ashworth"],
                    udprn=str(40_000_000 + n),
                    manual_address=None,
                    market_sector=MarketSector.DOMESTIC,
                    annual_quantity_kwh=12_000,
                    reason=MncReason.NEW_SERVICE,
                )
            )
        )
        assert isinstance(outcome, ContactLoggedResult)
        crns.append(str(outcome.crn))
        if n in picked_up:
            scene.run(
                scene.world.bus().handle(
                    PickUpContact(viewer=scene.people["Priya Agent"], crn=crns[-1])
                )
            )
    return crns


def test_the_queue_narrows_by_status_and_due_day_and_pages_soonest_first(scene: Scene) -> None:
    # Two picked up (one due on each of the first two days): Priya's, no longer unassigned.
    crns = _raise_over_four_days(scene, picked_up=(1, 2))
    # Friday 6 March, 10:00: the contacts due on Wednesday and Thursday are overdue.
    scene.world.clock.set(START + timedelta(days=4, minutes=30))
    priya = "Priya Agent"

    every = scene.whole_queue(priya, scope="ORGANISATION")
    assert [node["crn"] for node in every] == crns, "soonest due first, then the oldest"

    logged = scene.whole_queue(priya, scope="ORGANISATION", status="LOGGED")
    assert [node["crn"] for node in logged] == [c for c in crns if c not in (crns[1], crns[2])]
    assert {node["status"] for node in logged} == {"LOGGED"}

    picked = scene.whole_queue(priya, scope="MINE", status="WITH_CDSP")
    assert [node["crn"] for node in picked] == [crns[1], crns[2]]

    # Due by the end of Thursday 5 March (UK): the first four, overdue or not.
    by_thursday = scene.whole_queue(priya, scope="ORGANISATION", dueBy="2026-03-05")
    assert [node["crn"] for node in by_thursday] == crns[:4]

    overdue = scene.whole_queue(priya, scope="ORGANISATION", overdue=True)
    assert [node["crn"] for node in overdue] == crns[:4]
    assert all(node["overdue"] for node in overdue)
    not_yet = scene.whole_queue(priya, scope="ORGANISATION", overdue=False)
    assert [node["crn"] for node in not_yet] == crns[4:]

    both = scene.whole_queue(
        priya, first=1, scope="UNASSIGNED", status="LOGGED", dueBy="2026-03-06", overdue=False
    )
    assert [node["crn"] for node in both] == [crns[4], crns[5]]

    # A status that never waits on the CDSP lists nothing.
    assert scene.whole_queue(priya, scope="ORGANISATION", status="WITH_NETWORK") == []
    # The Shipper's queue narrows the same way (nothing waits on Alpha here).
    assert scene.whole_queue("Alice Ashworth", scope="MINE", overdue=True) == []


def test_a_day_that_is_no_date_says_what_to_send(scene: Scene) -> None:
    errors = scene.errors("Priya Agent", QUEUE, scope="MINE", dueBy="2026-02-30")
    assert len(errors) == 1 and "Date" in errors[0], errors
    errors = scene.errors("Priya Agent", QUEUE, scope="MINE", dueBy="next friday")
    assert len(errors) == 1 and "Date" in errors[0], errors


def test_the_last_day_of_the_calendar_is_no_limit(scene: Scene) -> None:
    crns = _raise_over_four_days(scene)
    found = scene.whole_queue("Priya Agent", scope="ORGANISATION", dueBy="9999-12-31")
    assert [node["crn"] for node in found] == crns


COLLEAGUES = "{ colleagues { id name } }"
ASSIGN = """mutation($crn: String!, $to: ID) {
  assignContact(crn: $crn, assigneeId: $to) {
    __typename ... on Contact { assignee { name } } ... on InvalidInput { reasons { message } }
  }
}"""


def test_a_supervisor_may_assign_to_exactly_the_colleagues_listed(scene: Scene) -> None:
    scene.join("Bea Beta", "bea@cdsp.example", "CDSP")
    scene.run(
        scene.world.bus().handle(
            DisableUser(
                viewer=scene.people["Adam Admin"], user_id=scene.ids["Bea Beta"], reason="Left"
            )
        )
    )
    listed = scene.ask("Priya Agent", COLLEAGUES)["colleagues"]
    assert [person["name"] for person in listed] == [
        "Adam Admin",
        "Callum Casework",
        "Priya Agent",
    ], "active users of the CDSP only, by name, the supervisor too"
    assert scene.ask("Callum Casework", COLLEAGUES)["colleagues"] == []
    assert scene.ask("Alice Ashworth", COLLEAGUES)["colleagues"] == []

    crn = _raise_over_four_days(scene)[0]
    for person in listed:
        answer = scene.ask("Priya Agent", ASSIGN, crn=crn, to=person["id"])["assignContact"]
        assert answer == {"__typename": "Contact", "assignee": {"name": person["name"]}}
    for outsider in ("Bea Beta", "Alice Ashworth"):
        answer = scene.ask("Priya Agent", ASSIGN, crn=crn, to=scene.ids[outsider])
        assert answer["assignContact"]["__typename"] == "InvalidInput", outsider
