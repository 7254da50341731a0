"""The read side of accounts: users as other modules and the API see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cms.core.accounts.model import AccountStatus, MfaChannel, Organisation, Role


@dataclass(frozen=True, slots=True)
class UserView:
    id: str
    name: str
    email: str
    organisation: Organisation
    roles: frozenset[Role]
    status: AccountStatus
    last_sign_in_at: datetime | None
    mfa_channel: MfaChannel | None


class AccountQueries(Protocol):
    async def users_by_ids(self, user_ids: Iterable[str]) -> dict[str, UserView]: ...

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]: ...

    async def organisations_by_short_codes(
        self, short_codes: Iterable[str]
    ) -> dict[str, Organisation]: ...
