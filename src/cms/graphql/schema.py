"""The schema, composed from each module's part."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types.execution import PreExecutionError

from cms.graphql.accounts.schema import AccountsMutation, AccountsQuery
from cms.graphql.addresses.types import AddressesQuery
from cms.graphql.common import GqlNotFound, InvalidInput
from cms.graphql.contacts.schema import ContactsMutation, ContactsQuery
from cms.graphql.errors import MaskInternalErrors, log_error
from cms.graphql.hardening import executor_class, security_extensions
from cms.graphql.notifications.schema import (
    NotificationsMutation,
    NotificationsQuery,
    NotificationsSubscription,
)


@strawberry.type
class Query(AccountsQuery, ContactsQuery, AddressesQuery, NotificationsQuery):
    pass


@strawberry.type
class Mutation(AccountsMutation, ContactsMutation, NotificationsMutation):
    pass


@strawberry.type
class Subscription(NotificationsSubscription):
    pass


class CmsSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            log_error(error)

    async def stream(self, *args: Any, **kwargs: Any) -> Any:
        return _refusals_as_results(self, await super().stream(*args, **kwargs))


async def _refusals_as_results(schema: CmsSchema, results: Any) -> AsyncGenerator[Any, None]:
    """A stream's results, with a document refused before it was parsed (or one that does not
    parse) answered as the error it is, as `execute` answers it.

    The parse cache and the cost limit refuse from `on_parse`, which `Schema.execute` answers
    as an error but a stream (the WebSocket's subscriptions) let escape: the operation ended
    without a word to the client, and an ERROR in the log.
    """
    started = False
    async with aclosing(results):
        try:
            async for result in results:
                started = True
                yield result
        except GraphQLError as error:
            if started:
                raise
            schema.process_errors([error])
            yield PreExecutionError(data=None, errors=[error])


def build_schema(development: bool = False) -> strawberry.Schema:
    """The schema; `development` allows introspection and suggestions (the limits apply
    everywhere)."""
    return CmsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(auto_camel_case=True),
        # The contract's shared failure types, served even before a field returns them.
        types=[GqlNotFound, InvalidInput],
        execution_context_class=executor_class(development),
        # Factories: a fresh extension per request; the parse and validation caches live at
        # module level, so they are shared all the same.
        extensions=[
            *security_extensions(development),
            lambda: ParserCache(maxsize=1_000),
            MaskInternalErrors,
        ],
    )
