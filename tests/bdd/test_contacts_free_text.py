"""Free text is plain text: the scenarios in features/contacts/free_text.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts_workflow_steps import *  # noqa: F403  (the steps and the `flow` fixture)

scenarios("contacts/free_text.feature")
