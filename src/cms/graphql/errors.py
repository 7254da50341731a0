"""Errors the API shows to callers; anything else is masked and logged as a fault of ours."""

from __future__ import annotations

import logging

from graphql import GraphQLError, VariableDefinitionNode
from strawberry.extensions import MaskErrors

from cms.core.shared.errors import InvalidValue

logger = logging.getLogger(__name__)

INTERNAL_ERROR_MESSAGE = "Something went wrong on our side; it has been logged."
INTERNAL_ERROR = "INTERNAL_ERROR"


class UserFacingError(GraphQLError):
    """An error whose message is written for the caller and safe to show."""

    def __init__(self, message: str, code: str, **extensions: object) -> None:
        super().__init__(message, extensions={"code": code, **extensions})


def unauthenticated() -> UserFacingError:
    return UserFacingError("Sign in first: this needs a signed-in user.", "UNAUTHENTICATED")


def bad_input(error: InvalidValue) -> UserFacingError:
    return UserFacingError(error.message, "BAD_USER_INPUT", reason=error.code, field=error.field)


def is_user_facing(error: GraphQLError) -> bool:
    """Keep messages of our own errors, of GraphQL's validation and of variables' values; mask
    the rest."""
    original = error.original_error
    if original is None:
        return True  # parse and validation errors describe the caller's query
    return isinstance(original, UserFacingError) or is_variable_value_error(error)


def is_variable_value_error(error: GraphQLError) -> bool:
    """graphql-core's account of a variable whose value does not fit its type.

    It points at the variable's definition, and wraps the coercion's own error, which says
    what is wrong and where in the value (`at .status[0]`): the caller's mistake, not ours.
    """
    return (
        isinstance(error.original_error, GraphQLError)
        and bool(error.nodes)
        and all(isinstance(node, VariableDefinitionNode) for node in error.nodes or ())
    )


class MaskInternalErrors(MaskErrors):
    """Replace the message of every error that is not user-facing; mark it INTERNAL_ERROR."""

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=lambda error: not is_user_facing(error),
            error_message=INTERNAL_ERROR_MESSAGE,
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(
            self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": INTERNAL_ERROR},
        )


def log_error(error: GraphQLError) -> None:
    """A caller's mistake at INFO, one line; a fault of ours at ERROR, with its traceback."""
    if is_user_facing(error):
        code = (error.extensions or {}).get("code", "GRAPHQL_ERROR")
        where = f" at {'.'.join(map(str, error.path))}" if error.path else ""
        logger.info("client error %s%s: %s", code, where, error.message)
    else:
        logger.error("%s", error, exc_info=error.original_error)
