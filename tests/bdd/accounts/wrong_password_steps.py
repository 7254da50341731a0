"""Steps of features/accounts/signing_in.feature about wrong passwords: the waits they bring,
for an account and for a network, and what the answers give away.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import SignIn
from cms.core.accounts.sign_in import GENERIC_REFUSAL, SignInRefused
from tests.bdd.accounts.story import WRONG_PASSWORD, AccountsStory

# --- wrong passwords and waits ------------------------------------------------------------

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
