"""The one rule for free text typed by a person: a question, an answer, a note, a name.

Such text is read by people in other organisations. Control characters, and characters that
cannot be seen or that change the direction text is shown in (zero-width spaces, bidirectional
overrides, byte order marks), could make it read differently from what was written; every
field refuses them alike and names the field and the character.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cms.core.shared.rejections import Rejection

# Cc control, Cf format (zero-width and bidirectional controls), Cs surrogate, Co private use;
# Zl and Zp, the Unicode line and paragraph separators, are not the line breaks people type.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")


@dataclass(frozen=True, slots=True)
class FreeText:
    """A free-text field: how it is named to the caller and to a person, and its limits."""

    field: str  # as the caller names it, e.g. "notes" or "manualAddress.postTown"
    label: str  # as a sentence names it, e.g. "The notes"
    max_length: int
    required: bool = False
    multiline: bool = False  # line breaks and tabs allowed

    def check(self, value: str | None) -> tuple[str | None, list[Rejection]]:
        """The value trimmed (blank becomes None), and every reason it is refused."""
        text = (value or "").strip()
        if not text:
            if self.required:
                return None, [Rejection("REQUIRED", self.field, f"{self.label} is required.")]
            return None, []
        problems = []
        if len(text) > self.max_length:
            problems.append(
                Rejection(
                    "TOO_LONG",
                    self.field,
                    f"{self.label} has {len(text):,} characters; at most {self.max_length:,} "
                    "are allowed.",
                )
            )
        position, character = _first_refused(text, self.multiline)
        if character is None:
            pass
        elif character in LINE_BREAKS_AND_TABS:
            what = "a tab" if character == "\t" else "a line break"
            problems.append(
                Rejection(
                    "INVALID_CHARACTERS",
                    self.field,
                    f"{self.label} must be on one line; it holds {what} at character {position}.",
                )
            )
        else:
            problems.append(
                Rejection(
                    "INVALID_CHARACTERS",
                    self.field,
                    f"{self.label} holds {_describe(character)} at character {position}, a "
                    "character that cannot be seen or that changes how text reads; please "
                    "retype it as plain text.",
                )
            )
        return text, problems


def _first_refused(text: str, multiline: bool) -> tuple[int, str | None]:
    for position, character in enumerate(text, start=1):
        if multiline and character in LINE_BREAKS_AND_TABS:
            continue
        if unicodedata.category(character) in REFUSED_CATEGORIES:
            return position, character
    return 0, None


def _describe(character: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', or 'U+0007 (a control character)'."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X} ({name or 'a control character'})"
