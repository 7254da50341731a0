"""How long a refused sign-in takes, by cause: they should be alike (no account enumeration).

    .venv/bin/python bench/sign_in_timing.py [--rounds 30]

Runs the real sign-in handler with production argon2id parameters on a throwaway SQLite
database, and prints the median and p90 time per cause.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dependency_injector import providers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.world import PASSWORD, World

from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.adapters.sql.migrations import migrate
from cms.core.accounts.commands import DisableUser, SignIn
from cms.core.accounts.model import OrganisationKind, Role

CAUSES = {
    "unknown email": ("nobody@alpha.example", PASSWORD),
    "wrong password": ("bob@alpha.example", "not-the-password-1"),
    "locked account": ("alice@alpha.example", PASSWORD),
    "disabled account": ("dave@alpha.example", PASSWORD),
}


async def measure(world: World, rounds: int) -> dict[str, list[float]]:
    await world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping")
    for name in ("alice", "bob", "dave"):
        await world.user(f"{name}@alpha.example", "AGS", name.title())
    await world.user("lso@alpha.example", "AGS", "Lena", (Role.USER, Role.LSO))
    lso, _ = await world.sign_in("lso@alpha.example")
    users = await world.container.account_queries().users_of(None)
    dave = next(user for user in users if user.email == "dave@alpha.example")
    await world.bus().handle(DisableUser(viewer=lso, user_id=dave.id, reason="bench"))
    for _ in range(10):
        await world.bus().handle(SignIn(email="alice@alpha.example", password="x" * 12))
    timings: dict[str, list[float]] = {cause: [] for cause in CAUSES}
    for _ in range(rounds):
        for cause, (email, password) in CAUSES.items():
            started = time.perf_counter()
            await world.bus().handle(SignIn(email=email, password=password))
            timings[cause].append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        migrate(url)
        world = World.start(url)
        # Production argon2id parameters for the users and for verification.
        world.container.password_hasher.override(providers.Singleton(Argon2PasswordHasher))

        async def run() -> dict[str, list[float]]:
            try:
                return await measure(world, options.rounds)
            finally:
                await world.close()

        timings = asyncio.run(run())
    for cause, values in timings.items():
        values.sort()
        print(
            f"{cause:<17} median {statistics.median(values):6.1f} ms   "
            f"p90 {values[int(len(values) * 0.9) - 1]:6.1f} ms"
        )


if __name__ == "__main__":
    main()
