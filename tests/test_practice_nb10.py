"""Notebook 10's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb10

T = pd.Timestamp
SURVEYS = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
                        "at": [T("2026-03-01"), T("2026-01-01"), T("2026-02-01"), T("2026-02-01")],
                        "satisfaction": [2, 5, 5, 3]})
ORDERS = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "D"],
                       "at": [T("2026-01-01"), T("2026-05-01"), T("2026-12-01"), T("2026-08-01"), T("2026-09-30")]})
TABLES = {"surveys": SURVEYS, "orders": ORDERS}


def test_satisfied_share():
    # two answers of four have satisfaction 5 -> 0.5
    assert nb10.satisfied_share(TABLES) == pytest.approx(0.5)


def test_orders_by_first_satisfaction():
    # first answers: A 5 (2026-01-01, not the later 2), B 5, C 3; orders A 3, B 1, C 0
    # satisfaction 3 -> 0.0; satisfaction 5 -> (3 + 1) / 2 = 2.0
    got = nb10.orders_by_first_satisfaction(TABLES)
    assert got["satisfaction"].tolist() == [3, 5]
    assert got["orders"].tolist() == pytest.approx([0.0, 2.0])


def test_lapsed_share():
    # last order of the data 2026-12-01; A last 12-01 (0 days), B 08-01 (122 days), D 09-30 (62 days)
    # one buyer of three over 90 days -> 1/3
    assert nb10.lapsed_share(TABLES) == pytest.approx(1 / 3)
