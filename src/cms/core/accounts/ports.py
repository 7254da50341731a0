"""What the accounts module needs from the outside world."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from cms.core.accounts.model import Organisation, Session, UserAccount
from cms.core.shared.unit_of_work import UnitOfWork


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...


class UserRepository(Protocol):
    async def by_email(self, email: str) -> UserAccount | None: ...

    async def get(self, user_id: str) -> UserAccount | None: ...

    async def add(self, user: UserAccount) -> None: ...

    async def save(self, user: UserAccount) -> None: ...


class OrganisationRepository(Protocol):
    async def get(self, organisation_id: str) -> Organisation | None: ...

    async def by_short_code(self, short_code: str) -> Organisation | None: ...

    async def add(self, organisation: Organisation) -> None: ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def by_token_hash(self, token_hash: str) -> Session | None: ...

    async def touch(self, token_hash: str, at: datetime) -> None: ...

    async def revoke(self, token_hash: str, at: datetime) -> None: ...

    async def delete_created_before(self, cutoff: datetime) -> int: ...


class AccountsUnitOfWork(UnitOfWork, Protocol):
    users: UserRepository
    organisations: OrganisationRepository
    sessions: SessionRepository
