"""Limits on what one GraphQL request may ask for: depth, aliases, tokens, one operation, and
no introspection outside development."""

from __future__ import annotations

from collections.abc import Callable

from graphql import ASTValidationRule, GraphQLError, OperationDefinitionNode, ValidationContext
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2_000


class OneOperationRule(ASTValidationRule):
    """Refuse a document that holds more than one operation, even with an operationName.

    A batch hidden in one document multiplies the work a single request can ask for, and the
    operation that would run depends on a second parameter: one operation per request is
    simpler to reason about, log and limit.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        operations = [
            definition
            for definition in context.document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        if len(operations) > 1:
            context.report_error(
                GraphQLError(
                    f"Send one operation per request, not {len(operations)}.",
                    operations,
                    extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                )
            )


def security_extensions(development: bool) -> list[Callable[[], SchemaExtension]]:
    """Extension factories that bound each request; introspection only in development."""
    # The validation rules are made once, here: the depth and alias limiters build a new rule
    # class on every construction, and a new class per request would make every request miss
    # the ValidationCache (its key includes the rules).
    rules: list[type[ASTValidationRule]] = [
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
        OneOperationRule,
    ]
    if not development:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(rules),
    ]
