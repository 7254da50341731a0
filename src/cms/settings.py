"""Configuration from the environment (CMS_*), with the embedded mode as the default."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise ValueError(
                "CMS_DATABASE_URL must be a sqlite:/// or postgresql:// URL, "
                f"not {value.split(':', 1)[0]!r}"
            )
        return value

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def distributed(self) -> bool:
        return self.redis_url is not None
