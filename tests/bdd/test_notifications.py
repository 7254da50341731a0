"""Notifications: the scenarios in features/notifications/.

Who is told when a contact moves, the notification area, email copies, and delivery at once
and only once. The contact moves are the contact scenarios' shared steps; the rest are the
notification steps, one module for each feature and one for what several share.
"""

from pytest_bdd import scenarios

from tests.bdd.contacts import shared_steps as contact_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.notifications import (
    delivery_steps,
    email_copies_steps,
    notification_area_steps,
    shared_steps,
    who_is_told_steps,
)
from tests.bdd.notifications.story import told  # noqa: F401  (the fixture the steps share)
from tests.bdd.step_sharing import use_steps

use_steps(
    globals(),
    contact_steps,
    shared_steps,
    who_is_told_steps,
    notification_area_steps,
    email_copies_steps,
    delivery_steps,
)

scenarios("notifications")
