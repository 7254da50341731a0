"""Steps of features/contacts/wrong_network.feature: moving a contact to another network,
handing it back to the CDSP, and why each party is shown the network it is with.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from cms.core.contacts.actions import network_now
from cms.core.contacts.commands import HandBackToCdsp, MoveToNetwork
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.shared.calendar import UK
from tests.bdd.conftest import NETWORKS, NEVER_ISSUED_CRN
from tests.bdd.contacts.story import Flow, long_day, only_refusal, uk_day

S = ContactStatus


# --- where the contact stands -------------------------------------------------------------


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


# --- where it stands now ------------------------------------------------------------------


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


# --- refusals -----------------------------------------------------------------------------


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
