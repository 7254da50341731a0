"""Steps that more than one contact or notification feature uses: a supervisor at the
CDSP, where the contact stands, the everyday moves, where it stands after them, its history, and
being refused.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.model import OrganisationKind, Role
from cms.core.contacts.commands import (
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    LapseUnansweredQuestions,
    PickUpContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import QueueScope
from cms.core.shared.calendar import UK
from cms.core.shared.errors import NotFound, NotPermitted
from tests.bdd.conftest import CDSP, NEVER_ISSUED_CRN, Person, Story
from tests.bdd.contacts.story import (
    AFTER_ACCEPTANCE,
    DAILY_CHECK,
    DAYTIME,
    REFUSALS,
    STATES,
    Flow,
    at_uk,
    reason_code,
    uk_day,
)

S = ContactStatus
# Where a contact stands, in a product owner's words (see STATES).
_STATE = r"(?P<state>awaiting \w+'s answer|" + "|".join(map(re.escape, STATES)) + ")"
# What somebody did, in the words of "the history records that ...".
DEEDS: dict[str, str] = {
    "booked a site visit": "SITE_VISIT_BOOKED",
    "rejected it": "REJECTED",
    "withdrew it": "WITHDRAWN",
    "answered the question": "QUESTION_ANSWERED",
    "lapsed it": "LAPSED",
    "moved it to another network": "MOVED_TO_NETWORK",
    "handed it back": "HANDED_BACK",
}


# --- people -------------------------------------------------------------------------------


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


# --- moves --------------------------------------------------------------------------------


@when(parsers.parse("{name:w} picks up {owner:w}'s contact"))
def picks_up(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, PickUpContact))


@when(parsers.parse("{name:w} passes it to the network"))
def passes_to_network(flow: Flow, name: str) -> None:
    flow.attempt(flow.command_for(name, AllocateToNetwork))


@when(parsers.parse("{name:w} books a site visit for {day}"))
def books_site_visit(flow: Flow, name: str, day: str) -> None:
    flow.attempt(flow.command_for(name, BookSiteVisit, planned_for=uk_day(day)))


@when(parsers.parse('{name:w} rejects it as "{reason}", noting "{note}"'))
def rejects(flow: Flow, name: str, reason: str, note: str) -> None:
    flow.attempt(flow.command_for(name, RejectContact, reason_code=reason_code(reason), note=note))


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


# --- history ------------------------------------------------------------------------------


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


# --- refusals -----------------------------------------------------------------------------


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
