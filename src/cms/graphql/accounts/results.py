"""What the accounts' root fields share: an account as the API shows it after a change."""

from __future__ import annotations

import contextlib

from cms.graphql.accounts.types import User
from cms.graphql.context import Context


async def user_result(context: Context, user_id: str, shown_whole: bool = False) -> User:
    """The account as it is now: a copy loaded earlier in this request is dropped first."""
    with contextlib.suppress(KeyError):  # drop a copy loaded before this change, if any
        context.users.clear(user_id)
    view = await context.users.load(user_id)
    assert view is not None
    return User.of(view, shown_whole)
