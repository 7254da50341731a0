"""Raising a Meter Number Creation contact: the scenarios in features/contacts/raise_mnc.feature."""

from pytest_bdd import scenarios

from tests.bdd.contacts import raise_mnc_steps
from tests.bdd.step_sharing import use_steps

use_steps(globals(), raise_mnc_steps)

scenarios("contacts/raise_mnc.feature")
