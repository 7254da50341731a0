"""Queries and mutations of accounts."""

from __future__ import annotations

import strawberry

from cms.core.accounts.commands import SignIn, SignOut
from cms.core.accounts.sign_in import SignedIn as SignedInOutcome
from cms.graphql.accounts.types import SignedIn, SignInFailed, SignInInput, SignInResult, User
from cms.graphql.context import ContextInfo


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="The signed-in user; null when not signed in.")
    async def me(self, info: ContextInfo) -> User | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        user = await info.context.users.load(viewer.user_id)
        return User.of(user) if user else None


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Sign in with email and password.")
    async def sign_in(self, info: ContextInfo, input: SignInInput) -> SignInResult:
        context = info.context
        outcome = await context.bus.handle(
            SignIn(
                email=input.email, password=input.password, client_address=context.client_address
            )
        )
        if not isinstance(outcome, SignedInOutcome):
            return SignInFailed(message=outcome.message)
        services = context.services
        if context.response is not None:
            context.response.set_cookie(
                services.cookie_name,
                outcome.session_token,
                max_age=services.session_max_age_s,
                httponly=True,
                secure=services.secure_cookies,
                samesite="strict",
                path="/",
            )
        user = await context.users.load(outcome.viewer.user_id)
        assert user is not None
        return SignedIn(user=User.of(user), session_token=outcome.session_token)

    @strawberry.mutation(description="End this session; true when a session was ended.")
    async def sign_out(self, info: ContextInfo) -> bool:
        context = info.context
        if context.response is not None:
            context.response.delete_cookie(context.services.cookie_name, path="/")
        if context.session_token is None:
            return False
        return bool(await context.bus.handle(SignOut(session_token=context.session_token)))
