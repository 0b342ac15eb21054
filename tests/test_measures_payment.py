"""Cash on delivery and refusals at the door, and the paid-search clicks: measures on hand-worked tables."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.measures.acquisition import paid_search_clicks
from sim.measures.payment import cod_summary, payment_mix


def test_cod_summary_by_hand():
    orders = pd.DataFrame({"payment": ["cod"] * 6 + ["prepaid", "at_store"],
                           "touchpoint": ["online"] * 5 + ["phone", "online", "store"]})
    journey = pd.DataFrame({"event": ["dropout", "dropout", "dropout", "purchased"],
                            "reason": ["refused_at_door", "refused_at_door", "payment_failed", None]})
    out = cod_summary(orders, journey, refusal_cost_vnd=40_000)
    assert out["cod_share"] == pytest.approx(6 / 8)
    assert out["refused"] == 2
    assert out["refusal_rate"] == pytest.approx(2 / 8)  # 2 refused of the 8 COD parcels at the door
    assert out["refusal_cost_vnd"] == 80_000
    mix = payment_mix(orders).set_index(["touchpoint", "payment"])["orders"]
    assert mix[("online", "cod")] == 5 and mix[("phone", "cod")] == 1 and mix[("store", "at_store")] == 1


def test_cod_summary_of_nothing_and_bad_input():
    out = cod_summary(pd.DataFrame({"payment": []}), pd.DataFrame({"event": [], "reason": []}))
    assert out["orders"] == 0 and pd.isna(out["cod_share"]) and pd.isna(out["refusal_rate"])
    with pytest.raises(DataError, match="refusal_cost_vnd"):
        cod_summary(pd.DataFrame({"payment": []}), pd.DataFrame({"event": [], "reason": []}), refusal_cost_vnd=-1)
    with pytest.raises(DataError, match="payment"):
        cod_summary(pd.DataFrame({"pay": []}), pd.DataFrame({"event": [], "reason": []}))


def test_paid_search_clicks_by_hand():
    marketing = pd.DataFrame({
        "channel": ["paid_search", "paid_search", "email"], "purpose": ["acquisition"] * 3,
        "spend_vnd": [600_000, 400_000, 5_000],
        "clicks": pd.array([60, 35, 10], dtype="Int64"),
        "invalid_clicks": pd.array([3, 2, pd.NA], dtype="Int64"),
    })
    out = paid_search_clicks(marketing)
    # 95 visitors, 5 fraudulent clicks, 1,000,000 ₫: 5% of 100 paid clicks, 10,000 ₫ a click, 10,526 ₫ a visitor
    assert out["invalid_share"] == pytest.approx(0.05)
    assert out["cpc_vnd"] == pytest.approx(10_000)
    assert out["cost_per_visit_vnd"] == pytest.approx(1_000_000 / 95)
