"""e-CRM course simulator: customers, channels, service and the CRM's tables.

The course "Quản trị quan hệ khách hàng điện tử" (e-CRM) uses this package to
simulate an online shop's customers through the five-stage purchase decision
process and their life as customers, and to compute the measures the lectures
name.

Typical use::

    import sim
    scenario = sim.load_scenario("default")
    result = sim.simulate(scenario, seed=2026)
    result.orders.head()

The names below are loaded when first used (PEP 562), so ``import sim`` costs almost
nothing and ``python -m sim run`` loads only what a run needs (no pandas: the tables are
written from Arrow).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sim.base.version import __version__

if TYPE_CHECKING:
    from sim.base.errors import ScenarioError
    from sim.engine.result import TABLES, Result
    from sim.engine.simulate import simulate
    from sim.experiments.replicate import replicate, sweep
    from sim.scenario.loader import PRESETS, load_scenario, with_changes
    from sim.scenario.schema import Scenario

_HOMES: dict[str, str] = {
    "ScenarioError": "sim.base.errors",
    "TABLES": "sim.engine.result",
    "Result": "sim.engine.result",
    "simulate": "sim.engine.simulate",
    "replicate": "sim.experiments.replicate",
    "sweep": "sim.experiments.replicate",
    "PRESETS": "sim.scenario.loader",
    "load_scenario": "sim.scenario.loader",
    "with_changes": "sim.scenario.loader",
    "Scenario": "sim.scenario.schema",
}
"""Where each public name lives."""
_PACKAGES = frozenset({"base", "scenario", "engine", "measures", "experiments", "charts", "widgets", "report"})
"""The layers, reachable as ``sim.engine`` and so on after ``import sim`` alone."""


def __getattr__(name: str) -> object:
    """Load a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
    elif name in _PACKAGES:
        value = importlib.import_module(f"sim.{name}")
    else:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES, *_PACKAGES})


__all__ = ["PRESETS", "TABLES", "Result", "Scenario", "ScenarioError", "__version__", "load_scenario", "replicate",
           "simulate", "sweep", "with_changes"]
