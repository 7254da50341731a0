"""`cms admin create EMAIL NAME`: the first person who can sign in to a new installation.

Run as a person runs it, in a process of its own, on each database that only `cms migrate` has
touched: it makes the CDSP organisation if there is none, and an invited CDSP account
administrator, whose invitation link it prints and emails (here: writes to the outbox).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from cms.core.accounts.audit import AuditEvent
from cms.core.accounts.commands import AcceptInvitation
from cms.core.accounts.model import AccountStatus, OrganisationKind, Role
from tests.support.world import World

WAIT_S = 300.0  # generous: the machine is shared; nothing here asserts on time
PUBLIC_URL = "https://cms.example.org"


def cms(database_url: str, workdir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
    env.update(CMS_DATABASE_URL=database_url, CMS_PUBLIC_URL=PUBLIC_URL, PYTHONUNBUFFERED="1")
    return subprocess.run(
        [sys.executable, "-m", "cms", *arguments],
        env=env,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )


def test_the_first_administrator_of_a_new_installation_is_invited(
    database_url: str, tmp_path: Path, run: Any
) -> None:
    done = cms(database_url, tmp_path, "admin", "create", "Ada@Xoserve.example", "Ada Lovelace")

    assert done.returncode == 0, done.stderr
    printed = done.stdout + done.stderr
    link = re.search(rf"{re.escape(PUBLIC_URL)}/invitation\?token=(\S+)", printed)
    assert link, printed
    [email] = [
        json.loads(line) for line in (tmp_path / "var" / "outbox.jsonl").read_text().splitlines()
    ]
    assert email["to"] == "ada@xoserve.example" and link.group(0) in email["body"]

    world = World.start(database_url)
    try:
        queries = world.container.account_queries()
        [view] = run(queries.users_by_emails(["ada@xoserve.example"])).values()
        assert (view.name, view.status) == ("Ada Lovelace", AccountStatus.INVITED)
        assert view.organisation.kind is OrganisationKind.CDSP
        assert {Role.ACCOUNT_ADMIN, Role.LSO} <= view.roles
        token = link.group(1)
        run(world.bus().handle(AcceptInvitation(token=token, password="copper kettle lantern")))
        viewer, _ = run(world.sign_in("ada@xoserve.example", "copper kettle lantern"))
        assert viewer.has_role(Role.ACCOUNT_ADMIN)
        entries = run(queries.audit_entries(0, 100))
        assert {AuditEvent.ORGANISATION_CREATED, AuditEvent.INVITATION_SENT} <= {
            entry.record.event for entry in entries
        }
    finally:
        run(world.close())

    again = cms(database_url, tmp_path, "admin", "create", "ada@xoserve.example", "Ada Again")
    assert again.returncode == 1
    assert "ada@xoserve.example already has an account" in again.stdout + again.stderr


def test_a_second_administrator_joins_the_existing_cdsp(
    database_url: str, tmp_path: Path, run: Any
) -> None:
    assert cms(database_url, tmp_path, "admin", "create", "ada@cdsp.example", "Ada").returncode == 0
    assert cms(database_url, tmp_path, "admin", "create", "bo@cdsp.example", "Bo").returncode == 0
    world = World.start(database_url)
    try:
        queries = world.container.account_queries()
        found = run(queries.users_by_emails(["ada@cdsp.example", "bo@cdsp.example"]))
        assert len({view.organisation.id for view in found.values()}) == 1
    finally:
        run(world.close())


def test_a_malformed_email_is_refused_saying_so(database_url: str, tmp_path: Path) -> None:
    done = cms(database_url, tmp_path, "admin", "create", "not-an-email", "Ada")
    assert done.returncode == 1
    assert "'not-an-email' is not an email address" in done.stdout + done.stderr
