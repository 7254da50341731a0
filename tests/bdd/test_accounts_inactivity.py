"""Disabling accounts that are not used: the scenarios in features/accounts/inactivity.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts_steps import *  # noqa: F403  (the steps and the `accounts` fixture)

scenarios("accounts/inactivity.feature")
