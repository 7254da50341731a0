"""Throttling sign-in without telling anyone which accounts exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from dependency_injector import providers

from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import DisableUser, EnrolMfa, SignIn, VerifyMfa
from cms.core.accounts.model import MfaChannel, OrganisationKind, Role
from cms.core.accounts.sign_in import (
    GENERIC_REFUSAL,
    MfaEnrolmentRequired,
    SignedIn,
    SignInRefused,
)
from tests.support.databases import redis_or_skip
from tests.support.world import PASSWORD, World


class CountingHasher(Argon2PasswordHasher):
    """Counts verifications: every refusal must cost the same argon2 work."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024)
        self.verifications = 0

    def verify(self, password_hash: str, password: str) -> bool:
        self.verifications += 1
        return super().verify(password_hash, password)


@pytest.fixture
def people(world: World, run: Any) -> World:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    run(world.user("lso@alpha.example", "AGS", "Lena Okafor", (Role.USER, Role.LSO)))
    run(world.user("dave@alpha.example", "AGS", "Dave Doyle"))
    return world


def _sign_in(
    world: World,
    run: Any,
    email: str,
    password: str,
    client: str = "192.0.2.10",
    device: str | None = None,
) -> Any:
    return run(
        world.bus().handle(
            SignIn(email=email, password=password, client_address=client, device_token=device)
        )
    )


def test_every_refusal_costs_one_password_check_and_reads_the_same(people: World, run: Any) -> None:
    world = people
    hasher = CountingHasher()
    # Before any handler is made, so the sign-in handlers get this hasher.
    world.container.password_hasher.override(providers.Object(hasher))
    lso = run(world.sign_in("lso@alpha.example"))[0]
    run(
        world.bus().handle(
            DisableUser(viewer=lso, user_id=_user_id(world, run, "dave"), reason="Left the company")
        )
    )
    answers = {}
    for cause, email, password in [
        ("unknown email", "nobody@alpha.example", PASSWORD),
        ("wrong password", "lso@alpha.example", "not-the-password"),
        ("disabled, wrong password", "dave@alpha.example", "not-the-password"),
    ]:
        before = hasher.verifications
        answers[cause] = _sign_in(world, run, email, password, client="198.51.100.7")
        assert hasher.verifications - before == 1, cause
    assert set(answers.values()) == {SignInRefused()}
    # Only a proved password learns that the account is disabled (and whom to ask).
    before = hasher.verifications
    told = _sign_in(world, run, "dave@alpha.example", PASSWORD, client="198.51.100.7")
    assert hasher.verifications - before == 1
    assert isinstance(told, SignInRefused) and told.account_disabled, told


def test_while_held_up_the_right_password_and_an_unknown_email_answer_alike(
    people: World, run: Any
) -> None:
    world = people
    hasher = CountingHasher()
    world.container.password_hasher.override(providers.Object(hasher))
    for email in ("alice@alpha.example", "nobody@alpha.example"):
        for _ in range(5):
            _sign_in(world, run, email, "not-the-password")
    answers = {}
    for email, password in [
        ("alice@alpha.example", PASSWORD),
        ("alice@alpha.example", "still-not-the-password"),
        ("nobody@alpha.example", PASSWORD),
    ]:
        before = hasher.verifications
        answers[(email, password)] = _sign_in(world, run, email, password)
        assert hasher.verifications - before == 1, email
    assert len(set(answers.values())) == 1, answers
    (answer,) = set(answers.values())
    assert isinstance(answer, SignInRefused) and "try again in 30 seconds" in answer.message


def _user_id(world: World, run: Any, name: str) -> str:
    return str(run(world.user(f"{name}@alpha.example", "AGS", name.title())))


def _later(world: World, **delta: float) -> None:
    world.clock.set(world.clock.now() + timedelta(**delta))


