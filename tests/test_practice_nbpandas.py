"""The pandas primer's reference answers, on tiny tables worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nbpandas


def _orders() -> pd.DataFrame:
    # KH1: 100 (first, 01/01), 300 (11/01, late);  KH2: 200 (first, 05/01), 500 (06/01 12:00), 400 (20/01)
    # KH3: 50 (first, 02/01, late)
    return pd.DataFrame({
        "customer_id": ["KH1", "KH1", "KH2", "KH2", "KH2", "KH3"],
        "at": pd.to_datetime(["2026-01-01 08:00", "2026-01-11 09:00", "2026-01-05 10:00", "2026-01-06 12:00",
                              "2026-01-20 10:00", "2026-01-02 10:00"]),
        "amount_vnd": [100, 300, 200, 500, 400, 50],
        "is_first": [True, False, True, False, False, True],
        "delivery": ["on_time", "late", "on_time", "on_time", "on_time", "late"],
    })


def _customers() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["KH1", "KH2", "KH3", "KH4"],
        "persona": ["directed_buyer", "bargain_hunter", "directed_buyer", "bargain_hunter"],
        "acquired_via": ["email", "paid_search", "paid_search", "paid_search"],
        "acquisition_cost_vnd": [10_000, 30_000, 60_000, 0],
    })


def _surveys() -> pd.DataFrame:
    # S1 KH1 on 12/01: last order 11/01 (late).  S2 KH2 on 06/01 10:00: last order 05/01 (on time).
    # S3 KH3 on 01/01: no order before, left out.  S4 KH2 on 21/01: last order 20/01 (on time).
    return pd.DataFrame({
        "survey_id": ["S1", "S2", "S3", "S4"],
        "customer_id": ["KH1", "KH2", "KH3", "KH2"],
        "at": pd.to_datetime(["2026-01-12 00:00", "2026-01-06 10:00", "2026-01-01 00:00", "2026-01-21 00:00"]),
    })


def _tables() -> dict[str, pd.DataFrame]:
    return {"orders": _orders(), "customers": _customers(), "surveys": _surveys()}


def test_repeat_order_value():
    # repeat orders: 300, 500, 400 → (300 + 500 + 400) / 3 = 400
    assert nbpandas.repeat_order_value(_tables()) == pytest.approx(400)


def test_top_three_customers():
    # totals: KH1 400, KH2 1100, KH3 50 → all three; with a fourth order of 60 for KH3 the set is unchanged
    assert nbpandas.top_three_customers(_tables()) == {"KH1", "KH2", "KH3"}
    tables = _tables()
    tables["orders"] = tables["orders"][tables["orders"]["customer_id"] != "KH3"]
    assert nbpandas.top_three_customers(tables) == {"KH1", "KH2"}


def test_acquisition_by_channel():
    # email: 1 customer, 10.000; paid_search: 3 customers, (30.000 + 60.000 + 0) / 3 = 30.000
    table = nbpandas.acquisition_by_channel(_tables()).set_index("acquired_via")
    assert table.loc["email", "customers"] == 1 and table.loc["email", "acquisition_cost_vnd"] == pytest.approx(10_000)
    assert table.loc["paid_search", "customers"] == 3
    assert table.loc["paid_search", "acquisition_cost_vnd"] == pytest.approx(30_000)


def test_revenue_by_persona():
    # directed_buyer: KH1 400 + KH3 50 = 450; bargain_hunter: KH2 1100 (KH4 has no order)
    table = nbpandas.revenue_by_persona(_tables()).set_index("persona")["amount_vnd"]
    assert table.to_dict() == {"bargain_hunter": 1100, "directed_buyer": 450}


def test_days_to_second_order():
    # KH1: 01/01 08:00 → 11/01 09:00 = 10 whole days; KH2: 05/01 10:00 → 06/01 12:00 = 1 day; KH3 has one order
    # mean (10 + 1) / 2 = 5.5; the shuffled table gives the same (orders are put in time order first)
    assert nbpandas.days_to_second_order(_tables()) == pytest.approx(5.5)
    tables = _tables()
    tables["orders"] = tables["orders"].iloc[::-1]
    assert nbpandas.days_to_second_order(tables) == pytest.approx(5.5)


def test_late_share_before_survey():
    # S1 → late, S2 → on time, S4 → on time (the order of 20/01, not 06/01), S3 left out: 1 / 3
    assert nbpandas.late_share_before_survey(_tables()) == pytest.approx(1 / 3)
