"""The MNC lifecycle under random use: many actors, many contacts, the real handlers on fakes.

A hypothesis state machine raises contacts and makes every move of the lifecycle by random
actors (two Shippers, the CDSP, two Networks and a Supplier) through ``ContactsHandlers`` and
``WorkflowHandlers``, on in-memory fakes of their ports. It keeps its own model of each
contact, built only from ``TRANSITIONS`` and the visibility rule, predicts the outcome of
every move, and after every step checks every contact: its status, its history (replayed and
append-only), who may see it, and its MPRN.
"""

from __future__ import annotations

import asyncio
import copy
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from cms.core.accounts.model import AccountStatus, Organisation, OrganisationKind, Role, Viewer
from cms.core.accounts.queries import UserView
from cms.core.addresses.address import Address
from cms.core.addresses.ldz import NetworkOwner
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    ContactCommand,
    CreateMprn,
    HandBackToCdsp,
    LapseUnansweredQuestions,
    MoveToNetwork,
    PickUpContact,
    RaiseMncContact,
    RejectContact,
    RequestMissingMprns,
    WithdrawContact,
)
from cms.core.contacts.crn import Crn
from cms.core.contacts.events import ContactEvent, ContactLogged
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import (
    FINAL_STATUSES,
    SERVICE_LEVEL_WORKING_DAYS,
    TRANSITIONS,
    WAITING_ON,
    ContactStatus,
    Move,
    Party,
    parties_for,
    transitions_for,
)
from cms.core.contacts.model import InvalidTransition
from cms.core.contacts.ports import MeterPointCreationFailed
from cms.core.contacts.raising import ContactLoggedResult, ContactRejectedResult, ContactsHandlers
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.contacts.values import ManualAddress, MarketSector, MncReason
from cms.core.contacts.visibility import scope_for
from cms.core.contacts.workflow import WorkflowHandlers
from cms.core.shared.calendar import UK, WorkingDayCalendar
from cms.core.shared.clock import FixedClock
from cms.core.shared.errors import ConcurrencyConflict, NotFound, NotPermitted
from cms.core.shared.messages import Event
from cms.core.shared.rejections import Rejected
from tests.support.fakes import (
    AnyPhoneNumberRules,
    IndustryNetworks,
    InMemoryAccountQueries,
    InMemoryAddressBook,
    InMemoryLdzReference,
    InMemoryUkLinkRegister,
    InMemoryWorkflowStore,
    RecordingMprnRequests,
    RecordingSender,
    workflow_unit_of_work_factory,
)
from tests.support.paf_fakes import InMemoryAddressIndex

S = ContactStatus
K = OrganisationKind

# ---------------------------------------------------------------- the actors

ALPHA = Organisation("org-alpha", "Alpha Gas Shipping", K.SHIPPER, "ALPHA")
BETA = Organisation("org-beta", "Beta Energy Shipping", K.SHIPPER, "BETA")
XOSERVE = Organisation("org-cdsp", "Xoserve", K.CDSP, "CDSP")
# A network sees the contacts allocated to its short code, which is the owner of the LDZ.
CADENT = Organisation("org-cadent", "Cadent", K.NETWORK, NetworkOwner.CADENT.value)
NGN = Organisation("org-ngn", "Northern Gas Networks", K.NETWORK, NetworkOwner.NGN.value)
BRIGHT = Organisation("org-bright", "Bright Supply", K.SUPPLIER, "BRIGHT")


def _viewer(user_id: str, name: str, organisation: Organisation, *roles: Role) -> Viewer:
    return Viewer(user_id, name, f"{user_id}@example.com", organisation, frozenset(roles))


ALICE = _viewer("user-alice", "Alice Ward", ALPHA, Role.USER, Role.SUPERVISOR)
BEN = _viewer("user-ben", "Ben Ortiz", BETA, Role.USER)
CAROL = _viewer("user-carol", "Carol Shaw", XOSERVE, Role.USER, Role.SUPERVISOR)
DEV = _viewer("user-dev", "Dev Patel", CADENT, Role.USER, Role.SUPERVISOR)
NINA = _viewer("user-nina", "Nina Berg", NGN, Role.USER)
SAM = _viewer("user-sam", "Sam Cole", BRIGHT, Role.USER)
ACTORS = (ALICE, BEN, CAROL, DEV, NINA, SAM)
ACTOR = {actor.user_id: actor for actor in ACTORS}  # rules draw ids: readable failing examples


def _user(viewer: Viewer, status: AccountStatus = AccountStatus.ACTIVE) -> UserView:
    return UserView(
        viewer.user_id, viewer.name, viewer.email, viewer.organisation, viewer.roles, status,
        None, None,
    )  # fmt: skip


# People a supervisor may try to assign a contact to: colleagues, strangers, the inactive.
USERS = (
    *(_user(actor) for actor in ACTORS),
    _user(_viewer("user-arthur", "Arthur Lee", ALPHA, Role.USER)),
    _user(_viewer("user-dora", "Dora Finch", XOSERVE, Role.USER), AccountStatus.DISABLED),
    _user(_viewer("user-eve", "Eve Lund", NGN, Role.USER), AccountStatus.INVITED),
)
USERS_BY_ID = {user.id: user for user in USERS}
ME = "me"  # the supervisor assigns the contact to themself
ASSIGNEES: tuple[str | None, ...] = (None, ME, *USERS_BY_ID, "user-nobody")

# ---------------------------------------------------------------- the sites


