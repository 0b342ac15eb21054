"""``simulate``: run a scenario with a seed and get the tables back.

Before any work, the size of the run is checked (:func:`check_run_size`): at most
10 million expected prospects and 500 million purchase journeys (an upper estimate)
per process, and at most 100,000 agents per desk once ``customers=N`` has scaled them.
"""

from __future__ import annotations

import numbers
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sim.base.codes import AGENT_TOOLS, PERSONAS
from sim.base.errors import ScenarioError
from sim.base.rng import seed_sequence
from sim.engine.channels import channel_plan
from sim.engine.model import Model, cyclic_gc_paused
from sim.engine.result import Result
from sim.engine.service_desk import scaled_staff
from sim.engine.shards import MAX_JOBS, MAX_SHARDS, SHARD_KEYS, run_shards, staff_of
from sim.engine.tables import build_tables
from sim.scenario.loader import load_scenario
from sim.scenario.schema import MAX_DAYS, MAX_PROSPECTS, Scenario

MAX_JOURNEYS = 500_000_000
"""Most purchase journeys in one process, by the upper estimate of :func:`journeys_per_prospect`."""
MAX_SCALED_AGENTS = 100_000
"""Most agents of one desk (chat or e-mail) after ``customers=N`` has scaled the staff."""


def simulate(
    scenario: Scenario | str | Path | dict[str, Any] = "default",
    seed: int = 2026,
    *,
    customers: int | None = None,
    days: float | None = None,
    dirty: bool = False,
    progress: Callable[[float], None] | None = None,
    shards: int = 1,
    jobs: int = 1,
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
        progress: called with the simulated day as the run goes on (a run in one shard only).
        shards: split the run into this many shards, each with its share of the demand, budgets and staff,
            and merge their tables (:mod:`sim.engine.shards`); 1 (the default) is the whole run as one system.
            The same seed and the same number of shards give the same tables.
        jobs: how many shards run at once, each in a process of its own.

    Returns:
        A Result with one DataFrame per table.
    """
    scenario, scale = prepare(scenario, seed, customers=customers, days=days)
    shards, jobs = check_shards(shards, jobs)
    if shards > 1:
        return _sharded(scenario, seed, scale, shards, jobs, dirty)
    started, cpu_started = time.perf_counter(), time.process_time()
    model = Model(scenario, seed, prospects_scale=scale)
    model.run(progress=progress)
    sim_seconds = time.perf_counter() - started
    sim_cpu_seconds = time.process_time() - cpu_started
    with cyclic_gc_paused():  # millions of objects of the run are still alive: no collector passes over them
        tables = build_tables(model)
    stats = {
        "simulate_seconds": sim_seconds,
        "simulate_cpu_seconds": sim_cpu_seconds,
        "tables_seconds": time.perf_counter() - started - sim_seconds,
        "events": float(model.events_scheduled),
    }
    if dirty:
        from sim.engine.dirty import dirty_export  # noqa: PLC0415 (pandas, only for the dirty export)
        from sim.engine.frames import to_frame  # noqa: PLC0415 (pandas, only for the dirty export)

        tables["customers"] = to_frame("customers", tables["customers"])
        tables["customers_dirty"], tables["customers_dirty_truth"] = dirty_export(
            tables["customers"], model.generators["dirt"])
    staff = {tool: getattr(model.desk.service, tool).agents for tool in AGENT_TOOLS}
    return Result(scenario=scenario, seed=seed, stats=stats, prospects_scale=scale, service_agents=staff, **tables)


def prepare(scenario: Scenario | str | Path | dict[str, Any], seed: int, *, customers: int | None = None,
            days: float | None = None) -> tuple[Scenario, float]:
    """Check a run's arguments before any work: the scenario (with ``days``), the seed, the size.

    Returns:
        The validated scenario and its prospects scale (:func:`check_run_size`).

    Raises:
        ScenarioError: a bad argument, naming it, the value and what is allowed.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ScenarioError([("seed", seed, "phải là số nguyên không âm", "must be a non-negative integer")])
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, (int, float)) or not 0 < days <= MAX_DAYS:
            raise ScenarioError([("days", days, f"phải là số ngày > 0 và tối đa {_vi(MAX_DAYS)} (20 năm)",
                                  f"must be a number of days > 0 and at most {MAX_DAYS:,.0f} (20 years)")])
        scenario = load_scenario(scenario, observation_days=float(days))
    elif not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if customers is not None:
        if isinstance(customers, bool) or not isinstance(customers, numbers.Integral) or not 0 <= customers <= MAX_PROSPECTS:
            raise ScenarioError([("customers", customers,
                                  f"phải là số nguyên từ 0 đến {_vi(MAX_PROSPECTS)} (số khách tiềm năng tối đa "
                                  "của một tiến trình; nghiên cứu lớn hơn thì chạy nhiều phần với các hạt giống khác nhau)",
                                  f"must be a whole number from 0 to {MAX_PROSPECTS:,} (the most prospects of one "
                                  "process; a larger study runs several shards with different seeds)")])
        customers = int(customers)
    return scenario, check_run_size(scenario, customers)


