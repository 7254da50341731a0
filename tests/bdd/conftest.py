"""Steps shared by the contact scenarios: people, addresses, raising contacts, and what they see.

Steps are synchronous and drive the application's coroutines through the session's `run`;
they talk to it through the message bus and the query ports, never to tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.core.addresses.ldz import NetworkOwner
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import ContactFilterSpec, ContactView, find_contact, list_contacts
from cms.core.contacts.raising import ContactLoggedResult, ContactRejectedResult, RaiseOutcome
from cms.core.contacts.values import ManualAddress, MarketSector, MncReason, Rejection
from tests.bdd.reporting import refused_submissions_for
from tests.conftest import Run
from tests.support.world import World, paf_csv_line

SHIPPERS = {"Alpha Gas Shipping": "AGS", "Beta Energy Trading": "BET"}
NETWORKS = {owner.display_name: owner.value for owner in NetworkOwner}
CDSP = ("CDSP", "Xoserve")
FIRST_UDPRN = 23_750_001
# A well-formed reference number that no scenario ever reaches.
NEVER_ISSUED_CRN = "MNC-2026-999999"

# What a product owner calls a refusal, and the code the application reports it with; where
# one code serves several fields, the field too (None: whichever address field was used).
REFUSALS: dict[str, tuple[str, str | None]] = {
    "the address is not in the PAF": ("ADDRESS_NOT_IN_PAF", None),
    "the address is outside the GB gas networks": ("POSTCODE_OUTSIDE_GB_GAS", None),
    "the postcode is not a valid UK postcode": ("POSTCODE_INVALID", None),
    "the site already has a meter point": ("SITE_HAS_MPRN", None),
    "a contact is already open for that site": ("OPEN_CONTACT_EXISTS", None),
    "the annual quantity is not a positive number": ("AQ_NOT_POSITIVE", "annualQuantityKwh"),
    "the meter serial number is too long": ("TOO_LONG", "meterSerialNumber"),
    "the notes are too long": ("TOO_LONG", "notes"),
    "the site contact phone cannot be dialled": ("PHONE_INVALID", "siteContactPhone"),
    "no address was given": ("ADDRESS_REQUIRED", None),
}
WARNINGS = {"the annual quantity is above the domestic range": "AQ_ABOVE_DOMESTIC_RANGE"}


@dataclass(frozen=True)
class Person:
    viewer: Viewer

    @property
    def user_id(self) -> str:
        return self.viewer.user_id


@dataclass
class Story:
    """What one scenario has set up and seen so far."""

    world: World
    run: Run[Any]
    organisation_ids: dict[str, str]
    people: dict[str, Person] = field(default_factory=dict)
    next_udprn: int = FIRST_UDPRN
    # The address the last step named: a PAF delivery point, or what a user typed in.
    udprn: str | None = None
    manual_address: ManualAddress | None = None
    raised_by: Person | None = None
    outcome: RaiseOutcome | None = None
    logged: dict[str, str] = field(default_factory=dict)  # person's name -> their CRN
    answer: Any = None  # what the last look-up told its asker
    asked_by: str | None = None

    def person(self, name: str) -> Person:
        assert name in self.people, f"no step introduced {name}"
        return self.people[name]

    def join(self, name: str, short_code: str, roles: tuple[Role, ...] = (Role.USER,)) -> None:
        email = f"{name.lower()}@{short_code.lower()}.example"
        self.run(self.world.user(email, short_code, name, roles))
        viewer, _ = self.run(self.world.sign_in(email))
        self.people[name] = Person(viewer)

    def paf_address(self, label: str) -> str:
        """Load a PAF delivery point for the label; it becomes the address in play."""
        udprn = f"{self.next_udprn:08d}"
        self.next_udprn += 1
        parts = address_parts(label)
        self.run(self.world.load_paf([paf_csv_line(udprn=udprn, **parts)]))
        self.udprn, self.manual_address = udprn, None
        return udprn

    def raise_contact(self, name: str, **details: Any) -> RaiseOutcome:
        person = self.person(name)
        fields: dict[str, Any] = {
            "raised_by": person.viewer,
            "udprn": self.udprn,
            "manual_address": self.manual_address,
            "market_sector": MarketSector.DOMESTIC,
            "annual_quantity_kwh": 12_000,
            "reason": MncReason.NEW_SERVICE,
            **details,
        }
        outcome: RaiseOutcome = self.run(self.world.bus().handle(RaiseMncContact(**fields)))
        self.raised_by, self.outcome = person, outcome
        return outcome

    def logged_crn(self) -> str:
        outcome = self.outcome
        assert isinstance(outcome, ContactLoggedResult), f"refused: {reasons_of(outcome)}"
        return str(outcome.crn)

    def refusal(self) -> tuple[Rejection, ...]:
        outcome = self.outcome
        assert isinstance(outcome, ContactRejectedResult), f"not refused: {outcome}"
        assert outcome.reasons, "a refusal must give at least one reason"
        return outcome.reasons

    def look_up(self, name: str, crn: str) -> Any:
        """What a person is told when they ask for a contact: the view, or the error."""
        queries = self.world.container.contact_queries()
        try:
            return self.run(find_contact(queries, self.person(name).viewer, crn))
        except Exception as error:  # the answer, whatever it is, is what we compare
            return (type(error), str(error))

    def contact_list(self, name: str) -> list[ContactView]:
        page = self.run(
            list_contacts(
                self.world.container.contact_queries(),
                self.person(name).viewer,
                ContactFilterSpec(),
                first=100,
                after=None,
                now=self.world.clock.now(),
            )
        )
        assert page.total_count == len(page.items)
        return [view for _, view in page.items]


def reasons_of(outcome: RaiseOutcome | None) -> list[str]:
    if isinstance(outcome, ContactRejectedResult):
        return [f"{r.code} ({r.field}): {r.message}" for r in outcome.reasons]
    return []


_NUMBERED = re.compile(r"^(?P<number>\d{1,4}) (?P<street>.+)$")


def address_parts(label: str) -> dict[str, str]:
    """'12 Oak Road, LEEDS, LS6 2AB' or 'The Old Dairy, Mill Lane, HARROGATE, HG3 1RZ'."""
    parts = [part.strip() for part in label.split(",")]
    *premises, post_town, postcode = parts
    fields = {"post_town": post_town, "postcode": postcode}
    if len(premises) == 2:
        fields["building_name"], fields["thoroughfare"] = premises
        return fields
    numbered = _NUMBERED.match(premises[0]) if len(premises) == 1 else None
    assert numbered, f"write the address as '12 Oak Road, TOWN, POSTCODE': {label}"
    fields["building_number"], fields["thoroughfare"] = numbered["number"], numbered["street"]
    return fields


def typed_address(label: str) -> ManualAddress:
    parts = address_parts(label)
    return ManualAddress(
        building_name_or_number=parts.get("building_number") or parts["building_name"],
        thoroughfare=parts["thoroughfare"],
        post_town=parts["post_town"],
        postcode=parts["postcode"],
    )


def whole_number(text: str) -> int:
    return int(text.replace(",", ""))


# How a step or a table row names a detail of the request.
DETAILS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "annual quantity": (
        "annual_quantity_kwh",
        lambda text: whole_number(text.removesuffix(" kWh")),
    ),
    "meter serial number": ("meter_serial_number", str),
    "site contact phone": ("site_contact_phone", str),
    "notes": ("notes", str),
}
_DETAIL_PHRASES = (
    (re.compile(r"an annual quantity of (?P<value>-?[\d,]+) kWh"), "annual quantity"),
    (re.compile(r'the meter serial number "(?P<value>[^"]*)"'), "meter serial number"),
    (re.compile(r'the site contact phone "(?P<value>[^"]*)"'), "site contact phone"),
)
_NOTES_OF_LENGTH = re.compile(r"notes of (?P<length>[\d,]+) characters")


def detail_from_phrase(phrase: str) -> dict[str, Any]:
    notes = _NOTES_OF_LENGTH.fullmatch(phrase)
    if notes:
        return {"notes": notes_of(whole_number(notes["length"]))}
    for pattern, name in _DETAIL_PHRASES:
        found = pattern.fullmatch(phrase)
        if found:
            return detail_from_row(name, found["value"])
    raise AssertionError(f"no step knows the detail '{phrase}'")


def notes_of(length: int) -> str:
    """Real-looking notes of exactly `length` characters (no edge spaces to trim)."""
    sentence = "New service to the rear extension; the site manager holds the key. "
    text = (sentence * (length // len(sentence) + 1))[:length]
    return text[:-1] + "." if text.endswith(" ") else text


def detail_from_row(name: str, value: str) -> dict[str, Any]:
    assert name in DETAILS, f"no step knows the detail '{name}'"
    field_name, convert = DETAILS[name]
    return {field_name: convert(value)}


# --- the world of one scenario ------------------------------------------------------------


@pytest.fixture(autouse=True)
def world(database_url: str, run: Run[Any]) -> Iterator[World]:
    """The application on a fresh database; every scenario runs on SQLite and PostgreSQL."""
    world = World.start(database_url)
    try:
        run(world.reference_data())
        run(world.networks())
        yield world
    finally:
        run(world.close())


@pytest.fixture
def story(world: World, run: Run[Any]) -> Story:
    organisation_ids = {
        CDSP[1]: run(world.organisation(CDSP[0], OrganisationKind.CDSP, CDSP[1])),
        **{
            name: run(world.organisation(code, OrganisationKind.SHIPPER, name))
            for name, code in SHIPPERS.items()
        },
    }
    return Story(world=world, run=run, organisation_ids=organisation_ids)


# --- people ------------------------------------------------------------------------------


@given(parsers.parse('{name:w} works for the shipper "{organisation}"'))
def works_for_shipper(story: Story, name: str, organisation: str) -> None:
    story.join(name, SHIPPERS[organisation])


@given(parsers.parse('{name:w} works for the network "{network}"'))
def works_for_network(story: Story, name: str, network: str) -> None:
    story.join(name, NETWORKS[network])


@given(parsers.parse("{name:w} is an agent at the CDSP"))
def cdsp_agent(story: Story, name: str) -> None:
    story.join(name, CDSP[0])


# --- addresses and UK Link ----------------------------------------------------------------


@given(parsers.parse('the address "{label}" has no meter point in UK Link'))
def address_without_meter_point(story: Story, label: str) -> None:
    story.paf_address(label)


@given(parsers.parse('the address "{label}" has the meter point {mprn}'))
def address_with_meter_point(story: Story, label: str, mprn: str) -> None:
    udprn = story.paf_address(label)
    story.run(story.world.load_meter_points([(mprn, udprn)]))


# --- raising contacts ---------------------------------------------------------------------

_RAISES = (
    r"(?P<name>\w+) raises a domestic MNC contact "
    r"(?P<site>for that address|without an address"
    r'|for the address (?:she|he) typed in (?:herself|himself), "(?P<typed>[^"]+)"'
    r"|for the delivery point (?P<missing>\d{8}), which the PAF does not hold)"
)


def _choose_site(story: Story, site: str, typed: str | None, missing: str | None) -> None:
    if typed is not None:
        story.udprn, story.manual_address = None, typed_address(typed)
    elif missing is not None:
        story.udprn, story.manual_address = missing, None
    elif site == "without an address":
        story.udprn, story.manual_address = None, None


@given(parsers.parse("{name:w} has logged a contact for that address"))
def has_logged_contact(story: Story, name: str) -> None:
    story.raise_contact(name)
    story.logged[name] = story.logged_crn()


@when(parsers.re(_RAISES + r"(?: with (?P<detail>.+))?"))
def raises_contact(
    story: Story,
    name: str,
    site: str,
    typed: str | None,
    missing: str | None,
    detail: str | None,
) -> None:
    _choose_site(story, site, typed, missing)
    story.raise_contact(name, **(detail_from_phrase(detail) if detail else {}))


@when(parsers.re(_RAISES + r" with:"))
def raises_contact_with_details(
    story: Story,
    name: str,
    site: str,
    typed: str | None,
    missing: str | None,
    datatable: list[list[str]],
) -> None:
    _choose_site(story, site, typed, missing)
    details: dict[str, Any] = {}
    for detail, value in datatable:
        details.update(detail_from_row(detail, value))
    story.raise_contact(name, **details)


# --- outcomes -----------------------------------------------------------------------------


@then("the contact is logged with a contact reference number")
def logged_with_crn(story: Story) -> None:
    crn = story.logged_crn()
    assert re.fullmatch(r"MNC-2026-\d{6}", crn), crn
    assert story.raised_by is not None
    view = story.look_up(story.raised_by.viewer.name, crn)
    assert isinstance(view, ContactView), view
    assert view.status is ContactStatus.LOGGED


@then(parsers.parse("its history shows it was logged by {name:w}"))
def history_shows_logged_by(story: Story, name: str) -> None:
    crn = story.logged_crn()
    history = story.run(story.world.container.contact_queries().history([crn]))[crn]
    assert [(entry.kind, entry.actor_id, entry.to_status) for entry in history] == [
        ("LOGGED", story.person(name).user_id, ContactStatus.LOGGED)
    ]
    assert history[0].at == story.world.clock.now()


@then(parsers.parse("{name:w} is warned that {warning}"))
def warned(story: Story, name: str, warning: str) -> None:
    outcome = story.outcome
    assert isinstance(outcome, ContactLoggedResult)
    assert story.raised_by == story.person(name)
    assert [w.code for w in outcome.warnings] == [WARNINGS[warning]]
    assert all(w.message for w in outcome.warnings)


@then("the address is flagged for the CDSP to review")
def flagged_for_review(story: Story) -> None:
    assert story.raised_by is not None
    view = story.look_up(story.raised_by.viewer.name, story.logged_crn())
    assert isinstance(view, ContactView)
    assert view.manual_address is True
    assert view.address.udprn is None


def refusal_keys(reasons: tuple[Rejection, ...]) -> list[tuple[str, str | None]]:
    """Each reason as its REFUSALS entry; every one must tell the user what to do."""
    assert all(r.message for r in reasons), reasons
    fielded = {code for code, field in REFUSALS.values() if field is not None}
    return [(r.code, r.field if r.code in fielded else None) for r in reasons]


@then(parsers.parse("the contact is refused because {reason}"))
def refused_because(story: Story, reason: str) -> None:
    assert refusal_keys(story.refusal()) == [REFUSALS[reason]], reasons_of(story.outcome)


@then("the contact is refused for all of these reasons:")
def refused_for_all(story: Story, datatable: list[list[str]]) -> None:
    expected = sorted(REFUSALS[reason] for (reason,) in datatable)
    assert sorted(refusal_keys(story.refusal())) == expected, reasons_of(story.outcome)


@then(parsers.parse("the refusal names the meter point {mprn}"))
def refusal_names_meter_point(story: Story, mprn: str) -> None:
    assert any(mprn in r.message for r in story.refusal()), reasons_of(story.outcome)


@then(parsers.re(r"the refusal names (?:her|his) open contact's reference number"))
def refusal_names_own_crn(story: Story) -> None:
    assert story.raised_by is not None
    crn = story.logged[story.raised_by.viewer.name]
    assert any(crn in r.message for r in story.refusal()), reasons_of(story.outcome)


@then(parsers.parse("the refusal does not reveal {name:w}'s contact reference number"))
def refusal_hides_crn(story: Story, name: str) -> None:
    crn = story.logged[name]
    for reason in story.refusal():
        assert crn not in reason.message, reason
        assert "MNC-" not in reason.message, reason


@then(parsers.parse("{name:w}'s contact list is empty"))
def contact_list_empty(story: Story, name: str) -> None:
    assert story.contact_list(name) == []


@then(parsers.re(r'"(?P<organisation>[^"]+)" has (?P<count>\d+) refused submissions? on record'))
def refused_submissions_on_record(story: Story, organisation: str, count: str) -> None:
    organisation_id = story.organisation_ids[organisation]
    assert story.run(refused_submissions_for(story.world, organisation_id)) == int(count)


# --- who sees what ------------------------------------------------------------------------


@when(parsers.parse("{name:w} looks up {owner:w}'s contact by its reference number"))
def looks_up(story: Story, name: str, owner: str) -> None:
    story.answer, story.asked_by = story.look_up(name, story.logged[owner]), name


@then(
    parsers.parse("{name:w} gets the same answer as for a reference number that was never issued")
)
def same_answer_as_never_issued(story: Story, name: str) -> None:
    assert story.asked_by == name
    assert story.answer == story.look_up(name, NEVER_ISSUED_CRN)
    assert story.answer is None


@then(parsers.parse("{name:w} sees the contact, logged for {network}'s network"))
def sees_contact(story: Story, name: str, network: str) -> None:
    assert story.asked_by == name
    view = story.answer
    assert isinstance(view, ContactView), view
    assert view.crn in story.logged.values()
    assert view.status is ContactStatus.LOGGED
    assert view.network == NETWORKS[network]
