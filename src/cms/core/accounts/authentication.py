"""Signing in with a password and a second factor, sessions, trusted devices, passwords."""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import (
    Authenticate,
    ChangePassword,
    DescribeSession,
    EnrolMfa,
    PurgeExpiredSessions,
    SignIn,
    SignOut,
    VerifyMfa,
)
from cms.core.accounts.model import (
    MAX_EMAIL_LENGTH,
    AccountStatus,
    ChallengePurpose,
    MfaChallenge,
    MfaChannel,
    OrganisationKind,
    Role,
    Session,
    SessionTimes,
    TrustedDevice,
    UserAccount,
    Viewer,
    is_email,
    normalise_email,
)
from cms.core.accounts.passwords import MAX_PASSWORD_LENGTH, password_problems
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import (
    AccountsUnitOfWork,
    CommonPasswords,
    MobileNumbers,
    OneTimeCodes,
    PasswordHasher,
)
from cms.core.accounts.sign_in import (
    GENERIC_REFUSAL,
    MfaEnrolmentRequired,
    MfaFailed,
    MfaRequired,
    RefusalCause,
    SignedIn,
    SignInOutcome,
    SignInRefused,
    VerifyOutcome,
    disabled_refusal,
    may_sign_in,
    refusal_cause,
    whom_to_ask,
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
from cms.core.shared.delivery import Channel, DeliveryFailed, MessageSender, OutgoingMessage
from cms.core.shared.errors import DomainError
from cms.core.shared.ids import hash_token, new_secret_token
from cms.core.shared.masking import mask_email, mask_phone
from cms.core.shared.rate_limits import AttemptCounters
from cms.core.shared.rejections import Rejected, Rejection

# The idle timer is refreshed at most this often, so reading is not a write per request; a
# tenth of a short idle timeout, so a browser's countdown stays close to the server's.
TOUCH_INTERVAL_S = 60


def touch_interval_s(idle_timeout_s: int) -> int:
    """How stale a session's last-seen time may grow before a request refreshes it."""
    return max(1, min(TOUCH_INTERVAL_S, idle_timeout_s // 10))


_CODE = re.compile(r"^[0-9]{6}$")


def _refusal(wait_s: int) -> str:
    """The one refusal for a failed password, saying when to try again if a wait started."""
    if not wait_s:
        return GENERIC_REFUSAL
    return f"{GENERIC_REFUSAL} Too many attempts have failed; try again in {in_words(wait_s)}."


class TooManyCodes(DomainError):
    """More codes were asked for than the policy sends in its window."""

    def __init__(self) -> None:
        super().__init__("More sign-in codes were asked for than are sent in one window.")


class AuthenticationHandlers:
    """Sign-in, the second factor, sessions and passwords, bound to their ports."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        hasher: PasswordHasher,
        codes: OneTimeCodes,
        counters: AttemptCounters,
        sender: MessageSender,
        mobiles: MobileNumbers,
        common_passwords: CommonPasswords,
        clock: Clock,
        policy: SecurityPolicy,
        read_uow: Callable[[], AccountsUnitOfWork] | None = None,
    ) -> None:
        self._uow = uow
        self._read_uow = read_uow or uow
        self._hasher = hasher
        self._codes = codes
        self._counters = counters
        self._throttle = Throttle(counters)
        self._sender = sender
        self._mobiles = mobiles
        self._common = common_passwords
        self._clock = clock
        self._policy = policy
        # Verifying against a throwaway hash when the email is unknown keeps every refusal
        # equally slow, so timing does not reveal which accounts exist.
        self._decoy_hash = hasher.hash(new_secret_token())

    # ------------------------------------------------------------------ the password step

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
                signed_in = await self._complete_sign_in(uow, user, command.client_address)
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
                    message = await self._issue_code(uow, challenge, user, command.client_address)
                except TooManyCodes:
                    await uow.commit()
                    return SignInRefused(message=self._too_many_codes_message())
            await uow.challenges.add(challenge)
            await uow.commit()
        if message is not None:
            try:
                await self._deliver(message)
            except DeliveryFailed as error:
                return SignInRefused(message=f"Your password was right, but {error.message}")
        return self._mfa_required(challenge_id, challenge)

    @staticmethod
    async def _disabled_refusal(uow: AccountsUnitOfWork, user: UserAccount) -> SignInRefused:
        colleagues = await uow.users.in_organisation(user.organisation_id)
        lsos = [
            other.name
            for other in colleagues
            if Role.LSO in other.roles
            and other.id != user.id
            and other.status is AccountStatus.ACTIVE
        ]
        organisation = await uow.organisations.get(user.organisation_id)
        is_cdsp = organisation is not None and organisation.kind is OrganisationKind.CDSP
        return disabled_refusal(user.disabled_reason, whom_to_ask(lsos, is_cdsp))

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

    # ------------------------------------------------------------------ the second factor

    async def enrol_mfa(self, command: EnrolMfa) -> MfaRequired:
        """Choose the second factor at the first sign-in; a code is sent to prove it."""
        now = self._clock.now()
        challenge_id = command.challenge_id.strip()
        async with self._uow() as uow:
            challenge = await uow.challenges.get(hash_token(challenge_id))
            if (
                challenge is None
                or not challenge.is_open(now)
                or challenge.purpose is not ChallengePurpose.ENROL
            ):
                raise Rejected(
                    [
                        Rejection(
                            "CHALLENGE_EXPIRED",
                            "challengeId",
                            "This sign-in has expired or is not waiting for enrolment; "
                            "sign in again.",
                        )
                    ]
                )
            user = await uow.users.get(challenge.user_id)
            assert user is not None
            organisation = await uow.organisations.get(user.organisation_id)
            intl = organisation.international_mobiles_allowed if organisation else False
            destination = self._destination(command, user, intl)
            app_secret = self._codes.new_secret() if command.channel is MfaChannel.TOTP else None
            challenge.choose_factor(command.channel, destination, app_secret)
            message = None
            if command.channel is not MfaChannel.TOTP:
                try:
                    message = await self._issue_code(uow, challenge, user, command.client_address)
                except TooManyCodes:
                    await uow.commit()
                    raise Rejected(
                        [Rejection("TOO_MANY_CODES", "channel", self._too_many_codes_message())]
                    ) from None
            await uow.challenges.save(challenge)
            await uow.commit()
        if message is not None:
            try:
                await self._deliver(message)
            except DeliveryFailed as error:
                raise Rejected(
                    [Rejection("DELIVERY_FAILED", "destination", error.message)]
                ) from error
        uri = (
            self._codes.totp_uri(challenge.pending_totp_secret, user.email)
            if challenge.pending_totp_secret
            else None
        )
        return self._mfa_required(challenge_id, challenge, uri)

    def _destination(self, command: EnrolMfa, user: UserAccount, intl: bool) -> str | None:
        given = (command.destination or "").strip()
        if command.channel is MfaChannel.EMAIL:
            address = normalise_email(given) if given else user.email
            if not is_email(address):
                raise Rejected(
                    [
                        Rejection(
                            "EMAIL_INVALID",
                            "destination",
                            f"'{given[:60]}' is not an email address.",
                        )
                    ]
                )
            return address
        if command.channel is MfaChannel.SMS:
            number = self._mobiles.normalise_mobile(given or (user.mobile or ""), intl)
            if number is None:
                where = "a UK mobile number" if not intl else "a mobile number"
                raise Rejected(
                    [
                        Rejection(
                            "MOBILE_INVALID",
                            "destination",
                            f"'{given[:32]}' is not {where} that can receive texts; "
                            "give one such as 07911 123456"
                            + ("" if intl else " (your organisation allows UK mobiles only)")
                            + ".",
                        )
                    ]
                )
            return number
        return None

    async def verify_mfa(self, command: VerifyMfa) -> VerifyOutcome:
        now = self._clock.now()
        async with self._uow() as uow:
            challenge = await uow.challenges.get(hash_token(command.challenge_id.strip()))
            if challenge is None or not challenge.is_open(now) or challenge.channel is None:
                return MfaFailed(
                    message="This sign-in has expired or was voided after too many wrong codes; "
                    "sign in again for a new code.",
                    attempts_left=0,
                )
            user = await uow.users.get(challenge.user_id)
            assert user is not None
            code = "".join(command.code.split())
            step = self._check_code(challenge, user, code, now)
            if step is None:
                outcome = await self._wrong_code(uow, challenge, user, command.client_address, now)
                await uow.commit()
                return outcome
            challenge.complete(now)
            await uow.challenges.save(challenge)
            if challenge.purpose is ChallengePurpose.ENROL:
                await self._enrol(uow, challenge, user, command.client_address, now)
            if challenge.channel is MfaChannel.TOTP:
                user.use_totp_step(step)
            signed_in = await self._complete_sign_in(
                uow, user, command.client_address, remember_device=command.remember_device
            )
            await uow.commit()
        return signed_in

    def _check_code(
        self, challenge: MfaChallenge, user: UserAccount, code: str, now: datetime
    ) -> int | None:
        """The time step (TOTP) or 0 (a sent code) when the code is right; None when wrong."""
        if not _CODE.match(code):
            return None
        if challenge.channel is MfaChannel.TOTP:
            secret = challenge.pending_totp_secret or user.totp_secret
            if secret is None:
                return None
            step = self._codes.totp_step_matching(secret, code, now)
            used = user.totp_last_step if challenge.pending_totp_secret is None else None
            return step if step is not None and (used is None or step > used) else None
        if (
            challenge.code_secret is None
            or challenge.code_expires_at is None
            or now >= challenge.code_expires_at
        ):
            return None
        expected = self._codes.code_for(challenge.code_secret)
        return 0 if hmac.compare_digest(expected, code) else None

    async def _wrong_code(
        self,
        uow: AccountsUnitOfWork,
        challenge: MfaChallenge,
        user: UserAccount,
        client_address: str | None,
        now: datetime,
    ) -> MfaFailed:
        challenge.spend_attempt()
        await uow.challenges.save(challenge)
        await audit(
            uow,
            AuditEvent.MFA_FAILED,
            now,
            user.id,
            user.id,
            client_address,
            attempts_left=str(challenge.attempts_left),
        )
        if challenge.is_void:
            await audit(uow, AuditEvent.MFA_CHALLENGE_VOIDED, now, user.id, user.id, client_address)
            return MfaFailed(
                message="That code is not right, and this sign-in is now void after too many "
                "wrong codes; sign in again for a new code.",
                attempts_left=0,
            )
        reason = (
            "That code has expired; sign in again for a new one."
            if challenge.code_expired(now)
            else ("That code is not right; check it and try again.")
        )
        return MfaFailed(message=reason, attempts_left=challenge.attempts_left)

    async def _enrol(
        self,
        uow: AccountsUnitOfWork,
        challenge: MfaChallenge,
        user: UserAccount,
        client_address: str | None,
        now: datetime,
    ) -> None:
        """Keep the proven second factor; a change of MFA ends every other session and device."""
        user.adopt_factor(challenge.channel, challenge.destination, challenge.pending_totp_secret)
        await uow.sessions.revoke_all_for(user.id, now)
        await uow.devices.revoke_all_for(user.id, now)
        await audit(
            uow,
            AuditEvent.MFA_ENROLLED,
            now,
            user.id,
            user.id,
            client_address,
            channel=str(challenge.channel),
        )

    async def _issue_code(
        self,
        uow: AccountsUnitOfWork,
        challenge: MfaChallenge,
        user: UserAccount,
        client_address: str | None,
    ) -> OutgoingMessage:
        """Give the challenge a fresh code, within the sending limits; return its message."""
        policy, now = self._policy, self._clock.now()
        assert challenge.channel is not None and challenge.destination is not None
        keys = (f"codes:account:{user.id}", f"codes:destination:{challenge.destination}")
        for key in keys:
            if await self._counters.count(key, policy.code_window_s) >= policy.codes_per_window:
                raise TooManyCodes()
        for key in keys:
            await self._counters.add(key, policy.code_window_s)
        code_secret = self._codes.new_secret()
        challenge.issue_code(code_secret, now + timedelta(seconds=policy.code_ttl_s))
        code = self._codes.code_for(code_secret)
        await audit(
            uow,
            AuditEvent.MFA_CODE_SENT,
            now,
            user.id,
            user.id,
            client_address,
            channel=str(challenge.channel),
            destination=self._mask(challenge.channel, challenge.destination) or "",
        )
        minutes = policy.code_ttl_s // 60
        return OutgoingMessage(
            channel=Channel.SMS if challenge.channel is MfaChannel.SMS else Channel.EMAIL,
            to=challenge.destination,
            subject="Your CMS sign-in code",
            body=f"Your CMS sign-in code is {code}. It expires in {minutes} minutes. "
            "If you did not just sign in to CMS, tell your Local Security Officer.",
        )

    async def _deliver(self, message: OutgoingMessage) -> None:
        await self._sender.send(message)

    def _too_many_codes_message(self) -> str:
        return (
            f"We have sent {self._policy.codes_per_window} codes in the last "
            f"{self._policy.code_window_s // 60} minutes, the most we send; use the last "
            "code you received, or wait and sign in again."
        )

    def _mfa_required(
        self, challenge_id: str, challenge: MfaChallenge, totp_uri: str | None = None
    ) -> MfaRequired:
        assert challenge.channel is not None
        return MfaRequired(
            challenge_id=challenge_id,
            channel=challenge.channel,
            masked_destination=self._mask(challenge.channel, challenge.destination) or "",
            totp_provisioning_uri=totp_uri,
        )

    @staticmethod
    def _mask(channel: MfaChannel, destination: str | None) -> str | None:
        if destination is None:
            return None
        return mask_phone(destination) if channel is MfaChannel.SMS else mask_email(destination)

    # ------------------------------------------------------------------ sessions and devices

    async def _trusted(
        self, uow: AccountsUnitOfWork, device_token: str | None, user: UserAccount, now: datetime
    ) -> bool:
        if not device_token or not user.has_mfa:
            return False
        device = await uow.devices.get(hash_token(device_token))
        return device is not None and device.trusts(user.id, now)

    async def _complete_sign_in(
        self,
        uow: AccountsUnitOfWork,
        user: UserAccount,
        client_address: str | None,
        remember_device: bool = False,
    ) -> SignedIn:
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
            viewer=await self._viewer(uow, user), session_token=token, device_token=device_token
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
            viewer = await self._viewer(reader, user)
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

    async def purge_expired_sessions(self, command: PurgeExpiredSessions) -> int:
        cutoff = self._clock.now() - timedelta(seconds=self._policy.absolute_timeout_s)
        async with self._uow() as uow:
            deleted = await uow.sessions.delete_created_before(cutoff)
            await uow.commit()
        return deleted

    # ------------------------------------------------------------------ helpers

    @staticmethod
    async def _viewer(uow: AccountsUnitOfWork, user: UserAccount) -> Viewer:
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
