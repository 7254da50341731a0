"""The password rules: long enough, not common, not the user's own name; no composition rules.

Following NIST SP 800-63B: length over complexity, and a check against known-bad passwords.
"""

from __future__ import annotations

from cms.core.accounts.ports import CommonPasswords
from cms.core.shared.rejections import Rejection

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
_MIN_NAME_TO_CHECK = 3  # "al" inside a password is no giveaway

# What password_problems checks, as a person reads it before choosing one.
PASSWORD_RULES: tuple[str, ...] = (
    f"At least {MIN_PASSWORD_LENGTH} characters: a few unrelated words make a long password "
    "that is easy to remember.",
    f"At most {MAX_PASSWORD_LENGTH} characters.",
    "Not one of the most commonly used passwords.",
    "Not containing the part of your email address before the @.",
    "Any characters you like, spaces too: no mix of letters, digits or symbols is required.",
)


def password_problems(
    password: str, email: str, common: CommonPasswords, field: str = "password"
) -> list[Rejection]:
    """Every rule the new password breaks (empty when it is acceptable)."""
    problems: list[Rejection] = []
    length = len(password)
    if length < MIN_PASSWORD_LENGTH:
        problems.append(
            Rejection(
                "PASSWORD_TOO_SHORT",
                field,
                f"The password has {length} characters; use at least {MIN_PASSWORD_LENGTH}. "
                "A few unrelated words make a long password that is easy to remember.",
            )
        )
    if length > MAX_PASSWORD_LENGTH:
        problems.append(
            Rejection(
                "PASSWORD_TOO_LONG",
                field,
                f"The password has {length} characters; at most {MAX_PASSWORD_LENGTH} are allowed.",
            )
        )
    if common.is_common(password):
        problems.append(
            Rejection(
                "PASSWORD_TOO_COMMON",
                field,
                "That password is one of the most commonly used, so it is easy to guess; "
                "choose another.",
            )
        )
    name = email.split("@", 1)[0].strip().lower()
    if len(name) >= _MIN_NAME_TO_CHECK and name in password.lower():
        problems.append(
            Rejection(
                "PASSWORD_CONTAINS_EMAIL_NAME",
                field,
                "The password contains your email name; choose one that does not.",
            )
        )
    return problems
