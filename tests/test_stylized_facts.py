"""The stylized facts of CURRICULUM.md hold on the default scenario.

Each figure is recomputed here with plain pandas from the tables, not with the
package's analytics, so the check does not lean on the code it checks.
"""

from __future__ import annotations

import math

import pandas as pd


def _window_end(result) -> pd.Timestamp:
    return pd.Timestamp(result.scenario.start_date) + pd.Timedelta(days=result.scenario.observation_days)


def test_top_two_evaluation_reasons_are_security_and_quality(default_result):
    journey = default_result.journey
    reasons = journey[(journey["stage"] == 3) & (journey["event"] == "dropout")]["reason"].value_counts()
    assert set(reasons.index[:2]) == {"security_concern", "quality_unverifiable"}, reasons.to_dict()
    # Not by a hair: the second is clearly above the third.
    assert reasons.iloc[1] > 1.5 * reasons.iloc[2]


def test_acquisition_cost_is_5_to_8_times_yearly_retention_cost(default_result):
    marketing, orders = default_result.marketing, default_result.orders
    acquisition = marketing.loc[marketing["purpose"] == "acquisition", "spend_vnd"].sum()
    retention = marketing.loc[marketing["purpose"] == "retention", "spend_vnd"].sum()
    new_customers = orders["is_first"].sum()
    cac = acquisition / new_customers
    # Customer-years on the books: from each first order to the end of the window.
    first = orders.loc[orders["is_first"], "at"]
    customer_years = ((_window_end(default_result) - first).dt.total_seconds() / 86400 / 365).sum()
    retention_per_customer_year = retention / customer_years
    ratio = cac / retention_per_customer_year
    assert 5 <= ratio <= 8, (cac, retention_per_customer_year, ratio)


def _repeat_rate_by_satisfaction(result, within_days: int = 180) -> pd.DataFrame:
    """Share of customers who buy again within ``within_days`` of their first order,
    by the satisfaction they gave in the survey of that first order."""
    orders, surveys = result.orders, result.surveys
    end = _window_end(result)
    first = orders.loc[orders["is_first"], ["customer_id", "at"]].rename(columns={"at": "first_at"})
    first = first[first["first_at"] < end - pd.Timedelta(days=within_days)]
    answers = surveys.merge(first, on="customer_id")
    answers = answers[(answers["at"] - answers["first_at"]) < pd.Timedelta(days=14)]
    answers = answers.sort_values("at").drop_duplicates("customer_id")
    repeat = orders.loc[~orders["is_first"]].groupby("customer_id")["at"].min()
    again = answers["customer_id"].map(repeat)
    answers["again"] = again.notna() & ((again - answers["first_at"]) <= pd.Timedelta(days=within_days))
    return answers.groupby("satisfaction")["again"].agg(["mean", "count"])


def test_loyalty_rises_slowly_in_the_middle_and_steeply_at_the_top(default_result):
    rate = _repeat_rate_by_satisfaction(default_result)["mean"]
    middle_slope = (rate[4] - rate[2]) / 2  # per point, through the zone of indifference
    top_slope = rate[5] - rate[4]  # into the zone of affection
    assert top_slope > 1.2 * middle_slope > 0, rate.to_dict()
    assert rate[5] > rate.loc[1:4].max()


def test_promoters_churn_less_than_passives_less_than_detractors(default_result):
    surveys, truth = default_result.surveys, default_result.truth
    last = surveys.sort_values("at").drop_duplicates("customer_id", keep="last").set_index("customer_id")
    churned_at = truth.set_index("customer_id").loc[last.index, "churned_at"]
    within = churned_at.notna() & ((churned_at - last["at"]) <= pd.Timedelta(days=180))
    group = pd.cut(last["nps_score"], [-1, 6, 8, 10], labels=["detractor", "passive", "promoter"])
    rates = within.groupby(group, observed=True).agg(["mean", "count"])
    p = rates["mean"]
    assert p["promoter"] < p["passive"] < p["detractor"], rates.to_dict()
    # Promoters against detractors: well beyond sampling error (two-proportion z > 4).
    n1, n2 = rates.loc["promoter", "count"], rates.loc["detractor", "count"]
    pooled = (p["promoter"] * n1 + p["detractor"] * n2) / (n1 + n2)
    z = (p["detractor"] - p["promoter"]) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    assert z > 4


def test_customers_helped_fast_are_more_satisfied(default_result):
    """Satisfaction in the next survey (within 20 days) after a request answered by a person."""
    tickets, surveys = default_result.tickets, default_result.surveys
    target = default_result.scenario.service.service_level_target_min
    handled = tickets[tickets["tool"].isin(["chat", "email"]) & tickets["wait_min"].notna()].copy()
    handled["fast"] = handled["wait_min"] <= target
    joined = handled.merge(surveys[["customer_id", "at", "satisfaction"]], on="customer_id", suffixes=("", "_survey"))
    after = joined[(joined["at_survey"] > joined["at"]) & (joined["at_survey"] - joined["at"] <= pd.Timedelta(days=20))]
    first = after.sort_values("at_survey").drop_duplicates("ticket_id")
    stats = first.groupby("fast")["satisfaction"].agg(["mean", "var", "count"])
    diff = stats.loc[True, "mean"] - stats.loc[False, "mean"]
    se = math.sqrt(stats.loc[True, "var"] / stats.loc[True, "count"] + stats.loc[False, "var"] / stats.loc[False, "count"])
    assert diff > 2 * se > 0, stats.to_dict()
