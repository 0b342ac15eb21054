"""Customer extension and the activity/value summaries (lecture 001; Chaffey Fig 9.13, 9.15, 9.16, 9.17).

Hand-worked examples (expected values worked out in the comments), edge cases and bad input.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.measures import extension, retention, rfm, value

# --- segment_summary ------------------------------------------------------------------------------

# Five buyers (as_of = the latest last order, 2026-06-30):
#   A active   3 orders, last 2026-06-30, truly churned: never
#   B active   1 order,  last 2026-06-20, truly churned 2026-07-15 (after as_of: not yet)
#   C inactive 2 orders, last 2026-04-01, truly churned 2026-05-01
#   D lapsed   1 order,  last 2026-01-01, truly churned 2026-02-01
#   E lapsed   1 order,  last 2025-12-01, truly churned: never
# active: 2 customers, share 2/5 = 0.4, mean orders (3 + 1)/2 = 2.0, churned 0 -> 0/2 = 0.0
# inactive: 1, 0.2, 2.0, churned 1 -> 1.0
# lapsed: 2, 0.4, (1 + 1)/2 = 1.0, churned 1 (D) -> 0.5
SEGMENTS = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E"],
    "orders": [3, 1, 2, 1, 1],
    "last_order_at": pd.to_datetime(["2026-06-30", "2026-06-20", "2026-04-01", "2026-01-01", "2025-12-01"]),
    "activity_segment": ["active", "active", "inactive", "lapsed", "lapsed"],
})
TRUTH = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E", "F"],
    "churned_at": [None, "2026-07-15 00:00:00", "2026-05-01 00:00:00", "2026-02-01 00:00:00", None, "2026-03-01 00:00:00"],
})


def test_segment_summary_five_buyers():
    got = extension.segment_summary(SEGMENTS, "activity_segment", retention.ACTIVITY_SEGMENTS)
    assert list(got.columns) == ["segment", "customers", "share", "mean_orders"]
    assert got["segment"].tolist() == ["active", "inactive", "lapsed"]
    assert got["customers"].tolist() == [2, 1, 2]
    assert got["share"].tolist() == pytest.approx([0.4, 0.2, 0.4])
    assert got["mean_orders"].tolist() == pytest.approx([2.0, 2.0, 1.0])


def test_segment_summary_with_truth():
    got = extension.segment_summary(SEGMENTS, "activity_segment", retention.ACTIVITY_SEGMENTS, truth=TRUTH)
    assert got["churned"].tolist() == [0, 1, 1]
    assert got["churned_share"].tolist() == pytest.approx([0.0, 1.0, 0.5])
    # A later as_of: B's churn on 2026-07-15 now counts -> active 1/2 = 0.5
    later = extension.segment_summary(SEGMENTS, "activity_segment", retention.ACTIVITY_SEGMENTS, truth=TRUTH,
                                      as_of="2026-08-01 00:00:00")
    assert later["churned"].tolist() == [1, 1, 1]
    assert later["churned_share"].tolist() == pytest.approx([0.5, 1.0, 0.5])


def test_segment_summary_empty_segments_and_unknown_keys():
    # Keys "active" and "inactive" only: "lapsed" is not a key, so it comes after them; a key
    # nobody holds has 0 customers, share 0 and no mean.
    got = extension.segment_summary(SEGMENTS.iloc[2:], "activity_segment", ["active", "inactive"])
    assert got["segment"].tolist() == ["active", "inactive", "lapsed"]
    assert got["customers"].tolist() == [0, 1, 2]
    assert got["share"].tolist() == pytest.approx([0.0, 1 / 3, 2 / 3])
    assert math.isnan(got["mean_orders"].iloc[0])
    # keys=None: the segments found, sorted
    assert extension.segment_summary(SEGMENTS, "activity_segment")["segment"].tolist() == ["active", "inactive", "lapsed"]
    empty = extension.segment_summary(SEGMENTS.iloc[0:0], "activity_segment", retention.ACTIVITY_SEGMENTS, truth=TRUTH)
    assert empty["customers"].tolist() == [0, 0, 0]
    assert all(math.isnan(x) for x in empty["share"]) and all(math.isnan(x) for x in empty["churned_share"])


def test_segment_summary_bad_input():
    with pytest.raises(DataError) as err:
        extension.segment_summary(SEGMENTS.drop(columns="orders"), "activity_segment")
    assert err.value.fields == ["segments.orders"]
    with pytest.raises(DataError) as err:
        extension.segment_summary(SEGMENTS, "activity_segment", truth=TRUTH[TRUTH["customer_id"] != "C"])
    assert err.value.fields == ["truth.customer_id"]
    with pytest.raises(DataError) as err:
        extension.segment_summary(SEGMENTS.drop(columns="last_order_at"), "activity_segment", truth=TRUTH)
    assert err.value.fields == ["as_of"]


def test_segment_summary_of_lifecycle_segments(demo_result):
    segments = retention.lifecycle_segments(demo_result.customers, demo_result.journey, demo_result.orders)
    got = extension.segment_summary(segments, "lifecycle_segment", retention.LIFECYCLE_SEGMENTS)
    assert got["segment"].tolist() == list(retention.LIFECYCLE_SEGMENTS)
    assert got["customers"].sum() == len(demo_result.customers)
    assert got["share"].sum() == pytest.approx(1.0)


# --- repeat_metrics_by ----------------------------------------------------------------------------

# p1: A (100, 300) and B (200): buyers 2, repeat base 1 (A), rate 1/2 = 0.5, repeat transactions 2,
#     per repeat customer 2/1 = 2.0, repeat revenue 100 + 300 = 400, per transaction 400/2 = 200
# p2: C (50, 50, 80): buyers 1, base 1, rate 1.0, transactions 3, per customer 3.0, revenue 180, per transaction 60
REPEAT_ORDERS = pd.DataFrame({"customer_id": ["A", "B", "C", "A", "C", "C"], "amount_vnd": [100, 200, 50, 300, 50, 80]})
PEOPLE = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "persona": ["p1", "p1", "p2", "p3"]})


def test_repeat_metrics_by_persona():
    got = extension.repeat_metrics_by(REPEAT_ORDERS, PEOPLE, by="persona")
    assert got.index.tolist() == ["p1", "p2"] and got.index.name == "persona"
    assert list(got.columns) == list(extension.REPEAT_METRICS)
    assert got.loc["p1"].tolist() == pytest.approx([2, 1, 0.5, 2, 2.0, 400.0, 200.0])
    assert got.loc["p2"].tolist() == pytest.approx([1, 1, 1.0, 3, 3.0, 180.0, 60.0])
    assert got["buyers"].dtype.kind == "i"


def test_repeat_metrics_by_edge_cases():
    empty = extension.repeat_metrics_by(REPEAT_ORDERS.iloc[0:0], PEOPLE)
    assert empty.empty and list(empty.columns) == list(extension.REPEAT_METRICS)
    # one group, nobody bought twice: rate 0, per-repeat measures undefined
    single = extension.repeat_metrics_by(REPEAT_ORDERS.iloc[[1]], PEOPLE)
    assert single.loc["p1", "repeat_conversion_rate"] == 0.0
    assert math.isnan(single.loc["p1", "transactions_per_repeat_customer"])
    with pytest.raises(DataError) as err:
        extension.repeat_metrics_by(REPEAT_ORDERS, PEOPLE[PEOPLE["customer_id"] != "C"])
    assert err.value.fields == ["customers.customer_id"]
    with pytest.raises(DataError) as err:
        extension.repeat_metrics_by(REPEAT_ORDERS, PEOPLE, by="city")
    assert err.value.fields == ["customers.city"]


# --- ltv_by_group ---------------------------------------------------------------------------------

# email: A margin 300 − cost 100 = 200; B margin 50 − cost 150 = −100
#   buyers 2, mean margin 175, mean cost 125, mean LTV 50, negative share 1/2, total 100
# direct: C margin 400 − 0 = 400: buyers 1, 400, 0, 400, 0.0, 400
LTV = pd.DataFrame({"customer_id": ["A", "B", "C"], "orders": [2, 1, 1], "margin_vnd": [300.0, 50.0, 400.0],
                    "acquisition_cost_vnd": [100.0, 150.0, 0.0], "ltv_vnd": [200.0, -100.0, 400.0]})
CHANNELS = pd.DataFrame({"customer_id": ["A", "B", "C"], "acquired_via": ["email", "email", "direct"]})


def test_ltv_by_group_channels():
    got = extension.ltv_by_group(LTV, CHANNELS)
    assert got.index.tolist() == ["direct", "email"] and got.index.name == "acquired_via"
    assert got.loc["email"].tolist() == pytest.approx([2, 175.0, 125.0, 50.0, 0.5, 100.0])
    assert got.loc["direct"].tolist() == pytest.approx([1, 400.0, 0.0, 400.0, 0.0, 400.0])


def test_ltv_by_group_from_historical_ltv_and_edge_cases():
    # A buys twice (margins 10 and 30), acquisition cost 50 -> net 40 − 50 = −10: negative share 1.0
    orders = pd.DataFrame({"customer_id": ["A", "A"], "at": ["2026-01-01 00:00:00", "2026-02-01 00:00:00"], "margin_vnd": [10, 30]})
    customers = pd.DataFrame({"customer_id": ["A"], "acquisition_cost_vnd": [50], "acquired_via": ["social"]})
    got = extension.ltv_by_group(value.historical_ltv(orders, customers, net_of_acquisition_cost=True), customers)
    assert got.loc["social"].tolist() == pytest.approx([1, 40.0, 50.0, -10.0, 1.0, -10.0])
    assert extension.ltv_by_group(LTV.iloc[0:0], CHANNELS).empty
    with pytest.raises(DataError) as err:
        extension.ltv_by_group(LTV.drop(columns="acquisition_cost_vnd"), CHANNELS)
    assert err.value.fields == ["ltv.acquisition_cost_vnd"]


# --- formula_ltv_curve ----------------------------------------------------------------------------

def test_formula_ltv_curve_with_the_chosen_rate_off_the_grid():
    # m = 1,000,000, d = 0.1, grid 0, 0.25, 0.5, 0.75 plus the chosen r = 0.6:
    #   r = 0    -> 0
    #   r = 0.25 -> 1e6 × 0.25 / 0.85 = 294,117.647…
    #   r = 0.5  -> 1e6 × 0.5 / 0.6   = 833,333.333…
    #   r = 0.6  -> 1e6 × 0.6 / 0.5   = 1,200,000
    #   r = 0.75 -> 1e6 × 0.75 / 0.35 = 2,142,857.142…
    got = extension.formula_ltv_curve(1_000_000, 0.6, 0.1, max_retention=0.75, step=0.25)
    assert got["retention_rate"].tolist() == pytest.approx([0.0, 0.25, 0.5, 0.6, 0.75])
    assert got["ltv_vnd"].tolist() == pytest.approx([0.0, 294_117.647, 833_333.333, 1_200_000.0, 2_142_857.143], abs=0.01)
    assert got["chosen"].tolist() == [False, False, False, True, False]
    assert got.attrs["ltv_vnd"] == pytest.approx(1_200_000.0)
    assert got.attrs["margin_vnd"] == 1_000_000 and got.attrs["discount_rate"] == 0.1


def test_formula_ltv_curve_on_the_grid_and_with_a_horizon():
    # r = 0.5 is on the grid: no extra row. One year only: m × 0.5 / 1.1 = 454,545.45…
    got = extension.formula_ltv_curve(1_000_000, 0.5, 0.1, horizon_years=1, max_retention=0.75, step=0.25)
    assert got["retention_rate"].tolist() == pytest.approx([0.0, 0.25, 0.5, 0.75])
    assert got["chosen"].tolist() == [False, False, True, False]
    assert got.loc[2, "ltv_vnd"] == pytest.approx(454_545.4545, abs=0.01)
    # the default grid: 0, 0.01, …, 0.95 -> 96 points
    assert len(extension.formula_ltv_curve(100, 0.3, 0.0)) == 96


def test_formula_ltv_curve_bad_arguments():
    with pytest.raises(DataError) as err:
        extension.formula_ltv_curve(1_000, 1.0, 0.1)
    assert err.value.fields == ["retention_rate"]
    with pytest.raises(DataError) as err:
        extension.formula_ltv_curve(1_000, 0.5, -0.1)
    assert err.value.fields == ["discount_rate"]
    with pytest.raises(DataError) as err:
        extension.formula_ltv_curve(1_000, 0.5, 0.1, max_retention=1.0)
    assert err.value.fields == ["max_retention"]
    with pytest.raises(DataError) as err:
        extension.formula_ltv_curve(1_000, 0.5, 0.1, step=0)
    assert err.value.fields == ["step"]


# --- ltv_with_truth and tier_agreement ------------------------------------------------------------

def test_ltv_with_truth_adds_the_true_value_in_the_estimates_order():
    estimates = pd.DataFrame({"customer_id": ["A", "B"], "future_value_vnd": [5.0, 7.0]})
    truth = pd.DataFrame({"customer_id": ["B", "A", "C"], "future_margin_vnd": [10, 20, 5]})
    got = extension.ltv_with_truth(estimates, truth)
    assert got["customer_id"].tolist() == ["A", "B"]
    assert got["future_margin_vnd"].tolist() == [20.0, 10.0]
    assert "future_margin_vnd" not in estimates.columns
    with pytest.raises(DataError) as err:
        extension.ltv_with_truth(estimates, truth[truth["customer_id"] != "A"])
    assert err.value.fields == ["truth.customer_id"]


def test_tier_agreement_counts_the_pairs():
    # In both tables: A bronze/bronze, B silver/bronze, C gold/gold, D platinum/gold; E only in the truth.
    # diagonal: A and C -> agreement 2/4 = 0.5
    estimated = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "tier": ["bronze", "silver", "gold", "platinum"]})
    true = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"], "tier": ["bronze", "bronze", "gold", "gold", "platinum"]})
    got = extension.tier_agreement(estimated, true)
    assert got.index.tolist() == ["bronze", "silver", "gold", "platinum"] == got.columns.tolist()
    assert got.to_numpy().tolist() == [[1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0]]
    assert got.attrs["agreement"] == 0.5
    empty = extension.tier_agreement(estimated.iloc[0:0], true)
    assert empty.to_numpy().sum() == 0 and math.isnan(empty.attrs["agreement"])


# --- offer_shares, offer_value, offer_measures ----------------------------------------------------

# fashion: 4 orders; cross-sell in orders 1 and 4 -> 2/4 = 0.5; up-sell in orders 2 and 4 -> 2/4 = 0.5
# books: 1 order, no offer -> 0 and 0.0
# flags as text, the way a CSV gives them
OFFER_ORDERS = pd.DataFrame({
    "customer_id": ["A", "A", "B", "C", "C"],
    "category": ["fashion", "fashion", "fashion", "fashion", "books"],
    "cross_sell": ["True", "False", "False", "True", "False"],
    "up_sell": ["False", "True", "False", "True", "False"],
    "amount_vnd": [250, 300, 100, 500, 80],
    "margin_vnd": [70, 60, 20, 150, 20],
    "items": [2, 1, 1, 3, 1],
})


def test_offer_shares_by_category():
    got = extension.offer_shares(OFFER_ORDERS, by="category")
    assert got.index.tolist() == ["books", "fashion"] and got.index.name == "category"
    assert list(got.columns) == ["orders", "cross_sell_orders", "cross_sell_share", "up_sell_orders", "up_sell_share"]
    assert got.loc["fashion"].tolist() == pytest.approx([4, 2, 0.5, 2, 0.5])
    assert got.loc["books"].tolist() == pytest.approx([1, 0, 0.0, 0, 0.0])


def test_offer_shares_by_a_customer_column_and_bad_input():
    # p1 = A (orders 1, 2) and B (order 3): 3 orders, cross-sell 1/3, up-sell 1/3; p2 = C: 2 orders, 1/2 and 1/2
    people = pd.DataFrame({"customer_id": ["A", "B", "C"], "persona": ["p1", "p1", "p2"]})
    got = extension.offer_shares(OFFER_ORDERS, people, by="persona")
    assert got.loc["p1"].tolist() == pytest.approx([3, 1, 1 / 3, 1, 1 / 3])
    assert got.loc["p2"].tolist() == pytest.approx([2, 1, 0.5, 1, 0.5])
    with pytest.raises(DataError) as err:
        extension.offer_shares(OFFER_ORDERS, by="persona")
    assert err.value.fields == ["by"]
    with pytest.raises(DataError) as err:
        extension.offer_shares(OFFER_ORDERS.assign(up_sell="maybe"))
    assert err.value.fields == ["orders.up_sell"]
    assert extension.offer_shares(OFFER_ORDERS.iloc[0:0]).empty


def test_offer_value_by_kind():
    # none: orders 3 (100, 20, 1) and 5 (80, 20, 1): 2 orders, share 2/5, mean amount 90, margin 20, items 1
    # cross_sell only: order 1 (250, 70, 2); up_sell only: order 2 (300, 60, 1); both: order 4 (500, 150, 3)
    got = extension.offer_value(OFFER_ORDERS)
    assert got.index.tolist() == ["none", "cross_sell", "up_sell", "both"]
    assert got.loc["none"].tolist() == pytest.approx([2, 0.4, 90.0, 20.0, 1.0])
    assert got.loc["cross_sell"].tolist() == pytest.approx([1, 0.2, 250.0, 70.0, 2.0])
    assert got.loc["up_sell"].tolist() == pytest.approx([1, 0.2, 300.0, 60.0, 1.0])
    assert got.loc["both"].tolist() == pytest.approx([1, 0.2, 500.0, 150.0, 3.0])
    # no order took both: 0 orders, no means
    partial = extension.offer_value(OFFER_ORDERS.drop(index=3))
    assert partial.loc["both", "orders"] == 0 and math.isnan(partial.loc["both", "mean_amount_vnd"])


def test_offer_measures_of_a_run():
    # 5 orders, 3 buyers (A 2 orders, B 1, C 2): cross-sell 2/5 = 0.4, up-sell 2/5 = 0.4,
    # mean order value (250 + 300 + 100 + 500 + 80)/5 = 246, margin per buyer (70 + 60 + 20 + 150 + 20)/3 = 320/3,
    # repeat conversion 2/3 (A and C), satisfaction (4 + 5 + 3)/3 = 4.0
    surveys = pd.DataFrame({"satisfaction": [4, 5, 3]})
    expected = {"cross_sell_share": 0.4, "up_sell_share": 0.4, "mean_order_value_vnd": 246.0,
                "margin_per_buyer_vnd": 320 / 3, "repeat_conversion_rate": 2 / 3, "mean_satisfaction": 4.0}
    assert extension.offer_measures({"orders": OFFER_ORDERS, "surveys": surveys}) == pytest.approx(expected)
    empty = extension.offer_measures({"orders": OFFER_ORDERS.iloc[0:0], "surveys": surveys.iloc[0:0]})
    assert all(math.isnan(v) for v in empty.values())
    with pytest.raises(DataError) as err:
        extension.offer_measures({"orders": OFFER_ORDERS})
    assert err.value.fields == ["tables['surveys']"]


def test_offer_measures_in_a_sweep():

    table = sim.sweep("demo", {"catalogue.up_sell_prob": [0.0]}, seeds=[3], measures=extension.offer_measures)
    means = table.set_index("measure")["mean"]
    assert means["up_sell_share"] == 0.0
    assert 0 < means["cross_sell_share"] < 1 and means["mean_order_value_vnd"] > 0


# --- rfm_grid and segment_by_category -------------------------------------------------------------

def test_rfm_grid_three_customers():
    # (R 5, F 5): two customers with M 5 (900) and M 3 (300) -> mean M 4.0, mean monetary 600, share 2/3, champions
    # (R 1, F 1): one customer, M 1 (50) -> share 1/3, lost; the 23 other cells are empty
    scores = pd.DataFrame({"r_score": [5, 5, 1], "f_score": [5, 5, 1], "m_score": [5, 3, 1], "monetary_vnd": [900, 300, 50]})
    got = extension.rfm_grid(scores)
    assert len(got) == 25
    assert got[["r_score", "f_score"]].iloc[0].tolist() == [5, 1] and got["segment"].iloc[0] == "new"
    top = got[(got["r_score"] == 5) & (got["f_score"] == 5)].iloc[0]
    assert (top["segment"], top["customers"]) == ("champions", 2)
    assert [top["share"], top["mean_m_score"], top["mean_monetary_vnd"]] == pytest.approx([2 / 3, 4.0, 600.0])
    low = got[(got["r_score"] == 1) & (got["f_score"] == 1)].iloc[0]
    assert (low["segment"], low["customers"], low["mean_m_score"]) == ("lost", 1, 1.0)
    assert got["customers"].sum() == 3 and got["mean_m_score"].isna().sum() == 23


def test_rfm_grid_empty_and_from_real_scores(demo_result):
    empty = extension.rfm_grid(pd.DataFrame(columns=["r_score", "f_score", "m_score", "monetary_vnd"]))
    assert len(empty) == 25 and empty["customers"].sum() == 0 and empty["share"].isna().all()
    scores = rfm.rfm_scores(rfm.rfm_table(demo_result.orders))
    assert extension.rfm_grid(scores)["customers"].sum() == len(scores)
    with pytest.raises(DataError) as err:
        extension.rfm_grid(scores.drop(columns="m_score"))
    assert err.value.fields == ["scores.m_score"]


def test_segment_by_category_counts_customers():
    # champions: 2 fashion; lost: 1 books; a student's own segment "vip": 1 books
    segmented = pd.DataFrame({"segment": ["champions", "champions", "lost", "vip"],
                              "main_category": ["fashion", "fashion", "books", "books"]})
    got = extension.segment_by_category(segmented)
    assert got.index.tolist() == [*rfm.RFM_SEGMENTS, "vip"]
    assert got.columns.tolist() == ["books", "fashion"]
    assert got.loc["champions"].tolist() == [0, 2]
    assert got.loc["lost"].tolist() == [1, 0]
    assert got.loc["vip"].tolist() == [1, 0]
    assert got.to_numpy().sum() == 4
    empty = extension.segment_by_category(segmented.iloc[0:0])
    assert empty.index.tolist() == list(rfm.RFM_SEGMENTS) and empty.shape[1] == 0
    with pytest.raises(DataError) as err:
        extension.segment_by_category(segmented.drop(columns="main_category"))
    assert err.value.fields == ["segmented.main_category"]


# --- extension_triggers ---------------------------------------------------------------------------

def test_extension_triggers_by_hand():
    # A/1 opened by a new-item e-mail, bought; A/2 new-item e-mail, dropped out; B/1 trade-in, bought;
    # B/2 a campaign (not a trigger of extension), bought; no recommendation journey
    #   need_recommendation 0 journeys (conversion undefined); need_new_item 2, 1 bought -> 1/2; need_trade_in 1, 1 -> 1
    journey = pd.DataFrame({
        "customer_id": ["A", "A", "A", "A", "B", "B", "B", "B"],
        "journey_no": [1, 1, 2, 2, 1, 1, 2, 2],
        "event": ["need_new_item", "purchased", "need_new_item", "dropout", "need_trade_in", "purchased",
                  "need_campaign", "purchased"],
    })
    got = extension.extension_triggers(journey)
    assert got["event"].tolist() == ["need_recommendation", "need_new_item", "need_trade_in"]
    assert got["journeys"].tolist() == [0, 2, 1]
    assert got["purchases"].tolist() == [0, 1, 1]
    assert math.isnan(got["conversion"].iloc[0])
    assert got["conversion"].iloc[1:].tolist() == pytest.approx([0.5, 1.0])
    with pytest.raises(DataError) as err:
        extension.extension_triggers(journey.drop(columns="journey_no"))
    assert err.value.fields == ["journey.journey_no"]
