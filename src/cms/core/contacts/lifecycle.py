"""The MNC lifecycle held as data: statuses, who acts next, and every allowed move."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cms.core.accounts.model import OrganisationKind


class ContactStatus(StrEnum):
    LOGGED = "LOGGED"
    WITH_CDSP = "WITH_CDSP"
    AWAITING_SHIPPER = "AWAITING_SHIPPER"
    WITH_NETWORK = "WITH_NETWORK"
    SITE_VISIT_BOOKED = "SITE_VISIT_BOOKED"
    NETWORK_ACCEPTED = "NETWORK_ACCEPTED"
    MPRN_CREATED = "MPRN_CREATED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    LAPSED = "LAPSED"


class Party(StrEnum):
    """Who may make a move: a kind of organisation, or the system itself."""

    SHIPPER = "SHIPPER"
    CDSP = "CDSP"
    NETWORK = "NETWORK"
    SYSTEM = "SYSTEM"


_PARTY_OF_KIND = {
    OrganisationKind.SHIPPER: Party.SHIPPER,
    OrganisationKind.CDSP: Party.CDSP,
    OrganisationKind.NETWORK: Party.NETWORK,
}


def party_of(kind: OrganisationKind) -> Party | None:
    """The party an organisation of this kind acts as in the lifecycle; a Supplier is none."""
    return _PARTY_OF_KIND.get(kind)


class Move(StrEnum):
    """The moves of the lifecycle; each is recorded in the history under its event kind."""

    RAISE = "LOGGED"
    PICK_UP = "PICKED_UP"
    ASK_SHIPPER = "QUESTION_ASKED"
    ANSWER_QUESTION = "QUESTION_ANSWERED"
    ALLOCATE_TO_NETWORK = "ALLOCATED_TO_NETWORK"
    MOVE_TO_NETWORK = "MOVED_TO_NETWORK"  # to a network the CDSP chooses, not the LDZ's owner
    HAND_BACK = "HANDED_BACK"  # the network returns it to the CDSP, saying why
    BOOK_SITE_VISIT = "SITE_VISIT_BOOKED"
    ACCEPT = "NETWORK_ACCEPTED"
    REJECT = "REJECTED"
    WITHDRAW = "WITHDRAWN"
    LAPSE = "LAPSED"
    RECORD_MPRN = "MPRN_CREATED"


S = ContactStatus

FINAL_STATUSES = frozenset({S.MPRN_CREATED, S.REJECTED, S.WITHDRAWN, S.LAPSED})

# Who acts next in each status that waits on somebody, and their service level in UK working
# days (decision in DOMAIN.md). NETWORK_ACCEPTED waits on the system (UK Link), with no SLA.
WAITING_ON: dict[ContactStatus, Party] = {
    S.LOGGED: Party.CDSP,
    S.WITH_CDSP: Party.CDSP,
    S.AWAITING_SHIPPER: Party.SHIPPER,
    S.WITH_NETWORK: Party.NETWORK,
    S.SITE_VISIT_BOOKED: Party.NETWORK,
    S.NETWORK_ACCEPTED: Party.SYSTEM,
}
SERVICE_LEVEL_WORKING_DAYS: dict[Party, int] = {
    Party.CDSP: 2,
    Party.NETWORK: 10,
    Party.SHIPPER: 10,
}


@dataclass(frozen=True, slots=True)
class Transition:
    move: Move
    source: ContactStatus | None  # None: the contact does not exist yet
    target: ContactStatus
    actor: Party


_WITHDRAWABLE = (S.LOGGED, S.WITH_CDSP, S.AWAITING_SHIPPER, S.WITH_NETWORK, S.SITE_VISIT_BOOKED)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Move.RAISE, None, S.LOGGED, Party.SHIPPER),
    Transition(Move.PICK_UP, S.LOGGED, S.WITH_CDSP, Party.CDSP),
    Transition(Move.ASK_SHIPPER, S.WITH_CDSP, S.AWAITING_SHIPPER, Party.CDSP),
    Transition(Move.ALLOCATE_TO_NETWORK, S.WITH_CDSP, S.WITH_NETWORK, Party.CDSP),
    Transition(Move.REJECT, S.WITH_CDSP, S.REJECTED, Party.CDSP),
    # An answer returns the contact to whoever asked: one of these two, by the asker's party.
    Transition(Move.ANSWER_QUESTION, S.AWAITING_SHIPPER, S.WITH_CDSP, Party.SHIPPER),
    Transition(Move.ANSWER_QUESTION, S.AWAITING_SHIPPER, S.WITH_NETWORK, Party.SHIPPER),
    Transition(Move.LAPSE, S.AWAITING_SHIPPER, S.LAPSED, Party.SYSTEM),
    Transition(Move.BOOK_SITE_VISIT, S.WITH_NETWORK, S.SITE_VISIT_BOOKED, Party.NETWORK),
    Transition(Move.ASK_SHIPPER, S.WITH_NETWORK, S.AWAITING_SHIPPER, Party.NETWORK),
    Transition(Move.ACCEPT, S.WITH_NETWORK, S.NETWORK_ACCEPTED, Party.NETWORK),
    Transition(Move.REJECT, S.WITH_NETWORK, S.REJECTED, Party.NETWORK),
    Transition(Move.ACCEPT, S.SITE_VISIT_BOOKED, S.NETWORK_ACCEPTED, Party.NETWORK),
    Transition(Move.REJECT, S.SITE_VISIT_BOOKED, S.REJECTED, Party.NETWORK),
    # A contact with the wrong network: the CDSP moves it to another (a booked visit lapses),
    # or the network hands it back to the CDSP, which then allocates or moves it.
    *(
        Transition(Move.MOVE_TO_NETWORK, source, S.WITH_NETWORK, Party.CDSP)
        for source in (S.WITH_CDSP, S.WITH_NETWORK, S.SITE_VISIT_BOOKED)
    ),
    *(
        Transition(Move.HAND_BACK, source, S.WITH_CDSP, Party.NETWORK)
        for source in (S.WITH_NETWORK, S.SITE_VISIT_BOOKED)
    ),
    Transition(Move.RECORD_MPRN, S.NETWORK_ACCEPTED, S.MPRN_CREATED, Party.SYSTEM),
    *(Transition(Move.WITHDRAW, source, S.WITHDRAWN, Party.SHIPPER) for source in _WITHDRAWABLE),
)


def transitions_for(move: Move, source: ContactStatus) -> tuple[Transition, ...]:
    """The allowed transitions of one move from one status (empty when not allowed)."""
    return tuple(t for t in TRANSITIONS if t.move is move and t.source is source)


def parties_for(move: Move) -> frozenset[Party]:
    """Who may ever make this move, from some status: the first thing a move checks."""
    return frozenset(t.actor for t in TRANSITIONS if t.move is move)


def is_open(status: ContactStatus) -> bool:
    return status not in FINAL_STATUSES
