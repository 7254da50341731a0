"""What every administrator's act shares: who may administer whose accounts, and the checks of
the text given (a person's name and email, the reason for the act)."""

from __future__ import annotations

import unicodedata

from cms.core.accounts.model import OrganisationKind, Role, UserAccount, Viewer, is_email
from cms.core.accounts.ports import AccountsUnitOfWork
from cms.core.shared.errors import NotPermitted
from cms.core.shared.rejections import Rejected, Rejection

MAX_NAME = 120
MAX_REASON = 500
NOT_YOURS = "You may administer only the accounts of your own organisation."


def is_cdsp_admin(viewer: Viewer) -> bool:
    return viewer.kind is OrganisationKind.CDSP and viewer.has_role(Role.ACCOUNT_ADMIN)


def may_administer(viewer: Viewer, organisation_id: str) -> bool:
    """The organisation's own LSO, or a CDSP account administrator (for every organisation).

    The same rule decides what `users` lists, so nobody acts on accounts they cannot see.
    """
    if is_cdsp_admin(viewer):
        return True
    return viewer.has_role(Role.LSO) and viewer.organisation.id == organisation_id


async def administered_account(
    uow: AccountsUnitOfWork, viewer: Viewer, user_id: str
) -> UserAccount:
    """The account the viewer acts on, if they may administer it."""
    # An unknown id and another organisation's user answer alike.
    user = await uow.users.get(user_id.strip())
    if user is None or not may_administer(viewer, user.organisation_id):
        raise NotPermitted(NOT_YOURS)
    return user


def one_line(value: str) -> str:
    return " ".join(value.split())


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in value)


def person_problems(name: str, email: str, given_email: str) -> list[Rejection]:
    problems: list[Rejection] = []
    if not name or len(name) > MAX_NAME or has_control_characters(name):
        problems.append(
            Rejection(
                "NAME_INVALID", "name", f"Give the person's name, up to {MAX_NAME} characters."
            )
        )
    if not is_email(email):
        problems.append(
            Rejection("EMAIL_INVALID", "email", f"'{given_email[:60]}' is not an email address.")
        )
    return problems


def checked_reason(value: str | None, required: bool = True) -> str:
    """The reason given for an administrator's act, on one line ("" when optional and not
    given); refused when missing."""
    reason = one_line(value or "")
    if (required and not reason) or len(reason) > MAX_REASON or has_control_characters(reason):
        raise Rejected(
            [
                Rejection(
                    "REASON_REQUIRED",
                    "reason",
                    f"Say why, in up to {MAX_REASON} characters of plain text.",
                )
            ]
        )
    return reason
