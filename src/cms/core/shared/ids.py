"""Identifiers made by the system and secrets made from the operating system's CSPRNG."""

from __future__ import annotations

import hashlib
import secrets
import uuid


def new_id() -> str:
    """A random, globally unique identifier for an entity or an event."""
    return str(uuid.uuid4())


def new_secret_token(nbytes: int = 32) -> str:
    """An unguessable token (256 bits by default) safe to put in a cookie or a URL."""
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """Tokens are stored only as this hash; a fast hash suffices for 256 random bits."""
    return hashlib.sha256(token.encode()).hexdigest()
