"""Reading the API's answers for the authorisation table: a probe's verdict and its refusals.

A probe tries one operation (or one field of a type) as one caller on one target, and answers
PERMITTED or REFUSED; the probes live in the authorisation_probes_* modules, each filing its own.

How an answer is read:
- refused: a `NotPermitted` member; a `NotFound` member for a contact the caller may not see
  (checked: `contact` answers null to the same caller); an `UNAUTHENTICATED` error (anonymous
  callers only: for a signed-in caller it would mean the test's session is broken, and fails the
  cell) or a `FORBIDDEN` one; and, for reads, the visibility rule: a contact not visible answers
  null or is not listed (with a total count of 0), `users`/`nominations` leave out a target that
  exists, `me` answers null.
- permitted: the operation took effect (checked where it shows: a contact's move left it in the
  status the move leads to) or answered the data.
- Anything else (an `InvalidInput`, a rejected contact, an `InvalidTransition`, an unexpected
  error) fails the cell: the inputs are designed to be valid and each contact is prepared in the
  status its move starts from, so such an answer is the test's fault or a bug, never a verdict.
  A refused mutation is also checked to have changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.security.authorisation_policy import REFUSED
from tests.security.authorisation_world import Caller, Scene


class Refusal(Exception):
    """The API refused with an error (UNAUTHENTICATED, FORBIDDEN)."""


def field_of(body: dict[str, Any], caller: Caller, name: str) -> Any:
    """The answer's field, or Refusal for an authorisation error; any other error fails."""
    errors = body.get("errors") or []
    if not errors:
        return body["data"][name]
    codes = {(error.get("extensions") or {}).get("code") for error in errors}
    expected = {"UNAUTHENTICATED"} if caller.anonymous else {"FORBIDDEN"}
    assert len(errors) == 1 and codes <= expected, (
        f"{caller.name}: an error that is not a refusal: {errors}"
    )
    raise Refusal(errors[0]["message"])


def answer(scene: Scene, caller: Caller, query: str, name: str, **variables: Any) -> Any:
    return field_of(scene.graphql(caller.name, query, **variables), caller, name)


def union_member(result: dict[str, Any]) -> str:
    """The member's name; InvalidInput or a rejected contact fail: inputs here are valid."""
    kind = str(result["__typename"])
    assert kind not in ("InvalidInput", "ContactRejected"), (
        f"the test's input was refused: {result}"
    )
    return kind


def answer_unless_refused(
    scene: Scene, caller: Caller, query: str, name: str, **variables: Any
) -> dict[str, Any] | None:
    """A mutation's union member, or None when it was refused: `NotPermitted`, or an error."""
    try:
        result: dict[str, Any] = answer(scene, caller, query, name, **variables)
    except Refusal:
        return None
    return None if union_member(result) == "NotPermitted" else result


Probe = Callable[[Scene, Caller, str], str]
Probes = dict[str, Probe]  # by the operation (or Type.field) each one tries


def filing_in(probes: Probes) -> Callable[[str], Callable[[Probe], Probe]]:
    """The decorator `@probe(operation)` of a module of probes, filing each in its `probes`."""

    def probe(operation: str) -> Callable[[Probe], Probe]:
        def register(function: Probe) -> Probe:
            probes[operation] = function
            return function

        return register

    return probe


def refused_by_error(function: Probe) -> Probe:
    """An authorisation error is a refusal."""

    def checked(scene: Scene, caller: Caller, target: str) -> str:
        try:
            return function(scene, caller, target)
        except Refusal:
            return REFUSED

    checked.__name__ = function.__name__
    return checked
