"""Steps of features/notifications/delivery.feature: an open page is told at once, and a
restarted service tells nobody anything twice.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from cms.core.notifications.live import LiveMessage, NotificationAdded
from cms.core.notifications.model import Notification
from tests.bdd.notifications.story import Told, names_in
from tests.bdd.notifications.telling import WHOSE

# --- at once ------------------------------------------------------------------------------


@given(parsers.parse("{names} have the service open"))
def have_service_open(told: Told, names: str) -> None:
    hub = told.world.container.live_hub()
    for name in names_in(names):
        viewer = told.story.person(name).viewer

        # What the page's subscription to new notifications asks the live feed for.
        def wants(message: LiveMessage, viewer: Any = viewer) -> bool:
            return isinstance(message, NotificationAdded) and message.visible_to(viewer)

        told.screens[name] = hub.subscribe(wants, on_overflow=lambda: None)


def arrived(told: Told, name: str) -> list[Notification]:
    """What arrived on the person's open page since the last look, without reloading it."""
    told.catch_up()
    queue = told.screens[name].queue
    messages = []
    while not queue.empty():
        message = queue.get_nowait()
        assert isinstance(message, NotificationAdded), message
        messages.append(message.notification)
    return messages


@then(
    parsers.re(
        r"(?P<name>\w+)'s open page shows at once that " + WHOSE + r" contact is now (?P<state>.+)"
    )
)
def page_shows_at_once(told: Told, name: str, whose: str, state: str) -> None:
    crn = told.contact_of(whose, [name])
    live = arrived(told, name)
    assert [(n.crn, n.status) for n in live] == [(crn, told.flow.state(state))], live
    newest = told.notifications(name)[0]
    assert (live[0].id, live[0].message) == (newest.id, newest.message), "not what the area holds"


@then(parsers.parse("{name:w}'s open page shows no notification"))
def page_shows_nothing(told: Told, name: str) -> None:
    assert arrived(told, name) == []


# --- only once ----------------------------------------------------------------------------


@given("everyone concerned has been told")
def everyone_told(told: Told) -> None:
    told.catch_up()


@when("the service restarts and catches up again")
def service_restarts(told: Told) -> None:
    told.catch_up()
    told.before_restart = {name: told.notifications(name) for name in told.story.people}
    told.emails_before_restart = list(told.world.sender.messages)
    # The restarted worker reads the recent log again: what it delivers must change nothing.
    assert told.catch_up(told.restarted_relay()) > 0, "the restarted relay delivered nothing"


@then("nobody has been told anything twice")
def nobody_told_twice(told: Told) -> None:
    for name, before in told.before_restart.items():
        assert told.notifications(name) == before, f"{name} was told again"
    assert told.world.sender.messages == told.emails_before_restart, "an email was sent again"
    assert any(told.before_restart.values()), "nobody had been told anything to begin with"
