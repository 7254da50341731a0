"""Steps of features/notifications/notification_area.feature: what the notification area
lists, reading and marking, reading it a page at a time, and that it is the person's alone.
"""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from cms.core.contacts.commands import PickUpContact
from cms.core.notifications.commands import MarkAllNotificationsRead
from tests.bdd.contacts.story import STATES
from tests.bdd.notifications.story import Told, names_in

# --- contacts -----------------------------------------------------------------------------


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


# --- the notification area ----------------------------------------------------------------


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


# --- theirs alone -------------------------------------------------------------------------


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
