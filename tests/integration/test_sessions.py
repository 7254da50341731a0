"""Signing in and out against the real database: sessions, timeouts, no enumeration."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from cms.adapters.sql.tables import sessions
from cms.core.accounts.commands import (
    Authenticate,
    DescribeSession,
    PurgeExpiredSessions,
    SignIn,
    SignOut,
)
from cms.core.accounts.model import OrganisationKind, SessionTimes
from cms.core.accounts.sessions import touch_interval_s
from cms.core.accounts.sign_in import SignInRefused
from tests.support.world import PASSWORD, World


@pytest.fixture
def alice(world: World, run: Any) -> str:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    return str(run(world.user("alice@alpha.example", "AGS", "Alice Ashworth")))


def test_sign_in_is_case_insensitive_on_email_and_stores_only_a_token_hash(
    world: World, run: Any, alice: str
) -> None:
    viewer, token = run(world.sign_in("  Alice@Alpha.Example "))
    assert viewer.user_id == alice
    assert len(token) >= 22  # at least 128 bits, URL-safe base64

    async def stored() -> list[str]:
        async with world.engine.connect() as connection:
            return list((await connection.execute(select(sessions.c.token_hash))).scalars())

    hashes = run(stored())
    assert len(hashes) == 1 and token not in hashes[0]


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@alpha.example", "wrong-password-123"), ("nobody@alpha.example", PASSWORD)],
)
def test_wrong_password_and_unknown_email_answer_alike(
    world: World, run: Any, alice: str, email: str, password: str
) -> None:
    outcome = run(world.bus().handle(SignIn(email=email, password=password)))
    assert outcome == SignInRefused()


def test_each_sign_in_gets_a_new_token(world: World, run: Any, alice: str) -> None:
    first = run(world.sign_in("alice@alpha.example"))[1]
    second = run(world.sign_in("alice@alpha.example"))[1]
    assert first != second


def test_a_session_expires_after_30_idle_minutes(world: World, run: Any, alice: str) -> None:
    _, token = run(world.sign_in("alice@alpha.example"))
    world.clock.set(world.clock.now() + timedelta(minutes=29))
    assert run(world.bus().handle(Authenticate(session_token=token))) is not None
    world.clock.set(world.clock.now() + timedelta(minutes=29))
    assert run(world.bus().handle(Authenticate(session_token=token))) is not None
    world.clock.set(world.clock.now() + timedelta(minutes=31))
    assert run(world.bus().handle(Authenticate(session_token=token))) is None


def test_a_session_ends_after_12_hours_however_busy(world: World, run: Any, alice: str) -> None:
    _, token = run(world.sign_in("alice@alpha.example"))
    for _ in range(25):  # active every 29 minutes for over 12 hours
        world.clock.set(world.clock.now() + timedelta(minutes=29))
        run(world.bus().handle(Authenticate(session_token=token)))
    assert run(world.bus().handle(Authenticate(session_token=token))) is None


def test_sign_out_revokes_the_session(world: World, run: Any, alice: str) -> None:
    _, token = run(world.sign_in("alice@alpha.example"))
    assert run(world.bus().handle(SignOut(session_token=token))) is True
    assert run(world.bus().handle(Authenticate(session_token=token))) is None
    assert run(world.bus().handle(SignOut(session_token=token))) is False


def test_expired_sessions_are_purged(world: World, run: Any, alice: str) -> None:
    run(world.sign_in("alice@alpha.example"))
    assert run(world.bus().handle(PurgeExpiredSessions())) == 0
    world.clock.set(world.clock.now() + timedelta(hours=13))
    assert run(world.bus().handle(PurgeExpiredSessions())) == 1


def test_a_session_tells_how_long_it_lasts(world: World, run: Any, alice: str) -> None:
    signed_in_at = world.clock.now()
    _, token = run(world.sign_in("alice@alpha.example"))
    times = run(world.bus().handle(DescribeSession(session_token=token)))
    assert times == SessionTimes(
        idle_timeout_s=30 * 60, absolute_end=signed_in_at + timedelta(hours=12)
    )
    run(world.bus().handle(SignOut(session_token=token)))
    assert run(world.bus().handle(DescribeSession(session_token=token))) is None


def test_staying_signed_in_starts_the_idle_timer_again(world: World, run: Any, alice: str) -> None:
    _, token = run(world.sign_in("alice@alpha.example"))
    world.clock.set(world.clock.now() + timedelta(minutes=28))
    assert run(world.bus().handle(DescribeSession(session_token=token, keep_alive=True)))
    world.clock.set(world.clock.now() + timedelta(minutes=28))
    assert run(world.bus().handle(Authenticate(session_token=token))) is not None


def test_asking_how_long_a_session_lasts_does_not_keep_it_alive(
    world: World, run: Any, alice: str
) -> None:
    _, token = run(world.sign_in("alice@alpha.example"))
    world.clock.set(world.clock.now() + timedelta(minutes=28))
    assert run(world.bus().handle(DescribeSession(session_token=token)))
    world.clock.set(world.clock.now() + timedelta(minutes=3))
    assert run(world.bus().handle(DescribeSession(session_token=token))) is None


@pytest.mark.parametrize(("idle_s", "interval_s"), [(1800, 60), (300, 30), (75, 7), (5, 1)])
def test_a_short_idle_timeout_is_refreshed_more_often(idle_s: int, interval_s: int) -> None:
    assert touch_interval_s(idle_s) == interval_s
