"""Notebook 07's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb07

TABLES = {
    "customers": pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"],
                               "acquired_via": ["paid_search", "paid_search", "paid_search", "social", "social"]}),
    "orders": pd.DataFrame({"customer_id": ["a", "a", "b", "d"]}),
    "marketing": pd.DataFrame({"channel": ["paid_search", "paid_search", "social", "paid_search"],
                               "purpose": ["acquisition", "acquisition", "acquisition", "retention"],
                               "spend_vnd": [60_000, 40_000, 30_000, 999_000]}),
}


def test_conversion_by_channel_counts_buyers_once():
    table = nb07.conversion_by_channel(TABLES).set_index("acquired_via")["conversion_rate"]
    # paid_search: a, b bought of a, b, c → 2/3; social: d of d, e → 1/2
    assert table["paid_search"] == pytest.approx(2 / 3)
    assert table["social"] == pytest.approx(0.5)


def test_paid_search_cpa_uses_acquisition_spend_and_new_customers():
    # (60,000 + 40,000) ₫ / 2 new customers (a, b) = 50,000 ₫; the retention row is not acquisition spend
    assert nb07.paid_search_cpa(TABLES) == pytest.approx(50_000)


def test_visitors_who_buy_is_distinct_buyers_over_prospects():
    # buyers a, b, d of 5 prospects → 0.6
    assert nb07.visitors_who_buy(TABLES) == pytest.approx(0.6)