@dataclass(frozen=True)
class SiteChoice:
    """A site a Shipper may ask for: a PAF delivery point, or an address typed by hand."""

    label: str
    address: Address  # as the handler resolves it
    network: str
    manual: ManualAddress | None = None

    @property
    def udprn(self) -> str | None:
        return None if self.manual else self.address.udprn

    @property
    def key(self) -> str:
        return self.address.matching_key()


def _paf(udprn: str, postcode: str, town: str, number: str, street: str, **more: str) -> Address:
    return Address(
        udprn, Postcode.parse(postcode), town, building_number=number, thoroughfare=street, **more
    )


def _manual(
    label: str, number: str, street: str, town: str, postcode: str, network: str
) -> SiteChoice:
    return SiteChoice(
        label,
        Address(None, Postcode.parse(postcode), town, building_number=number, thoroughfare=street),
        network,
        ManualAddress(number, street, town, postcode),
    )


_CADENT, _NGN = NetworkOwner.CADENT.value, NetworkOwner.NGN.value
OAK_12 = _paf("12345678", "LS6 2AB", "LEEDS", "12", "OAK ROAD")
OAK_14 = _paf("12345679", "LS6 2AB", "LEEDS", "14", "OAK ROAD")  # UK Link has a meter point
BAKERY = _paf("12345690", "LS6 2AB", "LEEDS", "20", "OAK ROAD", organisation_name="BAKERY")
PHARMACY = _paf("12345691", "LS6 2AB", "LEEDS", "20", "OAK ROAD", organisation_name="PHARMACY")
GREY_3 = _paf("22345678", "NE1 4ST", "NEWCASTLE UPON TYNE", "3", "GREY STREET")
PICCADILLY_1 = _paf("32345678", "M1 1AE", "MANCHESTER", "1", "PICCADILLY")
NEW_STREET_5 = _paf("42345678", "B1 1BB", "BIRMINGHAM", "5", "NEW STREET")
SITES = (
    SiteChoice("12 Oak Road, Leeds", OAK_12, _NGN),
    SiteChoice("14 Oak Road, Leeds (has an MPRN)", OAK_14, _NGN),
    SiteChoice("Bakery, 20 Oak Road, Leeds", BAKERY, _NGN),
    SiteChoice("Pharmacy, 20 Oak Road, Leeds (same premises)", PHARMACY, _NGN),
    SiteChoice("3 Grey Street, Newcastle", GREY_3, _NGN),
    SiteChoice("1 Piccadilly, Manchester", PICCADILLY_1, _CADENT),
    SiteChoice("5 New Street, Birmingham", NEW_STREET_5, _CADENT),
    # Typed by hand: the same premises as the PAF's 12 Oak Road, and a site PAF lacks.
    _manual("12 Oak Road, Leeds, typed", "12", "OAK ROAD", "LEEDS", "LS6 2AB", _NGN),
    _manual("7 Canal Side, Birmingham, typed", "7", "CANAL SIDE", "BIRMINGHAM", "B2 4QA", _CADENT),
)
SITE = {site.label: site for site in SITES}
MPRN_AT_OAK_14 = Mprn.parse("3938424403")


def same_delivery_point(a: SiteChoice, b: SiteChoice) -> bool:
    """DOMAIN.md's duplicate rule: the same UDPRN, or the same premises where one was typed by
    hand (businesses sharing premises have a UDPRN each and are different sites)."""
    if a.udprn is not None and a.udprn == b.udprn:
        return True
    return a.key == b.key and (a.manual is not None or b.manual is not None)


# ---------------------------------------------------------------- moves and their inputs

MOVES: dict[str, Move] = {
    "pick_up": Move.PICK_UP,
    "ask_shipper": Move.ASK_SHIPPER,
    "answer_question": Move.ANSWER_QUESTION,
    "allocate_to_network": Move.ALLOCATE_TO_NETWORK,
    "book_site_visit": Move.BOOK_SITE_VISIT,
    "accept": Move.ACCEPT,
    "reject": Move.REJECT,
    "withdraw": Move.WITHDRAW,
    "move_to_network": Move.MOVE_TO_NETWORK,
    "hand_back": Move.HAND_BACK,
}
KINDS = (*MOVES, "assign")
TEXT_REQUIRED = {"ask_shipper", "answer_question", "reject", "withdraw"}
TEXT_REQUIRED |= {"move_to_network", "hand_back"}
PARTY_OF_KIND = {K.SHIPPER: Party.SHIPPER, K.CDSP: Party.CDSP, K.NETWORK: Party.NETWORK}
KIND_OF_MOVE = {move: kind for kind, move in MOVES.items()}
# Drawn instead of a user: whoever's turn it is (the raiser's shipper, the CDSP, the network
# the contact belongs to), so that moves by the right party on the right contact are common.
USUAL = "usual"
GOOD_TEXT = "Checked against the site plan."
TOO_LONG = "<1,001 characters>"  # stands for them in failing examples
TEXTS = (GOOD_TEXT,) * 8 + (None, "", "   ", TOO_LONG, "a bell\x07", "line\nand\ttab")
REASON_CODES = (*REJECTION_REASONS,) * 2 + (" other ", "not_a_reason", "")
LAPSE_NOTE = f"No answer within {SERVICE_LEVEL_WORKING_DAYS[Party.SHIPPER]} working days."
EXPECTED_ERRORS = (InvalidTransition, NotPermitted, NotFound, Rejected, ConcurrencyConflict)
# A well-formed CRN that is never issued: what a contact nobody may see must behave like.
GHOST = str(Crn.issue("MNC", 2026, 999_999))
CRN_IN_TEXT = re.compile(r"\bMNC-\d{4}-\d{6,}\b")
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday morning


