"""Steps of the contact workflow scenarios (features/contacts/workflow.feature).

Import everything from here into a test module (`from tests.bdd.contacts_workflow_steps import *`):
the steps and the `flow` fixture then serve that module's scenarios, next to the people,
addresses and raising steps of `tests/bdd/conftest.py`. Steps are synchronous and drive the
application through the message bus and its read side (`contact_queries`), never its tables.

A When step only tries: what the application answered, or the refusal it raised, is kept for
the Then steps, which say which of the two was expected.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from cms.adapters.jobs.mprn_requests import InProcessMprnRequests
from cms.core.accounts.model import OrganisationKind, Role
from cms.core.contacts.actions import allocation_reason, network_now
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    ContactCommand,
    HandBackToCdsp,
    LapseUnansweredQuestions,
    MoveToNetwork,
    PickUpContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import InvalidTransition
from cms.core.contacts.queries import ContactView, HistoryEntry, QueueScope, work_queue
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.shared.calendar import UK
from cms.core.shared.errors import NotFound, NotPermitted
from cms.core.shared.rejections import Rejected
from tests.bdd.conftest import CDSP, NETWORKS, NEVER_ISSUED_CRN, Person, Story
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
_STATE = r"(?P<state>awaiting \w+'s answer|" + "|".join(map(re.escape, STATES)) + ")"

# What happened, in the words of a history table and of "the history records that ...".
HAPPENINGS: dict[str, str] = {
    "logged": "LOGGED",
    "picked up": "PICKED_UP",
    "passed to the network": "ALLOCATED_TO_NETWORK",
    "site visit booked": "SITE_VISIT_BOOKED",
    "accepted by the network": "NETWORK_ACCEPTED",
    "meter point created": "MPRN_CREATED",
    "rejected": "REJECTED",
    "withdrawn": "WITHDRAWN",
    "lapsed": "LAPSED",
    "moved to another network": "MOVED_TO_NETWORK",
    "handed back to the CDSP": "HANDED_BACK",
}
DEEDS: dict[str, str] = {
    "booked a site visit": "SITE_VISIT_BOOKED",
    "rejected it": "REJECTED",
    "withdrew it": "WITHDRAWN",
    "answered the question": "QUESTION_ANSWERED",
    "lapsed it": "LAPSED",
    "moved it to another network": "MOVED_TO_NETWORK",
    "handed it back": "HANDED_BACK",
}


# Characters a reader cannot see, or that reverse how text reads, as a scenario names them.
HIDDEN: dict[str, str] = {
    "a right-to-left override": "\u202e",
    "a zero-width space": "\u200b",
    "a left-to-right isolate": "\u2066",
    "a zero-width joiner": "\u200d",
    "a byte order mark": "\ufeff",
    "a right-to-left mark": "\u200f",
    "a word joiner": "\u2060",
}
PLAIN_WITH_BREAKS = "Is the gas service new?\nOr relaid?\tPlease say which."
WRITTEN = "The meter box is on the rear wall."


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


# --- people ------------------------------------------------------------------------------


@given(parsers.parse("{name:w} is a supervisor at the CDSP"))
def cdsp_supervisor(story: Story, name: str) -> None:
    story.join(name, CDSP[0], roles=(Role.USER, Role.SUPERVISOR))


# --- where the contact stands -------------------------------------------------------------


@given(parsers.re(r"(?P<owner>\w+)'s contact is " + _STATE))
def contact_is(flow: Flow, owner: str, state: str) -> None:
    flow.contact_of(owner)
    status = flow.state(state)
    flow.reach(status)
    expected = AFTER_ACCEPTANCE if status is S.NETWORK_ACCEPTED else (status,)
    assert flow.view().status in expected


@given(
    parsers.re(
        r'(?P<asker>\w+) (?:has asked|asked) (?P<owner>\w+) "(?P<question>[^"]+)"'
        r"(?: on (?P<day>\w+ \d{1,2} \w+ \d{4}))?"
    )
)
def has_asked(flow: Flow, asker: str, owner: str, question: str, day: str | None) -> None:
    flow.contact_of(owner)
    if day is not None:
        flow.move_clock_to(at_uk(uk_day(day), DAYTIME))
    kind = flow.person(asker).viewer.kind
    flow.reach(S.WITH_NETWORK if kind is OrganisationKind.NETWORK else S.WITH_CDSP)
    flow.do(asker, AskShipper, question=question)
    assert flow.view().status is S.AWAITING_SHIPPER


@given(parsers.parse("it is now {day}"))
def it_is_now(flow: Flow, day: str) -> None:
    flow.move_clock_to(at_uk(uk_day(day), DAYTIME))


@given(parsers.parse("{name:w} has handed {owner:w}'s contact back to the CDSP"))
def has_handed_back(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.reach(S.WITH_NETWORK)
    flow.do(name, HandBackToCdsp, note="Not our area.")
    assert flow.view().status is S.WITH_CDSP


# --- moves --------------------------------------------------------------------------------


@when(parsers.parse('{name:w} moves it to "{network}", noting "{note}"'))
def moves_to_network(flow: Flow, name: str, network: str, note: str) -> None:
    command = flow.command_for(name, MoveToNetwork, network_id=flow.network_id(network), note=note)
    flow.attempt(command)


@when(parsers.parse('{name:w} moves it to "{network}" without a note'))
def moves_to_network_without_note(flow: Flow, name: str, network: str) -> None:
    command = flow.command_for(name, MoveToNetwork, network_id=flow.network_id(network), note="")
    flow.attempt(command)


@when(parsers.parse('{name:w} hands it back to the CDSP, noting "{note}"'))
def hands_back(flow: Flow, name: str, note: str) -> None:
    flow.attempt(flow.command_for(name, HandBackToCdsp, note=note))


@when(parsers.parse("{name:w} hands it back to the CDSP without a note"))
def hands_back_without_note(flow: Flow, name: str) -> None:
    flow.attempt(flow.command_for(name, HandBackToCdsp, note=""))


@when(parsers.parse("{name:w} picks up {owner:w}'s contact"))
def picks_up(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, PickUpContact))


@when(parsers.parse("{name:w} passes it to the network"))
def passes_to_network(flow: Flow, name: str) -> None:
    flow.attempt(flow.command_for(name, AllocateToNetwork))


@when(parsers.parse("{name:w} accepts it"))
def accepts(flow: Flow, name: str) -> None:
    flow.attempt(flow.command_for(name, AcceptContact))


@when(parsers.parse("{name:w} books a site visit for {day}"))
def books_site_visit(flow: Flow, name: str, day: str) -> None:
    flow.attempt(flow.command_for(name, BookSiteVisit, planned_for=uk_day(day)))


@when(parsers.parse('{name:w} rejects it as "{reason}", noting "{note}"'))
def rejects(flow: Flow, name: str, reason: str, note: str) -> None:
    flow.attempt(flow.command_for(name, RejectContact, reason_code=reason_code(reason), note=note))


@when(parsers.parse('{name:w} rejects it as "{reason}", without a note'))
def rejects_without_note(flow: Flow, name: str, reason: str) -> None:
    flow.attempt(flow.command_for(name, RejectContact, reason_code=reason_code(reason), note=""))


@when(parsers.parse('{name:w} answers "{answer}"'))
def answers(flow: Flow, name: str, answer: str) -> None:
    flow.attempt(flow.command_for(name, AnswerQuestion, answer=answer))


@when(parsers.parse('{name:w} withdraws it, noting "{note}"'))
def withdraws(flow: Flow, name: str, note: str) -> None:
    flow.attempt(flow.command_for(name, WithdrawContact, note=note))


@when(parsers.parse("{name:w} assigns {owner:w}'s contact to {assignee:w}"))
def assigns(flow: Flow, name: str, owner: str, assignee: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AssignContact, assignee_id=flow.person(assignee).user_id))


def tried(flow: Flow, move: str, owner: str) -> tuple[type[ContactCommand], dict[str, Any]]:
    """The command a scenario means by trying to `move` a contact, with real-looking details."""
    if move == "accept":
        return AcceptContact, {}
    if move == "reject":
        return RejectContact, {
            "reason_code": "ADDRESS_NOT_FOUND",
            "note": "No such premises on Palatine Road.",
        }
    if move == "book a site visit for":
        return BookSiteVisit, {"planned_for": flow.visit_day()}
    if move == f"ask {owner} a question about":
        return AskShipper, {"question": "Which side of the building is the new service?"}
    raise AssertionError(f"no step knows how to {move} a contact")


def written(flow: Flow, what: str, text: str) -> tuple[type[ContactCommand], dict[str, Any]]:
    """The command a scenario means by writing `what` on the contact in play."""
    writings: dict[str, tuple[type[ContactCommand], dict[str, Any]]] = {
        f"a question for {flow.raiser()}": (AskShipper, {"question": text}),
        "her answer": (AnswerQuestion, {"answer": text}),
        "his answer": (AnswerQuestion, {"answer": text}),
        "a note passing it to the network": (AllocateToNetwork, {"note": text}),
        "a note booking a site visit": (
            BookSiteVisit,
            {"planned_for": flow.visit_day(), "note": text},
        ),
        "a note accepting it": (AcceptContact, {"note": text}),
        "a note rejecting it": (RejectContact, {"reason_code": "OTHER", "note": text}),
        "a note withdrawing it": (WithdrawContact, {"note": text}),
    }
    assert what in writings, f"no step knows how to write {what}"
    return writings[what]


@when(parsers.re(r"(?P<name>\w+) writes (?P<what>.+) with (?P<hidden>.+) in it"))
def writes(flow: Flow, name: str, what: str, hidden: str) -> None:
    if hidden == "line breaks and a tab":
        text = PLAIN_WITH_BREAKS
    else:
        middle = WRITTEN.index("rear")
        text = WRITTEN[:middle] + HIDDEN[hidden] + WRITTEN[middle:]
    kind, fields = written(flow, what, text)
    flow.attempt(flow.command_for(name, kind, **fields))


@when(parsers.re(r"(?P<name>\w+) tries to (?P<move>.+) (?P<owner>\w+)'s contact"))
def tries_to(flow: Flow, name: str, move: str, owner: str) -> None:
    flow.contact_of(owner)
    kind, fields = tried(flow, move, owner)
    flow.attempt(flow.command_for(name, kind, **fields))


@when(parsers.parse("{first:w} and {second:w} pick up {owner:w}'s contact at the same moment"))
def pick_up_at_once(flow: Flow, first: str, second: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.history_before = flow.history()

    async def pick_up(name: str) -> Any:
        try:
            return await flow.world.bus().handle(flow.command_for(name, PickUpContact))
        except REFUSALS as error:
            return error

    async def both() -> list[Any]:
        return list(await asyncio.gather(pick_up(first), pick_up(second)))

    flow.answers = dict(zip((first, second), flow.run(both()), strict=True))


@when(parsers.parse("the daily checks run up to {day}"))
def daily_checks(flow: Flow, day: str) -> None:
    """The check runs every morning, weekends and holidays too, from the day after today."""
    last = uk_day(day)
    today = flow.world.clock.now().astimezone(UK).date()
    while today < last:
        today += timedelta(days=1)
        flow.move_clock_to(at_uk(today, DAILY_CHECK))
        for crn in flow.run(flow.world.bus().handle(LapseUnansweredQuestions())):
            assert crn not in flow.lapsed_on, f"{crn} lapsed twice"
            flow.lapsed_on[crn] = today


# --- where it stands now ------------------------------------------------------------------


@then(parsers.re(r"the contact is (?P<still>still )?" + _STATE))
def contact_now(flow: Flow, still: str | None, state: str) -> None:
    if not still:
        flow.succeeded()
    view = flow.view(flow.raiser())
    assert view.status is flow.state(state), (view.status, flow.error)


@then("UK Link creates a new meter point for the contact")
def meter_point_created(flow: Flow) -> None:
    flow.finish_mprn_requests()
    view = flow.view(flow.raiser())
    assert view.status is S.MPRN_CREATED, view.status
    assert view.mprn is not None
    assert str(Mprn.parse(view.mprn)) == view.mprn  # a real MPRN: its check digits match
    assert [e.kind for e in flow.history()].count("MPRN_CREATED") == 1


@then(parsers.parse("the contact lapsed on {day}"))
def lapsed_on(flow: Flow, day: str) -> None:
    expected = uk_day(day)
    assert flow.lapsed_on.get(flow.contact) == expected, flow.lapsed_on
    assert flow.view(flow.raiser()).status is S.LAPSED
    lapse = flow.history()[-1]
    assert lapse.kind == "LAPSED"
    assert lapse.at.astimezone(UK).date() == expected


@then(parsers.re(r"the contact is back with (?P<name>\w+), in (?:her|his) own work queue"))
def back_with_person(flow: Flow, name: str) -> None:
    flow.succeeded()
    view = flow.view(flow.raiser())
    assert view.status is S.WITH_CDSP, view.status
    assert view.assignee_id == flow.person(name).user_id
    assert flow.contact in flow.queue(name, QueueScope.MINE)


@then(parsers.parse("the contact is back in {network}'s work queue"))
def back_with_network(flow: Flow, network: str) -> None:
    flow.succeeded()
    view = flow.view(flow.raiser())
    assert view.status is S.WITH_NETWORK, view.status
    assert view.network == NETWORKS[network]
    colleague = flow.first_of(OrganisationKind.NETWORK, NETWORKS[network])
    assert flow.contact in flow.queue(colleague, QueueScope.ORGANISATION)


@then(parsers.parse("{names} see that the site visit is planned for {day}"))
def sees_planned_visit(flow: Flow, names: str, day: str) -> None:
    flow.succeeded()
    for name in re.split(r", | and ", names):
        view = flow.view(name)
        assert view.status is S.SITE_VISIT_BOOKED
        assert view.planned_visit == uk_day(day), f"{name} is not shown the visit's date"
    assert flow.history()[-1].planned_for == uk_day(day)


@then(parsers.parse('{name:w} sees that it was rejected as "{reason}"'))
def sees_rejection_reason(flow: Flow, name: str, reason: str) -> None:
    flow.succeeded()
    view = flow.view(name)
    assert view.status is S.REJECTED
    assert view.rejection_reason == reason_code(reason), f"{name} is not shown the reason"
    assert flow.history()[-1].reason_code == reason_code(reason)


@then(parsers.parse("{name:w} sees the contact, with the network {network}"))
def sees_with_network(flow: Flow, name: str, network: str) -> None:
    flow.succeeded()
    view = flow.view(name)
    assert view.allocated_network == NETWORKS[network], view.allocated_network


@then(parsers.parse("{name:w} can no longer see the contact"))
def can_no_longer_see(flow: Flow, name: str) -> None:
    flow.succeeded()
    assert flow.story.look_up(name, flow.contact) is None
    assert flow.story.look_up(name, NEVER_ISSUED_CRN) is None
    assert flow.contact not in [view.crn for view in flow.story.contact_list(name)]


@then(parsers.parse("it is due by the end of {day}"))
def due_by(flow: Flow, day: str) -> None:
    flow.succeeded()
    due = flow.view().due_by
    assert due is not None
    local = due.astimezone(UK)
    assert local.date() == uk_day(day), long_day(local.date())
    assert local.hour >= 17, f"due at {local:%H:%M}, before the working day ends"


@then("no site visit is planned for it")
def no_visit(flow: Flow) -> None:
    flow.succeeded()
    assert flow.view().planned_visit is None


@then(
    parsers.parse(
        "{name:w} sees that the contact is for {network}, because {postcode} is in the {zone} "
        "zone, which belongs to {owner}"
    )
)
def sees_ldz_reason(
    flow: Flow, name: str, network: str, postcode: str, zone: str, owner: str
) -> None:
    assert network_now(flow.view(name)) == NETWORKS[network]
    reason = flow.allocation_reason(name)
    assert f"{postcode} is in LDZ" in reason and f"({zone})" in reason, reason
    assert f"belongs to {owner}" in reason, reason


@then(
    parsers.parse(
        '{name:w} sees that the contact is for {network}, because the CDSP moved it there: "{note}"'
    )
)
def sees_move_reason(flow: Flow, name: str, network: str, note: str) -> None:
    flow.succeeded()
    assert network_now(flow.view(name)) == NETWORKS[network]
    reason = flow.allocation_reason(name)
    assert reason.startswith(f"Moved to {network} by the CDSP"), reason
    assert reason.endswith(note), reason


@then(parsers.parse('{name:w} sees that {network} handed the contact back: "{note}"'))
def sees_hand_back_reason(flow: Flow, name: str, network: str, note: str) -> None:
    flow.succeeded()
    reason = flow.allocation_reason(name)
    assert f"{network} handed it back to the CDSP" in reason, reason
    assert reason.endswith(note), reason


# --- history ------------------------------------------------------------------------------


@then("its history shows, in order:")
def history_in_order(flow: Flow, datatable: list[list[str]]) -> None:
    flow.finish_mprn_requests()  # the history is read once UK Link has answered
    header, *rows = datatable
    assert header == ["what happened", "by"], header
    expected = [(HAPPENINGS[what], flow.actor_id(who)) for what, who in rows]
    assert [(e.kind, e.actor_id) for e in flow.history()] == expected
    statuses = [(e.from_status, e.to_status) for e in flow.history()]
    assert all(before[1] == after[0] for before, after in pairwise(statuses)), statuses


@then(
    parsers.re(
        r"the history records that (?P<who>\w+|the system) (?P<deed>"
        + "|".join(map(re.escape, DEEDS))
        + r')(?:, noting "(?P<note>[^"]*)")?'
    )
)
def history_records(flow: Flow, who: str, deed: str, note: str | None) -> None:
    latest = flow.history()[-1]
    assert (latest.kind, latest.actor_id) == (DEEDS[deed], flow.actor_id(who)), latest
    if note is not None:
        assert latest.note == note
    assert latest.to_status is flow.view().status


@then("its history is unchanged")
def history_unchanged(flow: Flow) -> None:
    assert flow.history() == flow.history_before


@then("the history records that it was picked up once")
def picked_up_once(flow: Flow) -> None:
    picked = [e for e in flow.history() if e.kind == "PICKED_UP"]
    winners = [name for name, answer in flow.answers.items() if answer == flow.contact]
    assert [e.actor_id for e in picked] == [flow.person(name).user_id for name in winners]


# --- refusals -----------------------------------------------------------------------------


@then(
    parsers.parse(
        '{name:w} is told that "{reason}" is not a rejection reason, and which reasons are'
    )
)
def told_reason_unknown(flow: Flow, name: str, reason: str) -> None:
    assert flow.command is not None and flow.command.viewer.name == name
    error = flow.error
    assert isinstance(error, Rejected), repr(error)
    [refusal] = error.reasons
    assert (refusal.code, refusal.field) == ("REASON_CODE_UNKNOWN", "reasonCode")
    assert reason_code(reason) in refusal.message
    assert all(code in refusal.message for code in REJECTION_REASONS), refusal.message


def only_refusal(flow: Flow, name: str) -> Any:
    """The one reason `name`'s last move was refused for."""
    assert flow.command is not None and flow.command.viewer.name == name
    error = flow.error
    assert isinstance(error, Rejected), repr(error)
    [refusal] = error.reasons
    return refusal


