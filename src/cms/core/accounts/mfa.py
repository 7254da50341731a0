"""The second factor: choosing one at the first sign-in, codes sent and checked."""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import EnrolMfa, VerifyMfa
from cms.core.accounts.model import (
    ChallengePurpose,
    MfaChallenge,
    MfaChannel,
    UserAccount,
    is_email,
    normalise_email,
)
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import AccountsUnitOfWork, MobileNumbers, OneTimeCodes
from cms.core.accounts.sessions import SessionHandlers
from cms.core.accounts.sign_in import MfaFailed, MfaRequired, VerifyOutcome
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import Channel, DeliveryFailed, MessageSender, OutgoingMessage
from cms.core.shared.errors import DomainError
from cms.core.shared.ids import hash_token
from cms.core.shared.masking import mask_email, mask_phone
from cms.core.shared.rate_limits import AttemptCounters
from cms.core.shared.rejections import Rejected, Rejection

_CODE = re.compile(r"^[0-9]{6}$")


class TooManyCodes(DomainError):
    """More codes were asked for than the policy sends in its window."""

    def __init__(self) -> None:
        super().__init__("More sign-in codes were asked for than are sent in one window.")


class MfaHandlers:
    """Enrolling and verifying the second factor; sign-in asks it for codes too."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        codes: OneTimeCodes,
        counters: AttemptCounters,
        sender: MessageSender,
        mobiles: MobileNumbers,
        clock: Clock,
        policy: SecurityPolicy,
        sessions: SessionHandlers,
    ) -> None:
        self._uow = uow
        self._codes = codes
        self._counters = counters
        self._sender = sender
        self._mobiles = mobiles
        self._clock = clock
        self._policy = policy
        self._sessions = sessions

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
                    message = await self.issue_code(uow, challenge, user, command.client_address)
                except TooManyCodes:
                    await uow.commit()
                    raise Rejected(
                        [Rejection("TOO_MANY_CODES", "channel", self.too_many_codes_message())]
                    ) from None
            await uow.challenges.save(challenge)
            await uow.commit()
        if message is not None:
            try:
                await self.deliver(message)
            except DeliveryFailed as error:
                raise Rejected(
                    [Rejection("DELIVERY_FAILED", "destination", error.message)]
                ) from error
        uri = (
            self._codes.totp_uri(challenge.pending_totp_secret, user.email)
            if challenge.pending_totp_secret
            else None
        )
        return self.mfa_required(challenge_id, challenge, uri)

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
            signed_in = await self._sessions.open(
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

    async def issue_code(
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

    async def deliver(self, message: OutgoingMessage) -> None:
        await self._sender.send(message)

    def too_many_codes_message(self) -> str:
        return (
            f"We have sent {self._policy.codes_per_window} codes in the last "
            f"{self._policy.code_window_s // 60} minutes, the most we send; use the last "
            "code you received, or wait and sign in again."
        )

    def mfa_required(
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