@dataclass(frozen=True)
class Inputs:
    text: str | None
    reason_code: str
    days_ahead: int
    assignee: str | None

    def assignee_for(self, viewer: Viewer) -> str | None:
        return viewer.user_id if self.assignee == ME else self.assignee


INPUTS = st.builds(
    Inputs,
    text=st.sampled_from(TEXTS),
    reason_code=st.sampled_from(REASON_CODES),
    days_ahead=st.integers(-3, 30),
    assignee=st.sampled_from(ASSIGNEES),
)


ANY_MOVE = st.tuples(st.sampled_from(KINDS), st.sampled_from((USUAL, *ACTOR)), INPUTS)
NATURAL_INPUTS = Inputs(GOOD_TEXT, "OTHER", 7, None)
RACER = st.one_of(ANY_MOVE, st.integers(0, 7))  # any move, or a natural one


def text_is_acceptable(text: str | None, required: bool) -> bool:
    text = "x" * 1_001 if text == TOO_LONG else text
    cleaned = (text or "").strip()
    if not cleaned:
        return not required
    return len(cleaned) <= 1_000 and not any(
        unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in cleaned
    )


def cleaned_note(text: str | None) -> str | None:
    return (text or "").strip() or None


# ---------------------------------------------------------------- the model


HistoryLine = tuple[str, str | None, str, str | None, datetime, str | None]


@dataclass
class Expected:
    """What the test believes about one contact, from the moves that succeeded."""

    crn: str
    shipper: Organisation
    raised_by: str
    site: SiteChoice
    since: datetime  # when its current status began: service levels count from here
    status: ContactStatus = S.LOGGED
    asked_from: ContactStatus | None = None
    reminded_at: datetime | None = None
    allocated_network: str | None = None
    assignee_id: str | None = None
    mprn: str | None = None
    history: list[HistoryLine] = field(default_factory=list)
    final_history_length: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in FINAL_STATUSES

    @property
    def network(self) -> str:
        """The network it is with, or (not allocated) the one that owns its zone."""
        return self.allocated_network or self.site.network

    @property
    def elsewhere(self) -> Organisation:
        """The network the CDSP moves it to: whichever of the two it is not for now."""
        return CADENT if self.network == NGN.short_code else NGN


def may_see(viewer: Viewer, contact: Expected) -> bool:
    """The visibility rule, from DOMAIN.md: own contacts, allocated contacts, all, or none."""
    organisation = viewer.organisation
    if organisation.kind is K.SHIPPER:
        return contact.shipper.id == organisation.id
    if organisation.kind is K.NETWORK:
        return contact.allocated_network == organisation.short_code
    return organisation.kind is K.CDSP


def outcome_name(outcome: object) -> str:
    return outcome.__name__ if isinstance(outcome, type) else f"ok {outcome}"


