"""The life of an account: the scenarios in features/accounts/account_lifecycle.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts_steps import *  # noqa: F403  (the steps and the `accounts` fixture)

scenarios("accounts/account_lifecycle.feature")
