"""Steps of features/accounts/inactivity.feature: the nightly check that warns, then disables,
the people who do not sign in.
"""

from __future__ import annotations

from datetime import date

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.model import AccountStatus, Role
from tests.bdd.accounts.story import (
    CDSP,
    NIGHTLY_CHECK,
    ORGANISATIONS,
    AccountsStory,
    messages_to,
    uk_day,
)

# --- people -------------------------------------------------------------------------------


@given(parsers.parse('{name:w} is a user at "{organisation}" who last signed in on {day}'))
def user_last_signed_in(accounts: AccountsStory, name: str, organisation: str, day: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))
    accounts.on(uk_day(day))
    accounts.sign_in_fully(name)


@given(
    parsers.parse(
        '{name:w}, the Local Security Officer of "{organisation}", signs in every working day'
    )
)
def regular_local_security_officer(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER, Role.LSO))
    accounts.regulars.append(name)
    accounts.acting_as(name)


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
