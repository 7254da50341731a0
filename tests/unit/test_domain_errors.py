"""Every error the domain raises derives from one root, so the outer layers can tell the
business's refusals from our own faults in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import cms.core
from cms.core.shared.errors import DomainError


def _core_exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for module_info in pkgutil.walk_packages(cms.core.__path__, "cms.core."):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_the_core_defines_its_errors() -> None:
    assert len(_core_exception_classes()) >= 8  # the walk really finds them


def test_every_core_error_derives_from_domain_error() -> None:
    strays = [
        f"{error.__module__}.{error.__qualname__}"
        for error in _core_exception_classes()
        if not issubclass(error, DomainError)
    ]
    assert strays == []
