"""Disabling accounts that are not used: the scenarios in features/accounts/inactivity.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts import inactivity_steps, shared_steps
from tests.bdd.accounts.story import accounts  # noqa: F401  (the fixture the steps share)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, inactivity_steps)

scenarios("accounts/inactivity.feature")