class LifecycleMachine(RuleBasedStateMachine):
    contacts = Bundle("contacts")

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.clock = FixedClock(START)
        self.calendar = WorkingDayCalendar(lambda day: False)
        self.store = InMemoryWorkflowStore()
        self.uk_link = InMemoryUkLinkRegister({MPRN_AT_OAK_14: OAK_14})
        self.mprn_requests = RecordingMprnRequests()
        self.sender = RecordingSender()
        self.emails_expected = 0
        uow = workflow_unit_of_work_factory(self.store)
        self.contacts_handlers = ContactsHandlers(
            uow=uow,
            addresses=InMemoryAddressBook(s.address for s in SITES if s.manual is None),
            address_index=InMemoryAddressIndex(s.address for s in SITES if s.manual is None),
            ldz_reference=InMemoryLdzReference(),
            uk_link=self.uk_link,
            phones=AnyPhoneNumberRules(),
            networks=IndustryNetworks(),
            calendar=self.calendar,
            clock=self.clock,
        )
        self.workflow = WorkflowHandlers(
            uow=uow,
            accounts=InMemoryAccountQueries(USERS),
            registry=self.uk_link,
            mprn_requests=self.mprn_requests,
            calendar=self.calendar,
            clock=self.clock,
            sender=self.sender,
        )
        self.model: dict[str, Expected] = {}
        self.seen_events: list[Event] = []  # the event log as it was, deep-copied
        self.histories: dict[str, list[ContactEvent]] = {}

    def teardown(self) -> None:
        self.runner.close()

    # ------------------------------------------------------------ helpers

    @property
    def today(self) -> date:
        return self.clock.now().astimezone(UK).date()

    def actor(self, drawn: str, kind: str, crn: str) -> Viewer:
        if drawn != USUAL:
            return ACTOR[drawn]
        contact = self.model[crn]
        if kind in ("answer_question", "withdraw"):
            return ALICE if contact.shipper is ALPHA else BEN
        if kind in ("book_site_visit", "accept", "hand_back") or (
            contact.status in (S.WITH_NETWORK, S.SITE_VISIT_BOOKED)
            and kind in ("ask_shipper", "reject", "assign")
        ):
            return DEV if contact.network == CADENT.short_code else NINA
        return CAROL

    def command(self, kind: str, viewer: Viewer, crn: str, inputs: Inputs) -> ContactCommand:
        text = "x" * 1_001 if inputs.text == TOO_LONG else inputs.text
        match kind:
            case "pick_up":
                return PickUpContact(viewer=viewer, crn=crn)
            case "assign":
                return AssignContact(
                    viewer=viewer, crn=crn, assignee_id=inputs.assignee_for(viewer)
                )
            case "ask_shipper":
                return AskShipper(viewer=viewer, crn=crn, question=text or "")
            case "answer_question":
                return AnswerQuestion(viewer=viewer, crn=crn, answer=text or "")
            case "allocate_to_network":
                return AllocateToNetwork(viewer=viewer, crn=crn, note=text)
            case "book_site_visit":
                planned_for = self.today + timedelta(days=inputs.days_ahead)
                return BookSiteVisit(viewer=viewer, crn=crn, planned_for=planned_for, note=text)
            case "accept":
                return AcceptContact(viewer=viewer, crn=crn, note=text)
            case "reject":
                return RejectContact(
                    viewer=viewer, crn=crn, reason_code=inputs.reason_code, note=text or ""
                )
            case "withdraw":
                return WithdrawContact(viewer=viewer, crn=crn, note=text or "")
            case "move_to_network":
                destination = self.model[crn].elsewhere if crn in self.model else NGN
                return MoveToNetwork(
                    viewer=viewer, crn=crn, network_id=destination.id, note=text or ""
                )
            case "hand_back":
                return HandBackToCdsp(viewer=viewer, crn=crn, note=text or "")
        raise AssertionError(kind)

    async def call(self, kind: str, viewer: Viewer, crn: str, inputs: Inputs) -> Any:
        """The handler's answer, or the expected domain exception it raised (others escape)."""
        handler = getattr(self.workflow, kind)
        try:
            return await handler(self.command(kind, viewer, crn, inputs))
        except EXPECTED_ERRORS as error:
            return error

    def outcome_of(self, crn: str, answer: Any) -> ContactStatus | type[Exception]:
        if isinstance(answer, Exception):
            return type(answer)
        assert answer == crn
        return self.store.contacts[crn].status

    def predict(
        self, kind: str, viewer: Viewer, contact: Expected | None, inputs: Inputs
    ) -> ContactStatus | type[Exception]:
        """The outcome the rules give: the status after the move, or the refusal."""
        party = PARTY_OF_KIND.get(viewer.kind)
        if kind == "assign":
            if party is None or party is Party.SHIPPER:  # only the CDSP and networks assign
                return NotPermitted
            if not viewer.has_role(Role.SUPERVISOR):
                return NotPermitted
            assignee = inputs.assignee_for(viewer)
            if assignee is not None:
                user = USERS_BY_ID.get(assignee)
                if (
                    user is None
                    or user.organisation.id != viewer.organisation.id
                    or user.status is not AccountStatus.ACTIVE
                ):
                    return Rejected
            if contact is None or not may_see(viewer, contact):
                return NotFound
            if WAITING_ON.get(contact.status) is not party:
                return InvalidTransition
            return contact.status
        # A caller whose kind never makes the move is refused first, then malformed input,
        # both before the contact is looked at.
        if party is None or party not in parties_for(MOVES[kind]):
            return NotPermitted
        if kind == "book_site_visit" and (
            inputs.days_ahead < 0  # the drawn days are all within the six months' horizon
            or not self.calendar.is_working_day(self.today + timedelta(days=inputs.days_ahead))
        ):
            return Rejected
        if kind == "reject" and inputs.reason_code.strip().upper() not in REJECTION_REASONS:
            return Rejected
        if kind != "pick_up" and not text_is_acceptable(
            inputs.text, required=kind in TEXT_REQUIRED
        ):
            return Rejected
        if party is None or contact is None or not may_see(viewer, contact):
            return NotFound
        move = MOVES[kind]
        allowed = transitions_for(move, contact.status)
        if not allowed:
            return InvalidTransition
        by_actor = [t for t in allowed if t.actor is party]
        if not by_actor:
            return NotPermitted
        if move is Move.ANSWER_QUESTION:
            by_actor = [t for t in by_actor if t.target is contact.asked_from]
            if not by_actor:
                return InvalidTransition
        return by_actor[0].target

    def record_move(
        self,
        contact: Expected,
        kind: str,
        target: ContactStatus,
        actor_id: str | None,
        note: str | None,
    ) -> None:
        prior = contact.status
        contact.history.append((kind, prior, target, actor_id, self.clock.now(), note))
        contact.status = target
        contact.since = self.clock.now()
        if target in FINAL_STATUSES:
            contact.assignee_id = None
            contact.final_history_length = len(contact.history)

    def apply(self, contact: Expected, kind: str, viewer: Viewer, inputs: Inputs) -> None:
        """Bring the model up to date after a move that succeeded."""
        if kind == "assign":
            contact.assignee_id = inputs.assignee_for(viewer)
            line = ("ASSIGNED", contact.status, contact.status, viewer.user_id, self.clock.now())
            contact.history.append((*line, None))
            return
        move, prior = MOVES[kind], contact.status
        (transition,) = [
            t
            for t in transitions_for(move, prior)
            if t.actor is PARTY_OF_KIND[viewer.kind]
            and (move is not Move.ANSWER_QUESTION or t.target is contact.asked_from)
        ]
        if move is Move.PICK_UP:
            contact.assignee_id = viewer.user_id
        elif move is Move.ASK_SHIPPER:
            contact.asked_from = prior
            contact.reminded_at = None
            self.emails_expected += 1  # the raiser is told of the question
        elif move is Move.ANSWER_QUESTION:
            contact.asked_from = None
        elif move is Move.ALLOCATE_TO_NETWORK:
            contact.allocated_network = contact.site.network
            contact.assignee_id = None
        elif move is Move.MOVE_TO_NETWORK:
            contact.allocated_network = contact.elsewhere.short_code
            contact.assignee_id = None
        elif move is Move.HAND_BACK:
            contact.allocated_network = None
            contact.assignee_id = None
        note = None if kind == "pick_up" else cleaned_note(inputs.text)
        self.record_move(contact, move.value, transition.target, viewer.user_id, note)

    def check_allowed(
        self, kind: str, viewer: Viewer, prior: ContactStatus, after: ContactStatus
    ) -> None:
        """A move that succeeded is one of the lifecycle table's, by the actor's party."""
        party = PARTY_OF_KIND[viewer.kind]
        if kind == "assign":
            assert after is prior and WAITING_ON.get(prior) is party
            return
        assert any(
            t.move is MOVES[kind] and t.source is prior and t.target is after and t.actor is party
            for t in TRANSITIONS
        ), f"{viewer.user_id} made {kind} from {prior} to {after}: not in the lifecycle table"

    def attempt(self, kind: str, viewer: Viewer, crn: str, inputs: Inputs) -> None:
        contact = self.model[crn]
        prior = contact.status
        predicted = self.predict(kind, viewer, contact, inputs)
        queue_was_down = self.mprn_requests.failing
        answer = self.runner.run(self.call(kind, viewer, crn, inputs))
        outcome = self.outcome_of(crn, answer)
        event(f"{kind} by {viewer.kind}: {outcome_name(outcome)}")
        assert outcome == predicted, (
            f"{kind} by {viewer.user_id} on {crn} ({prior}, {inputs}): "
            f"got {outcome_name(outcome)} ({answer!r}), expected {outcome_name(predicted)}"
        )
        visible = may_see(viewer, contact)
        if isinstance(outcome, ContactStatus):
            assert visible
            self.check_allowed(kind, viewer, prior, outcome)
            self.apply(contact, kind, viewer, inputs)
            if kind == "accept":
                # Committed first, then queued; a queue that is down leaves it to the sweep.
                assert (crn in self.mprn_requests.requested) is not queue_was_down
            return
        if outcome is NotFound:
            assert not visible or viewer.kind not in PARTY_OF_KIND
        if not visible:
            # The unseen behave as if absent: NotFound, or exactly what a CRN that was never
            # issued gets (input refused before the look-up), never a state-dependent answer.
            assert outcome not in (InvalidTransition, ConcurrencyConflict)
            ghost = self.runner.run(self.call(kind, viewer, GHOST, inputs))
            assert type(ghost) is outcome, (outcome, ghost)
            assert str(ghost) == str(answer).replace(crn, GHOST), (answer, ghost)
            if outcome is not NotFound:
                event(f"{kind} by {viewer.kind}: {outcome.__name__} on an unseen contact")

    # ------------------------------------------------------------ rules

    @initialize(
        target=contacts,
        raiser=st.sampled_from(("user-alice", "user-ben")),
        label=st.sampled_from([site.label for site in SITES if site.address != OAK_14]),
    )
    def first_contact(self, raiser: str, label: str) -> Any:
        return self.raise_contact(raiser, label)

    @rule(
        target=contacts,
        raiser=st.sampled_from(
            ("user-alice", "user-ben") * 3 + ("user-carol", "user-dev", "user-sam")
        ),
        label=st.sampled_from([site.label for site in SITES]),
    )
    def raise_contact(self, raiser: str, label: str) -> Any:
        actor, site = ACTOR[raiser], SITE[label]
        command = RaiseMncContact(
            raised_by=actor,
            udprn=site.udprn,
            manual_address=site.manual,
            market_sector=MarketSector.DOMESTIC,
            annual_quantity_kwh=12_000,
            reason=MncReason.NEW_SERVICE,
        )
        submissions = len(self.store.submissions)
        try:
            result = self.runner.run(self.contacts_handlers.raise_mnc_contact(command))
        except NotPermitted:
            assert actor.kind is not K.SHIPPER
            assert len(self.store.submissions) == submissions
            event("raise: NotPermitted")
            return multiple()
        assert actor.kind is K.SHIPPER
        # Every submission is logged, with its reasons, for the right-first-time rate.
        assert len(self.store.submissions) == submissions + 1
        logged = self.store.submissions[-1]
        assert logged.user_id == actor.user_id
        assert logged.shipper_organisation_id == actor.organisation.id
        others = self.model.values()
        expected_codes = set()
        if any(c.is_open and same_delivery_point(c.site, site) for c in others):
            expected_codes.add("OPEN_CONTACT_EXISTS")
        if site.manual is not None and any(
            paf.manual is None and paf.key == site.key for paf in SITES
        ):  # typed by hand, but the PAF holds it: it must be chosen from the PAF
            expected_codes.add("MANUAL_ADDRESS_IN_PAF")
        if site.address == OAK_14 or any(
            c.mprn and same_delivery_point(c.site, site) for c in others
        ):
            expected_codes.add("SITE_HAS_MPRN")
        if expected_codes:
            assert isinstance(result, ContactRejectedResult), result
            assert {reason.code for reason in result.reasons} == expected_codes
            assert logged.crn is None and set(logged.reason_codes) == expected_codes
            event(f"raise: refused {sorted(expected_codes)}")
            return multiple()
        assert isinstance(result, ContactLoggedResult), result
        crn = str(result.crn)
        assert crn not in self.model and result.crn.year == self.clock.now().year
        assert logged.crn == crn and logged.reason_codes == ()
        contact = Expected(crn, actor.organisation, actor.user_id, site, since=self.clock.now())
        contact.history.append(("LOGGED", None, S.LOGGED, actor.user_id, self.clock.now(), None))
        self.model[crn] = contact
        event("raise: logged")
        return crn

    @rule(crn=contacts, move=ANY_MOVE)
    def move(self, crn: str, move: tuple[str, str, Inputs]) -> None:
        """Any move, by anyone, with any input: mostly refused."""
        kind, actor, inputs = move
        self.attempt(kind, self.actor(actor, kind, crn), crn, inputs)

    def natural_move(self, crn: str, choice: int) -> tuple[str, str, Inputs] | None:
        """A move the lifecycle table allows next, by whoever's turn it is, with good input;
        mostly one that keeps the contact open, so that contacts get far."""
        contact = self.model[crn]
        allowed = [
            t
            for t in TRANSITIONS
            if t.source is contact.status
            and t.actor is not Party.SYSTEM
            and (t.move is not Move.ANSWER_QUESTION or t.target is contact.asked_from)
        ]
        if choice == 7 and WAITING_ON.get(contact.status) in (Party.CDSP, Party.NETWORK):
            return "assign", USUAL, replace(NATURAL_INPUTS, assignee=ME)
        onwards = [t for t in allowed if t.target not in FINAL_STATUSES]
        pool = onwards if onwards and choice < 6 else allowed
        if not pool:
            return None
        return KIND_OF_MOVE[pool[choice % len(pool)].move], USUAL, NATURAL_INPUTS

    @rule(crn=contacts, choices=st.lists(st.integers(0, 7), min_size=1, max_size=6))
    def natural_moves(self, crn: str, choices: list[int]) -> None:
        """A few natural moves in a row; everything is checked after each one."""
        for choice in choices:
            natural = self.natural_move(crn, choice)
            if natural is None:
                return
            kind, actor, inputs = natural
            self.attempt(kind, self.actor(actor, kind, crn), crn, inputs)
            self.everything_holds()

    @rule(crn=contacts, first=RACER, second=RACER)
    def race(
        self,
        crn: str,
        first: tuple[str, str, Inputs] | int,
        second: tuple[str, str, Inputs] | int,
    ) -> None:
        """A second request commits between the first one's read and its write."""
        racers = []
        for drawn in (first, second):
            racer = self.natural_move(crn, drawn) if isinstance(drawn, int) else drawn
            if racer is None:
                return
            racers.append(racer)
        (kind_a, id_a, inputs_a), (kind_b, id_b, inputs_b) = racers
        actor_a, actor_b = self.actor(id_a, kind_a, crn), self.actor(id_b, kind_b, crn)
        contact = self.model[crn]
        predicted_a = self.predict(kind_a, actor_a, contact, inputs_a)
        answers_b: list[Any] = []

        async def second_request() -> None:
            answers_b.append(await self.call(kind_b, actor_b, crn, inputs_b))

        self.store.after_next_get(second_request)
        answer_a = self.runner.run(self.call(kind_a, actor_a, crn, inputs_a))
        if not answers_b:  # the first was refused before it read the contact
            self.store.cancel_after_next_get()
            assert not isinstance(predicted_a, ContactStatus)
            assert self.outcome_of(crn, answer_a) == predicted_a
            event("race: first refused before reading")
            self.attempt(kind_b, actor_b, crn, inputs_b)
            return
        prior = contact.status
        predicted_b = self.predict(kind_b, actor_b, contact, inputs_b)
        outcome_b = self.outcome_of(crn, answers_b[0])
        if isinstance(answers_b[0], Exception):
            assert type(answers_b[0]) is predicted_b, (answers_b[0], predicted_b)
        else:
            assert isinstance(predicted_b, ContactStatus), (kind_b, predicted_b)
            self.check_allowed(kind_b, actor_b, prior, predicted_b)
            self.apply(contact, kind_b, actor_b, inputs_b)
        if isinstance(predicted_a, ContactStatus):
            if not isinstance(answers_b[0], Exception):
                # Never a silent overwrite: the stale write is refused.
                assert isinstance(answer_a, ConcurrencyConflict), answer_a
                event("race: stale write refused")
            else:
                assert answer_a == crn, answer_a
                self.check_allowed(kind_a, actor_a, prior, self.store.contacts[crn].status)
                self.apply(contact, kind_a, actor_a, inputs_a)
                event("race: both read, only the first wrote")
        else:
            assert type(answer_a) is predicted_a, (answer_a, predicted_a)
            event(f"race: first refused ({predicted_a.__name__}), second {outcome_name(outcome_b)}")

    @rule(hours=st.integers(1, 30))
    def time_passes(self, hours: int) -> None:
        self.clock.set(self.clock.now() + timedelta(hours=hours))

    @rule(days=st.integers(1, 16))
    def days_pass(self, days: int) -> None:
        """Day by day, each with its daily job (reminders and lapses), checked after each."""
        for _ in range(days):
            self.clock.set(self.clock.now() + timedelta(days=1))
            self.lapse_unanswered()
            self.everything_holds()

    @rule(uk_link_down=st.sampled_from((False,) * 3 + (True,)), queue_down=st.booleans())
    def outages(self, uk_link_down: bool, queue_down: bool) -> None:
        self.uk_link.failing = uk_link_down
        self.mprn_requests.failing = queue_down and uk_link_down  # rarer still

    @rule()
    def lapse_unanswered(self) -> None:
        """The daily job: remind 2 working days before the Shipper's 10 run out, then lapse."""
        lapses, reminders = self.daily_job_plan()
        lapsed = self.runner.run(self.workflow.lapse_unanswered(LapseUnansweredQuestions()))
        assert sorted(lapsed) == sorted(lapses)
        self.apply_daily_job(lapses, reminders)

    def daily_job_plan(self) -> tuple[list[str], dict[str, int]]:
        """What the daily job should do: the contacts to lapse, and those to remind (with the
        working days they have left)."""
        today = self.today
        days = SERVICE_LEVEL_WORKING_DAYS[Party.SHIPPER]
        lapses, reminders = [], {}
        for contact in self.model.values():
            if contact.status is not S.AWAITING_SHIPPER:
                continue
            due_day = self.calendar.due_by(contact.since, days).astimezone(UK).date()
            if due_day < today:
                lapses.append(contact.crn)
                continue
            left = self.calendar.working_days_between(today, due_day)
            if left <= 2 and contact.reminded_at is None:
                reminders[contact.crn] = left
        return lapses, reminders

    def apply_daily_job(self, lapses: list[str], reminders: dict[str, int]) -> None:
        now = self.clock.now()
        for crn, left in reminders.items():
            contact = self.model[crn]
            contact.reminded_at = now
            note = f"Reminder sent: {left} working days left to answer."
            contact.history.append(
                ("REMINDER_SENT", S.AWAITING_SHIPPER, S.AWAITING_SHIPPER, None, now, note)
            )
            self.emails_expected += 1
            event("lapse: reminded one")
        for crn in lapses:
            self.record_move(self.model[crn], Move.LAPSE.value, S.LAPSED, None, LAPSE_NOTE)
            event("lapse: lapsed one")

    @precondition(lambda self: any(c.status is S.AWAITING_SHIPPER for c in self.model.values()))
    @rule(hours=st.integers(0, 24 * 20))
    def answer_races_daily_job(self, hours: int) -> None:
        """The Shipper answers just after the daily job read the contact it is about to lapse
        or remind: one of the two wins, never both, and nothing is overwritten."""
        self.clock.set(self.clock.now() + timedelta(hours=hours))
        crn = next(c.crn for c in self.model.values() if c.status is S.AWAITING_SHIPPER)
        contact = self.model[crn]
        raiser = ACTOR[contact.raised_by]
        lapses, reminders = self.daily_job_plan()
        predicted = self.predict("answer_question", raiser, contact, NATURAL_INPUTS)
        assert predicted in (S.WITH_CDSP, S.WITH_NETWORK)
        answers: list[Any] = []

        async def answer() -> None:
            answers.append(await self.call("answer_question", raiser, crn, NATURAL_INPUTS))

        self.store.after_next_get(answer)
        try:
            lapsed = self.runner.run(self.workflow.lapse_unanswered(LapseUnansweredQuestions()))
        except ConcurrencyConflict:
            lapsed = None
        assert answers == [crn], answers  # the answer is never refused: it came first
        self.apply(contact, "answer_question", raiser, NATURAL_INPUTS)
        if crn in lapses or crn in reminders:
            # The job's write on the stale contact is refused (the bus retries it once).
            assert lapsed is None, lapsed
            event("daily job: stale lapse or reminder refused")
            return
        assert lapsed is not None and sorted(lapsed) == sorted(lapses)
        self.apply_daily_job(lapses, reminders)
        event("daily job: raced an answer to a question not yet due")

    @rule(crn=contacts, at_read=st.sampled_from((1, 2)))
    def duplicate_mprn_jobs(self, crn: str, at_read: int) -> None:
        """A second delivery of the MPRN job runs inside the first, after its first or second
        read of the contact: one MPRN, recorded once, whatever the interleaving."""
        contact = self.model[crn]
        seconds: list[Any] = []

        async def second_job() -> None:
            try:
                seconds.append(await self.workflow.create_mprn(CreateMprn(crn=crn)))
            except (MeterPointCreationFailed, ConcurrencyConflict) as error:
                seconds.append(error)

        async def arm_second_job() -> None:
            self.store.after_next_get(second_job)

        self.store.after_next_get(second_job if at_read == 1 else arm_second_job)
        try:
            first: Any = self.runner.run(self.workflow.create_mprn(CreateMprn(crn=crn)))
        except (MeterPointCreationFailed, ConcurrencyConflict) as error:
            first = error
        if not seconds:  # the first job read the contact once only: nothing to do, or UK Link down
            self.store.cancel_after_next_get()
            if contact.status is S.NETWORK_ACCEPTED:
                assert self.uk_link.failing and isinstance(first, MeterPointCreationFailed)
            else:
                assert first is None, first
            self.create_mprn(crn)
            return
        (second,) = seconds
        if contact.status is not S.NETWORK_ACCEPTED:
            assert first is None and second is None, (first, second)
            return
        if self.uk_link.failing:
            assert isinstance(second, MeterPointCreationFailed), second
            if at_read == 1:
                assert isinstance(first, MeterPointCreationFailed), first
            event("duplicate MPRN jobs: UK Link down")
            return
        assert isinstance(second, str), second
        if at_read == 1:
            assert first is None, first  # it found the MPRN already recorded
        else:
            assert isinstance(first, ConcurrencyConflict), first  # never a second write
        self.record_mprn(contact, second)
        assert self.runner.run(self.workflow.create_mprn(CreateMprn(crn=crn))) is None
        event(f"duplicate MPRN jobs: one MPRN (second job ran at read {at_read})")

    def create_mprn(self, crn: str) -> None:
        contact = self.model[crn]
        try:
            answer = self.runner.run(self.workflow.create_mprn(CreateMprn(crn=crn)))
        except MeterPointCreationFailed:
            assert contact.status is S.NETWORK_ACCEPTED and self.uk_link.failing
            event("create_mprn: UK Link down")
            return
        if contact.status is not S.NETWORK_ACCEPTED:
            assert answer is None
            event("create_mprn: nothing to do")
            return
        assert answer is not None and not self.uk_link.failing
        self.record_mprn(contact, answer)
        event("create_mprn: created")

    def record_mprn(self, contact: Expected, mprn: str) -> None:
        assert str(Mprn.parse(mprn)) == mprn
        contact.mprn = mprn
        note = f"UK Link created the meter point {mprn}."
        self.record_move(contact, Move.RECORD_MPRN.value, S.MPRN_CREATED, None, note)

    @precondition(lambda self: self.mprn_requests.requested)
    @rule(pick=st.integers(0, 20))
    def run_queued_mprn_job(self, pick: int) -> None:
        queue = self.mprn_requests.requested
        self.create_mprn(queue.pop(pick % len(queue)))

    @rule(crn=contacts)
    def create_mprn_again(self, crn: str) -> None:
        self.create_mprn(crn)

    @precondition(lambda self: not self.mprn_requests.failing)
    @rule()
    def request_missing_mprns(self) -> None:
        before = len(self.mprn_requests.requested)
        count = self.runner.run(self.workflow.request_missing_mprns(RequestMissingMprns()))
        expected = sorted(c.crn for c in self.model.values() if c.status is S.NETWORK_ACCEPTED)
        assert count == len(expected)
        assert sorted(self.mprn_requests.requested[before:]) == expected

    # ------------------------------------------------------------ invariants

    @invariant()
    def everything_holds(self) -> None:
        """Checked after every step, for every contact."""
        self.the_event_log_is_append_only()
        self.each_email_goes_to_the_raiser_of_its_contact()
        self.every_contact_is_as_the_model_says()
        self.uk_link_holds_no_orphan_meter_point()

    def uk_link_holds_no_orphan_meter_point(self) -> None:
        """Each MPRN UK Link gave is the one its contact records, or will on a retry."""
        for crn, mprn in self.uk_link.answered:
            contact = self.model[crn]
            assert contact.mprn == str(mprn) or (
                contact.mprn is None and contact.status is S.NETWORK_ACCEPTED
            ), (crn, mprn, contact.mprn, contact.status)

    def the_event_log_is_append_only(self) -> None:
        log = self.store.events
        assert len(log) >= len(self.seen_events)
        for now, then in zip(log, self.seen_events, strict=False):
            assert now == then, f"an event was changed: {then} became {now}"
        for new in log[len(self.seen_events) :]:
            self.seen_events.append(copy.deepcopy(new))
            if isinstance(new, ContactEvent) and new.stream_id in self.store.contacts:
                self.histories.setdefault(new.stream_id, []).append(new)

    def each_email_goes_to_the_raiser_of_its_contact(self) -> None:
        assert len(self.sender.messages) == self.emails_expected
        for message in self.sender.messages:
            crns = set(CRN_IN_TEXT.findall(message.subject)) | set(
                CRN_IN_TEXT.findall(message.body)
            )
            assert len(crns) == 1, message
            (crn,) = crns
            assert message.to == USERS_BY_ID[self.model[crn].raised_by].email, message

    def every_contact_is_as_the_model_says(self) -> None:
        assert set(self.store.contacts) == set(self.model)
        mprns: dict[Mprn, str] = {}
        for crn, expected in self.model.items():
            stored = self.store.contacts[crn]
            status = stored.status
            assert isinstance(status, ContactStatus) and status in set(ContactStatus)
            assert status is expected.status, (crn, status, expected.status)
            assert stored.shipper_organisation_id == expected.shipper.id
            assert stored.raised_by == expected.raised_by
            assert stored.site.network == expected.site.network
            assert stored.site.manual is (expected.site.manual is not None)
            assert stored.site.address.matching_key() == expected.site.key
            assert stored.allocated_network == expected.allocated_network
            assert stored.asked_from is expected.asked_from
            assert stored.reminded_at == expected.reminded_at
            assert stored.assignee_id == expected.assignee_id, (crn, stored, expected)
            party = WAITING_ON.get(status)
            days = SERVICE_LEVEL_WORKING_DAYS.get(party) if party else None
            due = None if days is None else self.calendar.due_by(expected.since, days)
            assert stored.due_by == due, (crn, status, stored.due_by, due)

            # The history replays to the current status, and is what the moves made.
            history = self.histories[crn]
            assert isinstance(history[0], ContactLogged) and history[0].from_status is None
            for before, after in pairwise(history):
                assert after.from_status == before.to_status, (crn, before, after)
                assert after.occurred_at >= before.occurred_at
            assert history[-1].to_status == status
            lines = [
                (e.kind, e.from_status, e.to_status, e.actor_id, e.occurred_at, e.note)
                for e in history
            ]
            assert lines == expected.history, (crn, lines, expected.history)
            if expected.final_history_length is not None:  # final: nothing moves it again
                assert status in FINAL_STATUSES
                assert len(history) == expected.final_history_length

            # MPRNs: valid, unique, and only on contacts whose MPRN was created.
            if status is S.MPRN_CREATED:
                assert stored.mprn is not None and str(stored.mprn) == expected.mprn
                assert Mprn.parse(str(stored.mprn)) == stored.mprn
                assert stored.mprn not in mprns, f"{stored.mprn} on {mprns.get(stored.mprn)}"
                assert stored.mprn not in self.uk_link.meter_points
                mprns[stored.mprn] = crn
            else:
                assert stored.mprn is None, (crn, status, stored.mprn)

            # Visibility: the scope the adapters query with agrees with the rule.
            for viewer in ACTORS:
                admitted = scope_for(viewer).admits(
                    stored.shipper_organisation_id, stored.allocated_network
                )
                assert admitted is may_see(viewer, expected), (viewer.user_id, crn)


LifecycleMachine.TestCase.settings = settings(
    max_examples=1_000, stateful_step_count=30, deadline=None
)
TestLifecycle = LifecycleMachine.TestCase
