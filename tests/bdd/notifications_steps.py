"""Steps of the notification scenarios (features/notifications/).

Import everything from here into a test module (`from tests.bdd.notifications_steps import *`),
next to the contact steps (tests/bdd/contacts/), whose moves these scenarios make: the steps and
the `told` fixture then serve that module's scenarios. Steps are synchronous and drive the
application through the message bus and its read side (the notification store and preferences),
never its tables.

People are told by the relay, which reads the event log after each commit. Every step that
looks at what somebody was told first lets the relay catch up with everything logged so far,
as the running service would within moments; a relay step that fails fails the scenario.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from cms.adapters.jobs.relay import RelayLoop, notification_steps
from cms.adapters.pubsub.hub import Subscriber
from cms.adapters.sql.leadership import Leadership
from cms.core.accounts.commands import DisableUser
from cms.core.accounts.model import AccountStatus, OrganisationKind, Role
from cms.core.contacts.commands import AskShipper, AssignContact, PickUpContact
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.notifications.commands import (
    MarkAllNotificationsRead,
    MarkNotificationRead,
    SetNotificationPreferences,
)
from cms.core.notifications.live import LiveMessage, NotificationAdded
from cms.core.notifications.model import Notification
from cms.core.shared.delivery import OutgoingMessage
from tests.bdd.conftest import NETWORKS, Story
from tests.bdd.contacts.story import STATES, Flow, reason_code, uk_day
from tests.conftest import Run
from tests.support.world import World

S = ContactStatus
EVERYTHING = 1_000  # a page size no scenario's notification area reaches
CATCH_UP_ROUNDS = 20  # the relay is caught up long before this many rounds
# Where the relay and the email copies report a step that failed (and will be tried again).
RELAY_LOGGERS = ("cms.adapters.jobs.relay", "cms.core.notifications.handlers")

# What a one-line notification of a status change must say, in words a person looks for.
STATUS_WORDS: dict[ContactStatus, tuple[str, ...]] = {
    S.WITH_CDSP: ("with the CDSP",),
    S.WITH_NETWORK: ("network",),
    S.SITE_VISIT_BOOKED: ("site visit",),
    S.AWAITING_SHIPPER: ("question",),
    S.NETWORK_ACCEPTED: ("accepted",),
    S.REJECTED: ("rejected",),
    S.WITHDRAWN: ("withdrawn",),
    S.LAPSED: ("lapsed",),
}
_NAMES = r"(?P<names>\w+(?:(?:, | and )\w+)*)"
_WHOSE = r"(?P<whose>her|his|\w+'s)"
_THEIR = r"(?:her|his|their)"


@dataclass(frozen=True)
class Expected:
    """What a Then step expects a person to have been told: the contact, where it now stands,
    and the words its one-line message must contain (any one of each group of spellings)."""

    crn: str
    status: ContactStatus
    words: tuple[tuple[str, ...], ...]

    def said_by(self, notification: Notification) -> bool:
        message = notification.message.casefold()
        return all(any(w.casefold() in message for w in spellings) for spellings in self.words)


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


# --- what people are told, in words ------------------------------------------------------

WhatTold = Callable[[Told, re.Match[str], list[str]], Expected]


def _now(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    status = told.flow.state(found["state"])
    words: tuple[tuple[str, ...], ...] = (STATUS_WORDS[status],)
    if found["day"]:
        day = uk_day(found["day"])
        # The planned date, as people write it (or as the calendar does).
        words += ((f"{day:%-d %B %Y}", day.isoformat()),)
    return Expected(crn, status, words)


def _asked(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.AWAITING_SHIPPER, (("question",), ("answer",)))


def _allocated(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    network = told.flow.view().network
    members = {told.story.person(name).viewer.organisation.short_code for name in names}
    assert members == {network}, f"{names} do not all work for {network}"
    return Expected(crn, S.WITH_NETWORK, (("allocated",), ("your network",)))


def _assigned(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, told.flow.view().status, (("assigned to you",),))


def _no_longer_assigned(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    where = "colleague" if found["where"] == "a colleague" else "queue"
    return Expected(crn, told.flow.view().status, (("no longer assigned to you",), (where,)))


def _answered(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    # The answer takes the contact back to whoever asked: the network, or the CDSP.
    [kind] = {told.story.person(name).viewer.kind for name in names}
    back_with = S.WITH_NETWORK if kind is OrganisationKind.NETWORK else S.WITH_CDSP
    return Expected(crn, back_with, (("answered",), ("question",)))


def _rejected(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    reason = REJECTION_REASONS[reason_code(found["reason"])]
    # The reason is given in the controlled list's own words (its full stop aside).
    return Expected(crn, S.REJECTED, (("rejected",), (reason.rstrip("."),)))


def _withdrawn(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITHDRAWN, (("withdrawn",), ("Shipper",)))


def _lapsed(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.LAPSED, (("lapsed",), ("unanswered",)))


def _complete(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    mprn = told.flow.view().mprn
    assert mprn is not None, f"{crn} has no meter point yet"
    return Expected(crn, S.MPRN_CREATED, (("complete",), (mprn,)))


def _latest_note(told: Told) -> str:
    return told.flow.history()[-1].note or ""


def _moved_here(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITH_NETWORK, (("moved to your network",), (_latest_note(told),)))


def _moved_away(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITH_NETWORK, (("moved to",), ("no longer with your network",)))


def _with_network(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITH_NETWORK, (("with the network",), (found["network"],)))


def _back_with_cdsp(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITH_CDSP, (("back with the CDSP",), ("handed it back",)))


def _handed_back(told: Told, found: re.Match[str], names: list[str]) -> Expected:
    crn = told.contact_of(found["whose"], names)
    return Expected(crn, S.WITH_CDSP, (("handed back",), (_latest_note(told),)))


WHAT_TOLD: list[tuple[re.Pattern[str], WhatTold]] = [
    (
        re.compile(
            _WHOSE
            + r" contact is now (?P<state>[^,]+?)(?:, on (?P<day>\d{1,2} [A-Z][a-z]+ \d{4}))?"
        ),
        _now,
    ),
    (re.compile(r"(?:she|he) has been asked a question about " + _WHOSE + " contact"), _asked),
    (re.compile(_WHOSE + r" contact has been allocated to " + _THEIR + " network"), _allocated),
    (re.compile(_WHOSE + r" contact has been assigned to (?:her|him)"), _assigned),
    (
        re.compile(
            _WHOSE + r" contact is no longer assigned to (?:her|him), as it has gone to "
            r"(?P<where>a colleague|the queue)"
        ),
        _no_longer_assigned,
    ),
    (
        re.compile(r"the Shipper has answered (?:her|his) question about " + _WHOSE + " contact"),
        _answered,
    ),
    (re.compile(_WHOSE + r' contact was rejected as "(?P<reason>[^"]+)"'), _rejected),
    (re.compile(_WHOSE + r" contact was withdrawn by the Shipper"), _withdrawn),
    (re.compile(_WHOSE + r" contact lapsed, as the question went unanswered"), _lapsed),
    (re.compile(_WHOSE + r" contact is complete, with its new meter point"), _complete),
    (
        re.compile(_WHOSE + r" contact has been moved to " + _THEIR + r" network, with \w+'s note"),
        _moved_here,
    ),
    (re.compile(_WHOSE + r" contact has been moved to another network"), _moved_away),
    (re.compile(_WHOSE + r" contact is back with the CDSP"), _back_with_cdsp),
    (re.compile(_WHOSE + r" contact is now with (?P<network>.+), for a site check"), _with_network),
    (
        re.compile(_WHOSE + r" contact has been handed back to the CDSP, with \w+'s note"),
        _handed_back,
    ),
]


def expected_from(told: Told, what: str, names: list[str]) -> Expected:
    for pattern, expect in WHAT_TOLD:
        found = pattern.fullmatch(what)
        if found:
            return expect(told, found, names)
    raise AssertionError(f"no step knows what it is to be told that {what}")


def assert_told(told: Told, name: str, expected: Expected) -> Notification:
    """The person's newest notification tells them what was expected, once, and is unread."""
    notifications = told.notifications(name)
    assert notifications, f"{name} was told nothing"
    newest = notifications[0]
    assert newest.crn == expected.crn, f"{name}'s newest notification is about {newest.crn}"
    assert newest.status is expected.status, (name, newest.status, newest.message)
    assert expected.said_by(newest), f"{name} was told: {newest.message!r}"
    assert expected.crn in newest.message, f"the message does not name {expected.crn}"
    assert "\n" not in newest.message.strip(), f"not one line: {newest.message!r}"
    assert not newest.read
    same = [
        n
        for n in notifications
        if n.crn == expected.crn and n.status is expected.status and expected.said_by(n)
    ]
    assert same == [newest], f"{name} was told {len(same)} times: {[n.message for n in same]}"
    return newest


