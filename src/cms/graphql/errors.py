"""Errors the API shows to callers; anything else is masked and logged."""

from __future__ import annotations

from graphql import GraphQLError

from cms.core.shared.errors import InvalidValue


class UserFacingError(GraphQLError):
    """An error whose message is written for the caller and safe to show."""

    def __init__(self, message: str, code: str, **extensions: object) -> None:
        super().__init__(message, extensions={"code": code, **extensions})


def unauthenticated() -> UserFacingError:
    return UserFacingError("Sign in first: this needs a signed-in user.", "UNAUTHENTICATED")


def bad_input(error: InvalidValue) -> UserFacingError:
    return UserFacingError(error.message, "BAD_USER_INPUT", reason=error.code, field=error.field)


def is_user_facing(error: GraphQLError) -> bool:
    """Keep messages of our own errors and of GraphQL's validation; mask the rest."""
    original = error.original_error
    if original is None:
        return True  # parse and validation errors describe the caller's query
    return isinstance(original, UserFacingError)
