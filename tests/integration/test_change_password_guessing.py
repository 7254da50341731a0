"""changePassword cannot be used to guess the current password without limit.

A session left open (or stolen) could otherwise try passwords one after another: the answer to
a right guess differs from a wrong one, as it must for the user. So wrong current passwords are
counted like failed sign-ins (they slow sign-in down too, and are audited), and after five the
session ends.
"""

from __future__ import annotations

from typing import Any

import pytest

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import Authenticate, ChangePassword, SignIn
from cms.core.accounts.model import OrganisationKind, Viewer
from cms.core.accounts.sign_in import SignInRefused
from cms.core.shared.rejections import Rejected
from tests.support.world import PASSWORD, World

ALICE = "alice@alpha.example"
NEW_PASSWORD = "Quiet-harbour-lanterns-2027"


@pytest.fixture
def alice(world: World, run: Any) -> tuple[Viewer, str]:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.user(ALICE, "AGS", "Alice Ashworth"))
    viewer, token = run(world.sign_in(ALICE))
    return viewer, token


def _change(world: World, run: Any, signed_in: tuple[Viewer, str], current: str) -> list[str]:
    """The rejection codes of a change from `current` to a good new password ([]: changed)."""
    viewer, token = signed_in
    command = ChangePassword(
        viewer=viewer,
        session_token=token,
        current_password=current,
        new_password=NEW_PASSWORD,
        client_address="192.0.2.10",
    )
    try:
        run(world.bus().handle(command))
    except Rejected as refusal:
        assert all(reason.message for reason in refusal.reasons)
        return [reason.code for reason in refusal.reasons]
    return []


def _session_lives(world: World, run: Any, token: str) -> bool:
    return run(world.bus().handle(Authenticate(session_token=token))) is not None


def test_four_wrong_current_passwords_leave_the_session_open(
    world: World, run: Any, alice: tuple[Viewer, str]
) -> None:
    for _ in range(4):
        assert _change(world, run, alice, "Summer2026!") == ["PASSWORD_WRONG"]
    assert _session_lives(world, run, alice[1])


def test_the_fifth_wrong_current_password_ends_the_session(
    world: World, run: Any, alice: tuple[Viewer, str]
) -> None:
    for _ in range(4):
        _change(world, run, alice, "Summer2026!")
    assert _change(world, run, alice, "Summer2026!") == ["TOO_MANY_WRONG_PASSWORDS"]
    assert not _session_lives(world, run, alice[1])


def test_wrong_current_passwords_are_audited_and_so_is_the_end_of_the_session(
    world: World, run: Any, alice: tuple[Viewer, str]
) -> None:
    for _ in range(5):
        _change(world, run, alice, "Summer2026!")
    entries = run(world.container.account_queries().audit_entries(0, 1000))
    failed = [e.record for e in entries if e.record.event is AuditEvent.PASSWORD_CHANGE_FAILED]
    assert len(failed) == 5
    assert {(r.actor_id, r.subject_id, r.client_address) for r in failed} == {
        (alice[0].user_id, alice[0].user_id, "192.0.2.10")
    }
    assert failed[-1].details == {"cause": "wrong current password", "failures": "5"}
    ended = [e.record for e in entries if e.record.event is AuditEvent.SESSION_REVOKED]
    assert [dict(r.details) for r in ended] == [{"cause": "too many wrong current passwords"}]


def test_wrong_current_passwords_slow_sign_in_down_like_wrong_sign_ins(
    world: World, run: Any, alice: tuple[Viewer, str]
) -> None:
    for _ in range(5):
        _change(world, run, alice, "Summer2026!")
    outcome = run(world.bus().handle(SignIn(email=ALICE, password=PASSWORD)))
    assert isinstance(outcome, SignInRefused)
    assert "try again in 30 seconds" in outcome.message


def test_a_current_password_with_more_after_it_is_not_the_current_password(
    world: World, run: Any, alice: tuple[Viewer, str]
) -> None:
    longest = ("copper kettle lantern " * 6)[:128]  # as long as a password may be
    viewer, token = alice
    run(
        world.bus().handle(
            ChangePassword(
                viewer=viewer, session_token=token, current_password=PASSWORD, new_password=longest
            )
        )
    )
    # Only the first 128 characters are hashed: more must not pass as the password.
    assert _change(world, run, alice, longest + "and more") == ["PASSWORD_WRONG"]
    assert _change(world, run, alice, longest) == []
