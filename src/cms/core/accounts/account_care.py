"""Looking after accounts: disabling one, enabling it again, resetting a lost second factor;
each told to the account holder by email."""

from __future__ import annotations

from collections.abc import Callable

from cms.core.accounts.administering import administered_account, checked_reason
from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import DisableUser, EnableUser, ResetSecondFactor
from cms.core.accounts.emails import email_after_commit
from cms.core.accounts.model import AccountStatus, UserAccount
from cms.core.accounts.ports import AccountsUnitOfWork
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import MessageSender
from cms.core.shared.rejections import Rejected, Rejection


class AccountCareHandlers:
    """disableUser, enableUser and resetSecondFactor."""

    def __init__(
        self, uow: Callable[[], AccountsUnitOfWork], sender: MessageSender, clock: Clock
    ) -> None:
        self._uow = uow
        self._sender = sender
        self._clock = clock

    async def disable_user(self, command: DisableUser) -> UserAccount:
        viewer, now = command.viewer, self._clock.now()
        reason = checked_reason(command.reason)
        if command.user_id == viewer.user_id:
            raise Rejected(
                [Rejection("CANNOT_DISABLE_SELF", "id", "You cannot disable your own account.")]
            )
        async with self._uow() as uow:
            user = await administered_account(uow, viewer, command.user_id)
            if user.status is AccountStatus.DISABLED:
                return user
            user.disable(now, reason)
            await uow.users.save(user)
            await uow.sessions.revoke_all_for(user.id, now)
            await uow.devices.revoke_all_for(user.id, now)
            await audit(
                uow,
                AuditEvent.USER_DISABLED,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                reason=reason,
            )
            await uow.commit()
        await email_after_commit(
            self._sender,
            user,
            "Your CMS account has been disabled",
            f"Your CMS account was disabled by {viewer.name}: {reason}\n\n"
            "Your organisation's Local Security Officer can enable it again.",
        )
        return user

    async def enable_user(self, command: EnableUser) -> UserAccount:
        viewer, now = command.viewer, self._clock.now()
        reason = checked_reason(command.reason, required=False)
        async with self._uow() as uow:
            user = await administered_account(uow, viewer, command.user_id)
            if user.status is not AccountStatus.DISABLED:
                raise Rejected(
                    [
                        Rejection(
                            "NOT_DISABLED",
                            "id",
                            f"The account is {user.status.lower()}, not disabled.",
                        )
                    ]
                )
            user.enable(now)
            await uow.users.save(user)
            await audit(
                uow,
                AuditEvent.USER_ENABLED,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                **({"reason": reason} if reason else {}),
            )
            await uow.commit()
        because = f": {reason}" if reason else "."
        await email_after_commit(
            self._sender,
            user,
            "Your CMS account is enabled again",
            f"Your CMS account was enabled again by {viewer.name}{because}\n\nYou can sign in now.",
        )
        return user

    async def reset_second_factor(self, command: ResetSecondFactor) -> UserAccount:
        """A lost phone or app: the user chooses a second factor again at their next sign-in.

        Their remembered devices, their sessions and any sign-in waiting for a code end too, so
        that whoever holds the old phone cannot finish a sign-in with it.
        """
        viewer, now = command.viewer, self._clock.now()
        reason = checked_reason(command.reason)
        if command.user_id.strip() == viewer.user_id:
            raise Rejected(
                [
                    Rejection(
                        "CANNOT_RESET_SELF",
                        "id",
                        "You cannot reset your own second factor; ask your organisation's "
                        "Local Security Officer or a CDSP account administrator.",
                    )
                ]
            )
        async with self._uow() as uow:
            user = await administered_account(uow, viewer, command.user_id)
            if not user.has_mfa:
                raise Rejected(
                    [
                        Rejection(
                            "NO_SECOND_FACTOR",
                            "id",
                            f"{user.name} has not set up a second factor yet: they choose one "
                            "at their next sign-in.",
                        )
                    ]
                )
            channel = user.mfa_channel
            user.forget_factor()
            await uow.users.save(user)
            await uow.challenges.void_open_for(user.id, now)
            await uow.devices.revoke_all_for(user.id, now)
            await uow.sessions.revoke_all_for(user.id, now)
            await audit(
                uow,
                AuditEvent.MFA_RESET,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                reason=reason,
                channel=str(channel),
            )
            await uow.commit()
        await email_after_commit(
            self._sender,
            user,
            "Your CMS second factor has been reset",
            f"{viewer.name} reset your CMS second factor: {reason}\n\nAt your next sign-in you "
            "will choose a new one (a code by text or email, or an authenticator app); your "
            "remembered devices are forgotten. If you did not ask for this, tell your Local "
            "Security Officer at once.",
        )
        return user
