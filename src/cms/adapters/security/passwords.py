"""Password hashing with argon2id (argon2-cffi), the OWASP-recommended algorithm."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2Hasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2PasswordHasher:
    """The PasswordHasher port; argon2-cffi's defaults follow RFC 9106's second profile."""

    def __init__(self, time_cost: int | None = None, memory_cost: int | None = None) -> None:
        defaults = Argon2Hasher()
        self._hasher = Argon2Hasher(
            time_cost=time_cost or defaults.time_cost,
            memory_cost=memory_cost or defaults.memory_cost,
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
