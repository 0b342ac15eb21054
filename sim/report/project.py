"""One group project's runs: the group's shop against the default shop, over several seeds, and one detailed run.

One run of a stochastic simulation is one draw, so the comparison with the default shop uses several
seeds (:func:`sim.replicate`, common random numbers: both shops run with the same seeds) and reports
each KPI's mean with a 95 % t interval, and the paired interval of the per-seed difference
(:func:`sim.experiments.comparison.kpi_differences`). The section's tables and charts (funnel, channels,
NPS, retention, LTV, RFM, service) come from one detailed run of the group's shop, the first seed.

Typical use::

    from sim.report import run_project
    project = run_project("exercises/du_an_nhom/kich_ban.yaml", seed=2026, seeds=3, customers=2000)
    project.differences            # KPI by KPI: default shop, group's shop, difference, intervals
    figure(project, "funnel")      # one of the section's charts (sim.report.figures)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.base.errors import ScenarioError
from sim.engine.result import Result
from sim.engine.simulate import simulate
from sim.experiments.comparison import centred_kpis, kpi_differences
from sim.experiments.replicate import replicate
from sim.scenario.loader import load_scenario
from sim.scenario.schema import Scenario

DEFAULT_SEED = 2026
"""The course's seed (that of the shipped datasets)."""


@dataclass(frozen=True)
class Project:
    """The runs behind a group's "Quan hệ khách hàng" section.

    Attributes:
        scenario: the group's shop.
        baseline: the shop it is compared with (the ``default`` preset unless told otherwise).
        source: where the group's scenario came from (a file path or a preset name), as given.
        seeds: the seeds of the comparison; the detailed run uses the first.
        customers: expected prospects per run (both shops scaled to it), or ``None`` (each shop's own size).
        result: the detailed run of the group's shop.
        runs: the group's shop, one row per seed (``seed`` and the measures of
            :func:`sim.experiments.comparison.centred_kpis`).
        baseline_runs: the same for the baseline shop.
        differences: :func:`sim.experiments.comparison.kpi_differences` of ``baseline_runs`` and ``runs``.
    """

    scenario: Scenario
    baseline: Scenario
    source: str
    seeds: tuple[int, ...]
    customers: int | None
    result: Result = field(repr=False)
    runs: pd.DataFrame = field(repr=False)
    baseline_runs: pd.DataFrame = field(repr=False)
    differences: pd.DataFrame = field(repr=False)


def _seed_list(seed: int, seeds: int | Iterable[int]) -> list[int]:
    """``seeds`` seeds from ``seed`` on (``seed``, ``seed + 1``, …), or the list given."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ScenarioError([("seed", seed, "phải là số nguyên không âm", "must be a non-negative integer")])
    if isinstance(seeds, bool) or (isinstance(seeds, int) and seeds < 1):
        raise ScenarioError([("seeds", seeds, "số lần lặp phải là số nguyên ≥ 1", "the number of replications must be an integer ≥ 1")])
    if isinstance(seeds, int):
        return list(range(seed, seed + seeds))
    out = list(seeds)
    if not out or any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in out):
        raise ScenarioError([("seeds", out, "phải là một số nguyên ≥ 1 hoặc danh sách hạt giống nguyên không âm",
                              "must be an integer ≥ 1 or a list of non-negative integer seeds")])
    return out


def run_project(source: str | Path | Mapping[str, Any] | Scenario, *, seed: int = DEFAULT_SEED,
                seeds: int | Iterable[int] = 3, customers: int | None = None,
                baseline: str | Scenario = "default", n_jobs: int = 1) -> Project:
    """Simulate a group's shop and the baseline shop with the same seeds, and the group's shop once in detail.

    Args:
        source: the group's scenario: a YAML file (partial override of a preset), a preset name, a mapping or
            a Scenario.
        seed: the first seed; the detailed run uses it.
        seeds: how many seeds (``seed``, ``seed + 1``, …) or the list of seeds for the comparison.
        customers: expected prospects per run; every channel of both shops is scaled to it (fast runs for a
            notebook). Rates (conversion, NPS, CAC…) stay comparable; totals (margin) then describe the scaled
            shop, and the service desk sees a scaled load. ``None``: each shop at its own size.
        baseline: the shop to compare with (a preset name or a Scenario).
        n_jobs: processes for the replications (:func:`sim.replicate`).

    Returns:
        A :class:`Project`.

    Raises:
        ScenarioError: a bad scenario, seed, ``seeds`` or ``customers``, before anything runs.
    """
    scenario = load_scenario(source)
    base = load_scenario(baseline)
    seed_list = _seed_list(seed, seeds)
    if customers is not None and (isinstance(customers, bool) or not isinstance(customers, int) or customers < 1):
        raise ScenarioError([("customers", customers, "phải là số nguyên ≥ 1 hoặc bỏ trống (quy mô của kịch bản)",
                              "must be an integer ≥ 1, or left out (the scenario's own size)")])
    runs = replicate(scenario, seed_list, measures=centred_kpis, customers=customers, n_jobs=n_jobs, runs=True,
                     progress=False)
    baseline_runs = replicate(base, seed_list, measures=centred_kpis, customers=customers, n_jobs=n_jobs, runs=True,
                              progress=False)
    result = simulate(scenario, seed_list[0], customers=customers)
    label = str(source) if isinstance(source, (str, Path)) else scenario.name
    return Project(scenario=scenario, baseline=base, source=label, seeds=tuple(seed_list), customers=customers,
                   result=result, runs=runs, baseline_runs=baseline_runs,
                   differences=kpi_differences(baseline_runs, runs))


__all__ = ["DEFAULT_SEED", "Project", "run_project"]
