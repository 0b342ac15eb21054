"""The acquisition-to-retention cost ratio under three denominators, worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.measures import value

# Marketing from 2026-01-01 to 2026-12-31, so as_of = 2027-01-01 00:00 (the end of the last day):
#   acquisition 1,000,000 ₫ for 2 new customers (A, B) -> 500,000 ₫ per new customer; retention R = 100,000 ₫.
# Orders: A 2026-01-01 only; B 2026-07-02 12:00 and 2026-09-01; C 2025-10-01 (before the period) and 2026-04-01.
# customer_years: A 1 + B 0.5 + C 1 (counted from 2026-01-01) = 2.5 -> 40,000 ₫ a year -> ratio 12.5
# active_years (90 days after the last order, at most to as_of):
#   A 2026-01-01 -> 2026-04-01: 90 days
#   B 2026-07-02 12:00 -> 2026-11-30 00:00 (2026-09-01 + 90 days): 150.5 days
#   C 2026-01-01 (period start) -> 2026-06-30 (2026-04-01 + 90 days): 180 days
#   420.5 days = 420.5 / 365 years -> R per active year = 100,000 × 365 / 420.5 -> ratio 5 × 420.5 / 365 ≈ 5.7603
# customers: A, B, C = 3 -> 33,333 ₫ each -> ratio 15
MARKETING = pd.DataFrame({
    "date": ["2026-01-01", "2026-06-30", "2026-03-01", "2026-12-31", "2026-05-01"],
    "purpose": ["acquisition", "acquisition", "retention", "retention", "other"],
    "spend_vnd": [600_000, 400_000, 50_000, 50_000, 999],
})
ORDERS = pd.DataFrame({
    "customer_id": ["A", "B", "B", "C", "C"],
    "at": ["2026-01-01 00:00:00", "2026-07-02 12:00:00", "2026-09-01 00:00:00", "2025-10-01 00:00:00",
           "2026-04-01 00:00:00"],
})


def test_three_definitions_by_hand():
    out = value.cost_ratio_definitions(MARKETING, ORDERS)
    assert list(out.index) == ["customer_years", "active_years", "customers"]
    assert out["denominator"].tolist() == pytest.approx([2.5, 420.5 / 365, 3])
    assert out["retention_cost_vnd"].tolist() == pytest.approx([40_000, 100_000 * 365 / 420.5, 100_000 / 3])
    assert (out["cost_per_new_customer_vnd"] == 500_000).all()
    assert out["ratio"].tolist() == pytest.approx([12.5, 5 * 420.5 / 365, 15])


def test_customer_years_row_is_the_lecture_ratio_of_the_existing_measure():
    out = value.cost_ratio_definitions(MARKETING, ORDERS)
    assert out.loc["customer_years", "ratio"] == pytest.approx(value.acquisition_retention_cost_ratio(MARKETING, ORDERS)["ratio"])


def test_a_longer_activity_window_moves_active_years_toward_customer_years():
    # 365 days after the last order reaches as_of for everyone but A (2026-01-01 + 365 = 2027-01-01 = as_of):
    # A 365, B 182.5, C 365 days -> 2.5 years, the same as customer_years.
    out = value.cost_ratio_definitions(MARKETING, ORDERS, active_days=365)
    assert out.loc["active_years", "denominator"] == pytest.approx(2.5)


def test_customer_lapsed_before_the_period_counts_no_active_time():
    # D bought once on 2025-06-01: active until 2025-08-30, before the first marketing day -> 0 active days;
    # still one customer in the per-customer count (4 customers -> ratio 500,000 / 25,000 = 20).
    orders = pd.concat([ORDERS, pd.DataFrame({"customer_id": ["D"], "at": ["2025-06-01 00:00:00"]})])
    out = value.cost_ratio_definitions(MARKETING, orders)
    assert out.loc["active_years", "denominator"] == pytest.approx(420.5 / 365)
    assert out.loc["customers", "ratio"] == pytest.approx(20)


def test_no_retention_spend_or_no_orders_give_nan_ratios():
    out = value.cost_ratio_definitions(MARKETING[MARKETING["purpose"] != "retention"], ORDERS)
    assert out["ratio"].isna().all()
    empty = value.cost_ratio_definitions(MARKETING, ORDERS.iloc[0:0])
    assert empty["ratio"].isna().all() and (empty["denominator"] == 0).all()


@pytest.mark.parametrize("bad", [0, -5, math.inf, math.nan, "90", True])
def test_bad_activity_window_is_refused_naming_the_field(bad):
    with pytest.raises(DataError) as err:
        value.cost_ratio_definitions(MARKETING, ORDERS, active_days=bad)
    assert err.value.fields == ["active_days"]


def test_missing_column_is_refused():
    with pytest.raises(DataError) as err:
        value.cost_ratio_definitions(MARKETING, ORDERS.drop(columns="at"))
    assert err.value.fields == ["orders.at"]
