"""Raising a Meter Number Creation contact: the scenarios in features/contacts/raise_mnc.feature."""

from pytest_bdd import scenarios

scenarios("contacts/raise_mnc.feature")
