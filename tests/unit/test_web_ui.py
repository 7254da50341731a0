"""The built front end served at `/`: caching, client routes, and nothing outside the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from cms.web_ui import IMMUTABLE, NEVER_CACHED, WebUi

INDEX = "<!doctype html><title>CMS</title><div id=root></div>"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / ".vite").mkdir()
    (built / "index.html").write_text(INDEX)
    (built / "assets" / "index-3f9a1c.js").write_text("console.log('app')")
    (built / "favicon.svg").write_text("<svg/>")
    (built / ".vite" / "manifest.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("not for browsers")
    return built


def client_for(directory: Path) -> TestClient:
    return TestClient(Starlette(routes=[Mount("/", WebUi(directory))]))


def test_hashed_assets_are_cached_as_immutable(dist: Path) -> None:
    response = client_for(dist).get("/assets/index-3f9a1c.js")
    assert response.status_code == 200
    assert response.text == "console.log('app')"
    assert response.headers["cache-control"] == IMMUTABLE


def test_the_app_page_is_never_cached(dist: Path) -> None:
    for path in ("/", "/index.html"):
        response = client_for(dist).get(path)
        assert response.text == INDEX
        assert response.headers["cache-control"] == NEVER_CACHED


@pytest.mark.parametrize(
    "route", ["/contacts/MNC-2026-000123", "/invitation?token=abc", "/sign-in?next=/raise"]
)
def test_client_routes_are_answered_with_the_app(dist: Path, route: str) -> None:
    response = client_for(dist).get(route)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == NEVER_CACHED


@pytest.mark.parametrize(
    "path",
    ["/.vite/manifest.json", "/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"],
)
def test_nothing_outside_the_build_or_hidden_in_it_is_served(dist: Path, path: str) -> None:
    response = client_for(dist).get(path)
    assert "not for browsers" not in response.text
    assert response.text in (INDEX, "Not found")


def test_an_asset_gone_since_a_release_is_not_found_rather_than_the_app(dist: Path) -> None:
    response = client_for(dist).get("/assets/index-old.js")
    assert response.status_code == 404


def test_only_reading_is_allowed(dist: Path) -> None:
    assert client_for(dist).post("/contacts/x", json={}).status_code == 405


def test_an_unbuilt_front_end_says_how_to_build_it(tmp_path: Path) -> None:
    response = client_for(tmp_path / "missing").get("/")
    assert response.status_code == 503
    assert "npm --prefix ui ci" in response.text
