"""Configuration from the environment (CMS_*), with the embedded mode as the default."""

from __future__ import annotations

import ipaddress
import json
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Mode(StrEnum):
    """How the service is deployed, decided once from the settings (Settings.mode): the parts
    of the composition root are built from it."""

    EMBEDDED = "embedded"
    """One process serves everything: jobs, the relay and live messages run inside it."""
    DISTRIBUTED = "distributed"
    """Several processes share Redis: `cms worker` runs the jobs and the relay."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CMS_", extra="ignore")

    env: Literal["development", "test", "production"] = "production"
    database_url: str = "sqlite+aiosqlite:///var/cms.db"
    redis_url: str | None = None
    session_idle_timeout_s: int = Field(default=30 * 60, gt=0)
    session_absolute_timeout_s: int = Field(default=12 * 60 * 60, gt=0)
    cookie_name: str = "cms_session"
    demo_password: str = "demo-Meter-Point-2026"
    # Extra days the service desk is closed, on top of weekends and bank holidays.
    closure_days: list[date] = Field(default_factory=list)
    sql_echo: bool = False
    # Behind a TLS-terminating proxy: trust its X-Forwarded-Proto/For headers (so HSTS is sent
    # and client addresses are the real ones). Off by default.
    trust_proxy_headers: bool = False
    # The proxies whose X-Forwarded-For is believed when it is on: addresses or networks (a JSON
    # list or comma-separated). Sign-in slows down per client address, so this must name them.
    forwarded_allow_ips: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1"]
    )
    # Where links in emails point (the web front end).
    public_url: str = "http://127.0.0.1:8000"
    device_cookie_name: str = "cms_device"
    # Messages: var/outbox.jsonl in the embedded mode and in development; otherwise SMTP for
    # email and an HTTP SMS provider for texts, where configured (else the outbox file).
    outbox_path: str = "var/outbox.jsonl"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str = "cms@cms.example"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_tls: bool = False
    smtp_starttls: bool | None = None
    sms_url: str | None = None
    sms_token: str | None = None
    sms_sender_id: str = "CMS"
    # UK Link: how long to wait for it; and, for the simulated register only, faults to inject
    # (the first N creation calls fail, or answer after `slow_s`), for demos and fault tests.
    uklink_timeout_s: float = Field(default=30.0, gt=0)
    uklink_simulated_failing_calls: int = Field(default=0, ge=0)
    uklink_simulated_slow_calls: int = Field(default=0, ge=0)
    uklink_simulated_slow_s: float = Field(default=0.0, ge=0)
    # Pages on these origins may open a WebSocket to /graphql (a JSON list or comma-separated).
    # Live updates: how often the relay looks for new events when nothing woke it, and how
    # many messages a subscriber may have waiting before it is judged too slow and dropped.
    relay_poll_s: float = Field(default=0.1, gt=0, le=60)
    live_queue_size: int = Field(default=100, ge=1, le=10_000)
    # The Redis Stream that carries live messages to every app process (a key of the
    # database CMS_REDIS_URL names; two deployments sharing one database need different ones).
    live_channel: str = Field(default="cms:live", min_length=1, max_length=200)
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"]
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise ValueError(
                "CMS_DATABASE_URL must be a sqlite:/// or postgresql:// URL, "
                f"not {value.split(':', 1)[0]!r}"
            )
        return value

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _origins_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @field_validator("forwarded_allow_ips", mode="before")
    @classmethod
    def _proxy_networks(cls, value: object) -> list[str]:
        items = value.split(",") if isinstance(value, str) else value
        proxies = (
            [str(i).strip() for i in items if str(i).strip()] if isinstance(items, list) else []
        )
        for proxy in proxies or [""]:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"CMS_FORWARDED_ALLOW_IPS: {proxy!r} is not an IP address or network; give "
                    "your proxies' addresses, such as 10.0.0.5 or 10.0.0.0/24, comma-separated"
                ) from None
        return proxies

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def mode(self) -> Mode:
        """Distributed when Redis is named (CMS_REDIS_URL), else embedded: the one place
        this is decided."""
        return Mode.DISTRIBUTED if self.redis_url else Mode.EMBEDDED
