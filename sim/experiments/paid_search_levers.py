"""The paid-search levers of chương 6 side by side: reach against relevance, day parting, content network, fraud.

Lecture 001, Chương 6, "Quản trị thu hút khách hàng": besides the bid and the Quality Score of the GSP
auction, a campaign's result depends on the keyword match type, the hours the ads show, the content
network and click fraud. :func:`sim.engine.channels.paid_search_plan` works out one day of the campaign
for a scenario; this module puts several variants of a scenario in one table, with no simulation
(the plan is the expected day), so a notebook can show what each lever trades.

Per variant (one day):

* ``matched_searches``: searches the keywords match; ``relevance``: share of search clicks by people who
  want what the shop sells;
* ``visitors``: people who arrive (search and content network); ``relevant_visitors`` = search visitors ×
  relevance + content visitors × content relevance;
* ``invalid_clicks``: paid clicks with nobody behind them; ``spend_vnd``;
* ``cost_per_relevant_visitor_vnd`` = spend / relevant visitors;
* ``evening_visitors``: search visitors between 18 h and 24 h, when intent is highest.

Typical use::

    from sim.experiments.paid_search_levers import VARIANTS, lever_table
    lever_table(scenario, VARIANTS)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from sim.base.codes import DAY_PARTS
from sim.engine.channels import paid_search_plan
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario

PS = "channels.paid_search."
VARIANTS: dict[str, dict[str, Any]] = {
    "exact": {},
    "phrase": {PS + "match_type": "phrase"},
    "broad": {PS + "match_type": "broad"},
    "broad_negative": {PS + "match_type": "broad", PS + "negative_keywords": True},
    "content_network": {PS + "content_network": True},
    "fraud_20": {PS + "click_fraud_rate": 0.20},
    "small_budget": {PS + "daily_budget_vnd": 60_000},
    "small_budget_day_parting": {PS + "daily_budget_vnd": 60_000, PS + "day_parting": True},
}
"""Variants of a scenario's paid-search campaign, each one lever moved from the scenario (keys: labels ``paid_search_variant``)."""

COLUMNS: tuple[str, ...] = ("matched_searches", "relevance", "visitors", "relevant_visitors", "invalid_clicks",
                            "spend_vnd", "cost_per_relevant_visitor_vnd", "evening_visitors")


def plan_summary(scenario: Scenario) -> dict[str, float]:
    """One expected day of the scenario's paid-search campaign (see the module's notes for the columns).

    Example (worked by hand in the tests): the default shop, exact match: 200 searches × CTR 0.035 = 7 visitors,
    all relevant; 5% fraud → 7 / 0.95 = 7.37 paid clicks × 18,286.71 ₫ = 134,744 ₫.
    """
    plan = paid_search_plan(scenario.channels.paid_search)
    search, content = sum(plan.search_clicks), sum(plan.content_clicks)
    relevant = search * plan.relevance + content * plan.content_relevance
    spend = plan.spend_per_day_vnd
    return {"matched_searches": plan.matched_searches_per_day, "relevance": plan.relevance,
            "visitors": search + content, "relevant_visitors": relevant, "invalid_clicks": plan.invalid_clicks_per_day,
            "spend_vnd": spend, "cost_per_relevant_visitor_vnd": spend / relevant if relevant > 0 else math.nan,
            "evening_visitors": plan.search_clicks[DAY_PARTS.index("evening")]}


def lever_table(scenario: Scenario | str, variants: Mapping[str, Mapping[str, Any]] = VARIANTS) -> pd.DataFrame:
    """One row per variant: ``variant`` and the columns of :func:`plan_summary`.

    Args:
        scenario: the base scenario (or a preset name).
        variants: ``{name: {"dotted.field": value}}``; an empty mapping is the scenario itself.

    Raises:
        ScenarioError: a variant with an unknown field or a value it does not allow.
    """
    base = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    rows = [{"variant": name, **plan_summary(with_changes(base, dict(changes)) if changes else base)}
            for name, changes in variants.items()]
    return pd.DataFrame(rows, columns=["variant", *COLUMNS])


__all__ = ["COLUMNS", "VARIANTS", "lever_table", "plan_summary"]
