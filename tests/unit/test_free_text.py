"""The one rule for free text: every field refuses hidden characters alike, and says so."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.contacts import checks, workflow
from cms.core.shared.text import FreeText

NOTE = FreeText("note", "The note", 100, multiline=True)
NAME = FreeText("siteContactName", "The site contact name", 60)
HIDDEN = {
    "\u202e": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
    "\u200b": "U+200B (ZERO WIDTH SPACE)",
    "\u200d": "U+200D (ZERO WIDTH JOINER)",
    "\ufeff": "U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
    "\u2028": "U+2028 (LINE SEPARATOR)",
    "\ue000": "U+E000 (a control character)",
    "\x00": "U+0000 (a control character)",
    "\x1b": "U+001B (a control character)",
}


@pytest.mark.parametrize("rule", [NOTE, NAME], ids=["multi-line", "one-line"])
@pytest.mark.parametrize("character", HIDDEN)
def test_a_hidden_character_is_refused_naming_the_field_the_character_and_the_fix(
    rule: FreeText, character: str
) -> None:
    text, problems = rule.check(f"Back{character} gate")
    assert text == f"Back{character} gate"
    [problem] = problems
    assert (problem.code, problem.field) == ("INVALID_CHARACTERS", rule.field)
    assert problem.message.startswith(f"{rule.label} holds {HIDDEN[character]} at character 5")
    assert problem.message.endswith("please retype it as plain text.")


def test_line_breaks_and_tabs_are_plain_text_where_a_field_runs_over_lines() -> None:
    text = "Plot 4.\r\nAccess from the lane.\n\tGate code at the office."
    assert NOTE.check(text) == (text, [])


@pytest.mark.parametrize(("character", "what"), [("\n", "a line break"), ("\t", "a tab")])
def test_a_one_line_field_refuses_line_breaks_and_tabs(character: str, what: str) -> None:
    [problem] = NAME.check(f"Mrs{character}Patel")[1]
    assert (problem.code, problem.field) == ("INVALID_CHARACTERS", "siteContactName")
    assert problem.message == (
        f"The site contact name must be on one line; it holds {what} at character 4."
    )


def test_text_is_trimmed_and_blank_is_none() -> None:
    assert NOTE.check("  Back gate.  ") == ("Back gate.", [])
    assert NOTE.check(" \n\t ") == (None, [])
    assert NOTE.check(None) == (None, [])


def test_a_required_field_left_blank_is_refused() -> None:
    rule = FreeText("answer", "The answer", 100, required=True, multiline=True)
    [problem] = rule.check("   ")[1]
    assert (problem.code, problem.field, problem.message) == (
        "REQUIRED",
        "answer",
        "The answer is required.",
    )


def test_too_long_and_hidden_are_both_reported() -> None:
    problems = NOTE.check("x" * 100 + "\u202e")[1]
    assert [(p.code, p.field) for p in problems] == [
        ("TOO_LONG", "note"),
        ("INVALID_CHARACTERS", "note"),
    ]
    assert problems[0].message == "The note has 101 characters; at most 100 are allowed."


@given(st.text(st.characters(exclude_categories=["Cc", "Cf", "Cs", "Co", "Zl", "Zp"])))
def test_text_of_visible_characters_and_spaces_is_never_refused(text: str) -> None:
    assert FreeText("note", "The note", 10_000).check(text)[1] == []


def test_every_free_text_field_of_a_contact_follows_the_one_rule() -> None:
    """The request's fields and the workflow's question, answer and notes: one rule each."""
    fields = {
        name: value
        for module in (checks, workflow)
        for name, value in vars(module).items()
        if isinstance(value, FreeText)
    }
    assert {rule.field for rule in fields.values()} == {
        "meterSerialNumber",
        "siteContactName",
        "notes",
        "manualAddress.buildingNameOrNumber",
        "manualAddress.thoroughfare",
        "manualAddress.postTown",
        "question",
        "answer",
        "note",
    }
    for rule in fields.values():
        [problem] = rule.check("a\u202eb")[1]
        assert (problem.code, problem.field) == ("INVALID_CHARACTERS", rule.field)
