"""A GraphQL class never takes the Python name of a core class: the GraphQL `ContactRejected`
(the submission was refused) is not the domain's `ContactRejected` (the network rejected the
contact). The GraphQL side's clashing classes carry a `Gql` prefix and keep their schema names
with `name=`; the schema itself does not change (test_schema_contract checks that)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import cms.core
import cms.graphql


def _classes_defined_in(package: ModuleType) -> dict[str, list[str]]:
    """Each class name defined (not merely imported) in the package's modules, with where."""
    found: dict[str, list[str]] = {}
    for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(module_info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__:
                found.setdefault(name, []).append(f"{module.__name__}.{value.__qualname__}")
    return found


def test_the_walks_find_both_layers_classes() -> None:
    graphql = _classes_defined_in(cms.graphql)
    core = _classes_defined_in(cms.core)
    assert {"Contact", "User", "InvalidInput"} <= graphql.keys()  # the walk really finds them
    assert {"MncContact", "ContactRejected", "NotFound"} <= core.keys()


def test_no_graphql_class_shares_a_name_with_a_core_class() -> None:
    graphql = _classes_defined_in(cms.graphql)
    core = _classes_defined_in(cms.core)
    clashes = {name: (graphql[name], core[name]) for name in sorted(graphql.keys() & core.keys())}
    assert clashes == {}
