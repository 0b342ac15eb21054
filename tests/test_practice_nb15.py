"""Notebook 15's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb15

T = pd.Timestamp
ORDERS = pd.DataFrame({"customer_id": ["A", "B", "A", "C"], "margin_vnd": [10, 20, 30, 40],
                       "at": [T("2026-03-02"), T("2026-03-20"), T("2026-07-01"), T("2026-11-11")]})
CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "city": ["Hà Nội", "Huế", "Hà Nội", "Huế"],
                          "email_opt_in": [True, False, False, True]})
TABLES = {"orders": ORDERS, "customers": CUSTOMERS}


def test_margin_by_city():
    # Hà Nội: A 10 + 30, C 40 -> 80; Huế: B 20
    got = nb15.margin_by_city(TABLES)
    assert dict(zip(got["city"], got["margin_vnd"], strict=True)) == {"Hà Nội": 80, "Huế": 20}


def test_busiest_month():
    # March has two orders, July and November one each
    assert nb15.busiest_month(TABLES) == 3


def test_opt_in_share():
    # 2 of 4 customers opted in
    assert nb15.opt_in_share(TABLES) == pytest.approx(0.5)