# --- people ------------------------------------------------------------------------------


@given(parsers.parse('{name:w} is the Local Security Officer of the network "{network}"'))
def network_lso(story: Story, name: str, network: str) -> None:
    story.join(name, NETWORKS[network], roles=(Role.USER, Role.LSO))


@given(parsers.parse('{lso:w} has disabled {name:w}\'s account, noting "{reason}"'))
def has_disabled(told: Told, lso: str, name: str, reason: str) -> None:
    command = DisableUser(
        viewer=told.story.person(lso).viewer, user_id=told.user_id(name), reason=reason
    )
    account = told.run(told.world.bus().handle(command))
    assert account.status is AccountStatus.DISABLED, account.status


# --- contacts and moves --------------------------------------------------------------------

_CONTACTS_FOR = re.compile(
    r"(?P<name>\w+) has logged contacts for (?P<numbers>\d+(?:, \d+)* and \d+) "
    r"(?P<street>[^,]+), (?P<town_and_postcode>.+)"
)


@given(parsers.re(_CONTACTS_FOR.pattern))
def has_logged_contacts(
    told: Told, name: str, numbers: str, street: str, town_and_postcode: str
) -> None:
    for number in names_in(numbers):
        address = f"{number} {street}"
        told.story.paf_address(f"{address}, {town_and_postcode}")
        told.story.raise_contact(name)
        told.contacts_at[address] = told.story.logged_crn()
        told.addresses_in_order.append(address)
        told.story.logged[name] = told.contacts_at[address]


