"""The moves of an MNC contact after it is logged: one command, one handler, one event each."""

from __future__ import annotations

import asyncio
import logging
from calendar import monthrange
from collections.abc import Callable
from datetime import date
from typing import Protocol

from cms.core.accounts.model import AccountStatus, OrganisationKind, Role, Viewer
from cms.core.accounts.queries import AccountQueries, UserView
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
    RejectContact,
    RequestMissingMprns,
    WithdrawContact,
)
from cms.core.contacts.crn import Crn
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import (
    SERVICE_LEVEL_WORKING_DAYS,
    ContactStatus,
    Move,
    Party,
    parties_for,
    party_of,
)
from cms.core.contacts.model import Actor, MncContact
from cms.core.contacts.ports import (
    ContactsUnitOfWork,
    MeterPointCreationFailed,
    MeterPointRegistry,
    MprnRequests,
)
from cms.core.contacts.rejection_reasons import known_reason
from cms.core.contacts.visibility import scope_for
from cms.core.shared.calendar import UK, WorkingDayCalendar
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import (
    Channel,
    MessageSender,
    OutgoingMessage,
    send_after_commit,
)
from cms.core.shared.errors import NotFound, NotPermitted
from cms.core.shared.rejections import Rejected, Rejection
from cms.core.shared.text import FreeText

logger = logging.getLogger(__name__)
MAX_NOTE = 1_000
# A network plans a site visit for a working day from today up to this many months ahead; a
# later date is a mistyped year rather than a plan.
SITE_VISIT_HORIZON_MONTHS = 6
REMIND_WORKING_DAYS_BEFORE = 2  # at 8 of the Shipper's 10 working days


# What each move is, and who may make it, as the refusal of anyone else says it.
MOVE_WORDS = {
    Move.PICK_UP: "pick up a contact",
    Move.ASK_SHIPPER: "ask the Shipper a question",
    Move.ANSWER_QUESTION: "answer a question about a contact",
    Move.ALLOCATE_TO_NETWORK: "allocate a contact to a network",
    Move.MOVE_TO_NETWORK: "move a contact to another network",
    Move.HAND_BACK: "hand a contact back to the CDSP",
    Move.BOOK_SITE_VISIT: "book a site visit",
    Move.ACCEPT: "accept a contact",
    Move.REJECT: "reject a contact",
    Move.WITHDRAW: "withdraw a contact",
}
PARTY_WORDS = {
    Party.SHIPPER: "the Shipper that raised it",
    Party.CDSP: "the CDSP",
    Party.NETWORK: "the gas network it is allocated to",
}


def may_ever(viewer: Viewer, move: Move) -> Party:
    """The viewer's party, if their kind of organisation ever makes this move; otherwise
    NotPermitted, which says nothing of any contact (so it comes before everything else)."""
    party = party_of(viewer.kind)
    allowed = parties_for(move)
    if party is None or party not in allowed:
        who = " or ".join(PARTY_WORDS[p] for p in sorted(allowed) if p in PARTY_WORDS)
        raise NotPermitted(f"Only {who} can {MOVE_WORDS[move]}.")
    return party


def may_assign(viewer: Viewer) -> Party:
    """A supervisor of the CDSP or of a network: the only people who assign work."""
    party = party_of(viewer.kind)
    if party is None or party is Party.SHIPPER:
        raise NotPermitted("Contacts are assigned by the CDSP and the networks only.")
    if not viewer.has_role(Role.SUPERVISOR):
        raise NotPermitted("Only a supervisor can assign or transfer contacts.")
    return party


def may_take_work(viewer: Viewer, user: UserView) -> bool:
    """Whom a supervisor may assign a contact to: an active user of their own organisation,
    themself included. The one rule both assigning and the list of colleagues follow."""
    return user.organisation.id == viewer.organisation.id and user.status is AccountStatus.ACTIVE


class OrganisationUsers(Protocol):
    async def users_of(self, organisation_id: str | None) -> list[UserView]: ...


async def colleagues(users: OrganisationUsers, viewer: Viewer) -> list[UserView]:
    """Whom this supervisor may assign work to, by name; nobody for anyone who may not assign."""
    try:
        may_assign(viewer)
    except NotPermitted:
        return []
    found = await users.users_of(viewer.organisation.id)
    return sorted(
        (user for user in found if may_take_work(viewer, user)),
        key=lambda user: (user.name.casefold(), user.id),
    )


