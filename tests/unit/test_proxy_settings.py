"""Behind a reverse proxy: which proxies' X-Forwarded-For `cms serve` believes.

Sign-in slows down per client address, so every client must not appear as the proxy's address.
"""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from pydantic import ValidationError
from typer.testing import CliRunner

from cms import cli
from cms.settings import Settings


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `cms serve` would hand uvicorn, without serving."""
    given: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: given.update(kwargs))
    return given


def test_cms_serve_believes_the_proxies_the_operator_names(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CMS_TRUST_PROXY_HEADERS", "true")
    monkeypatch.setenv("CMS_FORWARDED_ALLOW_IPS", "10.0.0.0/8, 192.0.2.7")
    result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 0, result.output
    assert served["proxy_headers"] is True
    assert served["forwarded_allow_ips"] == "10.0.0.0/8,192.0.2.7"


def test_by_default_only_a_proxy_on_the_same_machine_is_believed(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CMS_TRUST_PROXY_HEADERS", "true")
    monkeypatch.delenv("CMS_FORWARDED_ALLOW_IPS", raising=False)
    assert CliRunner().invoke(cli.app, ["serve"]).exit_code == 0
    assert served["forwarded_allow_ips"] == "127.0.0.1"


def test_without_trusting_proxy_headers_no_forwarded_address_is_believed(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CMS_TRUST_PROXY_HEADERS", raising=False)
    monkeypatch.setenv("CMS_FORWARDED_ALLOW_IPS", "10.0.0.0/8")
    assert CliRunner().invoke(cli.app, ["serve"]).exit_code == 0
    assert served["proxy_headers"] is False


@pytest.mark.parametrize("given", ["proxy.internal", "10.0.0.0/33", "", " , "])
def test_a_proxy_that_is_not_an_address_or_network_is_refused_saying_what_to_give(
    given: str,
) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(forwarded_allow_ips=given)
    message = str(refused.value)
    assert "CMS_FORWARDED_ALLOW_IPS" in message
    assert "IP address or network" in message
