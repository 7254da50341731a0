"""The password rules shown before a person types are the ones the password is checked by."""

from __future__ import annotations

from cms.core.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    PASSWORD_RULES,
    password_problems,
)


class Common:
    def is_common(self, password: str) -> bool:
        return password == "password1234"


def test_the_rules_state_the_lengths_checked() -> None:
    text = " ".join(PASSWORD_RULES)
    assert f"{MIN_PASSWORD_LENGTH} characters" in text
    assert f"{MAX_PASSWORD_LENGTH} characters" in text


def test_each_rule_is_one_a_password_can_break() -> None:
    email = "nadia@ags.example"
    broken = {
        PASSWORD_RULES[0]: "short words",
        PASSWORD_RULES[1]: "w" * (MAX_PASSWORD_LENGTH + 1),
        PASSWORD_RULES[2]: "password1234",
        PASSWORD_RULES[3]: "nadia-and-her-kettle",
    }
    for rule, password in broken.items():
        assert password_problems(password, email, Common()), rule
    # The last rule promises no composition rules: plain words of the right length pass.
    assert password_problems("copper kettle lantern", email, Common()) == []
