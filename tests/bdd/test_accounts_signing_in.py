"""Signing in: the scenarios in features/accounts/signing_in.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts_steps import *  # noqa: F403  (the steps and the `accounts` fixture)

scenarios("accounts/signing_in.feature")
