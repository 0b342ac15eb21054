"""Customer value (lecture 001 LTV, Chaffey Fig 9.14–9.15; lecture 000 §3): hand-worked examples, edge cases, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures import value

# Five customers, as_of = the last order, 2026-12-31 00:00 (worked by hand):
#   with period_days = 182.5: B = (2026-07-01 12:00, 2026-12-31], A = (2025-12-31, 2026-07-01 12:00]
#   A (active in A and B)   2026-01-10 100,000 · 2026-08-01 200,000   -> historical 300,000
#   B (A only)              2026-03-01  50,000                        -> historical  50,000
#   C (B only)              2026-09-15 300,000 · 2026-12-31 100,000   -> historical 400,000
#   D (A and B)             2026-05-01  80,000 · 2026-11-01 120,000   -> historical 200,000
#   E (A only)              2026-02-01  70,000                        -> historical  70,000
#   active in A: A, B, D, E = 4; active in B: A, C, D = 3; in both: A, D = 2 -> r = 2/4 = 0.5
#   last 365 days hold every order: 1,020,000 margin over 5 customers -> m = 204,000
ORDERS = pd.DataFrame({
    "customer_id": ["A", "A", "B", "C", "C", "D", "D", "E"],
    "at": ["2026-01-10 00:00:00", "2026-08-01 00:00:00", "2026-03-01 00:00:00", "2026-09-15 00:00:00",
           "2026-12-31 00:00:00", "2026-05-01 00:00:00", "2026-11-01 00:00:00", "2026-02-01 00:00:00"],
    "margin_vnd": [100_000, 200_000, 50_000, 300_000, 100_000, 80_000, 120_000, 70_000],
})
CUSTOMERS = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E", "F"],
    "acquisition_cost_vnd": [50_000, 0, 100_000, 20_000, 10_000, 30_000],
})


def one_order(customer="A", at="2026-06-01 00:00:00", margin=10_000) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [customer], "at": [at], "margin_vnd": [margin]})


# --- historical_ltv -------------------------------------------------------------------------------

def test_historical_ltv_sums_margin_per_customer():
    out = value.historical_ltv(ORDERS)
    assert out["customer_id"].tolist() == ["A", "B", "C", "D", "E"]
    assert out["orders"].tolist() == [2, 1, 2, 2, 1]
    assert out["ltv_vnd"].tolist() == [300_000, 50_000, 400_000, 200_000, 70_000]


def test_historical_ltv_net_of_acquisition_cost():
    # A 300,000 − 50,000 = 250,000; B 50,000 − 0; C 400,000 − 100,000; D 200,000 − 20,000; E 70,000 − 10,000.
    # F never ordered, so it is not a customer yet and has no row.
    out = value.historical_ltv(ORDERS, CUSTOMERS, net_of_acquisition_cost=True)
    assert out["acquisition_cost_vnd"].tolist() == [50_000, 0, 100_000, 20_000, 10_000]
    assert out["ltv_vnd"].tolist() == [250_000, 50_000, 300_000, 180_000, 60_000]


def test_historical_ltv_counts_only_orders_up_to_as_of():
    # Up to 2026-06-30: A 100,000 (Jan), B 50,000, D 80,000 (May), E 70,000; C has not ordered yet.
    out = value.historical_ltv(ORDERS, as_of="2026-06-30 00:00:00")
    assert dict(zip(out["customer_id"], out["ltv_vnd"], strict=True)) == {"A": 100_000, "B": 50_000, "D": 80_000, "E": 70_000}


def test_historical_ltv_edge_cases():
    empty = value.historical_ltv(ORDERS.iloc[0:0])
    assert empty.empty and list(empty.columns) == ["customer_id", "orders", "margin_vnd", "ltv_vnd"]
    single = value.historical_ltv(one_order())
    assert single["ltv_vnd"].tolist() == [10_000]


def test_historical_ltv_bad_input():
    with pytest.raises(DataError) as err:
        value.historical_ltv(ORDERS.drop(columns="margin_vnd"))
    assert err.value.fields == ["orders.margin_vnd"]
    with pytest.raises(DataError) as err:
        value.historical_ltv(ORDERS, net_of_acquisition_cost=True)
    assert err.value.fields == ["customers"]
    with pytest.raises(DataError) as err:
        value.historical_ltv(ORDERS, CUSTOMERS.drop(columns="acquisition_cost_vnd"), net_of_acquisition_cost=True)
    assert err.value.fields == ["customers.acquisition_cost_vnd"]
    with pytest.raises(DataError) as err:
        value.historical_ltv(ORDERS, CUSTOMERS[CUSTOMERS["customer_id"] != "C"], net_of_acquisition_cost=True)
    assert err.value.fields == ["customers.customer_id"] and "'C'" in str(err.value)
    with pytest.raises(DataError) as err:
        value.historical_ltv(ORDERS, as_of="not a date")
    assert err.value.fields == ["as_of"]


# --- formula_ltv ----------------------------------------------------------------------------------

def test_formula_ltv_lecture_example():
    # 1,000,000 × 0.6 / (1 + 0.1 − 0.6) = 1,000,000 × 0.6 / 0.5 = 1,200,000
    assert value.formula_ltv(1_000_000, 0.6, 0.1) == pytest.approx(1_200_000)


def test_formula_ltv_other_cases():
    assert value.formula_ltv(1_000_000, 0, 0.1) == 0  # r = 0: nobody comes back
    assert value.formula_ltv(100, 0.5, 0) == pytest.approx(100)  # 100 × 0.5 / 0.5
    # horizon: q = r / (1 + d) = 0.6 / 1.2 = 0.5; T = 1: 500,000; T = 2: 500,000 + 250,000 = 750,000; T = 0: 0
    assert value.formula_ltv(1_000_000, 0.6, 0.2, horizon_years=1) == pytest.approx(500_000)
    assert value.formula_ltv(1_000_000, 0.6, 0.2, horizon_years=2) == pytest.approx(750_000)
    assert value.formula_ltv(1_000_000, 0.6, 0.2, horizon_years=0) == 0
    assert value.formula_ltv(np.int64(1_000_000), np.float64(0.6), 0.1) == pytest.approx(1_200_000)


@pytest.mark.parametrize(("args", "field"), [
    ((1_000, 1.0, 0.1), "retention_rate"),
    ((1_000, -0.1, 0.1), "retention_rate"),
    ((1_000, 0.5, -0.01), "discount_rate"),
    (("abc", 0.5, 0.1), "margin_vnd"),
])
def test_formula_ltv_refuses_bad_arguments(args, field):
    with pytest.raises(DataError) as err:
        value.formula_ltv(*args)
    assert err.value.fields == [field]


def test_formula_ltv_refuses_a_fractional_horizon():
    with pytest.raises(DataError) as err:
        value.formula_ltv(1_000, 0.5, 0.1, horizon_years=1.5)
    assert err.value.fields == ["horizon_years"]


# --- estimate_margin_and_retention ------------------------------------------------------------------

def test_estimate_margin_and_retention_by_hand():
    est = value.estimate_margin_and_retention(ORDERS)
    assert est["as_of"] == pd.Timestamp("2026-12-31")
    assert (est["customers_period_a"], est["retained"], est["customers_period_b"]) == (4, 2, 3)
    assert est["retention_rate"] == pytest.approx(0.5)
    assert est["customers_last_year"] == 5
    assert est["margin_per_customer_year_vnd"] == pytest.approx(204_000)


def test_estimate_margin_and_retention_edge_cases():
    empty = value.estimate_margin_and_retention(ORDERS.iloc[0:0])
    assert empty["customers_period_a"] == 0 and math.isnan(empty["retention_rate"])
    assert math.isnan(empty["margin_per_customer_year_vnd"])
    # One customer, one order (in B): nobody in A, so no retention; m = that order's margin.
    single = value.estimate_margin_and_retention(one_order())
    assert math.isnan(single["retention_rate"]) and single["margin_per_customer_year_vnd"] == 10_000
    # No repeat buyers: X buys in A only, Y in B only -> r = 0 / 1 = 0.
    no_repeat = pd.concat([one_order("X", "2026-01-15 00:00:00"), one_order("Y", "2026-12-01 00:00:00")])
    assert value.estimate_margin_and_retention(no_repeat)["retention_rate"] == 0


def test_estimate_margin_and_retention_bad_input():
    with pytest.raises(DataError) as err:
        value.estimate_margin_and_retention(ORDERS, period_days=0)
    assert err.value.fields == ["period_days"]
    with pytest.raises(DataError) as err:
        value.estimate_margin_and_retention(ORDERS.drop(columns="at"))
    assert err.value.fields == ["orders.at"]


# --- ltv_estimates --------------------------------------------------------------------------------

def test_ltv_estimates_by_hand():
    # r = 0.5, d = 0.5: factor = 0.5 / (1 + 0.5 − 0.5) = 0.5. Active in B: A, C, D.
    #   A: last-year margin 300,000 -> future 150,000; C: 400,000 -> 200,000; D: 200,000 -> 100,000; B, E: 0.
    out = value.ltv_estimates(ORDERS, discount_rate=0.5)
    assert out["active"].tolist() == [True, False, True, True, False]
    assert out["future_value_vnd"].tolist() == pytest.approx([150_000, 0, 200_000, 100_000, 0])
    assert out["ltv_vnd"].tolist() == pytest.approx([450_000, 50_000, 600_000, 300_000, 70_000])
    assert out.attrs["retention_rate"] == pytest.approx(0.5)


def test_ltv_estimates_with_horizon_and_given_retention():
    # r = 0.5, d = 0.25, one year: q = 0.5 / 1.25 = 0.4 -> A: 300,000 × 0.4 = 120,000
    out = value.ltv_estimates(ORDERS, discount_rate=0.25, horizon_years=1)
    assert out.loc[out["customer_id"] == "A", "future_value_vnd"].item() == pytest.approx(120_000)
    # r given as 0.2, d = 0: factor 0.2 / 0.8 = 0.25 -> C: 400,000 × 0.25 = 100,000
    out = value.ltv_estimates(ORDERS, discount_rate=0, retention_rate=0.2)
    assert out.loc[out["customer_id"] == "C", "future_value_vnd"].item() == pytest.approx(100_000)


def test_ltv_estimates_edge_cases():
    empty = value.ltv_estimates(ORDERS.iloc[0:0])
    assert empty.empty and "future_value_vnd" in empty.columns
    # One customer: r cannot be estimated -> DataError naming retention_rate; with r given it works.
    with pytest.raises(DataError) as err:
        value.ltv_estimates(one_order())
    assert err.value.fields == ["retention_rate"]
    single = value.ltv_estimates(one_order(), retention_rate=0.5, discount_rate=0.5)
    assert single["future_value_vnd"].tolist() == [5_000]
    # Every customer identical and loyal (buys in A and in B): r = 1, the formula has no finite value.
    loyal = pd.concat([one_order(c, at) for c in ("P", "Q") for at in ("2026-03-01 00:00:00", "2026-12-01 00:00:00")])
    with pytest.raises(DataError) as err:
        value.ltv_estimates(loyal)
    assert err.value.fields == ["retention_rate"]


# --- ltv_errors / ltv_accuracy ----------------------------------------------------------------------

ESTIMATES = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4"], "future_value_vnd": [100, 200, 300, 0]})
TRUTH = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4", "c5"], "persona": ["p", "p", "q", "q", "q"],
                      "future_margin_vnd": [150, 100, 300, 50, 999]})


def test_ltv_errors_by_hand():
    out = value.ltv_errors(ESTIMATES, TRUTH)
    assert out["customer_id"].tolist() == ["c1", "c2", "c3", "c4"]  # c5 has no estimate
    assert out["persona"].tolist() == ["p", "p", "q", "q"]
    assert out["error_vnd"].tolist() == [-50, 100, 0, -50]
    assert out["abs_error_vnd"].tolist() == [50, 100, 0, 50]


def test_ltv_errors_edge_cases():
    assert value.ltv_errors(ESTIMATES.iloc[0:0], TRUTH).empty
    single = value.ltv_errors(ESTIMATES.iloc[[1]], TRUTH.drop(columns="persona"))  # no persona column: none in the result
    assert list(single.columns) == ["customer_id", "estimate_vnd", "truth_vnd", "error_vnd", "abs_error_vnd"]
    assert single["error_vnd"].tolist() == [100]
    # The columns are chosen by name: the same numbers under the lifetime names give the same errors.
    both = value.ltv_errors(ESTIMATES.rename(columns={"future_value_vnd": "ltv_vnd"}),
                            TRUTH.rename(columns={"future_margin_vnd": "lifetime_value_vnd"}), "ltv_vnd", "lifetime_value_vnd")
    assert both["error_vnd"].tolist() == [-50, 100, 0, -50]


def test_ltv_accuracy_by_hand():
    # MAE = (50 + 100 + 0 + 50) / 4 = 50; bias = (−50 + 100 + 0 − 50) / 4 = 0
    # ranks of the estimate (c1..c4) = 2, 3, 4, 1; of the truth = 3, 2, 4, 1; Σd² = 2
    # Spearman = 1 − 6 × 2 / (4 × (16 − 1)) = 1 − 12 / 60 = 0.8
    out = value.ltv_accuracy(value.ltv_errors(ESTIMATES, TRUTH))
    row = out.iloc[0]
    assert row["customers"] == 4
    assert (row["mae_vnd"], row["bias_vnd"]) == (50, 0)
    assert (row["mean_estimate_vnd"], row["mean_truth_vnd"]) == (150, 150)
    assert row["spearman"] == pytest.approx(0.8)


def test_ltv_accuracy_by_persona():
    # p: errors −50, +100 -> MAE 75, bias 25; estimate 100 < 200 but truth 150 > 100 -> Spearman −1
    # q: errors 0, −50 -> MAE 25, bias −25; same order in both -> Spearman 1
    out = value.ltv_accuracy(value.ltv_errors(ESTIMATES, TRUTH), by="persona")
    assert out["persona"].tolist() == ["p", "q"]
    assert out["mae_vnd"].tolist() == [75, 25]
    assert out["bias_vnd"].tolist() == [25, -25]
    assert out["spearman"].tolist() == pytest.approx([-1, 1])


def test_ltv_accuracy_edge_cases():
    errors = value.ltv_errors(ESTIMATES, TRUTH)
    empty = value.ltv_accuracy(errors.iloc[0:0])
    assert empty["customers"].item() == 0 and math.isnan(empty["mae_vnd"].item()) and math.isnan(empty["spearman"].item())
    assert value.ltv_accuracy(errors.iloc[0:0], by="persona").empty
    single = value.ltv_accuracy(errors.iloc[[1]])
    assert single["mae_vnd"].item() == 100 and math.isnan(single["spearman"].item())
    constant = errors.assign(estimate_vnd=0.0, error_vnd=lambda d: 0.0 - d["truth_vnd"])
    assert math.isnan(value.ltv_accuracy(constant)["spearman"].item())


def test_ltv_errors_and_accuracy_bad_input():
    with pytest.raises(DataError) as err:
        value.ltv_errors(ESTIMATES, TRUTH.drop(columns="future_margin_vnd"))
    assert err.value.fields == ["truth.future_margin_vnd"]
    with pytest.raises(DataError) as err:
        value.ltv_errors(ESTIMATES, TRUTH, estimate_col="ltv_vnd")
    assert err.value.fields == ["estimates.ltv_vnd"]
    with pytest.raises(DataError) as err:
        value.ltv_accuracy(value.ltv_errors(ESTIMATES, TRUTH.drop(columns="persona")), by="persona")
    assert err.value.fields == ["errors.persona"]


# --- ltv_segments / ltv_grid_counts -------------------------------------------------------------------

# Median split: current 100, 200, 300, 400 -> median 250: high = 300, 400
#               future   40,  10,  30,  20 -> median  25: high = 40, 30
#   c1 (low, high) silver/extend · c2 (low, low) bronze/reduce costs
#   c3 (high, high) platinum/retain · c4 (high, low) gold/retain and extend
VALUES = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4"], "historical_margin_vnd": [100, 200, 300, 400],
                       "future_value_vnd": [40, 10, 30, 20]})


def test_ltv_segments_median_split():
    out = value.ltv_segments(VALUES)
    assert out["current_level"].tolist() == ["low", "low", "high", "high"]
    assert out["future_level"].tolist() == ["high", "low", "high", "low"]
    assert out["tier"].tolist() == ["silver", "bronze", "platinum", "gold"]
    assert out["action"].tolist() == ["extend", "reduce_costs", "retain", "retain_and_extend"]
    assert out.attrs["cuts_vnd"] == {"current": [250.0], "future": [25.0]}


def test_ltv_segments_threshold_split_keeps_a_tie_below():
    # current > 200 is high (200 itself is low); future > 20 is high (20 itself is low)
    out = value.ltv_segments(VALUES, split="threshold", current_threshold_vnd=200, future_threshold_vnd=20)
    assert out["tier"].tolist() == ["silver", "bronze", "platinum", "gold"]
    assert out["current_level"].tolist() == ["low", "low", "high", "high"]


def test_ltv_segments_tercile_split():
    # 0, 10, 20, 30, 40, 50: quantile 1/3 = 10 + (5/3 − 1) × 10 = 16.67, 2/3 = 30 + (10/3 − 3) × 10 = 33.33
    #   -> low: 0, 10; medium: 20, 30; high: 40, 50
    values = pd.DataFrame({"now": [0, 10, 20, 30, 40, 50], "later": [50, 0, 20, 40, 10, 30]})
    out = value.ltv_segments(values, "now", "later", split="tercile")
    assert out["current_level"].tolist() == ["low", "low", "medium", "medium", "high", "high"]
    assert out["future_level"].tolist() == ["high", "low", "medium", "high", "low", "medium"]
    assert out["tier"].tolist() == ["silver", "bronze", "bronze", "silver", "gold", "gold"]
    assert out["action"].tolist() == ["extend", "reduce_costs", "extend", "extend", "retain_and_extend", "retain_and_extend"]
    grid = value.ltv_grid_counts(out)
    assert len(grid) == 9
    cell = grid[(grid["current_level"] == "medium") & (grid["future_level"] == "medium")].iloc[0]
    assert (cell["customers"], cell["tier"], cell["action"]) == (1, "bronze", "extend")


def test_ltv_grid_counts_by_hand():
    grid = value.ltv_grid_counts(value.ltv_segments(VALUES))
    assert list(zip(grid["current_level"], grid["future_level"], grid["tier"], strict=True)) == [
        ("low", "low", "bronze"), ("low", "high", "silver"), ("high", "low", "gold"), ("high", "high", "platinum")]
    assert grid["customers"].tolist() == [1, 1, 1, 1]
    assert grid["share"].tolist() == [0.25] * 4
    assert grid["mean_current_vnd"].tolist() == [200, 100, 400, 300]
    assert grid["mean_future_vnd"].tolist() == [10, 40, 20, 30]


def test_ltv_segments_edge_cases():
    same = value.ltv_segments(pd.DataFrame({"historical_margin_vnd": [5, 5, 5], "future_value_vnd": [1, 1, 1]}))
    assert same["tier"].tolist() == ["bronze"] * 3  # nobody is above the median
    single = value.ltv_segments(VALUES.iloc[[0]])
    assert single["tier"].tolist() == ["bronze"]
    empty = value.ltv_segments(VALUES.iloc[0:0])
    assert empty.empty and "tier" in empty.columns
    grid = value.ltv_grid_counts(empty)
    assert grid["customers"].tolist() == [0, 0, 0, 0] and grid["share"].isna().all()
    assert len(value.ltv_grid_counts(empty, levels=3)) == 9


def test_ltv_segments_bad_input():
    with pytest.raises(DataError) as err:
        value.ltv_segments(VALUES.drop(columns="future_value_vnd"))
    assert err.value.fields == ["values.future_value_vnd"]
    with pytest.raises(DataError) as err:
        value.ltv_segments(VALUES, split="quartile")
    assert err.value.fields == ["split"]
    with pytest.raises(DataError) as err:
        value.ltv_segments(VALUES, split="threshold", future_threshold_vnd=20)
    assert err.value.fields == ["current_threshold_vnd"]
    with pytest.raises(DataError) as err:
        value.ltv_segments(VALUES.assign(future_value_vnd=[1, None, 3, 4]))
    assert err.value.fields == ["values.future_value_vnd"]
    with pytest.raises(DataError) as err:
        value.ltv_grid_counts(VALUES)
    assert "segments.current_level" in err.value.fields
    with pytest.raises(DataError) as err:
        value.ltv_grid_counts(value.ltv_segments(VALUES), levels=4)
    assert err.value.fields == ["levels"]


# --- acquisition_retention_cost_ratio -------------------------------------------------------------

# Marketing from 2026-01-01 to 2026-12-31, so as_of = 2027-01-01 00:00 (end of the last day):
#   acquisition 600,000 + 400,000 = 1,000,000; retention 50,000 + 50,000 = 100,000; "other" left out
# First orders: A 2026-01-01 00:00 (new, 365 days = 1 year), B 2026-07-02 12:00 (new, 182.5 days = 0.5 year),
#   C 2025-10-01 (already a customer before marketing began: counted from 2026-01-01, 1 year; not new)
#   cost per new customer = 1,000,000 / 2 = 500,000; retention per customer-year = 100,000 / 2.5 = 40,000
#   ratio = 500,000 / 40,000 = 12.5
MARKETING = pd.DataFrame({
    "date": ["2026-01-01", "2026-06-30", "2026-03-01", "2026-12-31", "2026-05-01"],
    "purpose": ["acquisition", "acquisition", "retention", "retention", "other"],
    "spend_vnd": [600_000, 400_000, 50_000, 50_000, 999],
})
FIRST_ORDERS = pd.DataFrame({
    "customer_id": ["A", "B", "B", "C", "C"],
    "at": ["2026-01-01 00:00:00", "2026-07-02 12:00:00", "2026-09-01 00:00:00", "2025-10-01 00:00:00", "2026-04-01 00:00:00"],
})


def test_acquisition_retention_cost_ratio_by_hand():
    out = value.acquisition_retention_cost_ratio(MARKETING, FIRST_ORDERS)
    assert out["as_of"] == pd.Timestamp("2027-01-01")
    assert (out["acquisition_spend_vnd"], out["new_customers"], out["retention_spend_vnd"]) == (1_000_000, 2, 100_000)
    assert out["cost_per_new_customer_vnd"] == pytest.approx(500_000)
    assert out["customer_years"] == pytest.approx(2.5)
    assert out["retention_cost_per_customer_year_vnd"] == pytest.approx(40_000)
    assert out["ratio"] == pytest.approx(12.5)


def test_acquisition_retention_cost_ratio_as_of():
    # Up to 2026-07-02 12:00: acquisition 1,000,000; retention 50,000 (March); new A and B (B just at as_of)
    # customer-years: A 0.5 + B 0 + C 0.5 = 1.0 -> 50,000 per year; 500,000 / 50,000 = 10
    out = value.acquisition_retention_cost_ratio(MARKETING, FIRST_ORDERS, as_of="2026-07-02 12:00:00")
    assert out["retention_spend_vnd"] == 50_000
    assert out["customer_years"] == pytest.approx(1.0)
    assert out["ratio"] == pytest.approx(10)


def test_acquisition_retention_cost_ratio_edge_cases():
    no_orders = value.acquisition_retention_cost_ratio(MARKETING, FIRST_ORDERS.iloc[0:0])
    assert no_orders["new_customers"] == 0 and math.isnan(no_orders["cost_per_new_customer_vnd"])
    assert math.isnan(no_orders["ratio"])
    no_retention = value.acquisition_retention_cost_ratio(MARKETING[MARKETING["purpose"] != "retention"], FIRST_ORDERS)
    assert no_retention["retention_cost_per_customer_year_vnd"] == 0 and math.isnan(no_retention["ratio"])
    # A single customer: A alone -> 1,000,000 / 1; 100,000 / 1 year; ratio 10
    single = value.acquisition_retention_cost_ratio(MARKETING, FIRST_ORDERS.iloc[[0]])
    assert single["ratio"] == pytest.approx(10)


def test_acquisition_retention_cost_ratio_bad_input():
    with pytest.raises(DataError) as err:
        value.acquisition_retention_cost_ratio(MARKETING.drop(columns="purpose"), FIRST_ORDERS)
    assert err.value.fields == ["marketing.purpose"]
    with pytest.raises(DataError) as err:
        value.acquisition_retention_cost_ratio(MARKETING, FIRST_ORDERS, as_of="soon")
    assert err.value.fields == ["as_of"]


# --- the shipped data -----------------------------------------------------------------------------

def test_shipped_data_lands_in_the_lectures_band_and_estimates_run():

    tables = shipped_tables()
    ratio = value.acquisition_retention_cost_ratio(tables["marketing"], tables["orders"])["ratio"]
    assert 5 <= ratio <= 8  # lecture 000 §3: 5–8 times
    est = value.ltv_estimates(tables["orders"], horizon_years=1)
    accuracy = value.ltv_accuracy(value.ltv_errors(est, tables["truth"]), by="persona")
    assert len(accuracy) == 5 and (accuracy["spearman"] > 0).all()
    grid = value.ltv_grid_counts(value.ltv_segments(est))
    assert grid["customers"].sum() == len(est)
