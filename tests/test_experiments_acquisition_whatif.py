"""The whole shop next to its channels, per-channel measures for sweeps, the shop's auction: worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError, ScenarioError
from sim.experiments.acquisition_whatif import (
    TOTAL,
    channel_measures,
    channel_sweep,
    economics_with_total,
    scenario_auction,
    scorecard_with_total,
)
from sim.measures.acquisition import agrawal_scorecard

# The same small shop as in test_analytics_acquisition:
# Paid search: KH1, KH2, KH3 came; KH1 (twice) and KH2 bought.   Spend 100,000 for 50 clicks.
# E-mail: KH4–KH7 came; KH4 (twice) and KH5 bought.               Spend 40,000 for 5 clicks.
# Direct: KH8 came and bought.                                      Free, 3 clicks.
# Affiliate: nobody came through it, yet it cost 10,000 for 4 clicks.
# Whole shop: 8 visitors, 5 buyers (KH1, KH2, KH4, KH5, KH8), 2 of them twice (KH1, KH4);
# acquisition spend 60,000 + 40,000 + 40,000 + 0 + 10,000 = 150,000 for 30 + 20 + 5 + 3 + 4 = 62 clicks;
# margin 30,000 + 10,000 + 20,000 + 25,000 + 25,000 + 30,000 + 10,000 = 150,000.


@pytest.fixture
def tables(acquisition_shop) -> dict[str, pd.DataFrame]:
    return acquisition_shop


# ----------------------------------------------------------------------------- scorecard


def test_scorecard_with_total_by_hand(tables):
    out = scorecard_with_total(tables, as_of="2026-12-31 00:00:00")
    assert out["channel"].tolist() == ["paid_search", "email", "affiliate", "direct", TOTAL]
    whole = out.set_index("channel").loc[TOTAL]
    assert whole["visits"] == 8 and whole["spend_vnd"] == 150_000 and whole["new_customers"] == 5
    assert whole["cost_per_visit_vnd"] == pytest.approx(18_750)  # 150,000 / 8
    assert whole["conversion_rate"] == pytest.approx(0.625)  # 5 / 8
    assert whole["cpa_vnd"] == pytest.approx(30_000)  # 150,000 / 5
    assert whole["repeat_customers"] == 2 and whole["repeat_rate"] == pytest.approx(0.4)  # 2 / 5
    # Cut-off 31 Dec 2026 − 180 days = 4 Jul 2026: all 5 first bought before it (at risk);
    # KH2 (1 Mar), KH5 (1 Mar) and KH8 (1 Apr) have not bought since → 3 / 5.
    assert whole["churn_rate"] == pytest.approx(0.6)
    # The channel rows are the scorecard's own.
    channels = agrawal_scorecard(tables["customers"], tables["orders"], tables["marketing"], as_of="2026-12-31 00:00:00")
    pd.testing.assert_frame_equal(out.iloc[:-1].reset_index(drop=True), channels)


def test_scorecard_with_total_edges(tables):
    empty = {name: t.iloc[:0] for name, t in tables.items()}
    out = scorecard_with_total(empty, as_of="2026-12-31")
    assert len(out) == 0 and "churn_rate" in out.columns
    with pytest.raises(DataError) as err:
        scorecard_with_total({"customers": tables["customers"], "orders": tables["orders"]})
    assert err.value.fields == ["tables['marketing']"]
    with pytest.raises(DataError) as err:
        scorecard_with_total([1, 2, 3])
    assert err.value.fields == ["tables"]
    with pytest.raises(DataError) as err:
        scorecard_with_total({**tables, "customers": tables["customers"].drop(columns="acquired_via")})
    assert err.value.fields == ["customers.acquired_via"]


# ---------------------------------------------------------------------------- economics


def test_economics_with_total_by_hand(tables):
    out = economics_with_total(tables, ltv_vnd=100_000).set_index("channel")
    whole = out.loc[TOTAL]
    assert whole["clicks"] == 62 and whole["spend_vnd"] == 150_000
    assert whole["cpc_vnd"] == pytest.approx(150_000 / 62)  # 2,419.35
    assert whole["cpa_vnd"] == pytest.approx(30_000)
    assert whole["margin_vnd"] == 150_000 and whole["roi"] == pytest.approx(0.0)  # (150,000 − 150,000) / 150,000
    assert whole["ltv_roi"] == pytest.approx(7 / 3)  # (5 × 100,000 − 150,000) / 150,000 = 350,000 / 150,000
    assert out.loc["paid_search", "roi"] == pytest.approx(-0.4)  # unchanged channel rows


# ------------------------------------------------------------------- measures for sweeps


def test_channel_measures_flat_names(tables):
    m = channel_measures(tables)
    assert m["all.cpa_vnd"] == pytest.approx(30_000)
    assert m["paid_search.conversion_rate"] == pytest.approx(2 / 3)
    assert m["all.roi"] == pytest.approx(0.0) and m["email.roi"] == pytest.approx(1.0)  # (80,000 − 40,000) / 40,000
    # The data end on 1 Jan 2027 (the day after the last marketing day); 90 days before is 3 Oct 2026,
    # and each of the five buyers last bought before it (KH4 on 1 Oct) → all churned.
    assert m["all.churn_rate"] == pytest.approx(1.0)
    assert math.isnan(m["all.ltv_roi"])  # no truth table, so no lifetime value
    assert {"affiliate.visits", "direct.cpc_vnd", "all.repeat_rate"} <= set(m) and "social.visits" not in m
    truth = pd.DataFrame({"customer_id": [f"KH{i}" for i in range(1, 9)], "lifetime_value_vnd": [100_000] * 8})
    assert channel_measures({**tables, "truth": truth})["all.ltv_roi"] == pytest.approx(7 / 3)


def test_channel_sweep_splits_names():
    # Two settings of one lever, three measures each (means made up for the test).
    summary = pd.DataFrame({"channels.social.daily_budget_vnd": [3500.0, 3500.0, 3500.0, 14000.0, 14000.0, 14000.0],
                            "measure": ["social.visits", "all.cpa_vnd", "social.roi"] * 2,
                            "mean": [100.0, 150_000.0, 2.0, 400.0, 120_000.0, 2.1], "sd": [1.0] * 6,
                            "ci_low": [90.0, 140_000.0, 1.5, 380.0, 110_000.0, 1.6],
                            "ci_high": [110.0, 160_000.0, 2.5, 420.0, 130_000.0, 2.6], "n_runs": [5] * 6})
    out = channel_sweep(summary)
    assert out.columns.tolist() == ["channels.social.daily_budget_vnd", "channel", "part", "column", "mean", "sd",
                                    "ci_low", "ci_high", "n_runs"]
    assert out["channel"].tolist()[:3] == ["social", "all", "social"]
    assert out["part"].tolist()[:3] == ["attraction", "conversion", "economics"]  # ROI is not in the scorecard
    kept = channel_sweep(summary, channels=["all"], columns=["cpa_vnd"])
    assert kept["mean"].tolist() == [150_000.0, 120_000.0]
    with pytest.raises(DataError) as err:
        channel_sweep(summary.assign(measure="nps"))
    assert err.value.fields == ["sweep.measure"]
    with pytest.raises(DataError) as err:
        channel_sweep(summary.drop(columns="ci_low"))
    assert err.value.fields == ["sweep.ci_low"]


def test_channel_measures_in_a_sweep_of_demo():
    summary = sim.sweep("demo", {"channels.social.daily_budget_vnd": [3500.0, 14000.0]}, seeds=[1],
                        measures=channel_measures)
    visits = channel_sweep(summary, channels=["social"], columns=["visits"])
    assert visits["mean"].iloc[1] > visits["mean"].iloc[0]  # four times the budget, more visitors


# ------------------------------------------------------------------------------- auction


@pytest.fixture
def shop() -> sim.Scenario:
    return sim.with_changes("demo", {
        "channels.paid_search.max_cpc_vnd": 20_000.0, "channels.paid_search.quality_score": 7.0,
        "channels.paid_search.competitor_bids_vnd": [25_000.0, 16_000.0, 12_000.0, 9_000.0],
        "channels.paid_search.competitor_quality_scores": [6.0, 8.0, 6.0, 7.0],
        "channels.paid_search.ctr_by_position": [0.06, 0.035, 0.025, 0.018, 0.012],
        "channels.paid_search.daily_searches": 200.0, "channels.paid_search.daily_budget_vnd": 400_000.0,
        "channels.paid_search.reserve_cpc_vnd": 1_500.0})


def test_scenario_auction_by_hand(shop):
    # Ranks: competitor_1 25,000 × 6 = 150,000; shop 20,000 × 7 = 140,000; competitor_2 16,000 × 8 = 128,000;
    # competitor_3 72,000; competitor_4 63,000. Five slots, so everyone is shown.
    out = scenario_auction(shop).set_index("advertiser")
    assert list(out.index) == ["competitor_1", "shop", "competitor_2", "competitor_3", "competitor_4"]
    ours = out.loc["shop"]
    assert ours["position"] == 2 and ours["cpc_vnd"] == pytest.approx(128_000 / 7 + 1)  # 18,286.71
    assert ours["ctr"] == 0.035 and ours["clicks_per_day"] == pytest.approx(7.0)  # 200 × 0.035; budget not binding
    assert ours["spend_per_day_vnd"] == pytest.approx(7 * (128_000 / 7 + 1))  # 128,007
    assert out.loc["competitor_4", "cpc_vnd"] == 1_500  # nobody below: the reserve price
    assert out.loc["competitor_4", "clicks_per_day"] == pytest.approx(2.4)  # 200 × 0.012


def test_scenario_auction_quality_score_budget_and_reserve(shop):
    # A better Quality Score: 20,000 × 10 = 200,000 is first, and pays 150,000 / 10 + 1 = 15,001 (less than before).
    top = scenario_auction(shop, quality_score=10.0).set_index("advertiser").loc["shop"]
    assert top["position"] == 1 and top["cpc_vnd"] == pytest.approx(15_001)
    assert top["clicks_per_day"] == pytest.approx(12.0)  # 200 × 0.06
    # A budget of 50,000 a day buys 50,000 / 18,286.71 = 2.734 clicks instead of 7.
    capped = scenario_auction(shop, daily_budget_vnd=50_000.0).set_index("advertiser").loc["shop"]
    assert capped["clicks_per_day"] == pytest.approx(50_000 / (128_000 / 7 + 1))
    assert capped["spend_per_day_vnd"] == pytest.approx(50_000)
    # A bid below the 1,500 reserve: no slot, no clicks, no cost.
    out = scenario_auction(shop, max_cpc_vnd=1_000.0).set_index("advertiser")
    assert out.loc["shop", "status"] == "below_reserve" and out.loc["shop", "clicks_per_day"] == 0
    assert out.loc["shop", "spend_per_day_vnd"] == 0 and out.loc["competitor_4", "position"] == 4
    with pytest.raises(ScenarioError):
        scenario_auction(shop, quality_score=11.0)
