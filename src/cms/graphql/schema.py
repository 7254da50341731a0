"""The schema, composed from each module's part."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from cms.graphql.accounts.schema import AccountsMutation, AccountsQuery
from cms.graphql.addresses.types import AddressesQuery
from cms.graphql.common import InvalidInput, NotFound
from cms.graphql.contacts.schema import ContactsMutation, ContactsQuery
from cms.graphql.errors import is_user_facing
from cms.graphql.hardening import security_extensions
from cms.graphql.notifications.schema import (
    NotificationsMutation,
    NotificationsQuery,
    NotificationsSubscription,
)
from cms.graphql.shared_execution import SharedEventExecutor


@strawberry.type
class Query(AccountsQuery, ContactsQuery, AddressesQuery, NotificationsQuery):
    pass


@strawberry.type
class Mutation(AccountsMutation, ContactsMutation, NotificationsMutation):
    pass


@strawberry.type
class Subscription(NotificationsSubscription):
    pass


def build_schema(development: bool = False) -> strawberry.Schema:
    """The schema; `development` allows introspection (the limits apply everywhere)."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(auto_camel_case=True),
        # The contract's shared failure types, served even before a field returns them.
        types=[NotFound, InvalidInput],
        execution_context_class=SharedEventExecutor,
        # Factories: a fresh extension per request; the parse and validation caches live at
        # module level in Strawberry, so they are shared all the same.
        extensions=[
            *security_extensions(development),
            lambda: ParserCache(maxsize=1_000),
            lambda: ValidationCache(maxsize=1_000),
            lambda: MaskErrors(
                should_mask_error=lambda error: not is_user_facing(error),
                error_message="Something went wrong on our side; it has been logged.",
            ),
        ],
    )
