"""Working a Meter Number Creation contact: the scenarios in features/contacts/workflow.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts_workflow_steps import *  # noqa: F403  (the steps and the `flow` fixture)

scenarios("contacts/workflow.feature")
