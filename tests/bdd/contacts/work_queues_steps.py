"""Steps of features/contacts/work_queues.feature: narrowing the CDSP's work queue,
with the `narrowed` fixture that holds what it listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pytest_bdd import given, parsers, then, when

from cms.core.contacts.commands import PickUpContact
from cms.core.contacts.queries import QueueFilter, QueueScope, work_queue
from tests.bdd.conftest import Story
from tests.bdd.contacts.story import DAYTIME, STATES, Flow, at_uk, uk_day


@dataclass
class Narrowed:
    """What the last narrowed queue listed: the first address line of each, in order."""

    crns: dict[str, str] = field(default_factory=dict)  # first address line -> CRN
    listed: list[str] = field(default_factory=list)


@pytest.fixture
def narrowed() -> Narrowed:
    return Narrowed()


def _first_line(label: str) -> str:
    return label.split(",")[0].strip()


@given(parsers.parse("{name:w} logged these contacts:"))
def logged_these(
    story: Story, flow: Flow, narrowed: Narrowed, name: str, datatable: list[list[str]]
) -> None:
    _, *rows = datatable
    for label, day in rows:
        flow.move_clock_to(at_uk(uk_day(day), DAYTIME))
        story.paf_address(label)
        story.raise_contact(name)
        narrowed.crns[_first_line(label)] = story.logged_crn()


@given(parsers.parse("{name:w} has picked up the contact for {line}"))
def has_picked_up(flow: Flow, narrowed: Narrowed, name: str, line: str) -> None:
    flow.crn = narrowed.crns[line]
    flow.do(name, PickUpContact)


_NARROWS = "{name:w} narrows the CDSP's work queue to "


def _narrow(flow: Flow, narrowed: Narrowed, name: str, wanted: QueueFilter) -> None:
    queries = flow.world.container.contact_queries()
    viewer = flow.person(name).viewer
    page = flow.run(
        work_queue(
            queries, viewer, QueueScope.ORGANISATION, 100, None, wanted, flow.world.clock.now()
        )
    )
    assert not page.has_next_page and page.total_count == len(page.items)
    by_crn = {crn: line for line, crn in narrowed.crns.items()}
    narrowed.listed = [by_crn[view.crn] for _, view in page.items]


@when(parsers.parse(_NARROWS + "the overdue contacts"))
def narrows_to_overdue(flow: Flow, narrowed: Narrowed, name: str) -> None:
    _narrow(flow, narrowed, name, QueueFilter(overdue=True))


@when(parsers.parse(_NARROWS + "the contacts due by {day}"))
def narrows_to_due_by(flow: Flow, narrowed: Narrowed, name: str, day: str) -> None:
    _narrow(flow, narrowed, name, QueueFilter(due_on_or_before=uk_day(day)))


@when(
    parsers.re(
        r"(?P<name>\w+) narrows the CDSP's work queue to the contacts "
        r"(?P<state>" + "|".join(STATES) + r")$"
    )
)
def narrows_to_status(flow: Flow, narrowed: Narrowed, name: str, state: str) -> None:
    _narrow(flow, narrowed, name, QueueFilter(status=STATES[state]))


@when(parsers.parse(_NARROWS + "nothing in particular"))
def narrows_to_nothing(flow: Flow, narrowed: Narrowed, name: str) -> None:
    _narrow(flow, narrowed, name, QueueFilter())


@then("she sees, the soonest due first, the contacts for:")
def sees_in_order(narrowed: Narrowed, datatable: list[list[str]]) -> None:
    assert narrowed.listed == [row[0] for row in datatable]
