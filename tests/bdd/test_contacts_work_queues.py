"""Narrowing a work queue: the scenarios in features/contacts/work_queues.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts_workflow_steps import *  # noqa: F403  (the moves and the `flow` fixture)
from tests.bdd.work_queue_steps import *  # noqa: F403

scenarios("contacts/work_queues.feature")
