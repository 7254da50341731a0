"""Raising a Meter Number Creation contact: the scenarios in features/contacts/raise_mnc.feature."""

from pytest_bdd import scenarios

from tests.bdd.raise_mnc_steps import *  # noqa: F403  (the steps only these scenarios use)

scenarios("contacts/raise_mnc.feature")
