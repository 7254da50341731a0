"""A move's guards are the domain's own refusals, which ``python -O`` does not strip."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A contact with the network, yet allocated to none (a row written before the guard, say): the
# network cannot hand back what it was never given.
HAND_BACK_FROM_NO_NETWORK = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime

    from cms.core.addresses.address import Address
    from cms.core.addresses.ldz import Ldz
    from cms.core.addresses.postcode import Postcode
    from cms.core.contacts.crn import Crn
    from cms.core.contacts.lifecycle import ContactStatus, Party
    from cms.core.contacts.model import Actor, MncContact, Site
    from cms.core.contacts.values import MarketSector, MncReason, MncRequest
    from cms.core.shared.calendar import WorkingDayCalendar

    assert not __debug__ and sys.flags.optimize, "this script is meant to run under python -O"
    contact = MncContact(
        crn=Crn.issue("MNC", 2026, 123),
        status=ContactStatus.WITH_NETWORK,
        shipper_organisation_id="org-alpha",
        raised_by="user-alice",
        raised_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        site=Site(
            address=Address("12345678", Postcode.parse("LS6 2AB"), "LEEDS", building_number="12"),
            manual=False,
            ldz=Ldz.NE,
            network="NGN",
        ),
        request=MncRequest(MarketSector.DOMESTIC, 12_000, MncReason.NEW_SERVICE),
        allocated_network=None,
    )
    by = Actor(
        Party.NETWORK,
        "user-niall",
        datetime(2026, 3, 3, 9, 30, tzinfo=UTC),
        WorkingDayCalendar(lambda day: False),
    )
    try:
        contact.hand_back(by, "Not ours.")
    except Exception as error:
        print(type(error).__name__, contact.status, len(contact.events))
    else:
        print("no refusal", contact.status, len(contact.events))
    """
)


def test_a_guard_refuses_with_a_domain_error_under_python_dash_o() -> None:
    ran = subprocess.run(
        [sys.executable, "-O", "-c", HAND_BACK_FROM_NO_NETWORK],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    # Refused with the lifecycle's own error, and nothing changed or recorded.
    assert ran.stdout.split() == ["InvalidTransition", "WITH_NETWORK", "0"]
