"""The story of one notification scenario (features/notifications/, and who is told in
features/contacts/wrong_network.feature): what it set up, did to the notification area and saw,
with the `told` fixture that follows it beside the contact workflow's `flow`.

A test module imports the `told` fixture from here (and `flow` from tests/bdd/contacts/story.py)
and the steps it needs with `use_steps` (tests/bdd/step_sharing.py). Steps are synchronous and
drive the application through the message bus and its read side (the notification store and
preferences), never its tables.

People are told by the relay, which reads the event log after each commit. Every step that
looks at what somebody was told first lets the relay catch up with everything logged so far,
as the running service would within moments; a relay step that fails fails the scenario.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from cms.adapters.jobs.relay import RelayLoop, notification_steps
from cms.adapters.pubsub.hub import Subscriber
from cms.adapters.sql.leadership import Leadership
from cms.core.notifications.commands import MarkNotificationRead
from cms.core.notifications.model import Notification
from cms.core.shared.delivery import OutgoingMessage
from tests.bdd.conftest import Story
from tests.bdd.contacts.story import Flow
from tests.conftest import Run
from tests.support.world import World

EVERYTHING = 1_000  # a page size no scenario's notification area reaches
CATCH_UP_ROUNDS = 20  # the relay is caught up long before this many rounds
# Where the relay and the email copies report a step that failed (and will be tried again).
RELAY_LOGGERS = ("cms.adapters.jobs.relay", "cms.core.notifications.handlers")


@dataclass
class Told:
    """What one notification scenario has set up, done to the notification area, and seen."""

    flow: Flow
    # A contact named by its address, as "43 Palatine Road", and its reference number.
    contacts_at: dict[str, str] = field(default_factory=dict)
    addresses_in_order: list[str] = field(default_factory=list)
    marked: dict[str, Notification | None] = field(default_factory=dict)  # by who marked
    marked_all: dict[str, int] = field(default_factory=dict)
    shown: dict[str, list[Notification]] = field(default_factory=dict)  # last listing seen
    pages: list[list[Notification]] = field(default_factory=list)
    page_totals: list[int] = field(default_factory=list)
    more_after: list[bool] = field(default_factory=list)
    screens: dict[str, Subscriber] = field(default_factory=dict)
    before_restart: dict[str, list[Notification]] = field(default_factory=dict)
    emails_before_restart: list[OutgoingMessage] = field(default_factory=list)

    @property
    def story(self) -> Story:
        return self.flow.story

    @property
    def world(self) -> World:
        return self.flow.world

    @property
    def run(self) -> Run[Any]:
        return self.flow.run

    def user_id(self, name: str) -> str:
        return self.story.person(name).user_id

    # -------------------------------------------------------------- the relay

    def catch_up(self, relay: RelayLoop | None = None) -> int:
        """Deliver everything logged so far, as the running relay would; how much it did."""
        relay = relay or self.world.container.relay_loop()
        handled = 0
        with relay_failures() as failures:
            for _ in range(CATCH_UP_ROUNDS):
                done: int = self.run(relay.run_once())
                assert not failures, f"the relay failed: {failures}"
                if done == 0:
                    return handled
                handled += done
        raise AssertionError(f"the relay had still more to do after {CATCH_UP_ROUNDS} rounds")

    def restarted_relay(self) -> RelayLoop:
        """A relay as a restarted worker builds it: new readers of the event log, which know
        only the checkpoints saved in the database."""
        container = self.world.container
        engine = container.engine()
        steps = notification_steps(engine, container.notifications(), container.contact_summaries())
        return RelayLoop(steps, Leadership(engine))

    # -------------------------------------------------------------- the notification area

    def notifications(self, name: str, *, unread_only: bool = False) -> list[Notification]:
        """The person's notification area, newest first, once the relay has caught up."""
        self.catch_up()
        store = self.world.container.notification_store()
        page = self.run(
            store.page(self.user_id(name), unread_only=unread_only, first=EVERYTHING, after=None)
        )
        assert not page.has_next_page and page.total_count == len(page.items)
        return [notification for _, notification in page.items]

    def unread_count(self, name: str) -> int:
        self.catch_up()
        store = self.world.container.notification_store()
        count: int = self.run(store.unread_count(self.user_id(name)))
        return count

    def about(self, name: str, address: str) -> Notification:
        """The one notification of the person's about the contact at that address."""
        crn = self.contact_at(address)
        found = [n for n in self.notifications(name) if n.crn == crn]
        assert len(found) == 1, f"{name} has {len(found)} notifications about {address}"
        return found[0]

    def contact_at(self, address: str) -> str:
        assert address in self.contacts_at, f"no step logged a contact for {address}"
        return self.contacts_at[address]

    def mark_read(self, name: str, notification: Notification) -> Notification | None:
        command = MarkNotificationRead(
            recipient_id=self.user_id(name), notification_id=notification.id
        )
        marked: Notification | None = self.run(self.world.bus().handle(command))
        return marked

    def email_copies(self, name: str) -> list[OutgoingMessage]:
        """The email sent to the person that copies one of their notifications (the codes and
        letters they get otherwise are not copies)."""
        messages = self.notifications(name)
        return [
            email
            for email in self.world.sender.to(self.story.person(name).viewer.email)
            if any(copies(email, notification) for notification in messages)
        ]

    # -------------------------------------------------------------- whose contact

    def contact_of(self, whose: str, names: list[str]) -> str:
        """'her' or 'his' (the one person named), or 'Alice's': that person's contact."""
        if whose in ("her", "his"):
            assert len(names) == 1, f"whose contact is '{whose}' among {names}?"
            owner = names[0]
        else:
            owner = whose.removesuffix("'s")
        return self.flow.contact_of(owner)


@contextmanager
def relay_failures() -> Iterator[list[str]]:
    """What the relay's steps logged as failing meanwhile (it logs, and tries again later)."""
    failures: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            failures.append(record.getMessage())

    collect = Collect(level=logging.WARNING)
    loggers = [logging.getLogger(name) for name in RELAY_LOGGERS]
    for logger in loggers:
        logger.addHandler(collect)
    try:
        yield failures
    finally:
        for logger in loggers:
            logger.removeHandler(collect)


def copies(email: OutgoingMessage, notification: Notification) -> bool:
    return notification.message in email.subject or notification.message in email.body


def names_in(text: str) -> list[str]:
    return re.split(r", | and ", text)


@pytest.fixture
def told(flow: Flow) -> Told:
    return Told(flow=flow)
