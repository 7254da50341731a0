"""Sessions: opened by a completed sign-in, checked on every request, ended, purged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import Authenticate, DescribeSession, PurgeExpiredSessions, SignOut
from cms.core.accounts.model import Session, SessionTimes, TrustedDevice, UserAccount, Viewer
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import AccountsUnitOfWork
from cms.core.accounts.sign_in import SignedIn, may_sign_in
from cms.core.shared.clock import Clock
from cms.core.shared.ids import hash_token, new_secret_token

# The idle timer is refreshed at most this often, so reading is not a write per request; a
# tenth of a short idle timeout, so a browser's countdown stays close to the server's.
TOUCH_INTERVAL_S = 60


def touch_interval_s(idle_timeout_s: int) -> int:
    """How stale a session's last-seen time may grow before a request refreshes it."""
    return max(1, min(TOUCH_INTERVAL_S, idle_timeout_s // 10))


class SessionHandlers:
    """Sessions and trusted devices; sign-in and MFA open a session through `open`."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        clock: Clock,
        policy: SecurityPolicy,
        read_uow: Callable[[], AccountsUnitOfWork] | None = None,
    ) -> None:
        self._uow = uow
        self._read_uow = read_uow or uow
        self._clock = clock
        self._policy = policy

    async def open(
        self,
        uow: AccountsUnitOfWork,
        user: UserAccount,
        client_address: str | None,
        remember_device: bool = False,
    ) -> SignedIn:
        """A new session for a user who passed sign-in (and MFA), in the caller's transaction;
        with remember_device, a trusted device too."""
        now = self._clock.now()
        token = new_secret_token()
        await uow.sessions.add(
            Session(token_hash=hash_token(token), user_id=user.id, created_at=now, last_seen_at=now)
        )
        device_token = None
        if remember_device:
            device_token = new_secret_token()
            await uow.devices.add(
                TrustedDevice(
                    token_hash=hash_token(device_token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + timedelta(days=self._policy.trusted_device_days),
                )
            )
            await audit(
                uow,
                AuditEvent.DEVICE_TRUSTED,
                now,
                user.id,
                user.id,
                client_address,
                days=str(self._policy.trusted_device_days),
            )
        user.record_sign_in(now)
        await uow.users.save(user)
        await audit(uow, AuditEvent.SIGN_IN_SUCCEEDED, now, user.id, user.id, client_address)
        return SignedIn(
            viewer=await self.viewer(uow, user), session_token=token, device_token=device_token
        )

    async def sign_out(self, command: SignOut) -> bool:
        now = self._clock.now()
        async with self._uow() as uow:
            token_hash = hash_token(command.session_token)
            session = await uow.sessions.by_token_hash(token_hash)
            if command.device_token:
                await uow.devices.revoke(hash_token(command.device_token), now)
            if session is None or session.revoked_at is not None:
                await uow.commit()
                return False
            await uow.sessions.revoke(token_hash, now)
            await audit(
                uow,
                AuditEvent.SESSION_REVOKED,
                now,
                session.user_id,
                session.user_id,
                command.client_address,
                cause="signed out",
            )
            await uow.commit()
        return True

    async def authenticate(self, command: Authenticate) -> Viewer | None:
        """The caller behind a session token, or None when it is unknown, expired or revoked."""
        # Every request comes through here: read without taking the write lock, and write
        # only to refresh the idle timer, at most once a minute.
        async with self._read_uow() as reader:
            token_hash = hash_token(command.session_token)
            session = await reader.sessions.by_token_hash(token_hash)
            now = self._clock.now()
            if session is None or not session.is_live(
                now, self._policy.idle_timeout_s, self._policy.absolute_timeout_s
            ):
                return None
            user = await reader.users.get(session.user_id)
            if user is None or not may_sign_in(user):
                return None
            viewer = await self.viewer(reader, user)
        if (now - session.last_seen_at).total_seconds() >= touch_interval_s(
            self._policy.idle_timeout_s
        ):
            async with self._uow() as uow:
                await uow.sessions.touch(token_hash, now)
                await uow.commit()
        return viewer

    async def describe_session(self, command: DescribeSession) -> SessionTimes | None:
        """How long the session lasts; with keep_alive, its idle timer starts again now."""
        now = self._clock.now()
        token_hash = hash_token(command.session_token)
        async with self._uow() as uow:
            session = await uow.sessions.by_token_hash(token_hash)
            if session is None or not session.is_live(
                now, self._policy.idle_timeout_s, self._policy.absolute_timeout_s
            ):
                return None
            if command.keep_alive:
                await uow.sessions.touch(token_hash, now)
                await uow.commit()
        return SessionTimes(
            idle_timeout_s=self._policy.idle_timeout_s,
            absolute_end=session.created_at + timedelta(seconds=self._policy.absolute_timeout_s),
        )

    async def purge_expired_sessions(self, command: PurgeExpiredSessions) -> int:
        cutoff = self._clock.now() - timedelta(seconds=self._policy.absolute_timeout_s)
        async with self._uow() as uow:
            deleted = await uow.sessions.delete_created_before(cutoff)
            await uow.commit()
        return deleted

    @staticmethod
    async def viewer(uow: AccountsUnitOfWork, user: UserAccount) -> Viewer:
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
