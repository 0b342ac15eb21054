"""Every chart of the course drawn as a student meets it: the notebooks' calls on the shipped data and small runs.

Used by the layout tests (:mod:`test_charts_layout`): each entry is a name and a function returning the chart,
made the way the notebooks (and the report, and the dashboard) make it, with the longest labels the course has.
Runs are small (the demo shop, few customers, two seeds) so the whole gallery is drawn in about a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

import sim
from sim.charts.activity_segments import activity_segments_chart
from sim.charts.auction import auction_chart
from sim.charts.baseline_funnel import baseline_funnel_chart
from sim.charts.channel_economics import channel_economics_chart
from sim.charts.cohort_heatmap import cohort_heatmap
from sim.charts.data_quality import contact_quality_chart, duplicate_scores_chart
from sim.charts.desk_staffing import desk_staffing_chart, thin_ecdf
from sim.charts.dropout_reasons import dropout_reasons_chart
from sim.charts.four_activities import four_activities_chart
from sim.charts.funnel import funnel_chart
from sim.charts.gap_priority import gap_priority_chart
from sim.charts.kpi_comparison import kpi_comparison_chart
from sim.charts.lifecycle_segments import lifecycle_segments_chart
from sim.charts.lifecycle_tools import lifecycle_tools_chart
from sim.charts.ltv_accuracy import ltv_accuracy_chart
from sim.charts.ltv_formula import ltv_formula_chart
from sim.charts.ltv_grid import ltv_grid
from sim.charts.nps_churn import nps_churn
from sim.charts.nps_distribution import nps_distribution
from sim.charts.nps_interval import nps_interval
from sim.charts.offer_effect import offer_effect_chart
from sim.charts.offer_shares import offer_shares_chart
from sim.charts.permission import list_growth, list_lever_effects
from sim.charts.retention_levers import retention_levers
from sim.charts.rfm_grid import rfm_grid_chart
from sim.charts.rfm_segments import rfm_segments
from sim.charts.satisfaction_loyalty import satisfaction_loyalty
from sim.charts.scorecard import scorecard_chart
from sim.charts.seo_contributions import seo_contributions_chart
from sim.charts.servqual_gaps import servqual_gaps_chart
from sim.charts.survival_curve import survival_curve
from sim.charts.trust_levers import lever_effects_chart
from sim.charts.wait_times import wait_times_chart
from sim.engine.io import shipped_tables
from sim.experiments import desk_staffing
from sim.experiments.acquisition_whatif import channel_measures, channel_sweep, scenario_auction, scorecard_with_total
from sim.experiments.comparison import CUSTOMER_CENTRED_STEPS, centred_kpis, compare_variants, kpi_differences, step_changes
from sim.experiments.retention_levers import lever_sweep, one_at_a_time
from sim.measures import data_quality as dq
from sim.measures import extension, funnel, nps, permission, retention, rfm, service_desk, service_quality, value
from sim.measures import trust_levers as levers
from sim.measures.acquisition import channel_economics
from sim.measures.four_activities import four_activities
from sim.measures.funnel import funnel_measures
from sim.measures.seo import seo_contributions
from sim.measures.service_quality import servqual_gaps
from sim.report import run_project
from sim.report.figures import figure

SEED = 2026
SEEDS = [SEED, SEED + 1]
SMALL = 600
"""Prospects per run of the demo shop: enough for every measure to exist."""


@cache
def _tables() -> dict:
    return shipped_tables()


@cache
def _demo() -> Any:
    return sim.simulate("demo", SEED, customers=SMALL)


@cache
def _default() -> Any:
    return sim.simulate("default", SEED)


@cache
def _b2b() -> Any:
    return sim.simulate("b2b", SEED)


@cache
def _trust_runs() -> dict:
    return {lever: sim.sweep("demo", {lever: [False, True]}, seeds=SEEDS, measures=levers.trust_measures, runs=True,
                             customers=SMALL) for lever in levers.LEVERS}


def _four_activities() -> alt.TopLevelMixin:
    return four_activities_chart(four_activities(_default()))


def _dropout_by_persona() -> alt.TopLevelMixin:
    t = _tables()
    return dropout_reasons_chart(funnel.dropout_reasons(t["journey"], t["customers"], by="persona").query("stage == 3"),
                                 normalize=True)


def _funnel_by(by: str) -> alt.TopLevelMixin:
    t = _tables()
    return funnel_chart(funnel.funnel(t["journey"], t["customers"], by=by))


def _funnel_segments() -> alt.TopLevelMixin:

    both = [_tables(), _b2b().tables]
    return funnel_chart(pd.concat([funnel.funnel(t["journey"], t["customers"], by="segment") for t in both]))


def _desk() -> alt.TopLevelMixin:
    busy = desk_staffing.desk_what_if("default", chat_agents=1, email_agents=2, faq_coverage=0.3, requests_per_hour=10, seed=SEED)
    return desk_staffing_chart(busy["ecdf"], busy["summary"], busy["target_min"], unfinished=busy["unfinished"])


def _kpi_comparison() -> alt.TopLevelMixin:
    shown = ["buyer_rate", "cac_vnd", "nps", "repeat_rate", "margin_vnd", "servqual_gap", "deflection_rate",
             "retention_cost_ratio"]
    baseline = sim.replicate("demo", SEEDS, measures=centred_kpis, runs=True, customers=SMALL)
    variants = {step: sim.replicate(sim.with_changes("demo", step_changes([step])), SEEDS, measures=centred_kpis, runs=True,
                                    customers=SMALL) for step in CUSTOMER_CENTRED_STEPS}
    variants["all_steps"] = sim.replicate(sim.with_changes("demo", step_changes(CUSTOMER_CENTRED_STEPS)), SEEDS,
                                          measures=centred_kpis, runs=True, customers=SMALL)
    return kpi_comparison_chart(compare_variants(baseline, variants, measures=shown))


def _kpi_one_variant() -> alt.TopLevelMixin:
    shown = ["buyer_rate", "cac_vnd", "nps", "repeat_rate"]
    before = sim.replicate("demo", SEEDS, measures=centred_kpis, runs=True, customers=SMALL)
    after = sim.replicate(sim.with_changes("demo", step_changes(["loyalty"])), SEEDS, measures=centred_kpis, runs=True,
                          customers=SMALL)
    return kpi_comparison_chart(kpi_differences(before, after, measures=shown))


def _list_levers(parameter: str, values: list, measures: list[str]) -> alt.TopLevelMixin:
    sweep = sim.sweep("demo", {parameter: values}, seeds=SEEDS, measures=permission.list_measures, customers=SMALL)
    return list_lever_effects(sweep, parameter, measures)


def _scorecard_sweep(**measures: str) -> alt.TopLevelMixin:
    social = sim.load_scenario("demo").channels.social.daily_budget_vnd
    mix = sim.sweep("demo", {"channels.social.daily_budget_vnd": [social, 4 * social]}, seeds=SEEDS, measures=channel_measures,
                    customers=SMALL)
    return scorecard_chart(channel_sweep(mix), measures=measures or None)


def _seo() -> alt.TopLevelMixin:
    page = {"title": 1.0, "keyword_density": 0.5, "h1": 1.0, "h2": 0.5, "document_name": 0.0, "meta_description": 1.0,
            "meta_keywords": 0.0, "backlinks": 0.2, "anchor_text": 0.2, "hub": 0.1, "authority": 0.2, "link_velocity": 0.1}
    return seo_contributions_chart(seo_contributions(page))


def _nps_churn() -> alt.TopLevelMixin:
    t = _tables()
    return nps_churn(observed=nps.nps_churn(t["surveys"], orders=t["orders"], method="observed", within_days=180),
                     true=nps.nps_churn(t["surveys"], truth=t["truth"], method="true", within_days=180), within_days=180)


def _survival_by(by: str) -> alt.TopLevelMixin:
    t = _tables()
    groups = nps.customer_nps_group(t["surveys"], which="first") if by == "nps_group" else t["customers"]
    return survival_curve(retention.survival_curve(t["orders"], method="true", truth=t["truth"], groups=groups, by=by),
                          by=by, method="true")


def _retention_levers() -> alt.TopLevelMixin:
    reference = lever_sweep([{}], "demo", seeds=SEEDS, customers=SMALL)
    return retention_levers(lever_sweep(one_at_a_time(), "demo", seeds=SEEDS, customers=SMALL), reference=reference)


def _activity() -> alt.TopLevelMixin:
    t = _tables()
    segments = retention.activity_segments(t["orders"], active_days=90, lapsed_days=180)
    summary = extension.segment_summary(segments, "activity_segment", retention.ACTIVITY_SEGMENTS, truth=t["truth"])
    return activity_segments_chart(summary, active_days=90, lapsed_days=180)


def _ltv_values() -> Any:
    t = _tables()
    return extension.ltv_with_truth(value.ltv_estimates(t["orders"], discount_rate=0.0, horizon_years=1), t["truth"])


def _ltv_accuracy() -> alt.TopLevelMixin:
    t = _tables()
    errors = value.ltv_errors(value.ltv_estimates(t["orders"], discount_rate=0.0, horizon_years=1), t["truth"])
    return ltv_accuracy_chart(value.ltv_accuracy(errors, by="persona"), "persona")


def _servqual(ten: bool) -> alt.TopLevelMixin:
    result = sim.simulate(sim.with_changes("demo", {"service_quality.servqual_ten_dimensions": ten}), SEED, customers=2000)
    return servqual_gaps_chart(servqual_gaps(result.surveys))


def _offer_effect() -> alt.TopLevelMixin:
    effect = sim.sweep("demo", {"catalogue.up_sell_prob": [0.0, 0.08, 0.3]}, seeds=SEEDS, measures=extension.offer_measures,
                       customers=SMALL)
    return offer_effect_chart(effect, "catalogue.up_sell_prob")


def _lifecycle() -> alt.TopLevelMixin:
    t = _tables()
    segments = retention.lifecycle_segments(t["customers"], t["journey"], t["orders"], loyal_orders=3, lapsed_days=180)
    return lifecycle_segments_chart(extension.segment_summary(segments, "lifecycle_segment", retention.LIFECYCLE_SEGMENTS))


@cache
def _dirty() -> Any:
    return sim.simulate("demo", SEED, customers=SMALL, dirty=True)


def _duplicates() -> alt.TopLevelMixin:
    dirty = _dirty()
    pairs = dq.duplicate_pairs(dirty.customers_dirty, name_similarity_min=0.85)
    return duplicate_scores_chart(dq.score_pairs(pairs, dirty.customers_dirty_truth))


def _dashboard_funnel() -> alt.TopLevelMixin:
    base = sim.replicate("demo", seeds=SEEDS, measures=funnel_measures, customers=SMALL)
    now = sim.replicate(sim.with_changes("demo", {"trust.reviews": False}), seeds=SEEDS, measures=funnel_measures, customers=SMALL)
    return baseline_funnel_chart(base, now)


@cache
def _project() -> Any:

    return run_project("default", seeds=2, customers=1500)


def _report(key: str) -> Callable[[], alt.TopLevelMixin]:
    def draw() -> alt.TopLevelMixin:

        return figure(_project(), key)
    return draw


GALLERY: dict[str, Callable[[], alt.TopLevelMixin]] = {
    "00 four activities": _four_activities,
    "01 drop-out reasons": lambda: dropout_reasons_chart(funnel.dropout_reasons(_tables()["journey"])),
    "01 drop-out reasons by persona": _dropout_by_persona,
    "01 trust levers: conversion": lambda: lever_effects_chart(levers.lever_effects(_trust_runs(), measure="journey_conversion")),
    "01 trust levers: quality": lambda: lever_effects_chart(levers.lever_effects(_trust_runs(),
                                                                                 measure="dropout_quality_unverifiable")),
    "01 satisfaction and loyalty": lambda: satisfaction_loyalty(
        retention.satisfaction_loyalty(_tables()["surveys"], _tables()["orders"], measure="repurchase"), measure="repurchase"),
    "02 funnel": lambda: funnel_chart(funnel.funnel(_tables()["journey"])),
    "02 funnel by persona": lambda: _funnel_by("persona"),
    "02 funnel by channel": lambda: _funnel_by("channel"),
    "02 funnel by segment": _funnel_segments,
    "04 lifecycle tools": lambda: lifecycle_tools_chart(service_desk.lifecycle_tool_table(_default().tickets)),
    "04 wait times": lambda: wait_times_chart(thin_ecdf(service_desk.wait_ecdf(_default().tickets), 15), 15),
    "04 desk staffing": _desk,
    "05 KPI comparison, six variants": _kpi_comparison,
    "05 KPI comparison, one variant": _kpi_one_variant,
    "06 list growth": lambda: list_growth(permission.list_growth(_default().customers, _default().marketing, freq="W")),
    "06 incentive": lambda: _list_levers("permission_marketing.incentive_vnd", [0, 50_000, 200_000],
                                         ["opt_in_rate", "subscribers", "unsubscribe_rate", "cac_vnd"]),
    "06 sends per month": lambda: _list_levers("permission_marketing.sends_per_month", [1, 4, 12],
                                               ["unsubscribe_rate", "subscribers", "email_journeys", "email_purchases"]),
    "07 scorecard": lambda: scorecard_chart(scorecard_with_total(_tables())),
    "07 scorecard, costs": lambda: scorecard_chart(scorecard_with_total(_tables()), measures={
        "attraction": "cost_per_visit_vnd", "conversion": "cpa_vnd", "retention": "churn_rate"}),
    "07 scorecard, two settings": _scorecard_sweep,
    "07 scorecard, two settings, costs": lambda: _scorecard_sweep(attraction="cost_per_visit_vnd", conversion="cpa_vnd",
                                                                  retention="churn_rate"),
    "07 auction": lambda: auction_chart(scenario_auction("demo")),
    "08 channel economics": lambda: channel_economics_chart(channel_economics(
        _tables()["customers"], _tables()["orders"], _tables()["marketing"], ltv_vnd=_tables()["truth"])),
    "08 channel economics, LTV": lambda: channel_economics_chart(channel_economics(
        _tables()["customers"], _tables()["orders"], _tables()["marketing"], ltv_vnd=_tables()["truth"]), roi="ltv_roi"),
    "08 SEO": _seo,
    "08 auction": lambda: auction_chart(scenario_auction("default")),
    "09 NPS scores": lambda: nps_distribution(nps.score_distribution(_tables()["surveys"]), nps.nps_summary(_tables()["surveys"])),
    "09 NPS": lambda: nps_interval(nps.nps_summary(_tables()["surveys"])),
    "09 NPS by persona": lambda: nps_interval(nps.nps_by(_tables()["surveys"], _tables()["customers"], by="persona")),
    "09 NPS by channel": lambda: nps_interval(nps.nps_by(_tables()["surveys"], _tables()["customers"], by="channel")),
    "09 NPS by city": lambda: nps_interval(nps.nps_by(_tables()["surveys"], _tables()["customers"], by="city")),
    "09 NPS and churn": _nps_churn,
    "09 survival by NPS group": lambda: _survival_by("nps_group"),
    "10 promoters by satisfaction": lambda: satisfaction_loyalty(retention.satisfaction_loyalty(_tables()["surveys"],
                                                                                                 measure="promoter"), "promoter"),
    "10 survival by persona": lambda: _survival_by("persona"),
    "10 cohorts": lambda: cohort_heatmap(retention.cohort_retention(_tables()["orders"])),
    "10 retention levers": _retention_levers,
    "11 activity segments": _activity,
    "12 LTV accuracy": _ltv_accuracy,
    "12 LTV grid 2 × 2": lambda: ltv_grid(value.ltv_grid_counts(value.ltv_segments(_ltv_values(), split="median"))),
    "12 LTV grid 3 × 3": lambda: ltv_grid(value.ltv_grid_counts(value.ltv_segments(_ltv_values(), split="tercile"))),
    "12 LTV formula": lambda: ltv_formula_chart(extension.formula_ltv_curve(300_000, 0.6, 0.1)),
    "13 SERVQUAL gaps": lambda: _servqual(False),
    "13 SERVQUAL gaps, ten dimensions": lambda: _servqual(True),
    "13 gap priorities": lambda: gap_priority_chart(service_quality.gap_priorities(_default().surveys)),
    "14 offers by category": lambda: offer_shares_chart(extension.offer_shares(_tables()["orders"], by="category"), "category"),
    "14 offers by persona": lambda: offer_shares_chart(extension.offer_shares(_tables()["orders"], _tables()["customers"],
                                                                              by="persona"), "persona"),
    "14 up-sell effect": _offer_effect,
    "14 lifecycle segments": _lifecycle,
    "14 RFM segments": lambda: rfm_segments(rfm.rfm_segment_summary(rfm.rfm_segments(rfm.rfm_scores(
        rfm.rfm_table(_tables()["orders"], monetary="total"))))),
    "14 RFM grid": lambda: rfm_grid_chart(extension.rfm_grid(rfm.rfm_scores(rfm.rfm_table(_tables()["orders"], monetary="total")))),
    "15 contact quality": lambda: contact_quality_chart(dq.validity(_dirty().customers_dirty)),
    "15 duplicates": _duplicates,
    "dashboard funnel": _dashboard_funnel,
    **{f"report {key}": _report(key) for key in ("funnel", "dropout_reasons", "channel_economics", "nps", "survival",
                                                  "ltv_grid", "rfm", "wait_times", "servqual", "comparison",
                                                  "four_activities")},
}
"""Name (notebook number or place, what is drawn) → a function drawing the chart."""
