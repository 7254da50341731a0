"""The story of one account scenario (features/accounts/): its people, its clock, and the
application's answers, with the `accounts` fixture that starts it.

A test module imports the `accounts` fixture from here and the steps it needs with `use_steps`
(tests/bdd/step_sharing.py). Steps are synchronous and drive the application through the
message bus and its read side, never its tables.

Time moves only forward, through `AccountsStory.advance_to`, and as it passes the nightly
inactivity check runs at 02:00 UK time, and the people who sign in every working day do so at
09:00, as they would in production.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pyotp
import pytest

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    Authenticate,
    DisableInactiveUsers,
    EnrolMfa,
    NominateUser,
    SignIn,
    VerifyMfa,
)
from cms.core.accounts.inactivity import SweepReport
from cms.core.accounts.model import (
    AccountStatus,
    MfaChannel,
    Nomination,
    OrganisationKind,
    Role,
    Viewer,
)
from cms.core.accounts.queries import UserView, visible_nominations
from cms.core.accounts.sign_in import MfaEnrolmentRequired, MfaFailed, MfaRequired, SignedIn
from cms.core.shared.delivery import Channel, OutgoingMessage
from cms.core.shared.errors import NotPermitted
from cms.core.shared.rejections import Rejected
from tests.conftest import Run
from tests.support.world import PASSWORD, World

UK = ZoneInfo("Europe/London")
NIGHTLY_CHECK = time(2, 0)  # when the inactivity check runs, UK time
WORKING_DAY_SIGN_IN = time(9, 0)  # when the people who sign in every working day do so
DAYTIME = time(10, 0)  # when something said to happen "on" a day happens
ORGANISATIONS: dict[str, tuple[str, OrganisationKind]] = {
    "Alpha Gas Shipping": ("AGS", OrganisationKind.SHIPPER),
    "Beta Energy Trading": ("BET", OrganisationKind.SHIPPER),
    "Xoserve": ("CDSP", OrganisationKind.CDSP),
}
CDSP = "Xoserve"
USUAL_DEVICE = "usual computer"
WRONG_PASSWORD = "not-the-password-at-all"
_CODE = re.compile(r"\b(\d{6})\b")


def uk_day(text: str) -> date:
    """'2 March 2026' as a date."""
    return datetime.strptime(text.strip(), "%d %B %Y").date()


def at_uk(day: date, clock_time: time) -> datetime:
    return datetime.combine(day, clock_time, tzinfo=UK).astimezone(UTC)


@dataclass
class Member:
    """A person in the scenario, and what they know: their email address and password."""

    name: str
    email: str
    organisation: str
    password: str = PASSWORD
    user_id: str | None = None  # None until the CDSP has made the account


@dataclass(frozen=True)
class Watch:
    """The messages sent since the watch began."""

    all_messages: list[OutgoingMessage]
    start: int

    @property
    def messages(self) -> list[OutgoingMessage]:
        return list(self.all_messages[self.start :])


@dataclass
class Night:
    """What one night's inactivity check reported, and the messages it sent."""

    report: SweepReport
    sent: list[OutgoingMessage]


