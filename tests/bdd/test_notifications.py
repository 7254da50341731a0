"""Notifications: the scenarios in features/notifications/.

Who is told when a contact moves, the notification area, email copies, and delivery at once
and only once. The contact moves are the contact scenarios' shared steps; the rest are the
notification steps.
"""

from pytest_bdd import scenarios

from tests.bdd import notifications_steps
from tests.bdd.contacts import shared_steps as contact_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.notifications_steps import told  # noqa: F401  (the fixture)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), contact_steps, notifications_steps)

scenarios("notifications")
