"""Notebook 08's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb08

MARKETING = pd.DataFrame({
    "channel": ["paid_search", "paid_search", "social", "organic_search"],
    "purpose": ["acquisition", "acquisition", "acquisition", "acquisition"],
    "spend_vnd": [600_000, 400_000, 90_000, 500_000],
    "clicks": [50, 45, 30, 40],
    "invalid_clicks": [3, 2, 0, 0],
})


def test_cpc_counts_fraudulent_clicks_as_paid():
    # 1,000,000 ₫ / (95 visitors + 5 fraudulent clicks) = 10,000 ₫ a click
    assert nb08.paid_search_cpc({"marketing": MARKETING}) == pytest.approx(10_000)


def test_invalid_share_is_fraudulent_over_paid_clicks():
    # 5 / 100 = 0.05
    assert nb08.invalid_click_share({"marketing": MARKETING}) == pytest.approx(0.05)


def test_cheapest_channel_is_lowest_spend_per_new_customer():
    customers = pd.DataFrame({"customer_id": list("abcdefg"),
                              "acquired_via": ["paid_search", "paid_search", "social", "social", "social",
                                               "organic_search", "direct"]})
    orders = pd.DataFrame({"customer_id": ["a", "c", "d", "f", "g"]})
    # paid_search 1,000,000 / 1 (a); social 90,000 / 2 (c, d) = 45,000; organic 500,000 / 1 (f);
    # direct has no spend and is left out → social
    tables = {"customers": customers, "orders": orders, "marketing": MARKETING}
    assert nb08.cheapest_channel_per_new_customer(tables) == "social"