@dataclass
class AccountsStory:
    """What one account scenario has set up and seen so far."""

    world: World
    run: Run[Any]
    people: dict[str, Member] = field(default_factory=dict)
    devices: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, device) -> token
    sessions: dict[str, str] = field(default_factory=dict)  # name -> session token
    regulars: list[str] = field(default_factory=list)  # who signs in every working day
    nights: dict[date, Night] = field(default_factory=dict)
    # What the application last answered, and what it sent while answering.
    outcome: Any = None
    error: Exception | None = None
    sent: list[OutgoingMessage] = field(default_factory=list)
    # A sign-in in progress: its challenge, what the user was shown, and the right code.
    challenge_id: str | None = None
    shown: MfaRequired | None = None
    right_code: str | None = None
    code_message: OutgoingMessage | None = None
    wrong_codes: list[MfaFailed] = field(default_factory=list)
    totp_secrets: dict[str, str] = field(default_factory=dict)
    totp_first_code: dict[str, str] = field(default_factory=dict)
    last_wrong_password_at: datetime | None = None
    nomination_id: str | None = None
    invitation_sent_at: datetime | None = None
    short_codes: dict[str, str] = field(default_factory=dict)  # organisations set up meanwhile

    # ------------------------------------------------------------------ people

    def member(self, name: str) -> Member:
        assert name in self.people, f"no step introduced {name}"
        return self.people[name]

    def introduce(self, name: str, organisation: str, email: str | None = None) -> Member:
        code = self.short_codes.get(organisation) or ORGANISATIONS[organisation][0]
        address = email or f"{name.lower()}@{code.lower()}.example"
        self.people[name] = Member(name=name, email=address, organisation=organisation)
        return self.people[name]

    def give_account(self, name: str, organisation: str, roles: tuple[Role, ...]) -> Member:
        """An account made directly, as the CDSP's first accounts were, not yet signed in."""
        member = self.introduce(name, organisation)
        code, _ = ORGANISATIONS[organisation]
        member.user_id = self.run(self.world.user(member.email, code, name, roles))
        return member

    # ------------------------------------------------------------------ the application

    def handle(self, command: Any) -> Any:
        return self.run(self.world.bus().handle(command))

    @contextmanager
    def watching(self) -> Iterator[Watch]:
        """Watch the messages sent inside the block; at its end they become `self.sent`."""
        watch = Watch(self.world.sender.messages, len(self.world.sender.messages))
        try:
            yield watch
        finally:
            self.sent = watch.messages

    def attempt(self, command: Any) -> Any:
        """Handle a command that may be refused: the answer, or the refusal in `self.error`."""
        self.outcome, self.error = None, None
        try:
            self.outcome = self.handle(command)
        except (Rejected, NotPermitted) as error:
            self.error = error
        return self.outcome

    def authenticated(self, name: str) -> Viewer | None:
        token = self.sessions.get(name)
        return self.handle(Authenticate(session_token=token)) if token else None

    def status_of(self, name: str) -> AccountStatus:
        user_id = self.member(name).user_id
        assert user_id is not None, f"{name} has no account"
        views: dict[str, UserView] = self.run(
            self.world.container.account_queries().users_by_ids([user_id])
        )
        return views[user_id].status

    # ------------------------------------------------------------------ signing in

    def password_step(
        self,
        name: str,
        password: str | None = None,
        device: str | None = None,
        client: str | None = None,
    ) -> Any:
        member = self.member(name)
        token = self.devices.get((name, device)) if device else None
        outcome = self.handle(
            SignIn(
                email=member.email,
                password=password or member.password,
                device_token=token,
                client_address=client,
            )
        )
        if isinstance(outcome, MfaEnrolmentRequired | MfaRequired):
            self.challenge_id = outcome.challenge_id
        if isinstance(outcome, MfaRequired):
            self.shown = outcome
        return outcome

    def choose(self, channel: MfaChannel, destination: str | None = None) -> MfaRequired:
        assert self.challenge_id is not None, "no sign-in is waiting for a second factor"
        shown: MfaRequired = self.handle(
            EnrolMfa(challenge_id=self.challenge_id, channel=channel, destination=destination)
        )
        self.shown = shown
        return shown

    def enter(self, name: str, code: str, remember: bool = False, device: str | None = None) -> Any:
        assert self.challenge_id is not None, "no sign-in is waiting for a code"
        outcome = self.handle(
            VerifyMfa(challenge_id=self.challenge_id, code=code, remember_device=remember)
        )
        self.keep(name, outcome, device)
        return outcome

    def keep(self, name: str, outcome: Any, device: str | None) -> None:
        if isinstance(outcome, SignedIn):
            self.sessions[name] = outcome.session_token
            if outcome.device_token and device:
                self.devices[(name, device)] = outcome.device_token

    def code_in(self, messages: list[OutgoingMessage]) -> str:
        """The one code among the messages: exactly one code must have been sent."""
        coded = [m for m in messages if _CODE.search(m.body)]
        assert len(coded) == 1, f"expected one code to be sent, not {len(coded)}: {messages}"
        self.code_message = coded[0]
        found = _CODE.search(coded[0].body)
        assert found is not None
        return found.group(1)

    def sign_in_fully(
        self,
        name: str,
        *,
        device: str | None = None,
        remember: bool = False,
        password: str | None = None,
    ) -> SignedIn:
        """Sign in all the way, setting up codes by email the first time."""
        with self.watching() as watch:
            outcome = self.password_step(name, password, device)
            if isinstance(outcome, MfaEnrolmentRequired):
                outcome = self.choose(MfaChannel.EMAIL)
            if isinstance(outcome, MfaRequired):
                outcome = self.handle(
                    VerifyMfa(
                        challenge_id=outcome.challenge_id,
                        code=self.code_in(watch.messages),
                        remember_device=remember,
                    )
                )
        assert isinstance(outcome, SignedIn), f"{name} could not sign in: {outcome} ({self.sent})"
        self.keep(name, outcome, device)
        return outcome

    def acting_as(self, name: str) -> Viewer:
        """The person, signed in now: their live session, or a new sign-in from their computer."""
        viewer = self.authenticated(name)
        if viewer is None:
            viewer = self.sign_in_fully(name, device=USUAL_DEVICE, remember=True).viewer
        return viewer

    def totp_code(self, name: str, at: datetime | None = None) -> str:
        return pyotp.TOTP(self.totp_secrets[name]).at(at or self.world.clock.now())

    # ------------------------------------------------------------------ time

    def advance_to(self, moment: datetime) -> None:
        """Move the clock forward; on the way, the nightly checks run and the regulars sign in."""
        now = self.world.clock.now()
        assert moment >= now, f"time only moves forward: {now} -> {moment}"
        happenings: list[tuple[datetime, str, date]] = []
        day = now.astimezone(UK).date()
        while day <= moment.astimezone(UK).date():
            happenings.append((at_uk(day, NIGHTLY_CHECK), "check", day))
            if day.weekday() < 5 and self.regulars:
                happenings.append((at_uk(day, WORKING_DAY_SIGN_IN), "work", day))
            day += timedelta(days=1)
        for at, what, day in sorted(happenings):
            if not now < at <= moment:
                continue
            self.world.clock.set(at)
            if what == "check":
                with self.watching() as watch:
                    report = self.handle(DisableInactiveUsers())
                self.nights[day] = Night(report, watch.messages)
            else:
                for name in self.regulars:
                    self.acting_as(name)
        self.world.clock.set(moment)

    def advance_by(self, delta: timedelta) -> None:
        self.advance_to(self.world.clock.now() + delta)

    def on(self, day: date, clock_time: time = DAYTIME) -> None:
        self.advance_to(at_uk(day, clock_time))

    # ------------------------------------------------------------------ administration

    def nominate(self, nominator: str, name: str, email: str) -> None:
        viewer = self.acting_as(nominator)
        self.introduce(name, self.member(nominator).organisation, email)
        nomination = self.attempt(
            NominateUser(
                viewer=viewer, name=name, email=email, mobile=None, roles=frozenset({Role.USER})
            )
        )
        if nomination is not None:
            self.nomination_id = nomination.id

    def approve(self, approver: str) -> None:
        """Approve the last nomination; a refusal is left in `self.error`."""
        assert self.nomination_id is not None, "no nomination was made"
        user = self.attempt(
            ApproveNomination(viewer=self.acting_as(approver), nomination_id=self.nomination_id)
        )
        if user is None:
            return
        self.invitation_sent_at = self.world.clock.now()
        for member in self.people.values():
            if member.email == user.email:
                member.user_id = user.id

    def accept_invitation(self, name: str, password: str) -> None:
        member = self.member(name)
        token = self.world.sender.last_token_to(member.email)
        if self.attempt(AcceptInvitation(token=token, password=password)) is not None:
            member.password = password

    def pending_nominations(self) -> list[Nomination]:
        admins = [
            name
            for name, member in self.people.items()
            if member.organisation == CDSP and member.user_id is not None
        ]
        assert admins, "no CDSP account administrator was introduced"
        queries = self.world.container.account_queries()
        waiting: list[Nomination] = self.run(
            visible_nominations(queries, self.acting_as(admins[0]))
        )
        return waiting


def rejection_codes(error: Exception | None) -> list[str]:
    assert isinstance(error, Rejected), f"not refused: {error!r}"
    assert all(reason.message for reason in error.reasons), error.reasons
    return [reason.code for reason in error.reasons]


def messages_to(story: AccountsStory, name: str, subject_words: str) -> list[OutgoingMessage]:
    member = story.member(name)
    return [
        message
        for message in story.world.sender.to(member.email)
        if subject_words in message.subject and message.channel is Channel.EMAIL
    ]


def audit_records(accounts: AccountsStory, event: AuditEvent) -> list[Any]:
    entries = accounts.run(accounts.world.container.account_queries().audit_entries(0, 10_000))
    return [entry.record for entry in entries if entry.record.event is event]


# --- the world of one scenario ------------------------------------------------------------


@pytest.fixture
def accounts(world: World, run: Run[Any]) -> AccountsStory:
    for name, (code, kind) in ORGANISATIONS.items():
        run(world.organisation(code, kind, name))
    return AccountsStory(world=world, run=run)
