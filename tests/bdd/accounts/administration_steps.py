"""Steps of features/accounts/account_lifecycle.feature about looking after accounts: setting up
organisations, disabling and enabling accounts, and resetting a second factor.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import (
    CreateOrganisation,
    DisableUser,
    EnableUser,
    NominateUser,
    ResetSecondFactor,
)
from cms.core.accounts.model import MfaChannel, OrganisationKind, Role
from cms.core.accounts.sign_in import (
    GENERIC_REFUSAL,
    MfaEnrolmentRequired,
    MfaRequired,
    SignInRefused,
)
from cms.core.shared.errors import NotPermitted
from cms.core.shared.rejections import Rejected
from tests.bdd.accounts.shared_steps import is_signed_in
from tests.bdd.accounts.story import (
    ORGANISATIONS,
    WRONG_PASSWORD,
    AccountsStory,
    Member,
    audit_records,
    messages_to,
    rejection_codes,
)

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


@when(parsers.parse("{name:w} signs in with a wrong password"))
def a_wrong_password(accounts: AccountsStory, name: str) -> None:
    accounts.advance_by(timedelta(seconds=10))
    with accounts.watching():
        accounts.outcome = accounts.password_step(name, password=WRONG_PASSWORD)


@then(parsers.parse("{name:w} is told only that the email address or password is not right"))
def told_only_not_right(accounts: AccountsStory, name: str) -> None:
    refusal = accounts.outcome
    assert isinstance(refusal, SignInRefused), refusal
    assert refusal == SignInRefused(message=GENERIC_REFUSAL), refusal


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