def _guess_as_fast_as_allowed(
    world: World, run: Any, email: str, times: int, client: str = "203.0.113.5"
) -> list[str]:
    """Wrong passwords, each as soon as the last answer allows: what each answer said."""
    told = []
    for _ in range(times):
        refused = _sign_in(world, run, email, "Summer2026!", client=client)
        assert isinstance(refused, SignInRefused), refused
        told.append(refused.message)
        wait = re.search(r"try again in (\d+) (second|minute)s?", refused.message)
        if wait:
            _later(world, **{f"{wait[2]}s": int(wait[1])})
    return told


def test_after_five_wrong_passwords_each_try_waits_twice_as_long_up_to_15_minutes(
    people: World, run: Any
) -> None:
    told = _guess_as_fast_as_allowed(people, run, "alice@alpha.example", 11)
    assert told[:4] == [GENERIC_REFUSAL] * 4
    waits = [re.findall(r"try again in (\d+ \w+)\.", message) for message in told[4:]]
    assert waits == [
        ["30 seconds"],
        ["1 minute"],
        ["2 minutes"],
        ["4 minutes"],
        ["8 minutes"],
        ["15 minutes"],
        ["15 minutes"],
    ]
    assert all(message.startswith(GENERIC_REFUSAL) for message in told)


def test_tries_during_the_wait_are_refused_without_judging_the_password_or_counting(
    people: World, run: Any
) -> None:
    world = people
    for _ in range(5):
        _sign_in(world, run, "alice@alpha.example", "wrong-password-1")
    _later(world, seconds=20)
    right = _sign_in(world, run, "alice@alpha.example", PASSWORD)
    wrong = _sign_in(world, run, "alice@alpha.example", "wrong-password-2")
    assert right == wrong
    assert isinstance(right, SignInRefused)
    assert right.message == "Too many attempts to sign in have failed; try again in 10 seconds."
    _later(world, seconds=10)
    assert isinstance(_sign_in(world, run, "alice@alpha.example", PASSWORD), MfaEnrolmentRequired)


def test_a_burst_of_ten_wrong_passwords_holds_the_account_up_for_30_seconds_only(
    people: World, run: Any
) -> None:
    world = people
    for _ in range(10):
        _sign_in(world, run, "alice@alpha.example", "wrong-password-1", client="203.0.113.5")
    assert isinstance(_sign_in(world, run, "alice@alpha.example", PASSWORD), SignInRefused)
    _later(world, seconds=30)
    assert isinstance(_sign_in(world, run, "alice@alpha.example", PASSWORD), MfaEnrolmentRequired)


def _remembered_device(world: World, run: Any, email: str) -> str:
    """Sign in all the way, asking for this device to be remembered; its device token."""
    first = _sign_in(world, run, email, PASSWORD)
    step = run(
        world.bus().handle(
            EnrolMfa(challenge_id=first.challenge_id, channel=MfaChannel.EMAIL, destination=None)
        )
    )
    signed = run(
        world.bus().handle(
            VerifyMfa(
                challenge_id=step.challenge_id,
                code=world.sender.last_code_to(email),
                remember_device=True,
            )
        )
    )
    assert isinstance(signed, SignedIn) and signed.device_token
    return signed.device_token


def test_a_remembered_device_signs_in_while_someone_else_holds_the_account_up(
    people: World, run: Any
) -> None:
    world = people
    device = _remembered_device(world, run, "alice@alpha.example")
    # Someone guessing from elsewhere, as fast as the waits let them, up to the longest wait.
    _guess_as_fast_as_allowed(world, run, "alice@alpha.example", 10)
    _sign_in(world, run, "alice@alpha.example", "Summer2026!", client="203.0.113.5")
    held_up = _sign_in(world, run, "alice@alpha.example", PASSWORD, client="192.0.2.99")
    assert isinstance(held_up, SignInRefused) and "15 minutes" in held_up.message

    at_her_desk = _sign_in(world, run, "alice@alpha.example", PASSWORD, device=device)
    assert isinstance(at_her_desk, SignedIn)