def not_found(crn: str) -> NotFound:
    # The same words whether the contact is absent or belongs to someone else.
    return NotFound(f"No contact {crn} that you can see.")


QUESTION = FreeText("question", "The question", MAX_NOTE, required=True, multiline=True)
ANSWER = FreeText("answer", "The answer", MAX_NOTE, required=True, multiline=True)
NOTE = FreeText("note", "The note", MAX_NOTE, multiline=True)
REQUIRED_NOTE = FreeText("note", "The note", MAX_NOTE, required=True, multiline=True)


def _text(value: str | None, rule: FreeText) -> str | None:
    text, problems = rule.check(value)
    if problems:
        raise Rejected(problems)
    return text


def _required(value: str | None, rule: FreeText) -> str:
    """A text a move cannot be made without (its rule says required), checked."""
    text, problems = rule.check(value)
    if problems or text is None:
        raise Rejected(problems)
    return text


def long_day(day: date) -> str:
    """As a person writes it: 'Wednesday 2 September 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def months_after(day: date, months: int) -> date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class WorkflowHandlers:
    def __init__(
        self,
        uow: Callable[[], ContactsUnitOfWork],
        accounts: AccountQueries,
        registry: MeterPointRegistry,
        mprn_requests: MprnRequests,
        calendar: WorkingDayCalendar,
        clock: Clock,
        sender: MessageSender,
        uk_link_timeout_s: float = 30.0,
    ) -> None:
        self._uow = uow
        self._sender = sender
        self._timeout_s = uk_link_timeout_s
        self._accounts = accounts
        self._registry = registry
        self._mprn_requests = mprn_requests
        self._calendar = calendar
        self._clock = clock

    async def pick_up(self, command: PickUpContact) -> str:
        party = may_ever(command.viewer, Move.PICK_UP)
        return await self._move(command, party, lambda contact, by: contact.pick_up(by))

    async def ask_shipper(self, command: AskShipper) -> str:
        party = may_ever(command.viewer, Move.ASK_SHIPPER)
        question = _required(command.question, QUESTION)
        crn = await self._move(
            command, party, lambda contact, by: contact.ask_shipper(by, question)
        )
        await self._tell_raiser(
            crn,
            f"A question about your contact {crn}",
            f"{command.viewer.name} ({command.viewer.organisation.name}) asks about {crn}:\n\n"
            f"{question}\n\nAnswer it in CMS within {SERVICE_LEVEL_WORKING_DAYS[Party.SHIPPER]} "
            "working days, or the contact lapses.",
        )
        return crn

    async def answer_question(self, command: AnswerQuestion) -> str:
        party = may_ever(command.viewer, Move.ANSWER_QUESTION)
        answer = _required(command.answer, ANSWER)
        return await self._move(
            command, party, lambda contact, by: contact.answer_question(by, answer)
        )

    async def allocate_to_network(self, command: AllocateToNetwork) -> str:
        party = may_ever(command.viewer, Move.ALLOCATE_TO_NETWORK)
        note = _text(command.note, NOTE)
        return await self._move(
            command, party, lambda contact, by: contact.allocate_to_network(by, note=note)
        )

    async def move_to_network(self, command: MoveToNetwork) -> str:
        party = may_ever(command.viewer, Move.MOVE_TO_NETWORK)
        note, problems = REQUIRED_NOTE.check(command.note)
        network_id = command.network_id.strip()
        found = (await self._accounts.organisations_by_ids([network_id])).get(network_id)
        if found is None or found.kind is not OrganisationKind.NETWORK:
            problems.append(
                Rejection(
                    "NETWORK_UNKNOWN",
                    "networkId",
                    f"'{network_id[:40]}' is not a gas network in CMS; choose one from the "
                    "list of networks.",
                )
            )
        if problems or found is None or note is None:
            raise Rejected(problems)
        network = found.short_code
        return await self._move(
            command, party, lambda contact, by: contact.move_to_network(by, network, note)
        )

    async def hand_back(self, command: HandBackToCdsp) -> str:
        party = may_ever(command.viewer, Move.HAND_BACK)
        note = _required(command.note, REQUIRED_NOTE)
        return await self._move(command, party, lambda contact, by: contact.hand_back(by, note))

    async def book_site_visit(self, command: BookSiteVisit) -> str:
        party = may_ever(command.viewer, Move.BOOK_SITE_VISIT)
        note, note_problems = NOTE.check(command.note)
        problems = [*self._visit_day_problems(command.planned_for), *note_problems]
        if problems:
            raise Rejected(problems)
        planned_for = command.planned_for
        return await self._move(
            command,
            party,
            lambda contact, by: contact.book_site_visit(by, planned_for, note=note),
        )

    def _visit_day_problems(self, day: date) -> list[Rejection]:
        """A visit is planned for a working day, from today up to the horizon."""
        today = self._clock.now().astimezone(UK).date()
        latest = months_after(today, SITE_VISIT_HORIZON_MONTHS)
        if day < today:
            return [
                Rejection(
                    "DATE_IN_PAST",
                    "plannedFor",
                    f"The visit must be planned for today ({long_day(today)}) or later.",
                )
            ]
        if day > latest:
            return [
                Rejection(
                    "VISIT_TOO_FAR_AHEAD",
                    "plannedFor",
                    f"A site visit can be planned up to {SITE_VISIT_HORIZON_MONTHS} months "
                    f"ahead: no later than {long_day(latest)}. Check the year.",
                )
            ]
        if not self._calendar.is_working_day(day):
            following = self._calendar.add_working_days(day, 1)
            choose = (
                f"the next working day is {long_day(following)}"
                if following <= latest
                else "choose an earlier working day"
            )
            return [
                Rejection(
                    "NOT_A_WORKING_DAY",
                    "plannedFor",
                    f"{long_day(day)} is not a working day (weekends and England and Wales "
                    f"bank holidays are not); {choose}.",
                )
            ]
        return []

    async def accept(self, command: AcceptContact) -> str:
        party = may_ever(command.viewer, Move.ACCEPT)
        note = _text(command.note, NOTE)
        crn = await self._move(command, party, lambda contact, by: contact.accept(by, note=note))
        # Committed first: if the queue is down, the periodic sweep still asks UK Link.
        try:
            await self._mprn_requests.request_mprn(crn)
        except Exception:  # the contact waits in NETWORK_ACCEPTED; the sweep will retry
            logger.exception("could not queue MPRN creation for %s", crn)
        return crn

    async def reject(self, command: RejectContact) -> str:
        party = may_ever(command.viewer, Move.REJECT)
        code = known_reason(command.reason_code)
        note = _required(command.note, REQUIRED_NOTE)
        return await self._move(command, party, lambda contact, by: contact.reject(by, code, note))

    async def withdraw(self, command: WithdrawContact) -> str:
        party = may_ever(command.viewer, Move.WITHDRAW)
        note = _required(command.note, REQUIRED_NOTE)
        return await self._move(command, party, lambda contact, by: contact.withdraw(by, note))

    async def assign(self, command: AssignContact) -> str:
        viewer = command.viewer
        party = may_assign(viewer)  # a Shipper's contacts are its raisers': none to assign
        if command.assignee_id is not None:
            found = (await self._accounts.users_by_ids([command.assignee_id])).get(
                command.assignee_id
            )
            if found is None or not may_take_work(viewer, found):
                raise Rejected(
                    [
                        Rejection(
                            "ASSIGNEE_INVALID",
                            "assigneeId",
                            "Assign to an active user of your own organisation.",
                        )
                    ]
                )
        crn = Crn.parse(command.crn)
        async with self._uow() as uow:
            contact = await self._visible(uow, viewer, crn)
            contact.assign(
                command.assignee_id, actor=party, actor_id=viewer.user_id, at=self._clock.now()
            )
            await uow.contacts.save(contact)
            await uow.commit()
        return str(crn)

    async def create_mprn(self, command: CreateMprn) -> str | None:
        """Idempotent: a contact no longer waiting for its MPRN is left alone, and UK Link
        gives the same MPRN to the same request however often it is asked."""
        crn = Crn.parse(command.crn)
        async with self._uow() as uow:
            contact = await uow.contacts.get(crn)
            if contact is None or contact.status is not ContactStatus.NETWORK_ACCEPTED:
                return None
        try:
            mprn: Mprn = await asyncio.wait_for(
                self._registry.create_meter_point(
                    str(crn), contact.site.udprn, contact.site.address.matching_key()
                ),
                timeout=self._timeout_s,
            )
        except TimeoutError as error:
            raise MeterPointCreationFailed(
                f"UK Link did not answer within {self._timeout_s:g} seconds."
            ) from error
        async with self._uow() as uow:
            contact = await uow.contacts.get(crn)
            if contact is None or contact.status is not ContactStatus.NETWORK_ACCEPTED:
                return None
            contact.record_mprn(self._system(), mprn, f"UK Link created the meter point {mprn}.")
            await uow.contacts.save(contact)
            await uow.commit()
        return str(mprn)

    async def request_missing_mprns(self, command: RequestMissingMprns) -> int:
        """Queue MPRN creation again for every accepted contact still without one."""
        async with self._uow() as uow:
            waiting = await uow.contacts.awaiting_mprn()
        for crn in waiting:
            await self._mprn_requests.request_mprn(str(crn))
        return len(waiting)

    async def lapse_unanswered(self, command: LapseUnansweredQuestions) -> list[str]:
        """Remind the Shipper 2 working days before, and lapse questions unanswered for 10
        working days (the Shipper's service level). Idempotent: a reminder is sent once."""
        today = self._clock.now().astimezone(UK).date()
        lapsed = []
        async with self._uow() as uow:
            waiting = await uow.contacts.awaiting_shipper()
        for crn in waiting:
            async with self._uow() as uow:
                contact = await uow.contacts.get(crn)
                if contact is None or contact.status is not ContactStatus.AWAITING_SHIPPER:
                    continue
                if contact.due_by is None:
                    continue
                due_day = contact.due_by.astimezone(UK).date()
                if due_day >= today:
                    left = self._calendar.working_days_between(today, due_day)
                    if left <= REMIND_WORKING_DAYS_BEFORE and contact.reminded_at is None:
                        contact.remind(
                            self._clock.now(), f"Reminder sent: {left} working days left to answer."
                        )
                        await uow.contacts.save(contact)
                        await uow.commit()
                        await self._tell_raiser(
                            str(crn),
                            f"Reminder: a question about {crn} awaits your answer",
                            f"The question about your contact {crn} is still unanswered. "
                            f"Answer it by {due_day:%-d %B %Y} or the contact lapses.",
                        )
                    continue
                contact.lapse(
                    self._system(),
                    f"No answer within {SERVICE_LEVEL_WORKING_DAYS[Party.SHIPPER]} working days.",
                )
                await uow.contacts.save(contact)
                await uow.commit()
                lapsed.append(str(crn))
        return lapsed

    async def _tell_raiser(self, crn: str, subject: str, body: str) -> None:
        """Email the person who raised the contact; a failed email does not undo the move."""
        async with self._uow() as uow:
            contact = await uow.contacts.get(Crn.parse(crn))
        if contact is None:
            return
        raiser = (await self._accounts.users_by_ids([contact.raised_by])).get(contact.raised_by)
        if raiser is None:
            return
        await send_after_commit(
            self._sender,
            OutgoingMessage(channel=Channel.EMAIL, to=raiser.email, subject=subject, body=body),
        )

    async def _move(
        self,
        command: ContactCommand,
        party: Party,
        make: Callable[[MncContact, Actor], object],
    ) -> str:
        """Load the contact the viewer can see, make the move on it, and commit: the unit of
        work stores the move's event with the contact."""
        viewer = command.viewer
        crn = Crn.parse(command.crn)
        async with self._uow() as uow:
            contact = await self._visible(uow, viewer, crn)
            make(contact, Actor(party, viewer.user_id, self._clock.now(), self._calendar))
            await uow.contacts.save(contact)
            await uow.commit()
        return str(crn)

    def _system(self) -> Actor:
        """The system, making a move of its own now (lapsing, recording the MPRN)."""
        return Actor(Party.SYSTEM, None, self._clock.now(), self._calendar)

    @staticmethod
    async def _visible(uow: ContactsUnitOfWork, viewer: Viewer, crn: Crn) -> MncContact:
        contact = await uow.contacts.get(crn)
        if contact is None or not scope_for(viewer).admits(
            contact.shipper_organisation_id, contact.allocated_network
        ):
            raise not_found(str(crn))
        return contact
