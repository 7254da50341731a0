"""Throttling sign-in without telling anyone which accounts exist."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from dependency_injector import providers

from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.core.accounts.commands import DisableUser, EnrolMfa, SignIn, VerifyMfa
from cms.core.accounts.model import MfaChannel, OrganisationKind, Role
from cms.core.accounts.sign_in import MfaEnrolmentRequired, SignedIn, SignInRefused
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
    for _ in range(10):
        _sign_in(world, run, "alice@alpha.example", "not-her-password")  # now locked

    answers = {}
    for cause, email, password in [
        ("unknown email", "nobody@alpha.example", PASSWORD),
        ("wrong password", "lso@alpha.example", "not-the-password"),
        ("locked", "alice@alpha.example", PASSWORD),
        ("disabled", "dave@alpha.example", PASSWORD),
    ]:
        before = hasher.verifications
        answers[cause] = _sign_in(world, run, email, password, client="198.51.100.7")
        assert hasher.verifications - before == 1, cause
    assert set(answers.values()) == {SignInRefused()}


def _user_id(world: World, run: Any, name: str) -> str:
    return str(run(world.user(f"{name}@alpha.example", "AGS", name.title())))


def test_a_locked_account_opens_again_after_15_minutes(people: World, run: Any) -> None:
    world = people
    for _ in range(10):
        assert _sign_in(world, run, "alice@alpha.example", "wrong-password-1") == SignInRefused()
    assert _sign_in(world, run, "alice@alpha.example", PASSWORD) == SignInRefused()
    world.clock.set(world.clock.now() + timedelta(minutes=15, seconds=1))
    assert not isinstance(_sign_in(world, run, "alice@alpha.example", PASSWORD), SignInRefused)


def test_spraying_from_one_address_is_stopped_but_trusted_devices_get_in(
    people: World, run: Any
) -> None:
    world = people
    # Alice trusts this browser first.
    first = _sign_in(world, run, "alice@alpha.example", PASSWORD)
    step = run(
        world.bus().handle(
            EnrolMfa(challenge_id=first.challenge_id, channel=MfaChannel.EMAIL, destination=None)
        )
    )
    signed = run(
        world.bus().handle(
            VerifyMfa(
                challenge_id=step.challenge_id,
                code=world.sender.last_code_to("alice@alpha.example"),
                remember_device=True,
            )
        )
    )
    assert isinstance(signed, SignedIn) and signed.device_token
    # 100 failures against many accounts from one address (a spray).
    for index in range(100):
        _sign_in(world, run, f"guess{index}@alpha.example", "Summer2026!", client="203.0.113.5")

    refused = _sign_in(world, run, "lso@alpha.example", PASSWORD, client="203.0.113.5")
    elsewhere = _sign_in(world, run, "lso@alpha.example", PASSWORD, client="192.0.2.99")
    trusted = _sign_in(
        world,
        run,
        "alice@alpha.example",
        PASSWORD,
        client="203.0.113.5",
        device=signed.device_token,
    )
    assert refused == SignInRefused()
    assert not isinstance(elsewhere, SignInRefused)
    assert isinstance(trusted, SignedIn)


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


def test_a_lockout_holds_across_app_processes_through_redis(
    two_processes: tuple[World, World], run: Any
) -> None:
    first, second = two_processes
    run(first.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(first.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    for attempt in range(10):
        world = first if attempt % 2 else second
        _sign_in(world, run, "alice@alpha.example", "wrong-password-1")
    assert _sign_in(first, run, "alice@alpha.example", PASSWORD) == SignInRefused()
    assert _sign_in(second, run, "alice@alpha.example", PASSWORD) == SignInRefused()
    first.clock.set(first.clock.now() + timedelta(minutes=16))
    assert isinstance(_sign_in(second, run, "alice@alpha.example", PASSWORD), MfaEnrolmentRequired)
