"""Working a Meter Number Creation contact: the scenarios in features/contacts/workflow.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts import shared_steps, workflow_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, workflow_steps)

scenarios("contacts/workflow.feature")