@given(parsers.parse("{name:w} has picked them up, in that order"))
def has_picked_them_up(told: Told, name: str) -> None:
    for address in told.addresses_in_order:
        command = PickUpContact(
            viewer=told.story.person(name).viewer, crn=told.contacts_at[address]
        )
        told.run(told.world.bus().handle(command))


@given(parsers.parse("{name:w} has picked up {owner:w}'s contact"))
def has_picked_up(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.do(name, PickUpContact)


@when(parsers.parse('{name:w} asks {owner:w} "{question}"'))
def asks(flow: Flow, name: str, owner: str, question: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AskShipper, question=question))
    flow.succeeded()


@when(parsers.re(r"(?P<name>\w+) takes (?P<owner>\w+)'s contact into (?:his|her) own work queue"))
def takes_into_own_queue(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AssignContact, assignee_id=flow.person(name).user_id))


@when(parsers.parse("{name:w} puts {owner:w}'s contact back in the queue"))
def puts_back_in_queue(flow: Flow, name: str, owner: str) -> None:
    flow.contact_of(owner)
    flow.attempt(flow.command_for(name, AssignContact, assignee_id=None))


@when("UK Link creates the contact's meter point")
def uk_link_creates_meter_point(flow: Flow) -> None:
    flow.finish_mprn_requests()
    assert flow.view().status is S.MPRN_CREATED, flow.view().status


# --- what people are told ------------------------------------------------------------------


@then(parsers.re(_NAMES + r" (?:is|are each) told that (?P<what>.+)"))
def are_told(told: Told, names: str, what: str) -> None:
    people = names_in(names)
    expected = expected_from(told, what, people)
    for name in people:
        assert_told(told, name, expected)


@then(parsers.re(_NAMES + r" (?:is|are) told nothing(?:, as .+)?"))
def told_nothing(told: Told, names: str) -> None:
    for name in names_in(names):
        notifications = told.notifications(name)
        assert notifications == [], f"{name} was told: {[n.message for n in notifications]}"
        assert told.unread_count(name) == 0


@then(parsers.re(r"(?P<name>\w+) is not told that " + _WHOSE + r" contact is now (?P<state>.+)"))
def not_told(told: Told, name: str, whose: str, state: str) -> None:
    crn = told.contact_of(whose, [name])
    status = told.flow.state(state)
    assert told.flow.view().status is status, "the contact did not get there"
    about = [n for n in told.notifications(name) if n.crn == crn and n.status is status]
    assert about == [], f"{name} was told: {[n.message for n in about]}"


# --- the notification area ---------------------------------------------------------------


