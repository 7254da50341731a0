"""Command handlers of the accounts module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from cms.core.accounts.commands import Authenticate, PurgeExpiredSessions, SignIn, SignOut
from cms.core.accounts.events import UserSignedIn, UserSignedOut
from cms.core.accounts.model import Session, UserAccount, Viewer, normalise_email
from cms.core.accounts.ports import AccountsUnitOfWork, PasswordHasher
from cms.core.accounts.sign_in import (
    IssueSession,
    SignedIn,
    SignInOutcome,
    SignInRefused,
    may_sign_in,
    next_step_after_password,
)
from cms.core.shared.clock import Clock
from cms.core.shared.ids import hash_token, new_id, new_secret_token

MAX_PASSWORD_LENGTH = 128
# The idle timer is refreshed at most this often, so reading is not a write per request.
TOUCH_INTERVAL_S = 60


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle_timeout_s: int = 30 * 60
    absolute_timeout_s: int = 12 * 60 * 60


class AccountsHandlers:
    """The accounts module's handlers, bound to their ports."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        hasher: PasswordHasher,
        clock: Clock,
        sessions: SessionPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock
        self._sessions = sessions
        # Verifying against a throwaway hash when the email is unknown keeps every refusal
        # equally slow, so timing does not reveal which accounts exist.
        self._decoy_hash = hasher.hash(new_secret_token())

    async def sign_in(self, command: SignIn) -> SignInOutcome:
        if len(command.password) > MAX_PASSWORD_LENGTH:
            return SignInRefused()
        async with self._uow() as uow:
            user = await uow.users.by_email(normalise_email(command.email))
            password_ok = self._hasher.verify(
                user.password_hash if user and user.password_hash else self._decoy_hash,
                command.password,
            )
            if user is None or not password_ok or not may_sign_in(user):
                return SignInRefused()
            step = next_step_after_password(user)
            assert isinstance(step, IssueSession)
            token = await self._open_session(uow, user, command.client_address)
            viewer = await self._viewer(uow, user)
            await uow.commit()
        return SignedIn(viewer=viewer, session_token=token)

    async def sign_out(self, command: SignOut) -> bool:
        async with self._uow() as uow:
            token_hash = hash_token(command.session_token)
            session = await uow.sessions.by_token_hash(token_hash)
            if session is None or session.revoked_at is not None:
                return False
            now = self._clock.now()
            await uow.sessions.revoke(token_hash, now)
            uow.record(
                [
                    UserSignedOut(
                        event_id=new_id(),
                        stream_id=session.user_id,
                        occurred_at=now,
                        actor_id=session.user_id,
                    )
                ]
            )
            await uow.commit()
        return True

    async def authenticate(self, command: Authenticate) -> Viewer | None:
        """The caller behind a session token, or None when it is unknown, expired or revoked."""
        async with self._uow() as uow:
            token_hash = hash_token(command.session_token)
            session = await uow.sessions.by_token_hash(token_hash)
            now = self._clock.now()
            if session is None or not session.is_live(
                now, self._sessions.idle_timeout_s, self._sessions.absolute_timeout_s
            ):
                return None
            user = await uow.users.get(session.user_id)
            if user is None or not may_sign_in(user):
                return None
            viewer = await self._viewer(uow, user)
            if (now - session.last_seen_at).total_seconds() >= TOUCH_INTERVAL_S:
                await uow.sessions.touch(token_hash, now)
                await uow.commit()
        return viewer

    async def purge_expired_sessions(self, command: PurgeExpiredSessions) -> int:
        cutoff = self._clock.now() - timedelta(seconds=self._sessions.absolute_timeout_s)
        async with self._uow() as uow:
            deleted = await uow.sessions.delete_created_before(cutoff)
            await uow.commit()
        return deleted

    async def _open_session(
        self, uow: AccountsUnitOfWork, user: UserAccount, client_address: str | None
    ) -> str:
        now = self._clock.now()
        token = new_secret_token()
        await uow.sessions.add(
            Session(token_hash=hash_token(token), user_id=user.id, created_at=now, last_seen_at=now)
        )
        user.last_sign_in_at = now
        await uow.users.save(user)
        uow.record(
            [
                UserSignedIn(
                    event_id=new_id(),
                    stream_id=user.id,
                    occurred_at=now,
                    actor_id=user.id,
                    client_address=client_address,
                )
            ]
        )
        return token

    async def _viewer(self, uow: AccountsUnitOfWork, user: UserAccount) -> Viewer:
        organisation = await uow.organisations.get(user.organisation_id)
        if organisation is None:
            raise LookupError(f"user {user.id} belongs to no organisation")
        return Viewer(
            user_id=user.id,
            name=user.name,
            email=user.email,
            organisation=organisation,
            roles=user.roles,
        )
