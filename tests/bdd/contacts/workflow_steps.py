"""Steps of features/contacts/workflow.feature that only it uses: the moves tried out
of turn or at once, where the contact stands after them, its whole history, and the refusals of
a rejection or a site visit.
"""

from __future__ import annotations

import asyncio
import re
from itertools import pairwise
from typing import Any

from pytest_bdd import parsers, then, when

from cms.core.accounts.model import OrganisationKind
from cms.core.contacts.commands import (
    AcceptContact,
    AskShipper,
    BookSiteVisit,
    ContactCommand,
    PickUpContact,
    RejectContact,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import InvalidTransition
from cms.core.contacts.queries import QueueScope
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.shared.calendar import UK
from cms.core.shared.rejections import Rejected
from tests.bdd.conftest import NETWORKS
from tests.bdd.contacts.story import (
    AFTER_ACCEPTANCE,
    REFUSALS,
    Flow,
    long_day,
    only_refusal,
    reason_code,
    uk_day,
)

S = ContactStatus
# What happened, in the words of a history table.
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


# --- moves --------------------------------------------------------------------------------


@when(parsers.parse("{name:w} accepts it"))
def accepts(flow: Flow, name: str) -> None:
    flow.attempt(flow.command_for(name, AcceptContact))


@when(parsers.parse('{name:w} rejects it as "{reason}", without a note'))
def rejects_without_note(flow: Flow, name: str, reason: str) -> None:
    flow.attempt(flow.command_for(name, RejectContact, reason_code=reason_code(reason), note=""))


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


# --- where it stands now ------------------------------------------------------------------


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


@then("it is no longer among the CDSP's unassigned contacts")
def not_unassigned(flow: Flow) -> None:
    agent = flow.cdsp_agent()
    assert flow.contact in flow.queue(agent, QueueScope.ORGANISATION)
    assert flow.contact not in flow.queue(agent, QueueScope.UNASSIGNED)