@then(parsers.parse("{name:w}'s notification area shows, newest first:"))
def area_shows(told: Told, name: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert header == ["contact", "now", "read"], header
    shown = [
        (n.crn, n.status, "read" if n.read else "unread", told.user_id(name) == n.recipient_id)
        for n in told.notifications(name)
    ]
    expected = [(told.contact_at(address), STATES[now], read, True) for address, now, read in rows]
    assert shown == expected, shown


@then(parsers.re(r"(?P<name>\w+) (?:still )?has (?P<count>\d+|no) unread notifications?"))
def unread(told: Told, name: str, count: str) -> None:
    expected = 0 if count == "no" else int(count)
    assert told.unread_count(name) == expected
    assert len(told.notifications(name, unread_only=True)) == expected


@when(parsers.parse("{name:w} reads the notification about {address}"))
def reads(told: Told, name: str, address: str) -> None:
    told.marked[name] = told.mark_read(name, told.about(name, address))


@given(parsers.parse("{name:w} has read the notification about {address}"))
def has_read(told: Told, name: str, address: str) -> None:
    marked = told.mark_read(name, told.about(name, address))
    assert marked is not None and marked.read


@when(parsers.re(r"(?P<name>\w+) shows only (?:her|his) unread notifications"))
def shows_unread(told: Told, name: str) -> None:
    told.shown[name] = told.notifications(name, unread_only=True)


@then(parsers.re(r"(?:she|he) sees the notifications about (?P<places>.+), in that order"))
def sees_in_order(told: Told, places: str) -> None:
    [(name, shown)] = told.shown.items()
    crns = [told.contact_at(address) for address in addresses(places)]
    assert [n.crn for n in shown] == crns
    assert all(not n.read and n.recipient_id == told.user_id(name) for n in shown)


def addresses(places: str) -> list[str]:
    """'45 and 41 Palatine Road' -> ['45 Palatine Road', '41 Palatine Road']."""
    found = re.fullmatch(r"(?P<numbers>\d+(?:(?:, | and )\d+)*) (?P<street>.+)", places)
    assert found, f"write the places as '45 and 41 Palatine Road': {places}"
    return [f"{number} {found['street']}" for number in names_in(found["numbers"])]


@when(parsers.re(r"(?P<name>\w+) marks all (?:her|his) notifications read"))
def marks_all_read(told: Told, name: str) -> None:
    told.catch_up()
    command = MarkAllNotificationsRead(recipient_id=told.user_id(name))
    told.marked_all[name] = told.run(told.world.bus().handle(command))


@then(parsers.parse("{count:d} of {name:w}'s notifications are marked read"))
def marked_read(told: Told, count: int, name: str) -> None:
    assert told.marked_all[name] == count


@then(parsers.parse("{name:w}'s notification area still lists all {count:d}"))
def still_lists(told: Told, name: str, count: int) -> None:
    notifications = told.notifications(name)
    assert len(notifications) == count
    assert all(n.read for n in notifications)


@when(parsers.re(r"(?P<name>\w+) reads (?:her|his) notifications (?P<size>\d+) at a time"))
def reads_in_pages(told: Told, name: str, size: str) -> None:
    told.catch_up()
    store = told.world.container.notification_store()
    after: str | None = None
    while True:
        page = told.run(
            store.page(told.user_id(name), unread_only=False, first=int(size), after=after)
        )
        told.pages.append([notification for _, notification in page.items])
        told.page_totals.append(page.total_count)
        told.more_after.append(page.has_next_page)
        if not page.has_next_page:
            return
        assert len(told.pages) < 100, "the pages never end"
        after = page.end_cursor


_PAGE = re.compile(
    r"the (?P<which>first|second|third) page shows the notifications? about (?P<places>.+), "
    r"and that (?P<more>there are more|it is the last)"
)


@then(parsers.re(_PAGE.pattern))
def page_shows(told: Told, which: str, places: str, more: str) -> None:
    index = ("first", "second", "third").index(which)
    assert index < len(told.pages), f"there were only {len(told.pages)} pages"
    crns = [told.contact_at(address) for address in addresses(places)]
    assert [n.crn for n in told.pages[index]] == crns
    assert told.more_after[index] is (more == "there are more")


@then(parsers.parse("each page says there are {count:d} in all"))
def pages_total(told: Told, count: int) -> None:
    assert told.page_totals and all(total == count for total in told.page_totals)
    assert sum(len(page) for page in told.pages) == count


# --- theirs alone --------------------------------------------------------------------------


@when(parsers.re(r"(?P<name>\w+) opens (?:her|his) notification area"))
def opens_area(told: Told, name: str) -> None:
    told.shown[name] = told.notifications(name)


@then(parsers.re(r"it is empty, and (?:she|he) has no unread notifications"))
def area_empty(told: Told) -> None:
    [(name, shown)] = told.shown.items()
    assert shown == []
    assert told.unread_count(name) == 0


@when(parsers.parse("{name:w} tries to mark {owner:w}'s notification about {address} read"))
def tries_to_mark(told: Told, name: str, owner: str, address: str) -> None:
    told.marked[name] = told.mark_read(name, told.about(owner, address))


@then(parsers.parse("{name:w} is told there is no such notification"))
def no_such_notification(told: Told, name: str) -> None:
    assert name in told.marked, f"{name} marked nothing"
    assert told.marked[name] is None


@then(parsers.parse("{owner:w}'s notification about {address} is still unread"))
def still_unread(told: Told, owner: str, address: str) -> None:
    assert not told.about(owner, address).read


# --- email copies --------------------------------------------------------------------------


@given(parsers.re(r"(?P<name>\w+) has switched on email copies of (?:her|his) notifications"))
def switched_on(told: Told, name: str) -> None:
    command = SetNotificationPreferences(user_id=told.user_id(name), email_copies=True)
    told.run(told.world.bus().handle(command))
    preferences = told.world.container.notification_preferences()
    assert told.run(preferences.get(told.user_id(name))).email_copies


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


# --- at once, and once ---------------------------------------------------------------------


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
        r"(?P<name>\w+)'s open page shows at once that " + _WHOSE + r" contact is now (?P<state>.+)"
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
