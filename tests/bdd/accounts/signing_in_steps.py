"""Steps of features/accounts/signing_in.feature: setting up a second factor, later sign-ins,
wrong codes, sessions and changing the password. The wrong passwords and their waits are in
wrong_password_steps.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from pytest_bdd import given, parsers, then, when

from cms.core.accounts.commands import ChangePassword, EnrolMfa, SignOut
from cms.core.accounts.model import MfaChannel
from cms.core.accounts.sign_in import MfaEnrolmentRequired, MfaFailed, MfaRequired, SignedIn
from cms.core.shared.delivery import Channel
from tests.bdd.accounts.shared_steps import is_signed_in
from tests.bdd.accounts.story import WRONG_PASSWORD, AccountsStory, rejection_codes

# --- setting up a second factor -----------------------------------------------------------


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


# --- wrong codes --------------------------------------------------------------------------


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


# --- changing the password ----------------------------------------------------------------


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
