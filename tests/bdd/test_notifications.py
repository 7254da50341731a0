"""Notifications: the scenarios in features/notifications/.

Who is told when a contact moves, the notification area, email copies, and delivery at once
and only once. The contact moves are the workflow's own steps; the rest are the notification
steps.
"""

from pytest_bdd import scenarios

from tests.bdd import contacts_workflow_steps, notifications_steps
from tests.bdd.contacts_workflow_steps import flow, mprn_requests_finish  # noqa: F401  (fixtures)
from tests.bdd.notifications_steps import told  # noqa: F401  (the fixture)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), contacts_workflow_steps, notifications_steps)

scenarios("notifications")
