"""The MNC lifecycle: the table in code is the one docs/domain.md describes, move for move."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.crn import Crn
from cms.core.contacts.lifecycle import (
    FINAL_STATUSES,
    SERVICE_LEVEL_WORKING_DAYS,
    TRANSITIONS,
    WAITING_ON,
    ContactStatus,
    Move,
    Party,
    is_open,
    transitions_for,
)
from cms.core.contacts.model import InvalidTransition, MncContact, Site
from cms.core.contacts.values import MarketSector, MncReason, MncRequest
from cms.core.shared.errors import DomainError, NotPermitted

DOMAIN_MD = Path(__file__).resolve().parents[2] / "docs" / "domain.md"

S = ContactStatus
P = Party

BEFORE_NETWORK_ACCEPTED = (
    S.LOGGED,
    S.WITH_CDSP,
    S.AWAITING_SHIPPER,
    S.WITH_NETWORK,
    S.SITE_VISIT_BOOKED,
)
FINAL = (S.MPRN_CREATED, S.REJECTED, S.WITHDRAWN, S.LAPSED)

# docs/domain.md's list of moves under "Lifecycle", transcribed. The actors follow the "Who acts
# next" column; lapsing is the system's (10 working days unanswered).
EXPECTED: set[tuple[Move, ContactStatus | None, ContactStatus, Party]] = {
    (Move.RAISE, None, S.LOGGED, P.SHIPPER),
    (Move.PICK_UP, S.LOGGED, S.WITH_CDSP, P.CDSP),
    (Move.ASK_SHIPPER, S.WITH_CDSP, S.AWAITING_SHIPPER, P.CDSP),
    (Move.ALLOCATE_TO_NETWORK, S.WITH_CDSP, S.WITH_NETWORK, P.CDSP),
    (Move.REJECT, S.WITH_CDSP, S.REJECTED, P.CDSP),
    (Move.ANSWER_QUESTION, S.AWAITING_SHIPPER, S.WITH_CDSP, P.SHIPPER),
    (Move.ANSWER_QUESTION, S.AWAITING_SHIPPER, S.WITH_NETWORK, P.SHIPPER),
    (Move.LAPSE, S.AWAITING_SHIPPER, S.LAPSED, P.SYSTEM),
    (Move.BOOK_SITE_VISIT, S.WITH_NETWORK, S.SITE_VISIT_BOOKED, P.NETWORK),
    (Move.ASK_SHIPPER, S.WITH_NETWORK, S.AWAITING_SHIPPER, P.NETWORK),
    (Move.ACCEPT, S.WITH_NETWORK, S.NETWORK_ACCEPTED, P.NETWORK),
    (Move.REJECT, S.WITH_NETWORK, S.REJECTED, P.NETWORK),
    (Move.ACCEPT, S.SITE_VISIT_BOOKED, S.NETWORK_ACCEPTED, P.NETWORK),
    (Move.REJECT, S.SITE_VISIT_BOOKED, S.REJECTED, P.NETWORK),
    (Move.RECORD_MPRN, S.NETWORK_ACCEPTED, S.MPRN_CREATED, P.SYSTEM),
    (Move.MOVE_TO_NETWORK, S.WITH_CDSP, S.WITH_NETWORK, P.CDSP),
    (Move.MOVE_TO_NETWORK, S.WITH_NETWORK, S.WITH_NETWORK, P.CDSP),
    (Move.MOVE_TO_NETWORK, S.SITE_VISIT_BOOKED, S.WITH_NETWORK, P.CDSP),
    (Move.HAND_BACK, S.WITH_NETWORK, S.WITH_CDSP, P.NETWORK),
    (Move.HAND_BACK, S.SITE_VISIT_BOOKED, S.WITH_CDSP, P.NETWORK),
    *((Move.WITHDRAW, source, S.WITHDRAWN, P.SHIPPER) for source in BEFORE_NETWORK_ACCEPTED),
}

# "Who acts next" in docs/domain.md's status table, in the lifecycle's terms.
WHO_ACTS_NEXT = {
    "CDSP": P.CDSP,
    "Shipper": P.SHIPPER,
    "Network": P.NETWORK,
    "CDSP / UK Link": P.SYSTEM,  # the system, once UK Link answers
}


def contact_in(status: ContactStatus, asked_from: ContactStatus | None = None) -> MncContact:
    address = Address("12345678", Postcode.parse("LS6 2AB"), "LEEDS", building_number="12")
    return MncContact(
        crn=Crn.issue("MNC", 2026, 123),
        status=status,
        shipper_organisation_id="org-alpha",
        raised_by="user-alice",
        raised_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        site=Site(address=address, manual=False, ldz=Ldz.NE, network="NGN"),
        request=MncRequest(MarketSector.DOMESTIC, 12_000, MncReason.NEW_SERVICE),
        asked_from=asked_from,
    )


def expected_from(status: ContactStatus, move: Move) -> set[tuple[ContactStatus, Party]]:
    return {
        (target, actor) for m, source, target, actor in EXPECTED if (m, source) == (move, status)
    }


def status_table() -> dict[str, str]:
    """docs/domain.md's lifecycle status table: status -> who acts next."""
    text = DOMAIN_MD.read_text(encoding="utf-8")
    section = text[text.index("**Lifecycle") :]
    rows: dict[str, str] = {}
    for line in section.splitlines()[1:]:
        if rows and not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"[A-Z_]+(\s*\(\w+\))?", cells[0]):
            rows[cells[0].split()[0]] = cells[2]
    return rows


