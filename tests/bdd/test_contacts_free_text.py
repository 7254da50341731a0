"""Free text is plain text: the scenarios in features/contacts/free_text.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts import free_text_steps, shared_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, free_text_steps)

scenarios("contacts/free_text.feature")