def _sharded(scenario: Scenario, seed: int, scale: float, shards: int, jobs: int, dirty: bool) -> Result:
    """A run in shards, merged (:func:`sim.engine.shards.run_shards`)."""
    started = time.perf_counter()
    tables, infos = run_shards(scenario, seed, scale, shards, jobs)
    stats = {"seconds": time.perf_counter() - started, "events": float(sum(info["events"] for info in infos)),
             "simulate_seconds": max(info["simulate_seconds"] for info in infos),
             "simulate_cpu_seconds": sum(info["simulate_cpu_seconds"] for info in infos),
             "tables_seconds": max(info["tables_seconds"] for info in infos),
             "shard_peak_mb": max(info["peak_mb"] for info in infos)}
    if dirty:
        from sim.engine.dirty import dirty_export  # noqa: PLC0415 (pandas, only for the dirty export)
        from sim.engine.frames import to_frame  # noqa: PLC0415 (pandas, only for the dirty export)

        tables["customers"] = to_frame("customers", tables["customers"])
        dirt = np.random.default_rng(seed_sequence(seed).spawn(shards + 1)[shards])  # a stream no shard uses
        tables["customers_dirty"], tables["customers_dirty_truth"] = dirty_export(tables["customers"], dirt)
    return Result(scenario=scenario, seed=seed, stats=stats, prospects_scale=scale, service_agents=staff_of(infos),
                  shards=[{k: v for k, v in info.items() if k in SHARD_KEYS} for info in infos], **tables)


