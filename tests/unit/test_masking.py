"""Masked email addresses and phone numbers: recognisable, never the whole thing."""

from __future__ import annotations

import pytest

from cms.core.shared.masking import mask_email, mask_phone


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("alice@alpha.example", "a***@alpha.example"),
        ("bob.smith+mfa@beta.example.co.uk", "b***@beta.example.co.uk"),
        ("  Carol@Gamma.Example  ", "C***@Gamma.Example"),
        ("élodie@delta.example", "é***@delta.example"),
        ('"odd@local"@epsilon.example', '"***@epsilon.example'),
        ("x@alpha.example", "***@alpha.example"),  # one character: showing it shows it all
        ("@alpha.example", "***@alpha.example"),
        ("not an address", "***"),
        ("alice@", "***"),
        ("", "***"),
    ],
)
def test_an_email_address_keeps_its_first_character_and_domain(address: str, masked: str) -> None:
    assert mask_email(address) == masked


def test_a_masked_email_address_does_not_give_away_its_length() -> None:
    assert mask_email("al@alpha.example") == mask_email("alexandra@alpha.example")


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+447700900123", "+44 7*** ***123"),
        ("+447911123456", "+44 7*** ***456"),
        ("+441134960000", "+44 1*** ***000"),  # a Leeds landline: 1 says "geographic"
        ("+44 7700 900123", "+44 7*** ***123"),
        ("+44 (0)7700-900.123", "+44 0*** ***123"),  # separators dropped, trunk 0 kept as typed
        ("+33612345678", "+33 *** ***678"),
        ("+353871234567", "+353 *** ***567"),  # Ireland: a three-digit code
        ("+12025550143", "+1 *** ***143"),
        ("+79161234567", "+7 *** ***567"),
        ("+8613812345678", "+86 *** ***678"),
        ("+971501234567", "+971 *** ***567"),
    ],
)
def test_a_phone_number_keeps_its_country_code_and_last_three_digits(
    number: str, masked: str
) -> None:
    assert mask_phone(number) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("07700900123", "*** ***123"),  # national form: no country code to show
        ("+44", "***"),
        ("12345", "***"),
        ("", "***"),
        ("call me", "***"),
    ],
)
def test_what_is_not_an_e164_number_is_masked_harder(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


@pytest.mark.parametrize("number", ["+447700900123", "+33612345678", "+12025550143"])
def test_a_masked_number_never_holds_the_hidden_middle(number: str) -> None:
    masked = mask_phone(number)
    digits = "".join(c for c in masked if c.isdigit())
    assert len(digits) < len(number) - 1
    assert number[-7:-3] not in masked


def test_a_masked_number_does_not_give_away_its_length() -> None:
    assert mask_phone("+4420794600") == mask_phone("+442079460000")[:-3] + "600"
