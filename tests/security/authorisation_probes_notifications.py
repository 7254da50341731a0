"""The authorisation table's probes of the notification area: a person's own notifications."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.notifications.model import Notification
from cms.core.shared.ids import new_id
from tests.security.authorisation_policy import PERMITTED, REFUSED
from tests.security.authorisation_probing import Probes, answer, filing_in, refused_by_error
from tests.security.authorisation_world import Caller, Scene

PROBES: Probes = {}
probe = filing_in(PROBES)


# ---------------------------------------------------------------- the notification area


def _notification_for(scene: Scene, user_id: str) -> str:
    """A new unread notification addressed to this user; its id."""
    notification = Notification(
        id=new_id(),
        recipient_id=user_id,
        event_id=new_id(),
        created_at=datetime.now(UTC),
        message="MNC-2026-000001 is now with the CDSP.",
        crn="MNC-2026-000001",
        status=ContactStatus.WITH_CDSP,
    )
    scene.call(scene.world.container.notification_store().add, [notification])
    return notification.id


def _someone_else(scene: Scene, caller: Caller) -> str:
    return scene.bystanders[scene.organisation_for(caller, "foreign")]


NOTIFICATIONS = "{ notifications(first: 50) { totalCount edges { node { id read } } } }"


@probe("notifications")
@refused_by_error
def _notifications(scene: Scene, caller: Caller, target: str) -> str:
    mine = _notification_for(scene, scene.ids[caller.name]) if not caller.anonymous else None
    theirs = _notification_for(scene, _someone_else(scene, caller))
    listed = answer(scene, caller, NOTIFICATIONS, "notifications")
    ids = {edge["node"]["id"] for edge in listed["edges"]}
    assert theirs not in ids, "another person's notification was listed"
    assert mine in ids
    return PERMITTED


@probe("unreadNotificationCount")
@refused_by_error
def _unread_count(scene: Scene, caller: Caller, target: str) -> str:
    before = answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount")
    _notification_for(scene, _someone_else(scene, caller))
    _notification_for(scene, scene.ids[caller.name])
    after = answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount")
    assert after == before + 1, "the count includes only the caller's own"
    return PERMITTED


@probe("notificationPreferences")
@refused_by_error
def _notification_preferences(scene: Scene, caller: Caller, target: str) -> str:
    query = "{ notificationPreferences { emailCopies } }"
    preferences = answer(scene, caller, query, "notificationPreferences")
    assert isinstance(preferences["emailCopies"], bool)
    return PERMITTED


@probe("setNotificationPreferences")
@refused_by_error
def _set_notification_preferences(scene: Scene, caller: Caller, target: str) -> str:
    mutation = "mutation { setNotificationPreferences(emailCopies: true) { emailCopies } }"
    set_to = answer(scene, caller, mutation, "setNotificationPreferences")
    assert set_to == {"emailCopies": True}
    stored = scene.call(
        scene.world.container.notification_preferences().get, scene.ids[caller.name]
    )
    assert stored.email_copies
    scene.graphql(
        caller.name, "mutation { setNotificationPreferences(emailCopies: false) { emailCopies } }"
    )
    return PERMITTED


@probe("markNotificationRead")
@refused_by_error
def _mark_notification_read(scene: Scene, caller: Caller, target: str) -> str:
    owner = scene.ids[caller.name] if target == "own" else _someone_else(scene, caller)
    notification_id = _notification_for(scene, owner)
    mutation = "mutation($id: ID!) { markNotificationRead(id: $id) { id read } }"
    marked = answer(scene, caller, mutation, "markNotificationRead", id=notification_id)
    unread = scene.call(scene.world.container.notification_store().unread_count, owner)
    page = scene.call(
        partial(
            scene.world.container.notification_store().page,
            owner,
            unread_only=True,
            first=50,
            after=None,
        )
    )
    still_unread = notification_id in {item.id for _, item in page.items}
    if marked is None:
        assert still_unread, "a refused mark changed the notification"
        return REFUSED
    assert marked == {"id": notification_id, "read": True} and not still_unread, unread
    return PERMITTED


@probe("markAllNotificationsRead")
@refused_by_error
def _mark_all_notifications_read(scene: Scene, caller: Caller, target: str) -> str:
    theirs = _notification_for(scene, _someone_else(scene, caller))
    if not caller.anonymous:
        _notification_for(scene, scene.ids[caller.name])
    marked = answer(
        scene, caller, "mutation { markAllNotificationsRead }", "markAllNotificationsRead"
    )
    assert marked >= 1
    assert answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount") == 0
    page = scene.call(
        partial(
            scene.world.container.notification_store().page,
            _someone_else(scene, caller),
            unread_only=True,
            first=50,
            after=None,
        )
    )
    assert theirs in {item.id for _, item in page.items}, "another person's was marked"
    return PERMITTED
