"""Nominating: an LSO learns nothing about other organisations' accounts from it.

A nomination for an email that has an account, or a nomination, in another organisation is
accepted like any other; the CDSP account administrator sees the clash, and approving it is
refused with the reason. The LSO's own organisation's accounts and nominations, which the LSO
sees anyway, are still refused at once.
"""

from __future__ import annotations

from typing import Any

import pytest

from cms.core.accounts.commands import ApproveNomination, NominateUser
from cms.core.accounts.model import Nomination, OrganisationKind, Role, Viewer
from cms.core.shared.rejections import Rejected
from tests.support.world import World


@pytest.fixture
def officers(world: World, run: Any) -> dict[str, Viewer]:
    """Alpha's LSO, Beta's LSO and the CDSP's account administrator, signed in."""
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("BET", OrganisationKind.SHIPPER, "Beta Energy Trading"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve"))
    run(world.user("bob@beta.example", "BET", "Bob Barker"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    people = {
        "alpha": ("lso@alpha.example", "AGS", (Role.LSO,)),
        "beta": ("lso@beta.example", "BET", (Role.LSO,)),
        "cdsp": ("admin@cdsp.example", "CDSP", (Role.ACCOUNT_ADMIN,)),
    }
    viewers = {}
    for key, (email, code, roles) in people.items():
        run(world.user(email, code, key.title(), roles))
        viewers[key], _ = run(world.sign_in(email))
    return viewers


def _nominate(world: World, run: Any, lso: Viewer, email: str) -> Nomination:
    nomination: Nomination = run(
        world.bus().handle(
            NominateUser(
                viewer=lso,
                name="Nadia Newcomer",
                email=email,
                mobile=None,
                roles=frozenset({Role.USER}),
            )
        )
    )
    return nomination


def _refusal(call: Any) -> Rejected:
    with pytest.raises(Rejected) as refused:
        call()
    return refused.value


def test_an_email_with_an_account_in_another_organisation_is_nominated_like_any_other(
    world: World, run: Any, officers: dict[str, Viewer]
) -> None:
    nomination = _nominate(world, run, officers["alpha"], "bob@beta.example")
    assert nomination.email == "bob@beta.example"
    assert nomination.organisation_id == officers["alpha"].organisation.id


def test_an_email_another_organisation_has_nominated_is_nominated_like_any_other(
    world: World, run: Any, officers: dict[str, Viewer]
) -> None:
    _nominate(world, run, officers["beta"], "nadia@shared.example")
    nomination = _nominate(world, run, officers["alpha"], "nadia@shared.example")
    assert nomination.organisation_id == officers["alpha"].organisation.id


def test_an_email_with_an_account_in_the_lsos_own_organisation_is_refused_saying_so(
    world: World, run: Any, officers: dict[str, Viewer]
) -> None:
    refusal = _refusal(lambda: _nominate(world, run, officers["alpha"], "Alice@Alpha.Example"))
    (reason,) = refusal.reasons
    assert (reason.code, reason.field) == ("EMAIL_IN_USE", "email")
    assert "already has an account in your organisation" in reason.message


def test_an_email_the_lsos_own_organisation_has_nominated_is_refused_saying_so(
    world: World, run: Any, officers: dict[str, Viewer]
) -> None:
    _nominate(world, run, officers["alpha"], "nadia@shared.example")
    refusal = _refusal(lambda: _nominate(world, run, officers["alpha"], "nadia@shared.example"))
    (reason,) = refusal.reasons
    assert reason.code == "EMAIL_IN_USE"
    assert "Your organisation has already nominated" in reason.message


def test_approving_a_nomination_whose_email_has_an_account_is_refused_naming_where(
    world: World, run: Any, officers: dict[str, Viewer]
) -> None:
    nomination = _nominate(world, run, officers["alpha"], "bob@beta.example")
    refusal = _refusal(
        lambda: run(
            world.bus().handle(
                ApproveNomination(viewer=officers["cdsp"], nomination_id=nomination.id)
            )
        )
    )
    (reason,) = refusal.reasons
    assert reason.code == "EMAIL_IN_USE"
    assert "bob@beta.example already has an account at Beta Energy Trading" in reason.message
