"""One execution of a subscription's selection per event, shared by every subscriber asking
the same thing.

graphql-core runs the selection once per subscriber per event; with thousands watching, that
is most of the work. A payload that carries a `share_key` (the same for every subscriber who
receives that event, and only when what it shows depends on nothing but the event) is executed
once per operation and variables, and the result handed to each of them.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections import OrderedDict
from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

SHARED_RESULTS = 1_000
Share = tuple[str, int, str]  # (the payload's share key, the operation's id, the variables)
_results: OrderedDict[Share, tuple[Any, Any]] = OrderedDict()  # share -> (operation, result)


class SharedEventExecutor(StrawberryGraphQLCoreExecutionContext):
    share: Share | None = None

    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        key = getattr(payload, "share_key", None)
        if key and isinstance(key, str) and isinstance(executor, SharedEventExecutor):
            variables = json.dumps(self.variable_values, sort_keys=True, default=str)
            executor.share = (key, id(self.operation), variables)
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        share = self.share
        if share is None:
            return super().execute_operation(serially)
        results = _results
        found = results.get(share)
        # The entry keeps its operation alive, so the operation's id cannot be reused meanwhile.
        if found is not None and found[0] is self.operation:
            return found[1]
        result = super().execute_operation(serially)
        if inspect.isawaitable(result):
            result = asyncio.ensure_future(result)  # awaited by every subscriber, run once
        results[share] = (self.operation, result)
        while len(results) > SHARED_RESULTS:
            results.popitem(last=False)
        return result
