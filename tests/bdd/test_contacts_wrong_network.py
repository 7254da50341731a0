"""A contact with the wrong network: the scenarios in features/contacts/wrong_network.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts_workflow_steps import *  # noqa: F403  (the moves and the `flow` fixture)
from tests.bdd.notifications_steps import *  # noqa: F403  (who is told, and the `told` fixture)

scenarios("contacts/wrong_network.feature")
