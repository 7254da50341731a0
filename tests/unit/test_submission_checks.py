"""Submission checks on the fields of an MNC request: every rule, every fault reported at once."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.accounts.model import Organisation, OrganisationKind, Role, Viewer
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.checks import CheckedFields, check_fields
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.values import ManualAddress, MarketSector, MncReason
from tests.support.fakes import AnyPhoneNumberRules, FakePhoneNumberRules

ALICE = Viewer(
    "user-alice",
    "Alice Ward",
    "alice@alpha.example",
    Organisation("org-alpha", "Alpha Gas Shipping", OrganisationKind.SHIPPER, "ALPHA"),
    frozenset({Role.USER}),
)
PHONES = {"0113 496 0000": "+441134960000", "+44 7700 900123": "+447700900123"}
GOOD_MANUAL = ManualAddress("12", "Oak Road", "Leeds", "LS6 2AB")

Fault = tuple[str, str]


def command(**fields: Any) -> RaiseMncContact:
    values: dict[str, Any] = {
        "raised_by": ALICE,
        "udprn": "12345678",
        "manual_address": None,
        "market_sector": MarketSector.DOMESTIC,
        "annual_quantity_kwh": 12_000,
        "reason": MncReason.NEW_SERVICE,
    }
    values.update(fields)
    return RaiseMncContact(**values)


def check(**fields: Any) -> CheckedFields:
    return check_fields(command(**fields), FakePhoneNumberRules(PHONES))


def faults(checked: CheckedFields) -> set[Fault]:
    return {(r.code, r.field or "") for r in checked.rejections}


def only_fault(**fields: Any) -> Fault:
    checked = check(**fields)
    assert len(checked.rejections) == 1, checked.rejections
    [reason] = checked.rejections
    assert reason.message.strip(), "every fault carries a message a person can act on"
    return reason.code, reason.field or ""


# ---------------------------------------------------------------- the address choice


def test_a_request_with_neither_address_is_refused() -> None:
    assert only_fault(udprn=None) == ("ADDRESS_REQUIRED", "udprn")


def test_a_blank_udprn_counts_as_no_address() -> None:
    assert only_fault(udprn="   ") == ("ADDRESS_REQUIRED", "udprn")


def test_a_request_with_both_addresses_is_refused() -> None:
    assert only_fault(manual_address=GOOD_MANUAL) == ("ADDRESS_AMBIGUOUS", "manualAddress")


def test_a_blank_udprn_with_a_manual_address_is_the_manual_address() -> None:
    checked = check(udprn=" ", manual_address=GOOD_MANUAL)
    assert checked.rejections == []
    assert checked.udprn is None
    assert checked.manual_postcode == Postcode.parse("LS6 2AB")


@pytest.mark.parametrize(
    "udprn",
    [
        "1234567X",
        "123456789",
        "12 34",
        "-1234",
        pytest.param("１２３", id="fullwidth-digits"),
        pytest.param("١٢٣٤٥٦٧٨", id="arabic-indic-digits"),
    ],
)
def test_a_malformed_udprn_is_refused(udprn: str) -> None:
    assert only_fault(udprn=udprn) == ("UDPRN_INVALID", "udprn")
    assert check(udprn=udprn).udprn is None


@pytest.mark.parametrize(
    ("typed", "udprn"), [("12345678", "12345678"), (" 1234 ", "00001234"), ("7", "00000007")]
)
def test_a_short_udprn_is_zero_padded_to_eight_digits(typed: str, udprn: str) -> None:
    checked = check(udprn=typed)
    assert checked.rejections == []
    assert checked.udprn == udprn


# ---------------------------------------------------------------- a manual address


def manual(
    building: str = "12", street: str | None = "Oak Road", town: str = "Leeds", pc: str = "LS6 2AB"
) -> dict[str, Any]:
    return {"udprn": None, "manual_address": ManualAddress(building, street, town, pc)}


def test_a_complete_manual_address_passes_with_its_postcode_normalised() -> None:
    checked = check(**manual(pc=" ls62ab "))
    assert checked.rejections == []
    assert str(checked.manual_postcode) == "LS6 2AB"


def test_the_street_of_a_manual_address_is_optional() -> None:
    assert check(**manual(street=None)).rejections == []
    assert check(**manual(street="  ")).rejections == []


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_manual_address_needs_a_building_name_or_number(blank: str) -> None:
    assert only_fault(**manual(building=blank)) == (
        "REQUIRED",
        "manualAddress.buildingNameOrNumber",
    )


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_manual_address_needs_a_post_town(blank: str) -> None:
    assert only_fault(**manual(town=blank)) == ("REQUIRED", "manualAddress.postTown")


@pytest.mark.parametrize(
    ("part", "field", "limit"),
    [
        ("building", "manualAddress.buildingNameOrNumber", 50),
        ("street", "manualAddress.thoroughfare", 80),
        ("town", "manualAddress.postTown", 30),
    ],
)
def test_manual_address_parts_have_their_paf_lengths(part: str, field: str, limit: int) -> None:
    assert check(**manual(**{part: "A" * limit})).rejections == []
    # Surrounding spaces are trimmed before counting.
    assert check(**manual(**{part: f"  {'A' * limit}  "})).rejections == []
    assert only_fault(**manual(**{part: "A" * (limit + 1)})) == ("TOO_LONG", field)


@pytest.mark.parametrize("postcode", ["LS6 2A", "QA1 1AA", "LS6 2CB", "", "LEEDS", "LS6 2AB 1"])
def test_a_manual_address_needs_a_valid_postcode(postcode: str) -> None:
    assert only_fault(**manual(pc=postcode)) == ("POSTCODE_INVALID", "manualAddress.postcode")


# ---------------------------------------------------------------- the annual quantity


@pytest.mark.parametrize("aq", [0, -1, -12_000])
def test_an_annual_quantity_that_is_not_positive_is_refused(aq: int) -> None:
    assert only_fault(annual_quantity_kwh=aq) == ("AQ_NOT_POSITIVE", "annualQuantityKwh")
    assert check(annual_quantity_kwh=aq).warnings == []


def test_an_annual_quantity_beyond_any_site_is_refused() -> None:
    assert (
        check(
            annual_quantity_kwh=999_999_999, market_sector=MarketSector.INDUSTRIAL_COMMERCIAL
        ).rejections
        == []
    )
    assert only_fault(annual_quantity_kwh=1_000_000_000) == ("AQ_TOO_LARGE", "annualQuantityKwh")
    assert check(annual_quantity_kwh=1_000_000_000).warnings == []


@pytest.mark.parametrize(
    ("sector", "aq", "warning"),
    [
        (MarketSector.DOMESTIC, 1, None),
        (MarketSector.DOMESTIC, 73_200, None),
        (MarketSector.DOMESTIC, 73_201, "AQ_ABOVE_DOMESTIC_RANGE"),
        (MarketSector.INDUSTRIAL_COMMERCIAL, 73_200, "AQ_BELOW_IC_RANGE"),
        (MarketSector.INDUSTRIAL_COMMERCIAL, 1, "AQ_BELOW_IC_RANGE"),
        (MarketSector.INDUSTRIAL_COMMERCIAL, 73_201, None),
    ],
)
def test_an_aq_unusual_for_its_sector_is_a_warning_not_a_refusal(
    sector: MarketSector, aq: int, warning: str | None
) -> None:
    checked = check(market_sector=sector, annual_quantity_kwh=aq)
    assert checked.rejections == []
    assert [(w.code, w.field) for w in checked.warnings] == (
        [(warning, "annualQuantityKwh")] if warning else []
    )
    assert checked.request is not None
    assert checked.request.annual_quantity_kwh == aq


# ---------------------------------------------------------------- meter serial number


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("e6s12345671960", "E6S12345671960"), (" ab-12/3 ", "AB-12/3"), ("G4K00123", "G4K00123")],
)
def test_a_meter_serial_number_is_kept_in_upper_case(typed: str, kept: str) -> None:
    checked = check(meter_serial_number=typed)
    assert checked.rejections == []
    assert checked.request is not None
    assert checked.request.meter_serial_number == kept


def test_a_meter_serial_number_has_at_most_14_characters() -> None:
    assert check(meter_serial_number="A" * 14).rejections == []
    assert only_fault(meter_serial_number="A" * 15) == ("TOO_LONG", "meterSerialNumber")


@pytest.mark.parametrize("serial", ["AB 12", "AB_12", "-AB12", "/AB12", "AB.12", "ÄB12", "AB#1"])
def test_a_meter_serial_number_has_letters_digits_hyphens_and_slashes(serial: str) -> None:
    assert only_fault(meter_serial_number=serial) == ("METER_SERIAL_INVALID", "meterSerialNumber")


# ---------------------------------------------------------------- site contact, phone and notes


def test_a_site_contact_name_has_at_most_60_characters() -> None:
    assert check(site_contact_name="N" * 60).rejections == []
    assert only_fault(site_contact_name="N" * 61) == ("TOO_LONG", "siteContactName")


def test_a_phone_number_is_kept_in_e164_form() -> None:
    checked = check(site_contact_phone=" 0113 496 0000 ")
    assert checked.rejections == []
    assert checked.request is not None
    assert checked.request.site_contact_phone == "+441134960000"


def test_a_phone_number_that_cannot_be_dialled_is_refused() -> None:
    assert only_fault(site_contact_phone="0113 496") == ("PHONE_INVALID", "siteContactPhone")


def test_an_overlong_phone_number_is_refused_whatever_the_rules_say() -> None:
    checked = check_fields(command(site_contact_phone="0" * 33), AnyPhoneNumberRules())
    assert faults(checked) == {("PHONE_INVALID", "siteContactPhone")}
    checked = check_fields(command(site_contact_phone="0" * 32), AnyPhoneNumberRules())
    assert checked.rejections == []


def test_notes_of_1000_characters_are_allowed_and_1001_refused() -> None:
    checked = check(notes="n" * 1_000)
    assert checked.rejections == []
    assert checked.request is not None
    assert checked.request.notes == "n" * 1_000
    assert only_fault(notes="n" * 1_001) == ("TOO_LONG", "notes")


def test_notes_may_run_over_several_lines() -> None:
    notes = "Plot 4 of the new estate.\r\nAccess from the back lane.\n\tGate code at the office."
    checked = check(notes=notes)
    assert checked.rejections == []
    assert checked.request is not None
    assert checked.request.notes == notes


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\u200b", "\u202e", "\ue000"])
@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("notes", "notes"),
        ("site_contact_name", "siteContactName"),
        ("manual_address", "manualAddress.buildingNameOrNumber"),
        ("manual_address.thoroughfare", "manualAddress.thoroughfare"),
        ("manual_address.post_town", "manualAddress.postTown"),
    ],
)
def test_control_characters_are_refused(field: str, name: str, bad: str) -> None:
    text = f"Rose{bad}Cottage"
    if field == "manual_address":
        fields = manual(building=text)
    elif field == "manual_address.thoroughfare":
        fields = manual(street=text)
    elif field == "manual_address.post_town":
        fields = manual(town=text)
    else:
        fields = {field: text}
    assert only_fault(**fields) == ("INVALID_CHARACTERS", name)


@pytest.mark.parametrize("line_break", ["\n", "\t"])
def test_a_site_contact_name_is_one_line(line_break: str) -> None:
    assert only_fault(site_contact_name=f"Mrs{line_break}Patel") == (
        "INVALID_CHARACTERS",
        "siteContactName",
    )


def test_blank_optional_values_become_none() -> None:
    phones = FakePhoneNumberRules(PHONES)
    checked = check_fields(
        command(
            meter_serial_number="  ", site_contact_name="", site_contact_phone=" \t", notes="\n "
        ),
        phones,
    )
    assert checked.rejections == []
    assert checked.request is not None
    request = checked.request
    assert (
        request.meter_serial_number,
        request.site_contact_name,
        request.site_contact_phone,
        request.notes,
    ) == (None, None, None, None)
    assert phones.asked == []


def test_text_values_are_trimmed() -> None:
    checked = check(site_contact_name="  Mrs Patel ", notes="  Back gate.  ")
    assert checked.request is not None
    assert (checked.request.site_contact_name, checked.request.notes) == ("Mrs Patel", "Back gate.")


# ---------------------------------------------------------------- all faults at once

Variant = tuple[dict[str, Any], frozenset[Fault]]
NONE: frozenset[Fault] = frozenset()
letters = st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=1, max_size=10)
control = st.characters(categories=["Cc", "Cf", "Co"], exclude_characters="\n\r\t")


def ok(**fields: Any) -> st.SearchStrategy[Variant]:
    return st.just((fields, NONE))


def bad(
    value: st.SearchStrategy[Any], *found: Fault
) -> st.SearchStrategy[tuple[Any, frozenset[Fault]]]:
    return value.map(lambda v: (v, frozenset(found)))


def good(value: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, frozenset[Fault]]]:
    return value.map(lambda v: (v, NONE))


def text_of(limit: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="abcdefghij KLMNOP'-", min_size=1, max_size=limit).filter(str.strip)


def too_long(limit: int) -> st.SearchStrategy[str]:
    return st.integers(limit + 1, limit + 40).map(lambda n: "W" * n)


def with_control(limit: int) -> st.SearchStrategy[str]:
    half = max(1, (limit - 1) // 2)
    words = st.text(alphabet="abcXYZ", min_size=1, max_size=half)
    return st.tuples(words, control, words).map("".join)


@st.composite
def manual_addresses(draw: st.DrawFn) -> Variant:
    building, building_faults = draw(
        st.one_of(
            good(text_of(50)),
            bad(st.sampled_from(["", "  "]), ("REQUIRED", "manualAddress.buildingNameOrNumber")),
            bad(too_long(50), ("TOO_LONG", "manualAddress.buildingNameOrNumber")),
            bad(with_control(50), ("INVALID_CHARACTERS", "manualAddress.buildingNameOrNumber")),
        )
    )
    street, street_faults = draw(
        st.one_of(
            good(st.none() | st.just("") | text_of(80)),
            bad(too_long(80), ("TOO_LONG", "manualAddress.thoroughfare")),
            bad(with_control(80), ("INVALID_CHARACTERS", "manualAddress.thoroughfare")),
        )
    )
    town, town_faults = draw(
        st.one_of(
            good(text_of(30)),
            bad(st.just(""), ("REQUIRED", "manualAddress.postTown")),
            bad(too_long(30), ("TOO_LONG", "manualAddress.postTown")),
        )
    )
    postcode, postcode_faults = draw(
        st.one_of(
            good(st.sampled_from(["LS6 2AB", "ls62ab", " EC1A 1BB ", "m1 1ae"])),
            bad(
                st.sampled_from(["LS6", "QA1 1AA", "LS6 2CB", "", "12345"]),
                ("POSTCODE_INVALID", "manualAddress.postcode"),
            ),
        )
    )
    return (
        {"udprn": None, "manual_address": ManualAddress(building, street, town, postcode)},
        building_faults | street_faults | town_faults | postcode_faults,
    )


addresses: st.SearchStrategy[Variant] = st.one_of(
    good(st.from_regex(r"\A\s*[0-9]{1,8}\s*\Z")).map(lambda v: ({"udprn": v[0]}, v[1])),
    manual_addresses(),
    ok(udprn=None, manual_address=None).map(
        lambda v: (v[0], frozenset({("ADDRESS_REQUIRED", "udprn")}))
    ),
    manual_addresses().map(
        lambda v: (
            {**v[0], "udprn": "12345678"},
            frozenset({("ADDRESS_AMBIGUOUS", "manualAddress")}),
        )
    ),
    bad(
        st.sampled_from(["1234567X", "123456789", "12 34", "LS6 2AB"]), ("UDPRN_INVALID", "udprn")
    ).map(lambda v: ({"udprn": v[0]}, v[1])),
)


def field_variants(name: str, *options: st.SearchStrategy[Any]) -> st.SearchStrategy[Variant]:
    return st.one_of(*options).map(lambda v: ({name: v[0]}, v[1]))


aqs = field_variants(
    "annual_quantity_kwh",
    good(st.integers(1, 999_999_999)),
    bad(st.integers(max_value=0), ("AQ_NOT_POSITIVE", "annualQuantityKwh")),
    bad(st.integers(min_value=1_000_000_000), ("AQ_TOO_LARGE", "annualQuantityKwh")),
)
serials = field_variants(
    "meter_serial_number",
    good(st.none() | st.just(" ") | st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9/-]{0,13}\Z")),
    bad(st.from_regex(r"\A[A-Z0-9]{15,20}\Z"), ("TOO_LONG", "meterSerialNumber")),
    bad(
        st.sampled_from(["AB 12", "AB_12", "-AB12", "AB.12"]),
        ("METER_SERIAL_INVALID", "meterSerialNumber"),
    ),
    bad(
        st.tuples(st.just("AB"), control, st.just("12")).map("".join),
        ("INVALID_CHARACTERS", "meterSerialNumber"),
        ("METER_SERIAL_INVALID", "meterSerialNumber"),
    ),
)
names = field_variants(
    "site_contact_name",
    good(st.none() | text_of(60)),
    bad(too_long(60), ("TOO_LONG", "siteContactName")),
    bad(with_control(60), ("INVALID_CHARACTERS", "siteContactName")),
)
phones = field_variants(
    "site_contact_phone",
    good(st.none() | st.just("  ") | st.sampled_from(sorted(PHONES))),
    bad(
        st.sampled_from(["0113 496", "call after 5", "0" * 40]),
        ("PHONE_INVALID", "siteContactPhone"),
    ),
)
notes = field_variants(
    "notes",
    good(st.none() | st.text(alphabet="ab \n", max_size=1_000)),
    bad(too_long(1_000), ("TOO_LONG", "notes")),
    bad(with_control(1_000), ("INVALID_CHARACTERS", "notes")),
)


@given(
    st.tuples(addresses, aqs, serials, names, phones, notes),
    st.sampled_from(MarketSector),
    st.sampled_from(MncReason),
)
def test_every_fault_injected_is_reported_and_nothing_else(
    variants: tuple[Variant, ...], sector: MarketSector, reason: MncReason
) -> None:
    fields: dict[str, Any] = {"market_sector": sector, "reason": reason}
    injected: set[Fault] = set()
    for overrides, found in variants:
        fields.update(overrides)
        injected |= found

    checked = check(**fields)

    assert faults(checked) == injected
    assert len(checked.rejections) == len(injected), "a fault is reported twice"
    assert all(r.message.strip() for r in checked.rejections)
    assert not {w.code for w in checked.warnings} & {r.code for r in checked.rejections}
