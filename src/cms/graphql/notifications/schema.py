"""Queries, mutations and subscriptions of the notifications module."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from cms.core.contacts.crn import Crn
from cms.core.contacts.queries import check_page_size, find_contact
from cms.core.notifications.commands import (
    MarkAllNotificationsRead,
    MarkNotificationRead,
    SetNotificationPreferences,
)
from cms.core.notifications.live import LiveMessage, NotificationAdded, StatusChanged
from cms.core.shared.errors import InvalidValue
from cms.graphql.common import PageInfo
from cms.graphql.contacts.types import Contact
from cms.graphql.context import ContextInfo
from cms.graphql.errors import UserFacingError, bad_input
from cms.graphql.notifications.live import live_messages
from cms.graphql.notifications.types import (
    ContactStatusChange,
    GqlNotification,
    GqlNotificationPreferences,
    NotificationConnection,
    NotificationEdge,
)

DEFAULT_PAGE_SIZE = 25


@strawberry.type
class NotificationsQuery:
    @strawberry.field(description="The caller's notification area, newest first.")
    async def notifications(
        self,
        info: ContextInfo,
        unread_only: bool | None = False,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> NotificationConnection:
        viewer = info.context.require_viewer()
        try:
            page = await info.context.services.notifications.store.page(
                viewer.user_id,
                unread_only=bool(unread_only),
                first=check_page_size(DEFAULT_PAGE_SIZE if first is None else first),
                after=after,
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return NotificationConnection(
            edges=[
                NotificationEdge(cursor=cursor, node=GqlNotification.of(item))
                for cursor, item in page.items
            ],
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )

    @strawberry.field
    async def unread_notification_count(self, info: ContextInfo) -> int:
        viewer = info.context.require_viewer()
        return await info.context.services.notifications.store.unread_count(viewer.user_id)

    @strawberry.field(description="Whether the caller gets email copies of notifications.")
    async def notification_preferences(self, info: ContextInfo) -> GqlNotificationPreferences:
        viewer = info.context.require_viewer()
        preferences = await info.context.services.notifications.preferences.get(viewer.user_id)
        return GqlNotificationPreferences(email_copies=preferences.email_copies)


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(description="Null when the caller has no notification by that id.")
    async def mark_notification_read(
        self, info: ContextInfo, id: strawberry.ID
    ) -> GqlNotification | None:
        viewer = info.context.require_viewer()
        marked = await info.context.bus.handle(
            MarkNotificationRead(recipient_id=viewer.user_id, notification_id=str(id)[:64])
        )
        return GqlNotification.of(marked) if marked else None

    @strawberry.mutation(description="How many were unread.")
    async def mark_all_notifications_read(self, info: ContextInfo) -> int:
        viewer = info.context.require_viewer()
        return int(
            await info.context.bus.handle(MarkAllNotificationsRead(recipient_id=viewer.user_id))
        )

    @strawberry.mutation(description="Switch email copies of the caller's notifications on or off.")
    async def set_notification_preferences(
        self, info: ContextInfo, email_copies: bool
    ) -> GqlNotificationPreferences:
        viewer = info.context.require_viewer()
        preferences = await info.context.bus.handle(
            SetNotificationPreferences(user_id=viewer.user_id, email_copies=email_copies)
        )
        return GqlNotificationPreferences(email_copies=preferences.email_copies)


@strawberry.type
class NotificationsSubscription:
    @strawberry.subscription(
        description="Status changes of one contact, or of every contact the caller may see."
    )
    async def contact_status_changed(
        self, info: ContextInfo, crn: str | None = None
    ) -> AsyncGenerator[ContactStatusChange, None]:
        viewer = info.context.require_viewer()
        wanted_crn: str | None = None
        if crn is not None:
            try:
                wanted_crn = str(Crn.parse(crn))
                visible = await find_contact(info.context.services.contacts.queries, viewer, crn)
            except InvalidValue as error:
                raise bad_input(error) from error
            if visible is None:
                raise UserFacingError(f"No contact {wanted_crn} that you can see.", "NOT_FOUND")

        def wants(message: LiveMessage) -> bool:
            return (
                isinstance(message, StatusChanged)
                and (wanted_crn is None or message.crn == wanted_crn)
                and message.visible_to(viewer)
            )

        shared_views = info.context.services.live.contact_views
        async for message in live_messages(info, wants):
            assert isinstance(message, StatusChanged)
            view = await shared_views.of(message)
            if view is not None:
                yield ContactStatusChange(
                    crn=message.crn,
                    from_status=message.from_status,
                    to_status=message.to_status,
                    at=message.at,
                    contact=Contact.of(view),
                    share_key=message.key,
                )

    @strawberry.subscription(description="Each new notification for the caller, as it is made.")
    async def notification_added(self, info: ContextInfo) -> AsyncGenerator[GqlNotification, None]:
        viewer = info.context.require_viewer()

        def wants(message: LiveMessage) -> bool:
            return isinstance(message, NotificationAdded) and message.visible_to(viewer)

        async for message in live_messages(info, wants):
            assert isinstance(message, NotificationAdded)
            yield GqlNotification.of(message.notification)
