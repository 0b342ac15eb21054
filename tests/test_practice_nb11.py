"""Notebook 11's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb11

# A: 100, 300; B: 200; C: 50, 50, 80; D and E never bought
ORDERS = pd.DataFrame({"customer_id": ["A", "B", "C", "A", "C", "C"], "amount_vnd": [100, 200, 50, 300, 50, 80]})
CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"]})
TABLES = {"orders": ORDERS, "customers": CUSTOMERS}


def test_repeat_conversion_rate():
    # buyers A, B, C; repeat customers A, C -> 2/3
    assert nb11.repeat_conversion_rate(TABLES) == pytest.approx(2 / 3)


def test_repeat_base_share_counts_the_whole_customer_base():
    # repeat customers 2, customer base 5 -> 2/5, not the 2/3 of measure 1
    assert nb11.repeat_base_share(TABLES) == pytest.approx(2 / 5)


def test_revenue_per_repeat_transaction():
    # orders of A and C: 100 + 300 + 50 + 50 + 80 = 580 over 5 orders -> 116
    assert nb11.revenue_per_repeat_transaction(TABLES) == pytest.approx(116)
