"""What a person is told, in a scenario's words: "Alice is told that her contact is now
rejected" read as the notification expected, and the check that the person's newest notification
says it, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cms.core.accounts.model import OrganisationKind
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.notifications.model import Notification
from tests.bdd.contacts.story import reason_code, uk_day
from tests.bdd.notifications.story import Told

S = ContactStatus
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
# Who is told, and whose contact it is about, as a scenario names them.
NAMES = r"(?P<names>\w+(?:(?:, | and )\w+)*)"
WHOSE = r"(?P<whose>her|his|\w+'s)"
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
            WHOSE + r" contact is now (?P<state>[^,]+?)(?:, on (?P<day>\d{1,2} [A-Z][a-z]+ \d{4}))?"
        ),
        _now,
    ),
    (re.compile(r"(?:she|he) has been asked a question about " + WHOSE + " contact"), _asked),
    (re.compile(WHOSE + r" contact has been allocated to " + _THEIR + " network"), _allocated),
    (re.compile(WHOSE + r" contact has been assigned to (?:her|him)"), _assigned),
    (
        re.compile(
            WHOSE + r" contact is no longer assigned to (?:her|him), as it has gone to "
            r"(?P<where>a colleague|the queue)"
        ),
        _no_longer_assigned,
    ),
    (
        re.compile(r"the Shipper has answered (?:her|his) question about " + WHOSE + " contact"),
        _answered,
    ),
    (re.compile(WHOSE + r' contact was rejected as "(?P<reason>[^"]+)"'), _rejected),
    (re.compile(WHOSE + r" contact was withdrawn by the Shipper"), _withdrawn),
    (re.compile(WHOSE + r" contact lapsed, as the question went unanswered"), _lapsed),
    (re.compile(WHOSE + r" contact is complete, with its new meter point"), _complete),
    (
        re.compile(WHOSE + r" contact has been moved to " + _THEIR + r" network, with \w+'s note"),
        _moved_here,
    ),
    (re.compile(WHOSE + r" contact has been moved to another network"), _moved_away),
    (re.compile(WHOSE + r" contact is back with the CDSP"), _back_with_cdsp),
    (re.compile(WHOSE + r" contact is now with (?P<network>.+), for a site check"), _with_network),
    (
        re.compile(WHOSE + r" contact has been handed back to the CDSP, with \w+'s note"),
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
