"""Experiments that run the simulator: one lever on and off, everything else equal.

These functions are not pure measures: they call :func:`sim.simulate`, twice
with the same seed (common random numbers), so the difference between the two
runs is the lever's effect and not chance. The measures they report come from
the pure functions of the other modules.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.engine.simulate import simulate
from sim.measures.frames import numbers, require_columns
from sim.scenario.loader import load_scenario
from sim.scenario.schema import Scenario

RECOMMENDATION_SPEND_CHANNELS: tuple[str, ...] = ("recommendation_email",)
"""``marketing`` channels whose spend is the cost of recommendation e-mails (the personalization platform)."""


def run_summary(orders: pd.DataFrame, marketing: pd.DataFrame) -> dict[str, float]:
    """Orders, margin, repeat rate and recommendation cost of one run.

    repeat_rate = customers with ≥ 2 orders / customers with ≥ 1 order (NaN with no buyer);
    recommendation_cost_vnd = spend of the ``recommendation_email`` channel in ``marketing``;
    net_margin_vnd = margin_vnd − recommendation_cost_vnd.
    Lecture 001 (Quản trị duy trì; chỉ số quản lý hoạt động KH).

    Args:
        orders: the ``orders`` table (``customer_id``, ``margin_vnd``, ``via_recommendation``).
        marketing: the ``marketing`` table (``channel``, ``spend_vnd``).

    Raises:
        DataError: a missing column or a value that is not a number.
    """
    require_columns(orders, ["customer_id", "margin_vnd", "via_recommendation"], "orders")
    require_columns(marketing, ["channel", "spend_vnd"], "marketing")
    buyers = orders.groupby("customer_id").size()
    spend = numbers(marketing, "spend_vnd", "marketing")
    cost = float(spend[marketing["channel"].isin(RECOMMENDATION_SPEND_CHANNELS)].sum())
    margin = float(numbers(orders, "margin_vnd", "orders").sum())
    return {
        "orders": len(orders),
        "recommendation_orders": int(numbers(orders, "via_recommendation", "orders").sum()),
        "buyers": len(buyers),
        "repeat_rate": float((buyers >= 2).mean()) if len(buyers) else float("nan"),
        "margin_vnd": margin,
        "recommendation_cost_vnd": cost,
        "net_margin_vnd": margin - cost,
    }


def recommendation_uplift(scenario: Scenario | str | Path | dict[str, Any] = "default", seed: int = 2026, *,
                          customers: int | None = None, replications: int = 1) -> pd.DataFrame:
    """Effect of recommendation e-mails (collaborative filtering) on orders, margin and repeat buying.

    For each seed s = seed, seed + 1, …, seed + replications − 1, runs
    :func:`sim.simulate` twice with seed s: once with
    ``retention.personalization.enabled`` true and once false, all else equal
    (common random numbers). Each run is summarised by :func:`run_summary`;
    ``difference`` = with − without, averaged over the seeds, and
    ``difference_se`` = sd(difference over seeds) / √replications, the standard
    error that says whether the uplift is more than chance (NaN for one seed).

    The simulator draws from one stream per source of randomness, not per
    customer, so switching the e-mails on also shifts other customers' later
    draws: one pair of runs mixes the lever's effect with noise. Use several
    replications before reading a small difference. The full scenarios take a
    couple of seconds per run.

    Lecture 000 §3 (Amazon's e-mails about related items; keeping a customer
    costs less than winning a new one); lecture 001 (cá nhân hóa, lọc cộng tác).

    Args:
        scenario: a Scenario, a preset name, a YAML path or a mapping (as for :func:`sim.load_scenario`).
        seed: the first seed (integer ≥ 0).
        customers: expected number of prospects (as in :func:`sim.simulate`); ``None`` keeps the scenario's.
        replications: how many seeds (integer ≥ 1).

    Returns:
        Rows ``with``, ``without`` (means over the seeds), ``difference`` and
        ``difference_se`` (index ``personalization``); columns ``orders``,
        ``recommendation_orders``, ``buyers``, ``repeat_rate``, ``margin_vnd``,
        ``recommendation_cost_vnd``, ``net_margin_vnd``.

    Raises:
        DataError: a bad ``seed``, ``customers``, ``replications`` or scenario type.
        ScenarioError: a scenario that is not valid.
    """

    check_range("seed", seed, 0, integer=True)
    check_range("replications", replications, 1, integer=True)
    if customers is not None:
        check_range("customers", customers, 0, integer=True)
    if not isinstance(scenario, (Scenario, str, Path, dict)):
        raise DataError([("scenario", type(scenario).__name__,
                          "phải là một kịch bản (Scenario), tên kịch bản có sẵn, đường dẫn tệp YAML hoặc dict",
                          "must be a Scenario, a preset name, a YAML path or a mapping")])
    base = load_scenario(scenario)
    variants = {name: load_scenario(base, retention={"personalization": {"enabled": enabled}})
                for name, enabled in (("with", True), ("without", False))}
    runs: dict[str, list[dict[str, float]]] = {"with": [], "without": []}
    for s in range(seed, seed + replications):
        for name, variant in variants.items():
            result = simulate(variant, seed=s, customers=customers)
            runs[name].append(run_summary(result.orders, result.marketing))
    with_runs, without_runs = pd.DataFrame(runs["with"]), pd.DataFrame(runs["without"])
    differences = with_runs - without_runs
    out = pd.DataFrame({
        "with": with_runs.mean(),
        "without": without_runs.mean(),
        "difference": differences.mean(),
        "difference_se": differences.std(ddof=1) / math.sqrt(replications) if replications > 1 else math.nan,
    }).T
    out.index.name = "personalization"
    return out
