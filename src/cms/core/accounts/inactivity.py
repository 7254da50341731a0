"""The daily inactivity sweep: warn 14 days ahead, disable after 90 days without signing in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import DisableInactiveUsers
from cms.core.accounts.emails import email_after_commit
from cms.core.accounts.model import AccountStatus, Role, UserAccount
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import AccountsUnitOfWork
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import MessageSender

UK = ZoneInfo("Europe/London")


@dataclass
class SweepReport:
    warned: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)


class InactivityHandlers:
    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        sender: MessageSender,
        clock: Clock,
        policy: SecurityPolicy,
    ) -> None:
        self._uow = uow
        self._sender = sender
        self._clock = clock
        self._policy = policy

    async def disable_inactive_users(self, command: DisableInactiveUsers) -> SweepReport:
        """Idempotent, and safe on several workers at once: each change is a conditional
        update, and only the worker whose update took effect sends the messages."""
        now, policy = self._clock.now(), self._policy
        disable_before = now - timedelta(days=policy.inactivity_days)
        warn_before = disable_before + timedelta(days=policy.inactivity_warning_days)
        report = SweepReport()
        async with self._uow() as uow:
            candidates = await uow.users.active_last_seen_before(warn_before)
        for user in candidates:
            assert user.last_active_at is not None
            if user.last_active_at < disable_before:
                if await self._disable(user, disable_before):
                    report.disabled.append(user.email)
            elif await self._warn(user, warn_before):
                report.warned.append(user.email)
        return report

    async def _disable(self, user: UserAccount, cutoff: datetime) -> bool:
        now, days = self._clock.now(), self._policy.inactivity_days
        reason = f"no sign-in for more than {days} days"
        async with self._uow() as uow:
            if not await uow.users.disable_if_inactive(user.id, cutoff, now, reason):
                return False
            await uow.sessions.revoke_all_for(user.id, now)
            await uow.devices.revoke_all_for(user.id, now)
            await audit(uow, AuditEvent.USER_DISABLED, now, None, user.id, None, reason=reason)
            lsos = [
                other
                for other in await uow.users.in_organisation(user.organisation_id)
                if Role.LSO in other.roles
                and other.id != user.id
                and other.status is AccountStatus.ACTIVE
            ]
            await uow.commit()
        await email_after_commit(
            self._sender,
            user,
            "Your CMS account has been disabled",
            "Your CMS account has been disabled because it was not used for more than "
            f"{days} days. Ask your organisation's Local Security Officer to enable it again.",
        )
        for lso in lsos:
            await email_after_commit(
                self._sender,
                lso,
                f"CMS account disabled: {user.name}",
                f"The CMS account of {user.name} ({user.email}) was disabled after more than "
                f"{days} days without a sign-in. You can enable it again if they still need it.",
            )
        return True

    async def _warn(self, user: UserAccount, cutoff: datetime) -> bool:
        now = self._clock.now()
        assert user.last_active_at is not None
        async with self._uow() as uow:
            if not await uow.users.mark_warned_if_due(user.id, cutoff, now):
                return False
            await audit(uow, AuditEvent.INACTIVITY_WARNING_SENT, now, None, user.id, None)
            await uow.commit()
        disable_on = user.last_active_at + timedelta(days=self._policy.inactivity_days)
        await email_after_commit(
            self._sender,
            user,
            "Your CMS account will be disabled soon",
            "You have not signed in to CMS for a while. Your account will be disabled if you do "
            f"not sign in by {disable_on.astimezone(UK):%-d %B %Y}.",
        )
        return True