# ---------------------------------------------------------------- the table itself


def test_the_allowed_moves_are_exactly_those_of_domain_md() -> None:
    actual = [(t.move, t.source, t.target, t.actor) for t in TRANSITIONS]
    assert len(actual) == len(set(actual)), "a move is listed twice"
    assert set(actual) - EXPECTED == set(), "moves docs/domain.md does not allow"
    assert EXPECTED - set(actual) == set(), "moves docs/domain.md allows that are missing"


def test_the_statuses_and_final_statuses_are_those_of_domain_md() -> None:
    table = status_table()
    assert set(table) == {status.value for status in ContactStatus}
    assert {status for status, who in table.items() if who == "none (final)"} == set(FINAL)
    assert set(FINAL_STATUSES) == set(FINAL)


def test_who_acts_next_is_that_of_domain_md() -> None:
    table = status_table()
    expected = {
        S(status): WHO_ACTS_NEXT[who] for status, who in table.items() if S(status) not in FINAL
    }
    assert expected == WAITING_ON


def test_service_levels_are_cdsp_2_network_10_shipper_10_working_days() -> None:
    assert SERVICE_LEVEL_WORKING_DAYS == {P.CDSP: 2, P.NETWORK: 10, P.SHIPPER: 10}
    # Every status that waits on a person has a service level.
    for status, party in WAITING_ON.items():
        assert (party in SERVICE_LEVEL_WORKING_DAYS) == (party is not P.SYSTEM), status


@pytest.mark.parametrize("status", FINAL)
def test_a_final_status_has_no_way_out(status: ContactStatus) -> None:
    assert not is_open(status)
    assert [t for t in TRANSITIONS if t.source is status] == []
    contact = contact_in(status)
    for move in Move:
        for actor in Party:
            with pytest.raises(InvalidTransition):
                contact.transition_for(move, actor)


@pytest.mark.parametrize("status", [s for s in ContactStatus if s not in FINAL])
def test_every_open_status_has_a_way_out(status: ContactStatus) -> None:
    assert is_open(status)
    assert any(t.source is status for t in TRANSITIONS)


# ---------------------------------------------------------------- withdrawal and MPRN creation


@pytest.mark.parametrize("status", BEFORE_NETWORK_ACCEPTED)
def test_the_shipper_may_withdraw_before_the_network_accepts(status: ContactStatus) -> None:
    transition = contact_in(status).transition_for(Move.WITHDRAW, P.SHIPPER)
    assert (transition.source, transition.target) == (status, S.WITHDRAWN)


