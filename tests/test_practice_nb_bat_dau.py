"""Hand-worked checks of the reference answers of bat_dau.ipynb's exercises."""

import pandas as pd
import pytest

from sim.practice import check, nb_bat_dau

# Three orders: A 100,000 ₫, A 200,000 ₫, B 600,000 ₫ -> 3 orders, mean 900,000 / 3 = 300,000 ₫, 2 buyers.
TABLES = {"orders": pd.DataFrame({"customer_id": ["A", "A", "B"], "amount_vnd": [100_000, 200_000, 600_000]})}


def test_order_count_mean_and_buyers_by_hand():
    assert nb_bat_dau.order_count(TABLES) == 3
    assert nb_bat_dau.mean_order_value_vnd(TABLES) == pytest.approx(300_000)
    assert nb_bat_dau.buyer_count(TABLES) == 2


def test_check_accepts_the_right_count_and_refuses_one_off():
    assert check("bat_dau.1", 3, tables=TABLES)
    assert not check("bat_dau.1", 4, tables=TABLES)
    assert not check("bat_dau.3", 3, tables=TABLES)  # rows, not distinct customers
