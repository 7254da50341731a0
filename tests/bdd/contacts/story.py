"""The story of one contact workflow scenario (features/contacts/, and the moves the
notification scenarios make): the contact in play, the moves tried on it and what came of them,
with the `flow` fixture that follows it and the `mprn_requests_finish` fixture that waits for
UK Link.

A test module imports those fixtures from here and the steps it needs with `use_steps`
(tests/bdd/step_sharing.py); the people, addresses and raising steps of `tests/bdd/conftest.py`
serve every scenario. Steps are synchronous and drive the application through the message bus
and its read side (`contact_queries`), never its tables.

A When step only tries: what the application answered, or the refusal it raised, is kept for
the Then steps, which say which of the two was expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from cms.adapters.jobs.mprn_requests import InProcessMprnRequests
from cms.core.accounts.model import OrganisationKind
from cms.core.contacts.actions import allocation_reason
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AskShipper,
    BookSiteVisit,
    ContactCommand,
    PickUpContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import InvalidTransition
from cms.core.contacts.queries import ContactView, HistoryEntry, QueueScope, work_queue
from cms.core.shared.calendar import UK
from cms.core.shared.errors import NotFound, NotPermitted
from cms.core.shared.rejections import Rejected
from tests.bdd.conftest import NETWORKS, Person, Story
from tests.conftest import Run
from tests.support.world import World

S = ContactStatus
REFUSALS = (Rejected, NotFound, NotPermitted, InvalidTransition)
DAYTIME = time(10, 0)  # when something said to happen "on" a day happens, UK time
DAILY_CHECK = time(6, 0)  # when the daily check for unanswered questions runs, UK time
VISIT_NOTICE = timedelta(days=7)  # how far ahead a site visit is planned when no step says
SYSTEM = ("UK Link", "the system")  # who the history names when nobody signed in acted
# Once the network accepts, UK Link may answer at any moment: both mean "accepted".
AFTER_ACCEPTANCE = (S.NETWORK_ACCEPTED, S.MPRN_CREATED)
# How a product owner names where a contact stands ("awaiting Alice's answer" is matched apart).
STATES: dict[str, ContactStatus] = {
    "logged": S.LOGGED,
    "with the CDSP": S.WITH_CDSP,
    "with the network": S.WITH_NETWORK,
    "booked for a site visit": S.SITE_VISIT_BOOKED,
    "accepted by the network": S.NETWORK_ACCEPTED,
    "rejected": S.REJECTED,
    "withdrawn": S.WITHDRAWN,
    "lapsed": S.LAPSED,
}
_AWAITING = re.compile(r"awaiting (?P<name>\w+)'s answer")


def reason_code(words: str) -> str:
    """A rejection reason named in words, as its code: "not a new service" -> NOT_A_NEW_SERVICE."""
    return "_".join(words.upper().split())


def uk_day(text: str) -> date:
    """'Monday 2 March 2026' (the weekday is checked) or '2 March 2026', as a date."""
    words = text.split()
    day = datetime.strptime(" ".join(words[-3:]), "%d %B %Y").date()
    if len(words) == 4:
        assert words[0] == f"{day:%A}", f"{text}: {day} is a {day:%A}"
    return day


def long_day(day: date) -> str:
    """As a person writes it: 'Wednesday 2 September 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def at_uk(day: date, clock_time: time) -> datetime:
    return datetime.combine(day, clock_time, tzinfo=UK).astimezone(UTC)


