"""Steps of features/notifications/who_is_told.feature that only it uses: a network's Local
Security Officer and a disabled account, the moves that tell people, and who is told nothing.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.commands import DisableUser
from cms.core.accounts.model import AccountStatus, Role
from cms.core.contacts.commands import AskShipper, AssignContact, PickUpContact
from cms.core.contacts.lifecycle import ContactStatus
from tests.bdd.conftest import NETWORKS, Story
from tests.bdd.contacts.story import Flow
from tests.bdd.notifications.story import Told, names_in
from tests.bdd.notifications.telling import NAMES, WHOSE

S = ContactStatus


# --- people -------------------------------------------------------------------------------


@given(parsers.parse('{name:w} is the Local Security Officer of the network "{network}"'))
def network_lso(story: Story, name: str, network: str) -> None:
    story.join(name, NETWORKS[network], roles=(Role.USER, Role.LSO))


@given(parsers.parse('{lso:w} has disabled {name:w}\'s account, noting "{reason}"'))
def has_disabled(told: Told, lso: str, name: str, reason: str) -> None:
    command = DisableUser(
        viewer=told.story.person(lso).viewer, user_id=told.user_id(name), reason=reason
    )
    account = told.run(told.world.bus().handle(command))
    assert account.status is AccountStatus.DISABLED, account.status


# --- contacts and moves -------------------------------------------------------------------


@given(parsers.parse("{name:w} has picked up {owner:w}'s contact"))
def has_picked_up(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.do(name, PickUpContact)


@when(parsers.parse('{name:w} asks {owner:w} "{question}"'))
def asks(flow: Flow, name: str, owner: str, question: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AskShipper, question=question))
    flow.succeeded()


@when(parsers.re(r"(?P<name>\w+) takes (?P<owner>\w+)'s contact into (?:his|her) own work queue"))
def takes_into_own_queue(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AssignContact, assignee_id=flow.person(name).user_id))


@when(parsers.parse("{name:w} puts {owner:w}'s contact back in the queue"))
def puts_back_in_queue(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AssignContact, assignee_id=None))


@when("UK Link creates the contact's meter point")
def uk_link_creates_meter_point(flow: Flow) -> None:
    flow.finish_mprn_requests()
    assert flow.view().status is S.MPRN_CREATED, flow.view().status


# --- what people are told -----------------------------------------------------------------


@then(parsers.re(NAMES + r" (?:is|are) told nothing(?:, as .+)?"))
def told_nothing(told: Told, names: str) -> None:
    for name in names_in(names):
        notifications = told.notifications(name)
        assert notifications == [], f"{name} was told: {[n.message for n in notifications]}"
        assert told.unread_count(name) == 0


@then(parsers.re(r"(?P<name>\w+) is not told that " + WHOSE + r" contact is now (?P<state>.+)"))
def not_told(told: Told, name: str, whose: str, state: str) -> None:
    crn = told.contact_of(whose, [name])
    status = told.flow.state(state)
    assert told.flow.view().status is status, "the contact did not get there"
    about = [n for n in told.notifications(name) if n.crn == crn and n.status is status]
    assert about == [], f"{name} was told: {[n.message for n in about]}"
