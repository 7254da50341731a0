"""Commands of the accounts module."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class SignIn(Command):
    email: str
    password: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class SignOut(Command):
    session_token: str


@dataclass(frozen=True, kw_only=True)
class Authenticate(Command):
    """Resolve a session token to the caller, refreshing the idle timer."""

    session_token: str


@dataclass(frozen=True, kw_only=True)
class PurgeExpiredSessions(Command):
    """Delete sessions past their absolute lifetime: they can never be used again."""