def test_wrong_passwords_on_a_remembered_device_hold_up_that_device_only(
    people: World, run: Any
) -> None:
    world = people
    device = _remembered_device(world, run, "alice@alpha.example")
    for _ in range(5):
        refused = _sign_in(world, run, "alice@alpha.example", "wrong-password-1", device=device)
    assert "try again in 30 seconds" in refused.message
    again = _sign_in(world, run, "alice@alpha.example", PASSWORD, device=device)
    assert isinstance(again, SignInRefused) and "try again" in again.message
    elsewhere = _sign_in(world, run, "alice@alpha.example", PASSWORD, client="192.0.2.99")
    assert not isinstance(elsewhere, SignInRefused)


def test_spraying_from_one_address_slows_it_down_but_trusted_devices_get_in(
    people: World, run: Any
) -> None:
    world = people
    device = _remembered_device(world, run, "alice@alpha.example")
    # 100 failures against many accounts from one address (a spray).
    for index in range(100):
        _sign_in(world, run, f"guess{index}@alpha.example", "Summer2026!", client="203.0.113.5")

    slowed = _sign_in(world, run, "lso@alpha.example", PASSWORD, client="203.0.113.5")
    elsewhere = _sign_in(world, run, "lso@alpha.example", PASSWORD, client="192.0.2.99")
    trusted = _sign_in(
        world, run, "alice@alpha.example", PASSWORD, client="203.0.113.5", device=device
    )
    assert isinstance(slowed, SignInRefused) and "try again in 1 second" in slowed.message
    assert not isinstance(elsewhere, SignInRefused)
    assert isinstance(trusted, SignedIn)
    _later(world, seconds=1)
    assert not isinstance(
        _sign_in(world, run, "lso@alpha.example", PASSWORD, client="203.0.113.5"), SignInRefused
    )


def test_each_hold_up_is_written_to_the_audit_log(people: World, run: Any) -> None:
    world = people
    for _ in range(6):
        _sign_in(world, run, "alice@alpha.example", "wrong-password-1", client="203.0.113.5")
    entries = run(world.container.account_queries().audit_entries(0, 1000))
    held = [e.record for e in entries if e.record.event is AuditEvent.SIGN_IN_THROTTLED]
    assert [dict(record.details) for record in held] == [
        {"scope": "account", "email": "alice@alpha.example", "failures": "5", "wait_s": "30"}
    ]
    assert held[0].client_address == "203.0.113.5"
    assert held[0].subject_id == run(world.user("alice@alpha.example", "AGS", "Alice"))
    failed = [e.record for e in entries if e.record.event is AuditEvent.SIGN_IN_FAILED]
    assert [record.details["cause"] for record in failed] == ["wrong password"] * 5 + ["waiting"]


@pytest.fixture
def two_processes(postgres_url: str, run: Any) -> Iterator[tuple[World, World]]:
    redis_url = redis_or_skip()
    run(_flush(redis_url))
    first = World.start(postgres_url, redis_url=redis_url)
    second = World.start(postgres_url, redis_url=redis_url)
    second.clock = first.clock
    second.container.clock.override(providers.Object(first.clock))
    yield first, second
    run(first.close())
    run(second.close())
    run(_flush(redis_url))


async def _flush(redis_url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        async for key in client.scan_iter("cms:attempts:*"):
            await client.delete(key)
    finally:
        await client.aclose()


def test_a_wait_holds_across_app_processes_through_redis(
    two_processes: tuple[World, World], run: Any
) -> None:
    first, second = two_processes
    run(first.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(first.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    for attempt in range(5):
        world = first if attempt % 2 else second
        _sign_in(world, run, "alice@alpha.example", "wrong-password-1")
    assert isinstance(_sign_in(first, run, "alice@alpha.example", PASSWORD), SignInRefused)
    assert isinstance(_sign_in(second, run, "alice@alpha.example", PASSWORD), SignInRefused)
    first.clock.set(first.clock.now() + timedelta(seconds=30))
    assert isinstance(_sign_in(second, run, "alice@alpha.example", PASSWORD), MfaEnrolmentRequired)
