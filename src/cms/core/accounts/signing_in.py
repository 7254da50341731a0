"""The password step of signing in, and changing the password: both throttled alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import ChangePassword, SignIn
from cms.core.accounts.mfa import MfaHandlers, TooManyCodes
from cms.core.accounts.model import (
    MAX_EMAIL_LENGTH,
    AccountStatus,
    ChallengePurpose,
    MfaChallenge,
    MfaChannel,
    UserAccount,
    normalise_email,
)
from cms.core.accounts.passwords import MAX_PASSWORD_LENGTH, password_problems
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import AccountsUnitOfWork, CommonPasswords, PasswordHasher
from cms.core.accounts.sessions import SessionHandlers
from cms.core.accounts.sign_in import (
    GENERIC_REFUSAL,
    MfaEnrolmentRequired,
    RefusalCause,
    SignInOutcome,
    SignInRefused,
    disabled_refusal,
    refusal_cause,
    whom_to_ask_about,
)
from cms.core.accounts.throttling import (
    Limit,
    Throttle,
    account_limit,
    address_limit,
    device_limit,
    in_words,
    waiting_message,
)
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import DeliveryFailed
from cms.core.shared.ids import hash_token, new_secret_token
from cms.core.shared.rate_limits import AttemptCounters
from cms.core.shared.rejections import Rejected, Rejection


def _refusal(wait_s: int) -> str:
    """The one refusal for a failed password, saying when to try again if a wait started."""
    if not wait_s:
        return GENERIC_REFUSAL
    return f"{GENERIC_REFUSAL} Too many attempts have failed; try again in {in_words(wait_s)}."


class SignInHandlers:
    """The password step (then MFA's code, or a session on a trusted device) and changePassword."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        hasher: PasswordHasher,
        counters: AttemptCounters,
        common_passwords: CommonPasswords,
        clock: Clock,
        policy: SecurityPolicy,
        mfa: MfaHandlers,
        sessions: SessionHandlers,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._counters = counters
        self._throttle = Throttle(counters)
        self._common = common_passwords
        self._clock = clock
        self._policy = policy
        self._mfa = mfa
        self._sessions = sessions
        # Verifying against a throwaway hash when the email is unknown keeps every refusal
        # equally slow, so timing does not reveal which accounts exist.
        self._decoy_hash = hasher.hash(new_secret_token())

    async def sign_in(self, command: SignIn) -> SignInOutcome:
        policy, now = self._policy, self._clock.now()
        email = normalise_email(command.email)[:MAX_EMAIL_LENGTH]
        async with self._uow() as uow:
            user = await uow.users.by_email(email)
            too_long = len(command.password) > MAX_PASSWORD_LENGTH
            # Always exactly one password check, whatever the outcome: timing tells nothing.
            password_ok = (
                self._hasher.verify(
                    user.password_hash if user and user.password_hash else self._decoy_hash,
                    command.password[:MAX_PASSWORD_LENGTH],
                )
                and not too_long
            )
            trusted = user is not None and await self._trusted(uow, command.device_token, user, now)
            # A device the user proved before is held up only by its own failures: somebody
            # guessing elsewhere, or sharing the office's address, does not keep them out.
            limits = (
                [device_limit(command.device_token, policy.device_backoff)]
                if trusted and command.device_token
                else [
                    account_limit(email, policy.account_backoff),
                    address_limit(command.client_address, policy.address_backoff),
                ]
            )
            wait = await self._throttle.wait_s(limits)
            if wait:
                await self._audit_failure(
                    uow, user, email, RefusalCause.WAITING, command.client_address, now
                )
                await uow.commit()
                return SignInRefused(message=waiting_message(wait))
            cause = refusal_cause(user, password_ok)
            if cause is not None:
                await self._audit_failure(uow, user, email, cause, command.client_address, now)
                wait = await self._count_failure(
                    uow, user, email, limits, command.client_address, now
                )
                # The password is proved: a disabled user is told why and whom to ask. Any
                # other refusal stays the one message, whatever the cause.
                disabled = (
                    await self._disabled_refusal(uow, user)
                    if password_ok and user is not None and user.status is AccountStatus.DISABLED
                    else None
                )
                await uow.commit()
                return disabled or SignInRefused(message=_refusal(wait))
            assert user is not None
            await self._throttle.forget(limits[0])  # the account's, or the device's
            if trusted:
                signed_in = await self._sessions.open(uow, user, command.client_address)
                await uow.commit()
                return signed_in
            challenge_id = new_secret_token()
            challenge = MfaChallenge(
                id_hash=hash_token(challenge_id),
                user_id=user.id,
                purpose=ChallengePurpose.SIGN_IN if user.has_mfa else ChallengePurpose.ENROL,
                created_at=now,
                expires_at=now + timedelta(seconds=policy.challenge_ttl_s),
                attempts_left=policy.code_attempts,
                channel=user.mfa_channel,
                destination=user.mfa_destination,
            )
            if challenge.purpose is ChallengePurpose.ENROL:
                await uow.challenges.add(challenge)
                await uow.commit()
                return MfaEnrolmentRequired(challenge_id=challenge_id)
            message = None
            if challenge.channel is not MfaChannel.TOTP:  # an authenticator app needs no message
                try:
                    message = await self._mfa.issue_code(
                        uow, challenge, user, command.client_address
                    )
                except TooManyCodes:
                    await uow.commit()
                    return SignInRefused(message=self._mfa.too_many_codes_message())
            await uow.challenges.add(challenge)
            await uow.commit()
        if message is not None:
            try:
                await self._mfa.deliver(message)
            except DeliveryFailed as error:
                return SignInRefused(message=f"Your password was right, but {error.message}")
        return self._mfa.mfa_required(challenge_id, challenge)

    @staticmethod
    async def _disabled_refusal(uow: AccountsUnitOfWork, user: UserAccount) -> SignInRefused:
        return disabled_refusal(user.disabled_reason, await whom_to_ask_about(uow, user))

    async def _audit_failure(
        self,
        uow: AccountsUnitOfWork,
        user: UserAccount | None,
        email: str,
        cause: RefusalCause,
        client_address: str | None,
        now: datetime,
    ) -> None:
        await audit(
            uow,
            AuditEvent.SIGN_IN_FAILED,
            now,
            None,
            user.id if user else None,
            client_address,
            email=email,
            cause=str(cause),
        )

    async def _count_failure(
        self,
        uow: AccountsUnitOfWork,
        user: UserAccount | None,
        email: str,
        limits: list[Limit],
        client_address: str | None,
        now: datetime,
    ) -> int:
        """Count a failed password against each limit; the longest wait it started (0: none)."""
        longest = 0
        for limit in limits:
            failures, wait = await self._throttle.failed(limit)
            if not wait:
                continue
            longest = max(longest, wait)
            await audit(
                uow,
                AuditEvent.SIGN_IN_THROTTLED,
                now,
                None,
                user.id if user else None,
                client_address,
                scope=limit.scope,
                failures=str(failures),
                wait_s=str(wait),
                **({"email": email} if limit.scope != "address" else {}),
            )
        return longest

    async def _trusted(
        self, uow: AccountsUnitOfWork, device_token: str | None, user: UserAccount, now: datetime
    ) -> bool:
        if not device_token or not user.has_mfa:
            return False
        device = await uow.devices.get(hash_token(device_token))
        return device is not None and device.trusts(user.id, now)

    async def change_password(self, command: ChangePassword) -> None:
        """Set a new password; every other session of the user ends. Raises Rejected.

        The current password is checked first, and a wrong one counts like a failed sign-in:
        an open session must not become a way to guess it without limit.
        """
        now = self._clock.now()
        async with self._uow() as uow:
            user = await uow.users.get(command.viewer.user_id)
            assert user is not None
            current = command.current_password
            right = (
                bool(user.password_hash)
                and self._hasher.verify(
                    user.password_hash or self._decoy_hash, current[:MAX_PASSWORD_LENGTH]
                )
                and len(current) <= MAX_PASSWORD_LENGTH
            )
            if not right:
                refusal = await self._wrong_current_password(uow, user, command, now)
                await uow.commit()
                raise refusal
            problems = password_problems(
                command.new_password, user.email, self._common, "newPassword"
            )
            if problems:
                raise Rejected(problems)
            user.change_password(self._hasher.hash(command.new_password))
            await uow.users.save(user)
            await uow.sessions.revoke_all_for(user.id, now, keep=hash_token(command.session_token))
            await audit(
                uow, AuditEvent.PASSWORD_CHANGED, now, user.id, user.id, command.client_address
            )
            await uow.commit()

    async def _wrong_current_password(
        self, uow: AccountsUnitOfWork, user: UserAccount, command: ChangePassword, now: datetime
    ) -> Rejected:
        """Count, audit, and after the limit end the session: the refusal to raise."""
        policy, token_hash = self._policy, hash_token(command.session_token)
        # Counted for the session's whole life, and for the account like a failed sign-in.
        failures = await self._counters.add(
            f"change-password:session:{token_hash}", policy.absolute_timeout_s
        )
        limit = account_limit(user.email, policy.account_backoff)
        await self._count_failure(uow, user, user.email, [limit], command.client_address, now)
        await audit(
            uow,
            AuditEvent.PASSWORD_CHANGE_FAILED,
            now,
            user.id,
            user.id,
            command.client_address,
            cause="wrong current password",
            failures=str(failures),
        )
        left = policy.change_password_attempts - failures
        if left > 0:
            return Rejected(
                [
                    Rejection(
                        "PASSWORD_WRONG",
                        "currentPassword",
                        "Your current password is not right; after "
                        f"{left} more wrong {'try' if left == 1 else 'tries'} you will be "
                        "signed out.",
                    )
                ]
            )
        await uow.sessions.revoke(token_hash, now)
        await audit(
            uow,
            AuditEvent.SESSION_REVOKED,
            now,
            user.id,
            user.id,
            command.client_address,
            cause="too many wrong current passwords",
        )
        return Rejected(
            [
                Rejection(
                    "TOO_MANY_WRONG_PASSWORDS",
                    "currentPassword",
                    f"Your current password is not right, and after {failures} wrong tries "
                    "you have been signed out; sign in again to carry on.",
                )
            ]
        )
