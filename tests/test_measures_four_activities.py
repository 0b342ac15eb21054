"""The four CRM activities (lecture 001) on a tiny hand-worked shop."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.measures.four_activities import ACTIVITIES, MEASURES, four_activities
from sim.measures.kpis import headline


def shop() -> dict[str, pd.DataFrame]:
    """Four prospects, three buyers, five orders, one year of marketing.

    C1 directed_buyer, opted in, orders 1 Jan (fashion), 1 Mar (books, cross-sell), 20 Jun (fashion, up-sell);
    C2 bargain_hunter, orders 1 Feb (beauty); C3 directed_information_seeker, orders 1 Dec (home);
    C4 entertainment_seeker never buys. Acquisition spend 400 000 + 200 000, retention spend 300 000.
    """
    customers = pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4"],
        "persona": ["directed_buyer", "bargain_hunter", "directed_information_seeker", "entertainment_seeker"],
        "email_opt_in": [True, False, False, False],
    })
    orders = pd.DataFrame({
        "customer_id": ["C1", "C1", "C1", "C2", "C3"],
        "at": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-06-20", "2026-02-01", "2026-12-01"]),
        "amount_vnd": [100_000, 200_000, 100_000, 50_000, 300_000],
        "category": ["fashion", "books", "fashion", "beauty", "home"],
        "cross_sell": [False, True, False, False, False],
        "up_sell": [False, False, True, False, False],
    })
    marketing = pd.DataFrame({
        "date": pd.to_datetime(["2026-01-01", "2026-06-01", "2026-12-31"]),
        "purpose": ["acquisition", "retention", "acquisition"],
        "spend_vnd": [400_000, 300_000, 200_000],
    })
    return {"customers": customers, "orders": orders, "marketing": marketing}


def _values(table: pd.DataFrame) -> dict[str, float]:
    return dict(zip(table["measure"], table["value"], strict=True))


def test_four_activities_hand_worked():
    table = four_activities(shop())
    assert list(table.columns) == ["activity", "measure", "value", "unit"]
    assert list(table["measure"]) == list(MEASURES)
    assert list(dict.fromkeys(table["activity"])) == list(ACTIVITIES)
    v = _values(table)
    # Selection: 4 prospects; C1 and C3 are the two "directed" personas → 2/4; only C1 opted in → 1/4.
    assert v["prospects"] == 4
    assert v["target_share"] == pytest.approx(0.5)
    assert v["opt_in_rate"] == pytest.approx(0.25)
    # Acquisition: 3 buyers of 4 prospects → 0.75; CAC = (400 000 + 200 000) / 3 new customers = 200 000.
    assert v["new_customers"] == 3
    assert v["buyer_rate"] == pytest.approx(0.75)
    assert v["cac_vnd"] == pytest.approx(200_000)
    # Retention: only C1 bought twice or more → 1/3.
    assert v["repeat_rate"] == pytest.approx(1 / 3)
    # Latest order 1 Dec: C3 is 0 days old (active), C1 164 days, C2 303 days (> 90, not active) → 1/3.
    assert v["active_share"] == pytest.approx(1 / 3)
    # Marketing ends 31 Dec, so "now" is 1 Jan 2027. Customer-years from each first order:
    # C1 365 days + C2 334 days + C3 31 days = 730 days = 2 years; 300 000 / 2 = 150 000 per customer-year.
    assert v["retention_cost_vnd"] == pytest.approx(150_000)
    # Extension: 5 orders / 3 buyers; categories C1 {fashion, books} = 2, C2 1, C3 1 → 4/3;
    # one cross-sell and one up-sell in 5 orders → 0.2 each.
    assert v["orders_per_customer"] == pytest.approx(5 / 3)
    assert v["categories_per_customer"] == pytest.approx(4 / 3)
    assert v["cross_sell_share"] == pytest.approx(0.2)
    assert v["up_sell_share"] == pytest.approx(0.2)


def test_four_activities_options_and_text_flags():
    tables = shop()
    tables["customers"]["email_opt_in"] = ["True", "false", "1", "0"]  # as read back from a CSV file
    tables["orders"]["cross_sell"] = ["False", "True", "False", "False", "False"]
    v = _values(four_activities(tables, target_personas="bargain_hunter", active_days=200))
    assert v["opt_in_rate"] == pytest.approx(0.5)  # C1 and C3
    assert v["target_share"] == pytest.approx(0.25)  # C2 only
    assert v["cross_sell_share"] == pytest.approx(0.2)
    # With 200 days: C3 (0 days) and C1 (164 days) are active, C2 (303 days) is not → 2/3.
    assert v["active_share"] == pytest.approx(2 / 3)


def test_four_activities_without_orders_gives_nan_rates():
    tables = shop()
    tables["orders"] = tables["orders"].iloc[0:0]
    v = _values(four_activities(tables))
    assert v["prospects"] == 4 and v["new_customers"] == 0 and v["buyer_rate"] == 0
    for name in ("cac_vnd", "repeat_rate", "active_share", "retention_cost_vnd", "orders_per_customer",
                 "categories_per_customer", "cross_sell_share", "up_sell_share"):
        assert math.isnan(v[name]), name


def test_four_activities_without_prospects():
    tables = shop()
    tables["customers"] = tables["customers"].iloc[0:0]
    v = _values(four_activities(tables))
    assert v["prospects"] == 0 and math.isnan(v["target_share"]) and math.isnan(v["buyer_rate"])


def test_four_activities_bad_input():
    with pytest.raises(DataError) as err:
        four_activities({"customers": shop()["customers"]})
    assert err.value.fields == ["orders", "marketing"]
    with pytest.raises(DataError) as err:
        four_activities([1, 2])
    assert "tables" in err.value.fields
    tables = shop()
    tables["orders"] = tables["orders"].drop(columns="up_sell")
    with pytest.raises(DataError) as err:
        four_activities(tables)
    assert "orders.up_sell" in err.value.fields
    with pytest.raises(DataError) as err:
        four_activities(shop(), active_days=0)
    assert "active_days" in err.value.fields
    with pytest.raises(DataError) as err:
        four_activities(shop(), target_personas=3)
    assert "target_personas" in err.value.fields


def test_every_activity_and_measure_has_a_label():
    assert set(ACTIVITIES) == set(LABELS["crm_activity"])
    assert set(MEASURES) == set(LABELS["crm_measure"])


def test_four_activities_agrees_with_the_headline_kpis(demo_result):
    v = _values(four_activities(demo_result))
    kpi = headline(demo_result)
    assert v["prospects"] == kpi["prospects"] and v["new_customers"] == kpi["buyers"]
    for name in ("buyer_rate", "cac_vnd", "repeat_rate", "active_share"):
        assert v[name] == pytest.approx(kpi[name]), name
