"""Steps of features/contacts/raise_mnc.feature that only it uses: the PAF check of a
typed address (the raising steps themselves are in tests/bdd/conftest.py).
"""

from __future__ import annotations

from pytest_bdd import parsers, then

from cms.core.addresses.search import search_addresses
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import PafSuggestion
from tests.bdd.conftest import Story, reasons_of


def paf_udprn(story: Story, label: str) -> str:
    """The UDPRN the address search offers for a label, as the Shipper would find it."""
    index = story.world.container.address_index()
    [match] = [m for m in story.run(search_addresses(index, label, 5)) if m.summary == label]
    return match.udprn


@then(
    parsers.parse(
        '{name:w} is told the address is in the PAF as "{label}", '
        "to choose from the address search instead"
    )
)
def told_address_is_in_paf(story: Story, name: str, label: str) -> None:
    assert story.raised_by == story.person(name)
    [reason] = story.refusal()
    assert (reason.code, reason.field) == ("MANUAL_ADDRESS_IN_PAF", "manualAddress"), reasons_of(
        story.outcome
    )
    assert f'"{label}"' in reason.message, reason.message
    assert "address search" in reason.message, reason.message
    # The delivery point to offer instead is the one the PAF holds under that label.
    assert isinstance(reason, PafSuggestion) and reason.suggested_udprn == paf_udprn(story, label)


@then(
    parsers.parse(
        "{name:w} is told that the CDSP will check the address by hand, as the PAF does not hold it"
    )
)
def told_cdsp_will_check(story: Story, name: str) -> None:
    outcome = story.outcome
    assert isinstance(outcome, ContactLoggedResult), reasons_of(outcome)
    assert story.raised_by == story.person(name)
    [warning] = outcome.warnings
    assert (warning.code, warning.field) == ("ADDRESS_NOT_IN_PAF", "manualAddress")
    assert "CDSP will check it by hand" in warning.message, warning.message
