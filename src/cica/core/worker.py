"""What the background worker (`cica worker`) catches up on as it starts.

Each app adds its own work from its side (its AppConfig.ready), so the worker, in the core,
imports none of them; they run in the order of INSTALLED_APPS.
"""

from collections.abc import Callable

_CATCH_UPS: list[Callable[[], object]] = []


def catch_up_on_start(function: Callable[[], object]) -> Callable[[], object]:
    """Run `function` each time the worker starts, before it takes tasks: work whose task was
    lost (a worker killed while it ran one, a restored backup) is done or enqueued again. A
    catch-up must be harmless when nothing was lost."""
    if function not in _CATCH_UPS:
        _CATCH_UPS.append(function)
    return function


def catch_ups() -> list[Callable[[], object]]:
    return list(_CATCH_UPS)


def catch_up() -> None:
    for function in _CATCH_UPS:
        function()
