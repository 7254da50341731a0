"""Steps of features/notifications/email_copies.feature that only it uses: switching
email copies off, and being sent none.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from cms.core.notifications.commands import SetNotificationPreferences
from tests.bdd.notifications.story import Told


@given(parsers.parse("{name:w} has switched them off again"))
def switched_off(told: Told, name: str) -> None:
    command = SetNotificationPreferences(user_id=told.user_id(name), email_copies=False)
    told.run(told.world.bus().handle(command))
    preferences = told.world.container.notification_preferences()
    assert not told.run(preferences.get(told.user_id(name))).email_copies


@then(parsers.parse("{name:w} is sent no email copy"))
def no_email_copy(told: Told, name: str) -> None:
    notifications = told.notifications(name)
    assert notifications, f"{name} was told nothing, so there was nothing to copy"
    assert told.email_copies(name) == []
