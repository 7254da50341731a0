"""Signing in with a second factor, the session it opens, and changing one's password."""

from __future__ import annotations

import strawberry

from cms.core.accounts import sign_in as outcomes
from cms.core.accounts.commands import (
    ChangePassword,
    DescribeSession,
    EnrolMfa,
    SignIn,
    SignOut,
    VerifyMfa,
)
from cms.core.shared.rejections import Rejected
from cms.graphql.accounts.results import user_result
from cms.graphql.accounts.types import (
    ChangePasswordInput,
    ChangePasswordResult,
    EnrolMfaInput,
    EnrolMfaResult,
    GqlMfaEnrolmentRequired,
    GqlMfaFailed,
    GqlMfaRequired,
    GqlSignedIn,
    SessionInfo,
    SignInFailed,
    SignInInput,
    SignInResult,
    User,
    VerifyMfaInput,
    VerifyMfaResult,
)
from cms.graphql.common import InvalidInput
from cms.graphql.context import Context, ContextInfo

SIGNED_OUT = "TOO_MANY_WRONG_PASSWORDS"  # changePassword ended the session


def _set_cookie(context: Context, name: str, value: str, max_age_s: int) -> None:
    if context.response is not None:
        context.response.set_cookie(
            name,
            value,
            max_age=max_age_s,
            httponly=True,
            secure=context.services.cookies.secure,
            samesite="strict",
            path="/",
        )


def _delete_cookie(context: Context, name: str) -> None:
    if context.response is not None:
        context.response.delete_cookie(
            name,
            path="/",
            httponly=True,
            secure=context.services.cookies.secure,
            samesite="strict",
        )


async def _signed_in(context: Context, outcome: outcomes.SignedIn) -> GqlSignedIn:
    cookies = context.services.cookies
    _set_cookie(context, cookies.session_name, outcome.session_token, cookies.session_max_age_s)
    if outcome.device_token is not None:
        _set_cookie(context, cookies.device_name, outcome.device_token, cookies.device_max_age_s)
    return GqlSignedIn(
        user=await user_result(context, outcome.viewer.user_id, shown_whole=True),
        session_token=outcome.session_token,
    )


def _mfa_required(outcome: outcomes.MfaRequired) -> GqlMfaRequired:
    return GqlMfaRequired(
        challenge_id=strawberry.ID(outcome.challenge_id),
        channel=outcome.channel,
        masked_destination=outcome.masked_destination,
        totp_provisioning_uri=outcome.totp_provisioning_uri,
    )


@strawberry.type
class SigningInQuery:
    @strawberry.field(description="The signed-in user; null when not signed in.")
    async def me(self, info: ContextInfo) -> User | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        return await user_result(info.context, viewer.user_id)

    @strawberry.field(description="How long this session lasts; null when not signed in.")
    async def session(self, info: ContextInfo) -> SessionInfo | None:
        return await _session_info(info.context, keep_alive=False)


@strawberry.type
class SigningInMutation:
    @strawberry.mutation(description="Sign in with email and password; a second factor follows.")
    async def sign_in(self, info: ContextInfo, input: SignInInput) -> SignInResult:
        context = info.context
        outcome = await context.bus.handle(
            SignIn(
                email=input.email,
                password=input.password,
                client_address=context.client_address,
                device_token=context.device_token,
            )
        )
        if isinstance(outcome, outcomes.SignedIn):
            return await _signed_in(context, outcome)
        if isinstance(outcome, outcomes.MfaRequired):
            return _mfa_required(outcome)
        if isinstance(outcome, outcomes.MfaEnrolmentRequired):
            return GqlMfaEnrolmentRequired(challenge_id=strawberry.ID(outcome.challenge_id))
        return SignInFailed(message=outcome.message, account_disabled=outcome.account_disabled)

    @strawberry.mutation(description="Choose the second factor at the first sign-in.")
    async def enrol_mfa(self, info: ContextInfo, input: EnrolMfaInput) -> EnrolMfaResult:
        context = info.context
        try:
            outcome = await context.bus.handle(
                EnrolMfa(
                    challenge_id=input.challenge_id,
                    channel=input.channel,
                    destination=input.destination,
                    client_address=context.client_address,
                )
            )
        except Rejected as error:
            return InvalidInput.of(error)
        return _mfa_required(outcome)

    @strawberry.mutation(description="Prove the second factor with its code; signs in.")
    async def verify_mfa(self, info: ContextInfo, input: VerifyMfaInput) -> VerifyMfaResult:
        context = info.context
        outcome = await context.bus.handle(
            VerifyMfa(
                challenge_id=input.challenge_id,
                code=input.code,
                remember_device=bool(input.remember_device),
                client_address=context.client_address,
            )
        )
        if isinstance(outcome, outcomes.SignedIn):
            return await _signed_in(context, outcome)
        return GqlMfaFailed(message=outcome.message, attempts_left=outcome.attempts_left)

    @strawberry.mutation(description="End this session and forget this device; true if ended.")
    async def sign_out(self, info: ContextInfo) -> bool:
        context = info.context
        services = context.services
        device_token = context.device_token
        _delete_cookie(context, services.cookies.session_name)
        _delete_cookie(context, services.cookies.device_name)
        if context.session_token is None:
            return False
        return bool(
            await context.bus.handle(
                SignOut(
                    session_token=context.session_token,
                    device_token=device_token,
                    client_address=context.client_address,
                )
            )
        )

    @strawberry.mutation(
        description="Stay signed in: the idle timer starts again now. Null when not signed in."
    )
    async def stay_signed_in(self, info: ContextInfo) -> SessionInfo | None:
        return await _session_info(info.context, keep_alive=True)

    @strawberry.mutation(description="Change your password; your other sessions end.")
    async def change_password(
        self, info: ContextInfo, input: ChangePasswordInput
    ) -> ChangePasswordResult:
        context = info.context
        viewer = context.require_viewer()
        assert context.session_token is not None
        try:
            await context.bus.handle(
                ChangePassword(
                    viewer=viewer,
                    session_token=context.session_token,
                    current_password=input.current_password,
                    new_password=input.new_password,
                    client_address=context.client_address,
                )
            )
        except Rejected as error:
            if any(reason.code == SIGNED_OUT for reason in error.reasons):
                _delete_cookie(context, context.services.cookies.session_name)
            return InvalidInput.of(error)
        return await user_result(context, viewer.user_id)


async def _session_info(context: Context, keep_alive: bool) -> SessionInfo | None:
    if context.session_token is None:
        return None
    times = await context.bus.handle(
        DescribeSession(session_token=context.session_token, keep_alive=keep_alive)
    )
    return SessionInfo.of(times) if times is not None else None
