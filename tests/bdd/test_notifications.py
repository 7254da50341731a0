"""Notifications: the scenarios in features/notifications/.

Who is told when a contact moves, the notification area, email copies, and delivery at once
and only once. The contact moves are the workflow's own steps; the rest are the notification
steps.
"""

from pytest_bdd import scenarios

from tests.bdd.contacts_workflow_steps import *  # noqa: F403  (the moves and the `flow` fixture)
from tests.bdd.notifications_steps import *  # noqa: F403  (the steps and the `told` fixture)

scenarios("notifications")
