"""A refused sign-in's cause, as the audit log records it: an enum whose words do not change."""

from __future__ import annotations

import pytest

from cms.core.accounts.model import AccountStatus, UserAccount
from cms.core.accounts.sign_in import RefusalCause, refusal_cause
from tests.support.accounts import an_account as account


def test_the_audit_words_stay_as_they_were() -> None:
    assert {cause.name: str(cause) for cause in RefusalCause} == {
        "WAITING": "waiting",
        "UNKNOWN_EMAIL": "unknown email",
        "WRONG_PASSWORD": "wrong password",
        "ACCOUNT_INVITED": "account invited",
        "ACCOUNT_DISABLED": "account disabled",
        "ACCOUNT_ACTIVE": "account active",
    }


@pytest.mark.parametrize(
    ("user", "password_ok", "cause"),
    [
        (None, False, RefusalCause.UNKNOWN_EMAIL),
        (account(AccountStatus.ACTIVE), False, RefusalCause.WRONG_PASSWORD),
        (account(AccountStatus.DISABLED), False, RefusalCause.WRONG_PASSWORD),
        (account(AccountStatus.DISABLED), True, RefusalCause.ACCOUNT_DISABLED),
        (account(AccountStatus.INVITED, None), True, RefusalCause.ACCOUNT_INVITED),
        (account(AccountStatus.ACTIVE, None), True, RefusalCause.ACCOUNT_ACTIVE),
        (account(AccountStatus.ACTIVE), True, None),
    ],
)
def test_each_refusal_has_its_cause(
    user: UserAccount | None, password_ok: bool, cause: RefusalCause | None
) -> None:
    assert refusal_cause(user, password_ok) is cause
