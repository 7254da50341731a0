"""An account to test the accounts model with, built in one place."""

from __future__ import annotations

from datetime import UTC, datetime

from cms.core.accounts.model import AccountStatus, Role, UserAccount

CREATED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def an_account(status: AccountStatus, password_hash: str | None = "hash") -> UserAccount:
    return UserAccount(
        id="u1",
        organisation_id="o1",
        name="Ann",
        email="ann@alpha.example",
        roles=frozenset({Role.USER}),
        status=status,
        password_hash=password_hash,
        created_at=CREATED_AT,
    )