@dataclass
class Flow:
    """What one workflow scenario has done to the contact in play, and what it was told."""

    story: Story
    crn: str | None = None
    # The last move tried: the command, and what came of it.
    command: ContactCommand | None = None
    outcome: Any = None
    error: Exception | None = None
    history_before: list[HistoryEntry] = field(default_factory=list)
    # Everybody's answer when several people try at once: name -> outcome or refusal.
    answers: dict[str, Any] = field(default_factory=dict)
    lapsed_on: dict[str, date] = field(default_factory=dict)

    @property
    def world(self) -> World:
        return self.story.world

    @property
    def run(self) -> Run[Any]:
        return self.story.run

    def person(self, name: str) -> Person:
        return self.story.person(name)

    def contact_of(self, owner: str) -> str:
        assert owner in self.story.logged, f"{owner} has logged no contact"
        self.crn = self.story.logged[owner]
        return self.crn

    @property
    def contact(self) -> str:
        assert self.crn is not None, "no step named the contact in play"
        return self.crn

    # -------------------------------------------------------------- who is who

    def first_of(self, kind: OrganisationKind, short_code: str | None = None) -> str:
        """The first person introduced from an organisation of this kind (and code)."""
        for name, person in self.story.people.items():
            organisation = person.viewer.organisation
            if organisation.kind is kind and short_code in (None, organisation.short_code):
                return name
        raise AssertionError(f"no step introduced anybody from a {kind} {short_code or ''}")

    def cdsp_agent(self) -> str:
        return self.first_of(OrganisationKind.CDSP)

    def network_user(self) -> str:
        """Somebody at the network that owns the site of the contact in play."""
        return self.first_of(OrganisationKind.NETWORK, self.view().network)

    def raiser(self) -> str:
        view = self.view()
        return next(n for n, p in self.story.people.items() if p.user_id == view.raised_by_id)

    # -------------------------------------------------------------- the application

    def command_for(self, name: str, kind: type[ContactCommand], **fields: Any) -> ContactCommand:
        return kind(viewer=self.person(name).viewer, crn=self.contact, **fields)

    def do(self, name: str, kind: type[ContactCommand], **fields: Any) -> Any:
        """A move that must succeed (a Given)."""
        return self.run(self.world.bus().handle(self.command_for(name, kind, **fields)))

    def attempt(self, command: ContactCommand) -> Any:
        """A move that may be refused (a When): the answer, or the refusal in `self.error`."""
        self.history_before = self.history()
        self.command, self.outcome, self.error = command, None, None
        try:
            self.outcome = self.run(self.world.bus().handle(command))
        except REFUSALS as error:
            self.error = error
        return self.outcome

    def succeeded(self) -> None:
        assert self.error is None, f"refused: {self.error!r}"

    def view(self, name: str | None = None) -> ContactView:
        """The contact in play as `name` (or a CDSP agent, who sees all) sees it."""
        viewer = self.story.look_up(name or self.cdsp_agent(), self.contact)
        assert isinstance(viewer, ContactView), f"{name} cannot see {self.contact}: {viewer}"
        return viewer

    def history(self) -> list[HistoryEntry]:
        queries = self.world.container.contact_queries()
        histories: dict[str, list[HistoryEntry]] = self.run(queries.history([self.contact]))
        return histories[self.contact]

    def queue(self, name: str, scope: QueueScope) -> list[str]:
        queries = self.world.container.contact_queries()
        page = self.run(work_queue(queries, self.person(name).viewer, scope, 100, None))
        assert not page.has_next_page
        return [view.crn for _, view in page.items]

    def finish_mprn_requests(self) -> None:
        """Wait for the job that asks UK Link for the meter point, as the worker would run it."""
        finish_mprn_requests(self.world, self.run)

    def move_clock_to(self, moment: datetime) -> None:
        assert moment >= self.world.clock.now(), "time only moves forward"
        self.world.clock.set(moment)

    def actor_id(self, who: str) -> str | None:
        return None if who in SYSTEM else self.person(who).user_id

    # -------------------------------------------------------------- reaching a status

    def reach(self, status: ContactStatus) -> None:
        """Take the logged contact, by the usual people, to `status`."""
        cdsp = self.cdsp_agent
        if status is S.LOGGED:
            return
        if status is S.WITHDRAWN:
            self.do(self.raiser(), WithdrawContact, note="Raised for the wrong site.")
            return
        self.do(cdsp(), PickUpContact)
        if status is S.WITH_CDSP:
            return
        if status is S.AWAITING_SHIPPER:
            self.do(cdsp(), AskShipper, question="Is the gas service new, or relaid?")
            return
        if status is S.REJECTED:
            self.do(cdsp(), RejectContact, reason_code="OTHER", note="Raised for the wrong site.")
            return
        self.do(cdsp(), AllocateToNetwork)
        network = self.network_user()
        if status is S.SITE_VISIT_BOOKED:
            self.do(network, BookSiteVisit, planned_for=self.visit_day())
        elif status is S.NETWORK_ACCEPTED:
            self.do(network, AcceptContact)
        else:
            assert status is S.WITH_NETWORK, f"no step takes a contact to {status}"

    def network_id(self, network: str) -> str:
        """The organisation id of a network named as people name it ("Cadent")."""
        short_code = NETWORKS[network]
        queries = self.world.container.account_queries()
        found = self.run(queries.organisations_by_short_codes([short_code]))
        return str(found[short_code].id)

    def network_names(self) -> dict[str, str]:
        queries = self.world.container.account_queries()
        networks = self.run(queries.networks())
        return {n.organisation.short_code: n.organisation.name for n in networks}

    def allocation_reason(self, name: str) -> str:
        return allocation_reason(self.view(name), self.history(), self.network_names())

    def visit_day(self) -> date:
        return (self.world.clock.now() + VISIT_NOTICE).astimezone(UK).date()

    def state(self, words: str) -> ContactStatus:
        awaiting = _AWAITING.fullmatch(words)
        if awaiting:
            assert awaiting["name"] == self.raiser(), f"{awaiting['name']} did not raise it"
            return S.AWAITING_SHIPPER
        return STATES[words]


@pytest.fixture
def flow(story: Story) -> Flow:
    return Flow(story=story)


@pytest.fixture(autouse=True)
def mprn_requests_finish(world: World, run: Run[Any]) -> Iterator[None]:
    """No job for a meter point outlives its scenario's database."""
    yield
    finish_mprn_requests(world, run)


def finish_mprn_requests(world: World, run: Run[Any]) -> None:
    requests = world.container.mprn_requests()
    assert isinstance(requests, InProcessMprnRequests), "the scenarios run the jobs in process"
    run(requests.drain())


def only_refusal(flow: Flow, name: str) -> Any:
    """The one reason `name`'s last move was refused for."""
    assert flow.command is not None and flow.command.viewer.name == name
    error = flow.error
    assert isinstance(error, Rejected), repr(error)
    [refusal] = error.reasons
    return refusal