@then(parsers.parse("{name:w} is told that the visit can be planned no later than {day}"))
def told_visit_too_far_ahead(flow: Flow, name: str, day: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("VISIT_TOO_FAR_AHEAD", "plannedFor"), refusal
    assert long_day(uk_day(day)) in refusal.message, refusal.message


@then(
    parsers.parse(
        "{name:w} is told that {day} is not a working day, and that {next_day} is the next"
    )
)
def told_not_a_working_day(flow: Flow, name: str, day: str, next_day: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("NOT_A_WORKING_DAY", "plannedFor"), refusal
    assert long_day(uk_day(day)) in refusal.message, refusal.message
    assert long_day(uk_day(next_day)) in refusal.message, refusal.message


@then(parsers.parse("{name:w} is told that the visit must be planned for today or later"))
def told_visit_in_past(flow: Flow, name: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("DATE_IN_PAST", "plannedFor"), refusal


@then(
    parsers.parse(
        "{name:w} is told that the {field:w} holds {hidden}, and to retype it as plain text"
    )
)
def told_hidden_character(flow: Flow, name: str, field: str, hidden: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("INVALID_CHARACTERS", field), refusal
    character = HIDDEN[hidden]
    assert f"The {field}" in refusal.message, refusal.message  # which field
    assert f"U+{ord(character):04X}" in refusal.message, refusal.message  # which character
    assert "plain text" in refusal.message, refusal.message  # what to do


@then(
    parsers.parse(
        "{name:w} is told that it can no longer be withdrawn, as the network has accepted it"
    )
)
def told_too_late_to_withdraw(flow: Flow, name: str) -> None:
    assert flow.command is not None and flow.command.viewer.name == name
    error = flow.error
    assert isinstance(error, InvalidTransition), repr(error)
    # UK Link may already have answered: either way the network had accepted it.
    assert error.status in AFTER_ACCEPTANCE, error.status
    assert "WITHDRAWN" not in [e.kind for e in flow.history()]


@then(parsers.parse("{name:w} is told that only {who} can {what}"))
@then(parsers.parse("{name:w} is refused, as only {who} can {what}"))
def told_not_permitted(flow: Flow, name: str, who: str, what: str) -> None:
    command = flow.command
    assert command is not None and command.viewer.name == name
    error = flow.error
    assert isinstance(error, NotPermitted), repr(error)
    assert f"can {what}." in error.message, error.message
    for party in who.split(" or "):  # "the CDSP", "the network"
        assert party.removeprefix("the ") in error.message, error.message


@then(parsers.parse("{name:w} is told the contact is already with that network"))
def told_same_network(flow: Flow, name: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("SAME_NETWORK", "networkId"), refusal
    assert "already with that network" in refusal.message


@then(parsers.parse("{name:w} is told to write why"))
def told_to_write_why(flow: Flow, name: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("REQUIRED", "note"), refusal
    assert "note" in refusal.message.lower()


@then(parsers.parse("{name:w} is told the same as for a contact that was never issued"))
def told_as_if_absent(flow: Flow, name: str) -> None:
    command = flow.command
    assert command is not None and command.viewer.name == name
    assert isinstance(flow.error, NotFound), repr(flow.error)
    never_issued = dataclasses.replace(command, crn=NEVER_ISSUED_CRN)
    try:
        flow.run(flow.world.bus().handle(never_issued))
    except REFUSALS as error:
        control: Exception = error
    else:
        raise AssertionError("a contact that was never issued was found")
    assert type(flow.error) is type(control)
    assert str(flow.error).replace(flow.contact, "<crn>") == str(control).replace(
        NEVER_ISSUED_CRN, "<crn>"
    )
    assert flow.story.look_up(name, flow.contact) is None


@then(
    parsers.parse("one of them has it, and the other is told that it is already with the {party}")
)
def one_picks_up(flow: Flow, party: str) -> None:
    assert party == "CDSP"
    winners = [name for name, answer in flow.answers.items() if answer == flow.contact]
    losers = [name for name in flow.answers if name not in winners]
    assert len(winners) == 1 and len(losers) == 1, flow.answers
    refusal = flow.answers[losers[0]]
    assert isinstance(refusal, InvalidTransition), repr(refusal)
    assert refusal.status is S.WITH_CDSP
    view = flow.view()
    assert view.status is S.WITH_CDSP
    assert view.assignee_id == flow.person(winners[0]).user_id


# --- work queues --------------------------------------------------------------------------


def organisation_label(person: Person) -> str:
    organisation = person.viewer.organisation
    return "the CDSP" if organisation.kind is OrganisationKind.CDSP else organisation.name


@then(parsers.parse("it is in the work queue of {party} only"))
def in_queue_of_only(flow: Flow, party: str) -> None:
    holders = {
        organisation_label(person)
        for name, person in flow.story.people.items()
        if flow.contact in flow.queue(name, QueueScope.ORGANISATION)
    }
    assert holders == (set() if party == "nobody" else {party}), holders
    everyone = {organisation_label(person) for person in flow.story.people.values()}
    assert party == "nobody" or party in everyone, f"nobody from {party} looked"


@then(parsers.parse("the contact is in {name:w}'s own work queue"))
def in_own_queue(flow: Flow, name: str) -> None:
    flow.succeeded()
    assert flow.contact in flow.queue(name, QueueScope.MINE)
    assert flow.view().assignee_id == flow.person(name).user_id


@then("it is no longer among the CDSP's unassigned contacts")
def not_unassigned(flow: Flow) -> None:
    agent = flow.cdsp_agent()
    assert flow.contact in flow.queue(agent, QueueScope.ORGANISATION)
    assert flow.contact not in flow.queue(agent, QueueScope.UNASSIGNED)
