"""Narrowing a work queue: the scenarios in features/contacts/work_queues.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts import shared_steps, work_queues_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.contacts.work_queues_steps import narrowed  # noqa: F401  (the queue's fixture)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, work_queues_steps)

scenarios("contacts/work_queues.feature")
