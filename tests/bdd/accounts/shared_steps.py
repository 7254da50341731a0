"""Steps that more than one account feature uses: people with accounts, the first sign-in, being
signed in or not, and enabling an account again.
"""

from __future__ import annotations

from datetime import timedelta

import pyotp
from pytest_bdd import given, parsers, then, when

from cms.core.accounts.commands import EnableUser, EnrolMfa, SignIn
from cms.core.accounts.model import AccountStatus, MfaChannel, Role
from cms.core.accounts.sign_in import (
    MfaEnrolmentRequired,
    MfaFailed,
    MfaRequired,
    SignedIn,
    SignInRefused,
)
from tests.bdd.accounts.story import AccountsStory, messages_to, uk_day
from tests.support.world import PASSWORD

# --- people -------------------------------------------------------------------------------


@given(parsers.re(r'(?P<name>\w+) (?:has an account at|is a user at) "(?P<organisation>[^"]+)"$'))
def has_account(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))


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


# --- later sign-ins -----------------------------------------------------------------------


@given(
    parsers.re(
        r"(?P<name>\w+) asked for (?:his|her) (?P<device>\w+) to be remembered "
        r"when (?:he|she) signed in"
    )
)
def remembered_device(accounts: AccountsStory, name: str, device: str) -> None:
    signed_in = accounts.sign_in_fully(name, device=device, remember=True)
    assert signed_in.device_token is not None


# --- wrong passwords and waits ------------------------------------------------------------


@when(parsers.parse("{name:w} signs in with the right password"))
def right_password(accounts: AccountsStory, name: str) -> None:
    accounts.advance_by(timedelta(seconds=10))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name)


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


@then(parsers.parse('the answer is the same as for "{email}" at that moment'))
def same_answer_as_unknown(accounts: AccountsStory, email: str) -> None:
    assert isinstance(accounts.outcome, SignInRefused), accounts.outcome
    assert accounts.handle(SignIn(email=email, password=PASSWORD)) == accounts.outcome


# --- wrong codes --------------------------------------------------------------------------


@given(parsers.parse("{name:w} has entered his password and been sent a code by email"))
def sent_a_code(accounts: AccountsStory, name: str) -> None:
    with accounts.watching() as watch:
        outcome = accounts.password_step(name)
    assert isinstance(outcome, MfaRequired) and outcome.channel is MfaChannel.EMAIL, outcome
    accounts.right_code = accounts.code_in(watch.messages)


# --- sessions -----------------------------------------------------------------------------


@then(parsers.re(r"(?P<name>\w+)'s session (?:no longer lets (?:him|her) in|has ended)"))
def session_ended(accounts: AccountsStory, name: str) -> None:
    assert name in accounts.sessions, f"{name} never signed in"
    assert accounts.authenticated(name) is None


# --- disabling and enabling ---------------------------------------------------------------

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


@then(parsers.re(r"(?P<name>\w+) is told (?:his|her) account is enabled again"))
def told_enabled(accounts: AccountsStory, name: str) -> None:
    notices = messages_to(accounts, name, "enabled again")
    assert len(notices) == 1, notices
    assert "sign in" in notices[0].body, notices[0].body