def check_shards(shards: object, jobs: object) -> tuple[int, int]:
    """Check the number of shards and of processes (whole numbers, at least 1, within the limits)."""
    problems = []
    for name, value, most in (("shards", shards, MAX_SHARDS), ("jobs", jobs, MAX_JOBS)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 1 <= value <= most:
            problems.append((name, value, f"phải là số nguyên từ 1 đến {_vi(most)}", f"must be a whole number from 1 to {most:,}"))
    if problems:
        raise ScenarioError(problems)
    return int(shards), int(jobs)


def check_run_size(scenario: Scenario, customers: int | None = None) -> float:
    """Refuse a run too large for one process before any work is done; return its prospects scale.

    Expected prospects P = Σ channel rates × observation days, or ``customers`` when given (every
    rate is then scaled by customers / P). Limits: P ≤ 10 million; P × journeys per prospect
    (:func:`journeys_per_prospect`, an upper estimate) ≤ 500 million; with ``customers``, each
    staffed desk scaled alike (:func:`sim.engine.service_desk.scaled_staff`) ≤ 100,000 agents.

    Args:
        scenario: the validated scenario.
        customers: the expected number of prospects asked for, or None for the scenario's own rates.

    Returns:
        The factor by which every channel's arrival rate (and the staff) is multiplied.

    Raises:
        ScenarioError: naming the field that makes the run too large, with the limit.
    """
    per_day = channel_plan(scenario).total_per_day
    expected = per_day * scenario.observation_days
    if customers is None:
        scale, prospects = 1.0, expected
        if not prospects <= MAX_PROSPECTS:
            raise ScenarioError([("channels", f"{prospects:,.0f}",
                                  f"các kênh mang tới khoảng {_vi(prospects)} khách tiềm năng ({_vi(per_day)} mỗi ngày × "
                                  f"{_vi(scenario.observation_days)} ngày), quá giới hạn {_vi(MAX_PROSPECTS)} của một tiến "
                                  "trình; giảm lượt truy cập, rút ngắn cửa sổ quan sát hoặc chọn customers",
                                  f"the channels bring about {prospects:,.0f} prospects ({per_day:,.0f} a day × "
                                  f"{scenario.observation_days:,.0f} days), over the limit of {MAX_PROSPECTS:,} per "
                                  "process; lower the visits, shorten the window or set customers")])
    else:
        scale = customers / expected if expected > 0 else 0.0
        prospects = float(customers) if expected > 0 else 0.0
    journeys, field, value = journeys_per_prospect(scenario)
    if not prospects * journeys <= MAX_JOURNEYS:
        total = prospects * journeys
        raise ScenarioError([(field, value,
                              f"lần chạy có thể tới {_vi(total)} hành trình mua ({_vi(prospects)} khách tiềm năng × tối đa "
                              f"{_vi(journeys)} hành trình mỗi người trong {_vi(scenario.horizon_days)} ngày), quá giới "
                              f"hạn {_vi(MAX_JOURNEYS)} của một tiến trình",
                              f"the run may reach {total:,.0f} purchase journeys ({prospects:,.0f} prospects × up to "
                              f"{journeys:,.0f} journeys each over {scenario.horizon_days:,.0f} days), over the limit of "
                              f"{MAX_JOURNEYS:,} per process")])
    if scale != 1.0:
        staff = scaled_staff(scenario.service, scale)
        for tool in AGENT_TOOLS:
            agents = getattr(staff, tool).agents
            if agents > MAX_SCALED_AGENTS:
                raise ScenarioError([(f"service.{tool}.agents", agents,
                                      f"với customers = {_vi(customers or 0)}, số nhân viên nhân theo cùng cỡ thành "
                                      f"{_vi(agents)}, quá giới hạn {_vi(MAX_SCALED_AGENTS)}; giảm customers hoặc số "
                                      "nhân viên trong kịch bản",
                                      f"with customers = {customers or 0:,}, the agents scaled alike become {agents:,}, "
                                      f"over the limit of {MAX_SCALED_AGENTS:,}; lower customers or the scenario's agents")])
    return scale


def journeys_per_prospect(scenario: Scenario) -> tuple[float, str, float]:
    """Upper estimate of the purchase journeys of one prospect, and the field that drives it.

    J = 1 + max_returns + H × max over personas of (1 / mean_days_between_needs
    + sends_per_month / 30 × open_rate × need_trigger_prob × promo_response
    + emails_per_month / 30 × open_rate × need_trigger_prob), with H the run's horizon in days:
    the first journey, every return of a prospect who did not buy, and a customer's needs
    (spontaneous, from campaigns, from recommendations) at their rates for the whole run, as if
    nobody ever churned or dropped out.

    Returns:
        (J, the name of the field with the largest rate, its value).
    """
    pm, rp = scenario.permission_marketing, scenario.retention.personalization
    campaign_per_day = pm.sends_per_month / 30.0 * pm.open_rate * pm.need_trigger_prob
    recommendation_per_day = (rp.emails_per_month / 30.0 * rp.open_rate * rp.need_trigger_prob) if rp.enabled else 0.0
    best, field, value = -1.0, "", 0.0
    for name in PERSONAS:
        persona = getattr(scenario.personas, name)
        rates = {
            f"personas.{name}.mean_days_between_needs": (1.0 / persona.mean_days_between_needs,
                                                         persona.mean_days_between_needs),
            "permission_marketing.sends_per_month": (campaign_per_day * persona.promo_response, pm.sends_per_month),
            "retention.personalization.emails_per_month": (recommendation_per_day, rp.emails_per_month),
        }
        total = sum(rate for rate, _ in rates.values())
        if total > best:
            best = total
            field, (_, value) = max(rates.items(), key=lambda item: item[1][0])
    return 1.0 + scenario.max_returns + scenario.horizon_days * best, field, value


def _vi(number: float) -> str:
    """A count written the Vietnamese way: ``10.000.000``."""
    return f"{number:,.0f}".replace(",", ".")
