"""Steps of features/accounts/account_lifecycle.feature about nominations: nominating,
approving and rejecting, the invitation and the password set from it, and sending it again.
"""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, then, when

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import RejectNomination, ResendInvitation
from cms.core.accounts.model import AccountStatus, Role
from cms.core.accounts.queries import nomination_clashes, visible_nominations
from cms.core.accounts.sign_in import SignInRefused
from cms.core.shared.delivery import Channel
from cms.core.shared.errors import NotPermitted
from tests.bdd.accounts.shared_steps import is_signed_in
from tests.bdd.accounts.story import (
    CDSP,
    AccountsStory,
    audit_records,
    messages_to,
    rejection_codes,
)

# --- people -------------------------------------------------------------------------------


@given(parsers.parse('{name:w} is a user at "{organisation}" who has set up codes by email'))
def user_with_email_codes(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER,))
    accounts.sign_in_fully(name)


@given(parsers.parse('{name:w} is the Local Security Officer of "{organisation}"'))
def local_security_officer(accounts: AccountsStory, name: str, organisation: str) -> None:
    accounts.give_account(name, organisation, (Role.USER, Role.LSO))


@given(parsers.parse("{name:w} is an account administrator at the CDSP"))
def cdsp_account_administrator(accounts: AccountsStory, name: str) -> None:
    accounts.give_account(name, CDSP, (Role.USER, Role.ACCOUNT_ADMIN))


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
