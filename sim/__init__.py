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
"""

from sim.base.errors import ScenarioError
from sim.base.version import __version__
from sim.engine.result import TABLES, Result
from sim.engine.simulate import simulate
from sim.experiments.replicate import replicate, sweep
from sim.scenario.loader import PRESETS, load_scenario, with_changes
from sim.scenario.schema import Scenario

__all__ = ["PRESETS", "TABLES", "Result", "Scenario", "ScenarioError", "__version__", "load_scenario", "replicate",
           "simulate", "sweep", "with_changes"]
