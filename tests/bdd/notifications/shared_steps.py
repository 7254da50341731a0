"""Steps that more than one feature uses to say what people are told: that they are
told something, and the email copies of what they are told.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from cms.core.notifications.commands import SetNotificationPreferences
from tests.bdd.notifications.story import Told, copies, names_in
from tests.bdd.notifications.telling import NAMES, assert_told, expected_from

# --- what people are told -----------------------------------------------------------------


@then(parsers.re(NAMES + r" (?:is|are each) told that (?P<what>.+)"))
def are_told(told: Told, names: str, what: str) -> None:
    people = names_in(names)
    expected = expected_from(told, what, people)
    for name in people:
        assert_told(told, name, expected)


# --- email copies -------------------------------------------------------------------------


@given(parsers.re(r"(?P<name>\w+) has switched on email copies of (?:her|his) notifications"))
def switched_on(told: Told, name: str) -> None:
    command = SetNotificationPreferences(user_id=told.user_id(name), email_copies=True)
    told.run(told.world.bus().handle(command))
    preferences = told.world.container.notification_preferences()
    assert told.run(preferences.get(told.user_id(name))).email_copies


@then(
    parsers.re(
        r"(?P<name>\w+) is sent an email copy of (?:each of )?(?:her|his) "
        r"(?:(?P<count>\d+) notifications|notification)"
    )
)
def email_copy_of_each(told: Told, name: str, count: str | None) -> None:
    person = name
    notifications = told.notifications(person)
    assert len(notifications) == (int(count) if count else 1), [n.message for n in notifications]
    address = told.story.person(person).viewer.email
    for notification in notifications:
        sent = [email for email in told.email_copies(person) if copies(email, notification)]
        assert len(sent) == 1, f"{len(sent)} copies of {notification.message!r}"
        assert sent[0].to == address
        assert notification.crn is not None and notification.crn in sent[0].subject
