"""A contact with the wrong network: the scenarios in features/contacts/wrong_network.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts import shared_steps, wrong_network_steps
from tests.bdd.contacts.story import (  # noqa: F401  (the fixtures the steps share)
    flow,
    mprn_requests_finish,
)
from tests.bdd.notifications import shared_steps as notification_steps
from tests.bdd.notifications.story import told  # noqa: F401  (the notification steps' fixture)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, wrong_network_steps, notification_steps)

scenarios("contacts/wrong_network.feature")
