"""``simulate``: run a scenario with a seed and get the tables back."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim.base.codes import AGENT_TOOLS
from sim.base.errors import ScenarioError
from sim.engine.channels import channel_plan
from sim.engine.dirty import dirty_export
from sim.engine.model import Model
from sim.engine.result import Result
from sim.engine.tables import build_tables
from sim.scenario.loader import load_scenario
from sim.scenario.schema import Scenario


def simulate(
    scenario: Scenario | str | Path | dict[str, Any] = "default",
    seed: int = 2026,
    *,
    customers: int | None = None,
    days: float | None = None,
    dirty: bool = False,
    progress: Callable[[float], None] | None = None,
) -> Result:
    """Run the customer-journey simulation.

    Args:
        scenario: a Scenario, a preset name, a YAML path or a mapping.
        seed: the run's seed. Same scenario and seed give identical tables.
        customers: expected number of prospects; every channel's arrival rate
            (and so its spend) is scaled to reach it, and the service agents with it
            (:func:`sim.engine.service_desk.scaled_staff`). ``None`` keeps the scenario's rates and staff.
        days: length of the observation window in days (overrides the scenario).
        dirty: also make ``customers_dirty`` (the list as a real CRM holds it:
            duplicates, typos, bad e-mails and phones, city spellings) and its
            answer key ``customers_dirty_truth``.
        progress: called with the simulated day as the run goes on.

    Returns:
        A Result with one DataFrame per table.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ScenarioError([("seed", seed, "phải là số nguyên không âm", "must be a non-negative integer")])
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, (int, float)) or days <= 0:
            raise ScenarioError([("days", days, "phải là số ngày > 0", "must be a number of days > 0")])
        scenario = load_scenario(scenario, observation_days=float(days))
    elif not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    scale = 1.0
    if customers is not None:
        if isinstance(customers, bool) or not isinstance(customers, int) or customers < 0:
            raise ScenarioError([("customers", customers, "phải là số nguyên không âm",
                                  "must be a non-negative integer")])

        expected = channel_plan(scenario).total_per_day * scenario.observation_days
        scale = customers / expected if expected > 0 else 0.0
    started = time.perf_counter()
    model = Model(scenario, seed, prospects_scale=scale)
    model.run(progress=progress)
    sim_seconds = time.perf_counter() - started
    tables = build_tables(model)
    stats = {
        "simulate_seconds": sim_seconds,
        "tables_seconds": time.perf_counter() - started - sim_seconds,
        "events": float(model.events_scheduled),
    }
    if dirty:

        tables["customers_dirty"], tables["customers_dirty_truth"] = dirty_export(
            tables["customers"], model.generators["dirt"])
    staff = {tool: getattr(model.desk.service, tool).agents for tool in AGENT_TOOLS}
    return Result(scenario=scenario, seed=seed, stats=stats, prospects_scale=scale, service_agents=staff, **tables)

