"""The words a contact is found by: the query model's and the migration's backfill agree."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.model import address_payload
from cms.core.contacts.queries import search_text_of

MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/0010_contact_search_text.py"


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0010", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ADDRESSES = [
    Address("12345678", Postcode.parse("LS6 2AB"), "LEEDS", building_number="12",
            thoroughfare="Oak Road"),
    Address(None, Postcode.parse("hg3 1rz"), "Harrogate", building_name="The Old Dairy",
            thoroughfare="Mill Lane"),
    Address("23456789", Postcode.parse("B6 5BA"), "BIRMINGHAM", organisation_name="Café Noël",
            sub_building_name="10B", building_name="St. John's Tower", thoroughfare="ESTONE WALK",
            dependent_locality="Aston"),
]  # fmt: skip


@pytest.mark.parametrize("address", ADDRESSES, ids=lambda a: a.summary())
def test_the_backfill_gives_existing_contacts_the_words_new_ones_get(address: Address) -> None:
    assert _migration().search_text(address_payload(address)) == search_text_of(address)


def test_every_word_stands_between_spaces() -> None:
    assert search_text_of(ADDRESSES[0]) == " 12 oak road leeds ls6 ls62ab "
    assert " cafe noel 10b st johns tower " in search_text_of(ADDRESSES[2])
