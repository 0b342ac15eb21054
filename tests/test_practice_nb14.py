"""Notebook 14's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb14

ORDERS = pd.DataFrame({
    "category": ["books", "books", "fashion", "fashion", "fashion"],
    "cross_sell": [True, False, False, True, True],
    "up_sell": [False, False, True, True, False],
    "via_new_item": [False, True, False, True, False],
    "amount_vnd": [100, 200, 300, 400, 500],
})
TABLES = {"orders": ORDERS}


def test_cross_sell_share():
    # 3 of 5 orders took a cross-sell -> 0.6
    assert nb14.cross_sell_share(TABLES) == pytest.approx(0.6)


def test_up_sell_share_by_category():
    # books 0/2 = 0; fashion 2/3
    got = nb14.up_sell_share_by_category(TABLES)
    assert got["category"].tolist() == ["books", "fashion"]
    assert got["up_sell"].tolist() == pytest.approx([0.0, 2 / 3])


def test_new_item_order_value():
    # orders 2 and 4 came from a new-item e-mail: (200 + 400) / 2 = 300
    assert nb14.new_item_order_value(TABLES) == pytest.approx(300)
