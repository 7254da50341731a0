"""Steps of the account scenarios (features/accounts/): signing in, the lifecycle, inactivity.

Import everything from here into a test module (`from tests.bdd.accounts_steps import *`): the
steps and the `accounts` fixture then serve that module's scenarios. Steps are synchronous and
drive the application through the message bus and its read side, never its tables.

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
from pytest_bdd import given, parsers, then, when

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    Authenticate,
    ChangePassword,
    CreateOrganisation,
    DisableInactiveUsers,
    DisableUser,
    EnableUser,
    EnrolMfa,
    NominateUser,
    RejectNomination,
    ResendInvitation,
    ResetSecondFactor,
    SignIn,
    SignOut,
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
from cms.core.accounts.queries import UserView, nomination_clashes, visible_nominations
from cms.core.accounts.sign_in import (
    GENERIC_REFUSAL,
    MfaEnrolmentRequired,
    MfaFailed,
    MfaRequired,
    SignedIn,
    SignInRefused,
)
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


# --- the world of one scenario ------------------------------------------------------------


@pytest.fixture
def accounts(world: World, run: Run[Any]) -> AccountsStory:
    for name, (code, kind) in ORGANISATIONS.items():
        run(world.organisation(code, kind, name))
    return AccountsStory(world=world, run=run)


# --- people ------------------------------------------------------------------------------


@given(parsers.re(r'(?P<name>\w+) (?:has an account at|is a user at) "(?P<organisation>[^"]+)"$'))
def has_account(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))


@given(parsers.parse('{name:w} is a user at "{organisation}" who has set up codes by email'))
def user_with_email_codes(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))
    accounts.sign_in_fully(name)


@given(parsers.parse('{name:w} is a user at "{organisation}" who last signed in on {day}'))
def user_last_signed_in(accounts: AccountsStory, name: str, organisation: str, day: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))
    accounts.on(uk_day(day))
    accounts.sign_in_fully(name)


@given(parsers.parse('{name:w} is the Local Security Officer of "{organisation}"'))
def local_security_officer(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER, Role.LSO))


@given(
    parsers.parse(
        '{name:w}, the Local Security Officer of "{organisation}", signs in every working day'
    )
)
def regular_local_security_officer(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER, Role.LSO))
    accounts.regulars.append(name)
    accounts.acting_as(name)


@given(parsers.parse("{name:w} is an account administrator at the CDSP"))
def cdsp_account_administrator(accounts: AccountsStory, name: str) -> None:
    accounts.give_account(name, CDSP, (Role.USER, Role.ACCOUNT_ADMIN))


# --- setting up a second factor -----------------------------------------------------------

_FIRST_SIGN_IN = (
    r"(?P<name>\w+) signs in for the first time, choosing "
    r'(?P<choice>codes by text to "(?P<mobile>[^"]+)"|codes by email|an authenticator app)'
    r"(?P<enters>, and enters the code (?:he|she) receives|, and enters the code it shows)?"
)


@when(parsers.re(_FIRST_SIGN_IN))
def first_sign_in(
    accounts: AccountsStory, name: str, choice: str, mobile: str | None, enters: str | None
) -> None:
    with accounts.watching() as watch:
        outcome = accounts.password_step(name)
        assert isinstance(outcome, MfaEnrolmentRequired), f"not a first sign-in: {outcome}"
        channel = (
            MfaChannel.SMS
            if mobile is not None
            else MfaChannel.EMAIL
            if choice == "codes by email"
            else MfaChannel.TOTP
        )
        chosen = EnrolMfa(challenge_id=outcome.challenge_id, channel=channel, destination=mobile)
        if accounts.attempt(chosen) is None:
            return
        accounts.shown = accounts.outcome
        if enters is None:
            return
        if channel is MfaChannel.TOTP:
            uri = accounts.shown.totp_provisioning_uri
            assert uri, "no key was given for the authenticator app"
            accounts.totp_secrets[name] = pyotp.parse_uri(uri).secret
            code = accounts.totp_code(name)
        else:
            code = accounts.code_in(watch.messages)
        accounts.right_code = code
        accounts.outcome = accounts.enter(name, code)


@given(parsers.parse("{name:w} has set up codes by email"))
def has_email_codes(accounts: AccountsStory, name: str) -> None:
    accounts.sign_in_fully(name)


@given(parsers.parse("{name:w} has set up an authenticator app"))
def has_authenticator_app(accounts: AccountsStory, name: str) -> None:
    outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaEnrolmentRequired), outcome
    shown = accounts.choose(MfaChannel.TOTP)
    assert shown.totp_provisioning_uri is not None
    accounts.totp_secrets[name] = pyotp.parse_uri(shown.totp_provisioning_uri).secret
    code = accounts.totp_code(name)
    assert isinstance(accounts.enter(name, code), SignedIn)
    accounts.totp_first_code[name] = code


@then(parsers.parse("{name:w} is signed in"))
def is_signed_in(accounts: AccountsStory, name: str) -> None:
    outcome = accounts.outcome
    assert isinstance(outcome, SignedIn), f"not signed in: {outcome} {accounts.error!r}"
    assert outcome.viewer.email == accounts.member(name).email
    viewer = accounts.authenticated(name)
    assert viewer is not None and viewer.user_id == outcome.viewer.user_id


@then(parsers.parse("{name:w} is not signed in"))
def is_not_signed_in(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.outcome, MfaFailed), accounts.outcome


@then(parsers.re(r"the code was sent by (?P<how>text|email) to (?P<recipient>\S+)"))
def code_was_sent(accounts: AccountsStory, how: str, recipient: str) -> None:
    message = accounts.code_message
    assert message is not None, "no code was sent"
    assert message.channel is (Channel.SMS if how == "text" else Channel.EMAIL), message
    assert message.to == recipient, message


@then(parsers.re(r'(?P<name>\w+) was shown the (?:number|address) as "(?P<masked>[^"]+)"'))
def was_shown_masked(accounts: AccountsStory, name: str, masked: str) -> None:
    assert accounts.shown is not None, f"{name} was not asked for a code"
    assert accounts.shown.masked_destination == masked


@then(parsers.parse("{name:w} is told the number cannot receive texts"))
def told_number_cannot_receive_texts(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["MOBILE_INVALID"]


@then("no code was sent")
def no_code_sent(accounts: AccountsStory) -> None:
    assert accounts.sent == []


@then("the example mobile number in the advice is accepted for codes by text")
def example_number_is_accepted(accounts: AccountsStory) -> None:
    error = accounts.error
    assert rejection_codes(error) == ["MOBILE_INVALID"]
    advice = str(error)
    example = re.search(r"such as (\+?\d[\d ]*\d)", advice)
    assert example, f"the advice gives no example: {advice}"
    assert accounts.challenge_id is not None
    outcome = accounts.attempt(
        EnrolMfa(challenge_id=accounts.challenge_id, channel=MfaChannel.SMS, destination=example[1])
    )
    assert isinstance(outcome, MfaRequired), f"{example[1]} was refused: {accounts.error}"


@then(parsers.parse('{name:w}\'s app lists the account as {email} of "{issuer}"'))
def app_lists_account(accounts: AccountsStory, name: str, email: str, issuer: str) -> None:
    assert accounts.shown is not None and accounts.shown.totp_provisioning_uri
    app_entry = pyotp.parse_uri(accounts.shown.totp_provisioning_uri)
    assert (app_entry.name, app_entry.issuer) == (email, issuer)


# --- later sign-ins -----------------------------------------------------------------------


@when(parsers.parse("{name:w} signs in a minute later and enters the code his app shows"))
def signs_in_with_app(accounts: AccountsStory, name: str) -> None:
    accounts.advance_by(timedelta(minutes=1))
    outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaRequired), f"{name} was not asked for a code: {outcome}"
    assert outcome.channel is MfaChannel.TOTP
    accounts.outcome = accounts.enter(name, accounts.totp_code(name))


@when(
    parsers.parse(
        "{name:w} signs in again straight away and enters the code he set up the app with"
    )
)
def replays_app_code(accounts: AccountsStory, name: str) -> None:
    outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaRequired), f"{name} was not asked for a code: {outcome}"
    assert accounts.totp_code(name) == accounts.totp_first_code[name], "the app moved on"
    accounts.outcome = accounts.enter(name, accounts.totp_first_code[name])


@then(parsers.parse("{name:w} is told the code is not right"))
def told_code_not_right(accounts: AccountsStory, name: str) -> None:
    outcome = accounts.outcome
    assert isinstance(outcome, MfaFailed), outcome
    assert "not right" in outcome.message and outcome.attempts_left > 0, outcome


@given(
    parsers.re(
        r"(?P<name>\w+) asked for (?:his|her) (?P<device>\w+) to be remembered "
        r"when (?:he|she) signed in"
    )
)
def remembered_device(accounts: AccountsStory, name: str, device: str) -> None:
    signed_in = accounts.sign_in_fully(name, device=device, remember=True)
    assert signed_in.device_token is not None


@when(
    parsers.re(r"(?P<name>\w+) signs in on (?:his|her) (?P<device>\w+) (?P<days>\d+) days? later")
)
def signs_in_on_device(accounts: AccountsStory, name: str, device: str, days: str) -> None:
    accounts.advance_by(timedelta(days=int(days)))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name, device=device)
    accounts.keep(name, accounts.outcome, device)


@then(parsers.parse("{name:w} is signed in without being asked for a code"))
def signed_in_without_code(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.outcome, SignedIn), f"asked for more: {accounts.outcome}"
    assert accounts.sent == []
    is_signed_in(accounts, name)


@then(parsers.parse('{name:w} is asked for the code sent by email to "{masked}"'))
def asked_for_emailed_code(accounts: AccountsStory, name: str, masked: str) -> None:
    outcome = accounts.outcome
    assert isinstance(outcome, MfaRequired), f"not asked for a code: {outcome}"
    assert (outcome.channel, outcome.masked_destination) == (MfaChannel.EMAIL, masked)
    accounts.code_in(accounts.sent)
    assert accounts.code_message is not None
    assert accounts.code_message.to == accounts.member(name).email


# --- wrong passwords and waits -----------------------------------------------------------

WRONG_PASSWORD = "not-the-password-at-all"
# Where sign-ins come from, for the scenarios that say: one office's network, and another.
PLACES = {"the office": "203.0.113.5", "home": "192.0.2.99", "somewhere else": "198.51.100.66"}
_WAIT = re.compile(r"try again in (\d+) (second|minute)s?\.")
_SPACING = re.compile(r"(\d+) (second|minute)s? apart")


def wait_told(message: str) -> timedelta | None:
    """The wait an answer tells of, if any."""
    found = _WAIT.search(message)
    return timedelta(**{f"{found[2]}s": int(found[1])}) if found else None


def guess_as_fast_as_allowed(
    accounts: AccountsStory, email: str, count: int, client: str | None = None
) -> None:
    """Wrong passwords for `email`, each as soon as the last answer allowed."""
    wait = None
    for _ in range(count):
        if wait:
            accounts.advance_by(wait)
        outcome = accounts.handle(
            SignIn(email=email, password=WRONG_PASSWORD, client_address=client)
        )
        assert isinstance(outcome, SignInRefused), outcome
        accounts.outcome = outcome
        accounts.last_wrong_password_at = accounts.world.clock.now()
        wait = wait_told(outcome.message)


@given(
    parsers.re(
        r"(?P<name>\w+) has entered a wrong password (?P<count>\d+) times(?:, (?P<spacing>.+))?$"
    )
)
def wrong_passwords(accounts: AccountsStory, name: str, count: str, spacing: str | None) -> None:
    apart = _SPACING.fullmatch(spacing) if spacing else None
    assert spacing is None or apart, f"not a spacing: {spacing}"
    for attempt in range(int(count)):
        if attempt and apart:
            accounts.advance_by(timedelta(**{f"{apart[2]}s": int(apart[1])}))
        outcome = accounts.password_step(name, password=WRONG_PASSWORD)
        assert isinstance(outcome, SignInRefused), outcome
    accounts.last_wrong_password_at = accounts.world.clock.now()


@given(
    parsers.parse('{count:d} wrong passwords have been entered for "{email}", which has no account')
)
def wrong_passwords_for_nobody(accounts: AccountsStory, count: int, email: str) -> None:
    assert all(member.email != email for member in accounts.people.values())
    for _ in range(count):
        outcome = accounts.handle(SignIn(email=email, password=WRONG_PASSWORD))
        assert isinstance(outcome, SignInRefused), outcome


@when(
    parsers.re(
        r"(?P<name>\w+) enters a wrong password (?P<count>\d+) times, "
        r"each time as soon as (?:he|she) may"
    )
)
def wrong_passwords_as_fast_as_allowed(accounts: AccountsStory, name: str, count: str) -> None:
    guess_as_fast_as_allowed(accounts, accounts.member(name).email, int(count))


@given(
    parsers.parse(
        "someone else has entered a wrong password for {name:w} {count:d} times, each time as "
        "soon as they may"
    )
)
def someone_guesses(accounts: AccountsStory, name: str, count: int) -> None:
    email = accounts.member(name).email
    guess_as_fast_as_allowed(accounts, email, count, PLACES["somewhere else"])


@given(
    parsers.parse(
        "{count:d} wrong passwords for other people's email addresses have come from "
        "{name:w}'s office"
    )
)
def office_spray(accounts: AccountsStory, count: int, name: str) -> None:
    for index in range(count):
        outcome = accounts.handle(
            SignIn(
                email=f"guess{index}@ags.example",
                password=WRONG_PASSWORD,
                client_address=PLACES["the office"],
            )
        )
        assert isinstance(outcome, SignInRefused), outcome


@when(parsers.parse("{name:w} signs in with the right password"))
def right_password(accounts: AccountsStory, name: str) -> None:
    accounts.advance_by(timedelta(seconds=10))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name)


@when(parsers.parse("{name:w} signs in with a wrong password"))
def a_wrong_password(accounts: AccountsStory, name: str) -> None:
    accounts.advance_by(timedelta(seconds=10))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name, password=WRONG_PASSWORD)


@then(
    parsers.re(
        r'(?P<name>\w+) is told (?:his|her) account is disabled because (?P<why>"[^"]+"|it was '
        r"not used for more than (?P<days>\d+) days), and to ask (?P<lso>\w+) to enable it again"
    )
)
def told_disabled_and_whom_to_ask(
    accounts: AccountsStory, name: str, why: str, days: str | None, lso: str
) -> None:
    refusal = accounts.outcome
    assert isinstance(refusal, SignInRefused), refusal
    assert refusal.account_disabled, refusal
    assert "disabled" in refusal.message, refusal.message
    reason = f"no sign-in for more than {days} days" if days else why.strip('"')
    assert reason in refusal.message, refusal.message
    assert accounts.member(lso).name in refusal.message and "Local Security Officer" in (
        refusal.message
    ), refusal.message
    assert accounts.sent == [], "telling them sends nothing"
    assert accounts.authenticated(name) is None


@then(parsers.parse("{name:w} is told only that the email address or password is not right"))
def told_only_not_right(accounts: AccountsStory, name: str) -> None:
    refusal = accounts.outcome
    assert isinstance(refusal, SignInRefused), refusal
    assert refusal == SignInRefused(message=GENERIC_REFUSAL), refusal


@when(
    parsers.re(
        r"(?P<name>\w+) signs in with the right password (?P<amount>\d+) "
        r"(?P<unit>second|minute)s? after the last wrong one"
    )
)
def right_password_later(accounts: AccountsStory, name: str, amount: str, unit: str) -> None:
    assert accounts.last_wrong_password_at is not None
    accounts.advance_to(accounts.last_wrong_password_at + timedelta(**{f"{unit}s": int(amount)}))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name)


@when(
    parsers.re(
        r"(?P<name>\w+) signs in on (?:his|her) (?P<device>\w+)"
        r"(?: at (?P<place>the office|home))?$"
    )
)
def signs_in_on_device_now(
    accounts: AccountsStory, name: str, device: str, place: str | None
) -> None:
    with accounts.watching():
        accounts.outcome = accounts.password_step(
            name, device=device, client=PLACES[place] if place else None
        )
    accounts.keep(name, accounts.outcome, device)


@then(parsers.parse("{name:w} was last told the password is not right and to try again in {wait}"))
def told_wrong_and_wait(accounts: AccountsStory, name: str, wait: str) -> None:
    refusal = accounts.outcome
    assert isinstance(refusal, SignInRefused), refusal
    assert refusal.message.startswith(GENERIC_REFUSAL), refusal.message
    assert refusal.message.endswith(f"try again in {wait}."), refusal.message


@then(parsers.parse("{name:w} is told to try again in {wait}"))
def told_to_wait(accounts: AccountsStory, name: str, wait: str) -> None:
    refusal = accounts.outcome
    assert isinstance(refusal, SignInRefused), refusal
    assert refusal.message == f"Too many attempts to sign in have failed; try again in {wait}."
    assert accounts.sent == []


@then("the answer is the same as for a wrong password at that moment")
def same_answer_as_wrong_password(accounts: AccountsStory) -> None:
    name = next(iter(accounts.people))
    assert isinstance(accounts.outcome, SignInRefused), accounts.outcome
    assert accounts.password_step(name, password=WRONG_PASSWORD) == accounts.outcome


@then(parsers.parse('the answer is the same as for "{email}" at that moment'))
def same_answer_as_unknown(accounts: AccountsStory, email: str) -> None:
    assert isinstance(accounts.outcome, SignInRefused), accounts.outcome
    assert accounts.handle(SignIn(email=email, password=PASSWORD)) == accounts.outcome


@then(
    parsers.parse(
        "the security audit log says {name:w}'s account must wait {wait} after {count:d} wrong "
        "passwords"
    )
)
def audit_says_held_up(accounts: AccountsStory, name: str, wait: str, count: int) -> None:
    entries = accounts.run(accounts.world.container.account_queries().audit_entries(0, 10_000))
    held = [
        dict(entry.record.details)
        for entry in entries
        if entry.record.event is AuditEvent.SIGN_IN_THROTTLED
        and entry.record.subject_id == accounts.member(name).user_id
    ]
    told = wait_told(f"try again in {wait}.")
    assert told is not None
    assert held == [
        {
            "scope": "account",
            "email": accounts.member(name).email,
            "failures": str(count),
            "wait_s": str(int(told.total_seconds())),
        }
    ]


# --- wrong codes --------------------------------------------------------------------------


@given(parsers.parse("{name:w} has entered his password and been sent a code by email"))
def sent_a_code(accounts: AccountsStory, name: str) -> None:
    with accounts.watching() as watch:
        outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaRequired) and outcome.channel is MfaChannel.EMAIL, outcome
    accounts.right_code = accounts.code_in(watch.messages)


@when(parsers.parse("{name:w} enters a wrong code {count:d} times"))
def wrong_codes(accounts: AccountsStory, name: str, count: int) -> None:
    assert accounts.right_code is not None
    wrong = f"{(int(accounts.right_code) + 1) % 1_000_000:06d}"
    for _ in range(count):
        outcome = accounts.enter(name, wrong)
        assert isinstance(outcome, MfaFailed), outcome
        accounts.wrong_codes.append(outcome)


@then(parsers.re(r"the right code (?P<still>still|no longer) signs (?P<name>\w+) in"))
def right_code(accounts: AccountsStory, still: str, name: str) -> None:
    assert accounts.right_code is not None
    accounts.outcome = accounts.enter(name, accounts.right_code)
    if still == "still":
        is_signed_in(accounts, name)
    else:
        assert isinstance(accounts.outcome, MfaFailed), accounts.outcome
        assert accounts.outcome.attempts_left == 0, accounts.outcome


@then(parsers.parse("{name:w} was told the sign-in is void and to sign in again"))
def told_void(accounts: AccountsStory, name: str) -> None:
    last = accounts.wrong_codes[-1]
    assert last.attempts_left == 0, last
    assert "void" in last.message and "sign in again" in last.message, last.message
    assert all(earlier.attempts_left > 0 for earlier in accounts.wrong_codes[:-1])


# --- sessions -----------------------------------------------------------------------------


@given(parsers.parse("{name:w} is signed in"))
def signed_in(accounts: AccountsStory, name: str) -> None:
    accounts.sign_in_fully(name)
    assert accounts.authenticated(name) is not None


@when(parsers.parse("{name:w} signs out"))
def signs_out(accounts: AccountsStory, name: str) -> None:
    accounts.outcome = accounts.handle(SignOut(session_token=accounts.sessions[name]))


@then(parsers.re(r"(?P<name>\w+)'s session (?:no longer lets (?:him|her) in|has ended)"))
def session_ended(accounts: AccountsStory, name: str) -> None:
    assert name in accounts.sessions, f"{name} never signed in"
    assert accounts.authenticated(name) is None


# --- changing the password ---------------------------------------------------------------


@when(
    parsers.re(
        r"(?P<name>\w+) tries to change (?:his|her) password giving a wrong current password "
        r"(?P<count>\d+) times"
    )
)
def wrong_current_passwords(accounts: AccountsStory, name: str, count: str) -> None:
    viewer = accounts.authenticated(name)
    assert viewer is not None, f"{name} is not signed in"
    for _ in range(int(count)):
        accounts.attempt(
            ChangePassword(
                viewer=viewer,
                session_token=accounts.sessions[name],
                current_password=WRONG_PASSWORD,
                new_password="copper kettle lantern",
            )
        )
        assert accounts.error is not None, "the password was changed"


@then(parsers.re(r"(?P<name>\w+) is told (?:his|her) current password is not right"))
def told_current_password_wrong(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["PASSWORD_WRONG"]
    assert "not right" in str(accounts.error)


@then(
    parsers.re(
        r"(?P<name>\w+) is told (?:he|she) has been signed out after too many wrong passwords"
    )
)
def told_signed_out(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["TOO_MANY_WRONG_PASSWORDS"]
    assert "signed out" in str(accounts.error)


@then(parsers.re(r"(?P<name>\w+)'s session still lets (?:him|her) in"))
def session_lives(accounts: AccountsStory, name: str) -> None:
    assert accounts.authenticated(name) is not None


# --- nominations and invitations ----------------------------------------------------------

_NOMINATES = (
    r"(?P<nominator>\w+) (?:nominates|has nominated) (?P<name>\w+), (?P<email>\S+), for an account"
)


@given(parsers.re(_NOMINATES))
def has_nominated(accounts: AccountsStory, nominator: str, name: str, email: str) -> None:
    accounts.nominate(nominator, name, email)
    assert accounts.error is None, accounts.error


@when(parsers.re(_NOMINATES))
def nominates(accounts: AccountsStory, nominator: str, name: str, email: str) -> None:
    accounts.nominate(nominator, name, email)


@given(parsers.parse("{approver:w} has approved the nomination"))
def has_approved(accounts: AccountsStory, approver: str) -> None:
    approves(accounts, approver)
    assert accounts.error is None, f"the approval was refused: {accounts.error}"


@when(parsers.parse("{approver:w} approves the nomination"))
def approves(accounts: AccountsStory, approver: str) -> None:
    with accounts.watching():
        accounts.approve(approver)


def nominations_as_seen_by(accounts: AccountsStory, name: str) -> dict[str, str | None]:
    """The nominations the person sees waiting, each with the clash they are shown (if any)."""
    viewer = accounts.acting_as(name)
    queries = accounts.world.container.account_queries()
    waiting = accounts.run(visible_nominations(queries, viewer))
    clashes = accounts.run(nomination_clashes(queries, viewer, waiting))
    return {nomination.id: clashes.get(nomination.id) for nomination in waiting}


@then("both nominations wait for the CDSP's approval")
def both_nominations_waiting(accounts: AccountsStory) -> None:
    waiting = accounts.pending_nominations()
    assert len(waiting) == 2 and len({n.email for n in waiting}) == 1, waiting


@then(
    parsers.re(
        r"(?P<name>\w+) sees that the nomination's email already has an account at "
        r'"(?P<organisation>[^"]+)"'
    )
)
def sees_clash(accounts: AccountsStory, name: str, organisation: str) -> None:
    assert accounts.nomination_id is not None
    clash = nominations_as_seen_by(accounts, name)[accounts.nomination_id]
    assert clash is not None and f"already has an account at {organisation}" in clash, clash


@then(parsers.re(r"(?P<name>\w+)'s view of the nomination shows no clash"))
def sees_no_clash(accounts: AccountsStory, name: str) -> None:
    assert accounts.nomination_id is not None
    assert nominations_as_seen_by(accounts, name) == {accounts.nomination_id: None}


@then(
    parsers.re(
        r'(?P<name>\w+) is told (?P<email>\S+) already has an account at "(?P<organisation>[^"]+)"'
    )
)
def told_email_has_account(
    accounts: AccountsStory, name: str, email: str, organisation: str
) -> None:
    assert rejection_codes(accounts.error) == ["EMAIL_IN_USE"]
    assert f"{email} already has an account at {organisation}" in str(accounts.error)


@then(
    parsers.re(
        r"(?P<name>\w+) is told (?P<other>\w+) already has an account in (?:his|her) organisation"
    )
)
def told_already_ours(accounts: AccountsStory, name: str, other: str) -> None:
    assert rejection_codes(accounts.error) == ["EMAIL_IN_USE"]
    message = str(accounts.error)
    assert accounts.member(other).email in message and "in your organisation" in message


@when(parsers.parse('{name:w} sets the password "{password}" from the invitation in her email'))
def sets_password(accounts: AccountsStory, name: str, password: str) -> None:
    accounts.accept_invitation(name, password)


@when(
    parsers.parse(
        '{name:w} sets the password "{password}" from the invitation {hours:d} hours after it '
        "was sent"
    )
)
def sets_password_later(accounts: AccountsStory, name: str, password: str, hours: int) -> None:
    assert accounts.invitation_sent_at is not None
    accounts.advance_to(accounts.invitation_sent_at + timedelta(hours=hours))
    accounts.accept_invitation(name, password)


@then(parsers.parse('{name:w} is signed in as a user of "{organisation}"'))
def signed_in_as_user_of(accounts: AccountsStory, name: str, organisation: str) -> None:
    is_signed_in(accounts, name)
    viewer = accounts.outcome.viewer
    assert viewer.organisation.name == organisation
    assert viewer.roles == frozenset({Role.USER})
    assert accounts.status_of(name) is AccountStatus.ACTIVE


@then(parsers.re(r"(?P<none>no|the) nominations? (?P<still>still )?waits? for the CDSP's approval"))
def nomination_waiting(accounts: AccountsStory, none: str, still: str | None) -> None:
    waiting = accounts.pending_nominations()
    if none == "no":
        assert waiting == []
    else:
        assert still or accounts.error is None, accounts.error
        assert [n.id for n in waiting] == [accounts.nomination_id]


@then(parsers.parse("no invitation has been sent to {name:w}"))
def no_invitation(accounts: AccountsStory, name: str) -> None:
    assert accounts.world.sender.to(accounts.member(name).email) == []


@then(parsers.parse("an invitation to set a password within {hours:d} hours is emailed to {email}"))
def invitation_emailed(accounts: AccountsStory, hours: int, email: str) -> None:
    invitations = accounts.world.sender.to(email)
    assert len(invitations) == 1, invitations
    assert invitations[0].channel is Channel.EMAIL
    assert f"{hours} hours" in invitations[0].body, invitations[0].body
    assert accounts.world.sender.last_token_to(email)


@then(
    parsers.parse(
        "{name:w} is told that only the organisation's Local Security Officer can nominate users"
    )
)
def told_only_lso_nominates(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.error, NotPermitted), repr(accounts.error)
    assert "Local Security Officer" in accounts.error.message


PASSWORD_PROBLEMS = {"is too common": "PASSWORD_TOO_COMMON", "is too short": "PASSWORD_TOO_SHORT"}


@then(parsers.parse("{name:w} is told the password {problem}"))
def told_password_problem(accounts: AccountsStory, name: str, problem: str) -> None:
    assert rejection_codes(accounts.error) == [PASSWORD_PROBLEMS[problem]]


@then(parsers.parse("{name:w} can still set a password from the same invitation"))
def invitation_still_usable(accounts: AccountsStory, name: str) -> None:
    accounts.accept_invitation(name, "copper kettle lantern")
    assert accounts.error is None, accounts.error
    assert accounts.status_of(name) is AccountStatus.ACTIVE


@then(
    parsers.re(r'(?P<name>\w+) (?P<can>can|cannot) sign in with the password "(?P<password>[^"]+)"')
)
def sign_in_with_password(accounts: AccountsStory, name: str, can: str, password: str) -> None:
    if can == "can":
        accounts.sign_in_fully(name, password=password)
    else:
        assert isinstance(accounts.password_step(name, password), SignInRefused)
        assert accounts.status_of(name) is AccountStatus.INVITED


# --- disabling and enabling ---------------------------------------------------------------

_DISABLES = (
    r'(?P<lso>\w+) (?:disables|has disabled) (?P<name>\w+)\'s account because "(?P<reason>[^"]+)"'
)


@given(parsers.re(_DISABLES))
def has_disabled(accounts: AccountsStory, lso: str, name: str, reason: str) -> None:
    disables(accounts, lso, name, reason)
    assert accounts.error is None, accounts.error


@when(parsers.re(_DISABLES))
def disables(accounts: AccountsStory, lso: str, name: str, reason: str) -> None:
    viewer = accounts.acting_as(lso)
    user_id = accounts.member(name).user_id
    assert user_id is not None
    with accounts.watching():
        accounts.attempt(DisableUser(viewer=viewer, user_id=user_id, reason=reason))


_ENABLES = r"(?P<lso>\w+) (?:enables|has enabled) (?P<name>\w+)'s account(?: on (?P<day>.+))?$"


@given(parsers.re(_ENABLES))
def has_enabled(accounts: AccountsStory, lso: str, name: str, day: str | None) -> None:
    enables(accounts, lso, name, day)
    assert accounts.error is None, accounts.error


@when(parsers.re(_ENABLES))
def enables(accounts: AccountsStory, lso: str, name: str, day: str | None) -> None:
    if day:
        accounts.on(uk_day(day))
    viewer = accounts.acting_as(lso)
    user_id = accounts.member(name).user_id
    assert user_id is not None
    with accounts.watching():
        accounts.attempt(EnableUser(viewer=viewer, user_id=user_id))


@then(parsers.re(r"(?P<name>\w+) (?P<can>can|can still|cannot) sign in$"))
def can_sign_in(accounts: AccountsStory, name: str, can: str) -> None:
    if can == "cannot":
        assert isinstance(accounts.password_step(name), SignInRefused)
        assert accounts.status_of(name) is AccountStatus.DISABLED
    else:
        accounts.sign_in_fully(name)
        assert accounts.status_of(name) is AccountStatus.ACTIVE


@then(
    parsers.re(
        r'(?P<name>\w+) is told (?:his|her) account was disabled because "(?P<reason>[^"]+)"'
    )
)
def told_disabled_by_lso(accounts: AccountsStory, name: str, reason: str) -> None:
    notices = messages_to(accounts, name, "disabled")
    assert len(notices) == 1, notices
    assert reason in notices[0].body, notices[0].body


@then(
    parsers.re(
        r"(?P<name>\w+) is told (?:he|she) may administer only (?:his|her) own "
        r"organisation's accounts"
    )
)
def told_not_yours(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.error, NotPermitted), repr(accounts.error)
    assert "only the accounts of your own organisation" in accounts.error.message
    assert accounts.sent == []


# --- inactivity ---------------------------------------------------------------------------


@given(parsers.parse("{name:w} signs in on {day}"))
def signs_in_on(accounts: AccountsStory, name: str, day: str) -> None:
    accounts.on(uk_day(day))
    accounts.sign_in_fully(name)


@given(
    parsers.parse(
        '{name:w} set her password from her invitation to "{organisation}" on {day}, '
        "and has never signed in"
    )
)
def joined_never_signed_in(accounts: AccountsStory, name: str, organisation: str, day: str) -> None:
    accounts.on(uk_day(day))
    lsos = [n for n in accounts.regulars if accounts.member(n).organisation == organisation]
    assert lsos, f"no LSO of {organisation} was introduced"
    accounts.give_account("Adam", CDSP, (Role.USER, Role.ACCOUNT_ADMIN))
    code, _ = ORGANISATIONS[organisation]
    accounts.nominate(lsos[0], name, f"{name.lower()}@{code.lower()}.example")
    accounts.approve("Adam")
    accounts.accept_invitation(name, "copper kettle lantern")
    assert accounts.error is None, accounts.error


@when(parsers.re(r"the nightly checks? (?:runs? up to|runs? on) (?P<day>.+)"))
def nightly_checks(accounts: AccountsStory, day: str) -> None:
    accounts.on(uk_day(day), NIGHTLY_CHECK)


@given(
    parsers.parse(
        "{name:w}'s account was disabled on {day} because she had not signed in for 90 days"
    )
)
def was_disabled_for_inactivity(accounts: AccountsStory, name: str, day: str) -> None:
    nightly_checks(accounts, day)
    disabled_on(accounts, name, day)


def nights_that(accounts: AccountsStory, name: str, what: str) -> list[date]:
    email = accounts.member(name).email
    return [day for day, night in accounts.nights.items() if email in getattr(night.report, what)]


@then(
    parsers.parse(
        "{name:w} was warned once, on {day}, that her account will be disabled unless she "
        "signs in by {deadline}"
    )
)
def warned_once(accounts: AccountsStory, name: str, day: str, deadline: str) -> None:
    assert nights_that(accounts, name, "warned") == [uk_day(day)]
    warnings = messages_to(accounts, name, "will be disabled")
    assert len(warnings) == 1, warnings
    assert warnings[0] in accounts.nights[uk_day(day)].sent, "not sent that night"
    assert f"do not sign in by {deadline}" in warnings[0].body, warnings[0].body


@then(parsers.parse("{name:w}'s account is still enabled"))
def still_enabled(accounts: AccountsStory, name: str) -> None:
    assert accounts.status_of(name) is AccountStatus.ACTIVE


@then(parsers.parse("{name:w}'s account was disabled on {day}"))
def disabled_on(accounts: AccountsStory, name: str, day: str) -> None:
    assert nights_that(accounts, name, "disabled") == [uk_day(day)]
    assert accounts.status_of(name) is AccountStatus.DISABLED


@then(
    parsers.re(
        r"(?P<name>\w+) is told (?:his|her) account was disabled because it was not used for "
        r"more than (?P<days>\d+) days"
    )
)
def told_disabled_for_inactivity(accounts: AccountsStory, name: str, days: str) -> None:
    notices = messages_to(accounts, name, "has been disabled")
    assert len(notices) == 1, notices
    assert f"not used for more than {days} days" in notices[0].body, notices[0].body


@then(parsers.parse("{lso:w} is told that {name:w}'s account was disabled"))
def lso_told(accounts: AccountsStory, lso: str, name: str) -> None:
    member = accounts.member(name)
    notices = [
        message
        for message in accounts.world.sender.to(accounts.member(lso).email)
        if member.email in message.body and "disabled" in message.subject
    ]
    assert len(notices) == 1, notices
    assert member.name in notices[0].subject


@then(parsers.re(r"(?P<name>\w+) is told (?:his|her) account is enabled again"))
def told_enabled(accounts: AccountsStory, name: str) -> None:
    notices = messages_to(accounts, name, "enabled again")
    assert len(notices) == 1, notices
    assert "sign in" in notices[0].body, notices[0].body


# --- rejecting nominations ----------------------------------------------------------------

_REJECTS_NOMINATION = (
    r'(?P<name>\w+) (?:rejects|has rejected) the nomination because "(?P<reason>[^"]+)"'
)


@given(parsers.re(_REJECTS_NOMINATION))
def has_rejected_nomination(accounts: AccountsStory, name: str, reason: str) -> None:
    rejects_nomination(accounts, name, reason)
    assert accounts.error is None, accounts.error


@when(parsers.re(_REJECTS_NOMINATION))
def rejects_nomination(accounts: AccountsStory, name: str, reason: str) -> None:
    assert accounts.nomination_id is not None, "no nomination was made"
    viewer = accounts.acting_as(name)
    with accounts.watching():
        accounts.attempt(
            RejectNomination(viewer=viewer, nomination_id=accounts.nomination_id, reason=reason)
        )


@when(parsers.parse("{name:w} rejects the nomination without a reason"))
def rejects_nomination_without_reason(accounts: AccountsStory, name: str) -> None:
    rejects_nomination(accounts, name, " ")


@then(
    parsers.re(
        r"(?P<lso>\w+) is told the nomination of (?P<name>\w+) was rejected because "
        r'"(?P<reason>[^"]+)"'
    )
)
def lso_told_of_rejection(accounts: AccountsStory, lso: str, name: str, reason: str) -> None:
    assert accounts.error is None, accounts.error
    notices = messages_to(accounts, lso, "nomination")
    assert len(notices) == 1, notices
    assert name in notices[0].subject and reason in notices[0].body, notices[0]
    assert accounts.member(name).email in notices[0].body


@then(parsers.parse("{name:w} is told to say why"))
def told_to_say_why(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["REASON_REQUIRED"]
    assert accounts.sent == []


@then(
    parsers.parse("{name:w} is told that only a CDSP account administrator can reject nominations")
)
def told_only_cdsp_rejects(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.error, NotPermitted), repr(accounts.error)
    assert "CDSP account administrator" in accounts.error.message
    assert accounts.sent == []


@then(parsers.parse("{name:w} is told that no such nomination waits for approval"))
def told_no_such_nomination(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["NOMINATION_NOT_FOUND"]


def audit_records(accounts: AccountsStory, event: AuditEvent) -> list[Any]:
    entries = accounts.run(accounts.world.container.account_queries().audit_entries(0, 10_000))
    return [entry.record for entry in entries if entry.record.event is event]


@then(parsers.parse("the security audit log records that {name:w} rejected the nomination"))
def audit_says_rejected(accounts: AccountsStory, name: str) -> None:
    [record] = audit_records(accounts, AuditEvent.NOMINATION_REJECTED)
    assert record.actor_id == accounts.member(name).user_id
    assert record.details["nomination"] == accounts.nomination_id
    assert record.details["reason"]


# --- invitations sent again ---------------------------------------------------------------


@given(parsers.parse("{hours:d} hours have passed since the invitation was sent"))
def hours_passed(accounts: AccountsStory, hours: int) -> None:
    assert accounts.invitation_sent_at is not None
    accounts.advance_to(accounts.invitation_sent_at + timedelta(hours=hours))


@when(parsers.parse("{lso:w} sends {name:w}'s invitation again"))
def sends_invitation_again(accounts: AccountsStory, lso: str, name: str) -> None:
    user_id = accounts.member(name).user_id
    assert user_id is not None
    with accounts.watching():
        accounts.attempt(ResendInvitation(viewer=accounts.acting_as(lso), user_id=user_id))
    assert accounts.error is None, accounts.error
    accounts.invitation_sent_at = accounts.world.clock.now()


@then(
    parsers.parse("{name:w} is told the invitation has expired and to ask {lso:w} to send it again")
)
def told_invitation_expired_ask_lso(accounts: AccountsStory, name: str, lso: str) -> None:
    assert rejection_codes(accounts.error) == ["INVITATION_INVALID"]
    advice = str(accounts.error)
    assert "expired" in advice and accounts.member(lso).name in advice, advice
    assert "send you a new one" in advice, advice


@then(
    parsers.parse(
        "{lso:w} is told {name:w}'s account waits for its password, and to send the invitation "
        "again"
    )
)
def told_account_waits(accounts: AccountsStory, lso: str, name: str) -> None:
    assert rejection_codes(accounts.error) == ["EMAIL_IN_USE"]
    advice = str(accounts.error)
    assert accounts.member(name).email in advice and "send the invitation again" in advice


# --- enabling with a reason ---------------------------------------------------------------


@when(parsers.parse('{lso:w} enables {name:w}\'s account because "{reason}"'))
def enables_because(accounts: AccountsStory, lso: str, name: str, reason: str) -> None:
    viewer = accounts.acting_as(lso)
    user_id = accounts.member(name).user_id
    assert user_id is not None
    with accounts.watching():
        accounts.attempt(EnableUser(viewer=viewer, user_id=user_id, reason=reason))


@then(
    parsers.parse(
        'the security audit log records that {lso:w} enabled {name:w}\'s account because "{reason}"'
    )
)
def audit_says_enabled(accounts: AccountsStory, lso: str, name: str, reason: str) -> None:
    [record] = audit_records(accounts, AuditEvent.USER_ENABLED)
    assert (record.actor_id, record.subject_id) == (
        accounts.member(lso).user_id,
        accounts.member(name).user_id,
    )
    assert record.details["reason"] == reason


# --- resetting a second factor ------------------------------------------------------------

_RESETS = r"(?P<admin>\w+) resets (?P<name>\w+)'s second factor"


@when(parsers.re(_RESETS + r' because "(?P<reason>[^"]+)"'))
def resets_second_factor(accounts: AccountsStory, admin: str, name: str, reason: str) -> None:
    waiting = accounts.challenge_id  # the user's sign-in that waits for a code, if any
    viewer = accounts.acting_as(admin)
    accounts.challenge_id = waiting
    user_id = accounts.member(name).user_id
    assert user_id is not None
    with accounts.watching():
        accounts.attempt(ResetSecondFactor(viewer=viewer, user_id=user_id, reason=reason))


@when(parsers.re(_RESETS + r" without a reason"))
def resets_without_reason(accounts: AccountsStory, admin: str, name: str) -> None:
    resets_second_factor(accounts, admin, name, "")


@then(
    parsers.re(
        r"(?P<name>\w+) is asked to set up a second factor when (?:he|she) "
        r"(?:next signs in|signs in on (?:his|her) (?P<device>\w+))"
    )
)
def asked_to_set_up(accounts: AccountsStory, name: str, device: str | None) -> None:
    assert accounts.error is None, accounts.error
    with accounts.watching():
        outcome = accounts.password_step(name, device=device)
    assert isinstance(outcome, MfaEnrolmentRequired), outcome
    assert accounts.sent == [], "no code is sent before a second factor is chosen"


@then(parsers.parse("{name:w} is asked for a code by email when he next signs in"))
def asked_for_code_as_before(accounts: AccountsStory, name: str) -> None:
    with accounts.watching():
        outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaRequired) and outcome.channel is MfaChannel.EMAIL, outcome


@then(
    parsers.re(
        r'(?P<name>\w+) is told (?:his|her) second factor was reset because "(?P<reason>[^"]+)"'
    )
)
def told_reset(accounts: AccountsStory, name: str, reason: str) -> None:
    notices = messages_to(accounts, name, "second factor")
    assert len(notices) == 1, notices
    assert reason in notices[0].body and "next sign-in" in notices[0].body, notices[0].body


@then(
    parsers.parse(
        "the security audit log records that {admin:w} reset {name:w}'s second factor because "
        '"{reason}"'
    )
)
def audit_says_reset(accounts: AccountsStory, admin: str, name: str, reason: str) -> None:
    [record] = audit_records(accounts, AuditEvent.MFA_RESET)
    assert (record.actor_id, record.subject_id) == (
        accounts.member(admin).user_id,
        accounts.member(name).user_id,
    )
    assert record.details["reason"] == reason


@when(parsers.parse("{name:w} enters the code he was sent"))
def enters_code_sent(accounts: AccountsStory, name: str) -> None:
    assert accounts.right_code is not None
    accounts.outcome = accounts.enter(name, accounts.right_code)


# --- setting up organisations -------------------------------------------------------------

_SETS_UP = (
    r'(?P<name>\w+) sets up the (?P<kind>shipper|network|supplier) "(?P<organisation>[^"]+)" '
    r'with the short code "(?P<code>[^"]+)"(?:, owning the LDZs (?P<ldzs>.+))?'
)


@when(parsers.re(_SETS_UP))
def sets_up(
    accounts: AccountsStory, name: str, kind: str, organisation: str, code: str, ldzs: str | None
) -> None:
    zones = tuple(re.split(r", | and ", ldzs)) if ldzs else ()
    created = accounts.attempt(
        CreateOrganisation(
            viewer=accounts.acting_as(name),
            kind=OrganisationKind(kind.upper()),
            name=organisation,
            short_code=code,
            ldzs=zones,
        )
    )
    if created is not None:
        accounts.short_codes[organisation] = created.short_code


@when(
    parsers.re(
        r"(?P<nominator>\w+) nominates (?P<name>\w+), (?P<email>\S+), as the Local Security "
        r'Officer of "(?P<organisation>[^"]+)"'
    )
)
def nominates_lso_of(
    accounts: AccountsStory, nominator: str, name: str, email: str, organisation: str
) -> None:
    viewer = accounts.acting_as(nominator)
    queries = accounts.world.container.account_queries()
    code = accounts.short_codes.get(organisation) or ORGANISATIONS[organisation][0]
    target = accounts.run(queries.organisations_by_short_codes([code]))[code]
    accounts.people[name] = Member(name=name, email=email, organisation=organisation)
    nomination = accounts.attempt(
        NominateUser(
            viewer=viewer,
            name=name,
            email=email,
            mobile=None,
            roles=frozenset({Role.USER, Role.LSO}),
            organisation_id=target.id,
        )
    )
    if nomination is not None:
        accounts.nomination_id = nomination.id


@then(parsers.parse('{name:w} is signed in as the Local Security Officer of "{organisation}"'))
def signed_in_as_lso_of(accounts: AccountsStory, name: str, organisation: str) -> None:
    is_signed_in(accounts, name)
    viewer = accounts.outcome.viewer
    assert viewer.organisation.name == organisation
    assert viewer.roles == frozenset({Role.USER, Role.LSO})


@then(parsers.parse('{name:w} is told the short code {code} is already used by "{organisation}"'))
def told_short_code_used(accounts: AccountsStory, name: str, code: str, organisation: str) -> None:
    assert rejection_codes(accounts.error) == ["SHORT_CODE_IN_USE"]
    assert code in str(accounts.error) and organisation in str(accounts.error)


@then(parsers.parse('{name:w} is told that LDZ {ldz} already belongs to "{network}"'))
def told_ldz_owned(accounts: AccountsStory, name: str, ldz: str, network: str) -> None:
    assert set(rejection_codes(accounts.error)) == {"LDZ_OWNED"}
    assert isinstance(accounts.error, Rejected)
    assert any(
        f"LDZ {ldz} " in reason.message and network in reason.message
        for reason in accounts.error.reasons
    ), accounts.error.reasons


@then(parsers.parse("{name:w} is told that a network must own at least one LDZ"))
def told_network_needs_ldz(accounts: AccountsStory, name: str) -> None:
    assert rejection_codes(accounts.error) == ["LDZS_REQUIRED"]


@then(
    parsers.parse(
        "{name:w} is told that only a CDSP account administrator can set up organisations"
    )
)
def told_only_cdsp_sets_up(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.error, NotPermitted), repr(accounts.error)
    assert "CDSP account administrator" in accounts.error.message


@then(
    parsers.re(
        r"(?P<name>\w+) is told (?:she|he) may nominate people only to (?:her|his) own organisation"
    )
)
def told_own_organisation_only(accounts: AccountsStory, name: str) -> None:
    assert isinstance(accounts.error, NotPermitted), repr(accounts.error)
    assert "your own organisation" in accounts.error.message