@pytest.mark.parametrize("status", [S.NETWORK_ACCEPTED, *FINAL])
def test_no_withdrawal_once_the_network_has_accepted(status: ContactStatus) -> None:
    with pytest.raises(InvalidTransition) as refused:
        contact_in(status).transition_for(Move.WITHDRAW, P.SHIPPER)
    assert refused.value.status is status
    assert "MNC-2026-000123" in refused.value.message


@pytest.mark.parametrize("actor", [P.CDSP, P.NETWORK, P.SYSTEM])
def test_only_the_shipper_withdraws(actor: Party) -> None:
    with pytest.raises(NotPermitted):
        contact_in(S.WITH_NETWORK).transition_for(Move.WITHDRAW, actor)


def test_the_mprn_is_recorded_by_the_system_only() -> None:
    contact = contact_in(S.NETWORK_ACCEPTED)
    transition = contact.transition_for(Move.RECORD_MPRN, P.SYSTEM)
    assert transition.target is S.MPRN_CREATED
    for actor in (P.SHIPPER, P.CDSP, P.NETWORK):
        with pytest.raises(NotPermitted):
            contact.transition_for(Move.RECORD_MPRN, actor)
    assert [t.target for t in TRANSITIONS if t.source is S.NETWORK_ACCEPTED] == [S.MPRN_CREATED]


# ---------------------------------------------------------------- transition_for, exhaustively


@pytest.mark.parametrize("move", list(Move))
@pytest.mark.parametrize("status", list(ContactStatus))
def test_transition_for_refuses_what_the_table_does_not_allow(
    status: ContactStatus, move: Move
) -> None:
    allowed = expected_from(status, move)
    actors = {actor for _, actor in allowed}
    for actor in Party:
        if not allowed:
            with pytest.raises(InvalidTransition) as invalid:
                contact_in(status).transition_for(move, actor)
            assert invalid.value.status is status
        elif actor not in actors:
            with pytest.raises(NotPermitted):
                contact_in(status).transition_for(move, actor)
        else:
            # An answer goes back to whoever asked; try each possible asker.
            askers = (
                [t for t, a in allowed if a is actor] if move is Move.ANSWER_QUESTION else [None]
            )
            for asked_from in askers:
                transition = contact_in(status, asked_from).transition_for(move, actor)
                assert (transition.target, transition.actor) in allowed
                assert (transition.move, transition.source) == (move, status)


@pytest.mark.parametrize("asker", [S.WITH_CDSP, S.WITH_NETWORK])
def test_an_answer_goes_back_to_whoever_asked(asker: ContactStatus) -> None:
    # The question is asked from the asker's status, and the answer returns there.
    [asked] = transitions_for(Move.ASK_SHIPPER, asker)
    assert asked.target is S.AWAITING_SHIPPER
    contact = contact_in(S.AWAITING_SHIPPER, asked_from=asker)
    assert contact.transition_for(Move.ANSWER_QUESTION, P.SHIPPER).target is asker


def test_the_shipper_cannot_pick_up_or_allocate() -> None:
    with pytest.raises(NotPermitted):
        contact_in(S.LOGGED).transition_for(Move.PICK_UP, P.SHIPPER)
    with pytest.raises(NotPermitted):
        contact_in(S.WITH_CDSP).transition_for(Move.ALLOCATE_TO_NETWORK, P.NETWORK)


def test_the_network_cannot_act_on_a_contact_still_with_the_cdsp() -> None:
    with pytest.raises(NotPermitted):
        contact_in(S.WITH_CDSP).transition_for(Move.REJECT, P.NETWORK)
    with pytest.raises(InvalidTransition):
        contact_in(S.WITH_CDSP).transition_for(Move.ACCEPT, P.NETWORK)


def test_an_answer_with_no_record_of_who_asked_is_refused_not_a_crash() -> None:
    with pytest.raises(DomainError):
        contact_in(S.AWAITING_SHIPPER, asked_from=None).transition_for(
            Move.ANSWER_QUESTION, P.SHIPPER
        )
