"""Notebook 12's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb12

# A: margins 100 + 50 = 150, cost 200 (social); B: 300, cost 0 (direct); C: 80, cost 20 (social); D never bought
ORDERS = pd.DataFrame({"customer_id": ["A", "B", "A", "C"], "margin_vnd": [100, 300, 50, 80]})
CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "acquired_via": ["social", "direct", "social", "search"],
                          "acquisition_cost_vnd": [200, 0, 20, 500]})
TABLES = {"orders": ORDERS, "customers": CUSTOMERS}


def test_mean_historical_ltv():
    # (150 + 300 + 80) / 3 = 176.67
    assert nb12.mean_historical_ltv(TABLES) == pytest.approx(530 / 3)


def test_net_ltv_by_channel_counts_buyers_only():
    # direct: B 300 − 0 = 300; social: A 150 − 200 = −50, C 80 − 20 = 60 -> mean 5; search has no buyer
    got = nb12.net_ltv_by_channel(TABLES)
    assert got["acquired_via"].tolist() == ["direct", "social"]
    assert got["ltv_vnd"].tolist() == pytest.approx([300, 5])


def test_negative_net_ltv_share():
    # only A is negative (−50) of three buyers -> 1/3
    assert nb12.negative_net_ltv_share(TABLES) == pytest.approx(1 / 3)
