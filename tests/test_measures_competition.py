"""Who is lost to a competitor, by the orders a customer placed (lecture 000 §3)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.measures.competition import defection_by_orders


def test_defection_by_orders_by_hand():
    orders = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "D", "E", "E", "E", "F", "F", "F"]})
    truth = pd.DataFrame({
        "customer_id": ["A", "B", "C", "D", "E", "F", "G"],
        "churned_at": pd.to_datetime(["2026-05-01", "2026-06-01", None, "2026-07-01", None, "2026-08-01",
                                      "2026-09-01"]),
        "churn_cause": ["competitor", "competitor", None, "lapsed", None, "lapsed", "competitor"],
    })
    out = defection_by_orders(orders, truth).set_index("orders")
    # One order: A, B lost to a competitor, C still here → 2 / 3; three or more: E, F, none to a competitor
    assert out.loc["1", "customers"] == 3 and out.loc["1", "competitor_rate"] == pytest.approx(2 / 3)
    assert out.loc["1", "competitor_share_of_churn"] == 1.0
    assert out.loc["2", "customers"] == 1 and out.loc["2", "to_competitor"] == 0
    assert out.loc["3+", "customers"] == 2 and out.loc["3+", "competitor_rate"] == 0.0
    assert out.loc["3+", "churned"] == 1  # G never bought: not counted
