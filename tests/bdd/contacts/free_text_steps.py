"""Steps of features/contacts/free_text.feature: writing a question, an answer or a note
with characters a reader cannot see, and being told to retype it as plain text.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, then, when

from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    BookSiteVisit,
    ContactCommand,
    RejectContact,
    WithdrawContact,
)
from tests.bdd.contacts.story import Flow, only_refusal

# Characters a reader cannot see, or that reverse how text reads, as a scenario names them.
HIDDEN: dict[str, str] = {
    "a right-to-left override": "\u202e",
    "a zero-width space": "\u200b",
    "a left-to-right isolate": "\u2066",
    "a zero-width joiner": "\u200d",
    "a byte order mark": "\ufeff",
    "a right-to-left mark": "\u200f",
    "a word joiner": "\u2060",
}
PLAIN_WITH_BREAKS = "Is the gas service new?\nOr relaid?\tPlease say which."
WRITTEN = "The meter box is on the rear wall."


def written(flow: Flow, what: str, text: str) -> tuple[type[ContactCommand], dict[str, Any]]:
    """The command a scenario means by writing `what` on the contact in play."""
    writings: dict[str, tuple[type[ContactCommand], dict[str, Any]]] = {
        f"a question for {flow.raiser()}": (AskShipper, {"question": text}),
        "her answer": (AnswerQuestion, {"answer": text}),
        "his answer": (AnswerQuestion, {"answer": text}),
        "a note passing it to the network": (AllocateToNetwork, {"note": text}),
        "a note booking a site visit": (
            BookSiteVisit,
            {"planned_for": flow.visit_day(), "note": text},
        ),
        "a note accepting it": (AcceptContact, {"note": text}),
        "a note rejecting it": (RejectContact, {"reason_code": "OTHER", "note": text}),
        "a note withdrawing it": (WithdrawContact, {"note": text}),
    }
    assert what in writings, f"no step knows how to write {what}"
    return writings[what]


@when(parsers.re(r"(?P<name>\w+) writes (?P<what>.+) with (?P<hidden>.+) in it"))
def writes(flow: Flow, name: str, what: str, hidden: str) -> None:
    if hidden == "line breaks and a tab":
        text = PLAIN_WITH_BREAKS
    else:
        middle = WRITTEN.index("rear")
        text = WRITTEN[:middle] + HIDDEN[hidden] + WRITTEN[middle:]
    kind, fields = written(flow, what, text)
    flow.attempt(flow.command_for(name, kind, **fields))


@then(
    parsers.parse(
        "{name:w} is told that the {field:w} holds {hidden}, and to retype it as plain text"
    )
)
def told_hidden_character(flow: Flow, name: str, field: str, hidden: str) -> None:
    refusal = only_refusal(flow, name)
    assert (refusal.code, refusal.field) == ("INVALID_CHARACTERS", field), refusal
    character = HIDDEN[hidden]
    assert f"The {field}" in refusal.message, refusal.message  # which field
    assert f"U+{ord(character):04X}" in refusal.message, refusal.message  # which character
    assert "plain text" in refusal.message, refusal.message  # what to do
