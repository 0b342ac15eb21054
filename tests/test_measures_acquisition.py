"""Channel economics and the Agrawal scorecard, worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures.acquisition import (
    SCORECARD_PARTS,
    agrawal_scorecard,
    channel_economics,
    paid_search_clicks,
)

# Paid search: KH1, KH2, KH3 came; KH1 (twice) and KH2 bought.   Spend 100,000 for 50 clicks.
# E-mail: KH4–KH7 came; KH4 (twice) and KH5 bought.               Spend 40,000 for 5 clicks.
# Direct: KH8 came and bought.                                      Free, 3 clicks.
# Affiliate: nobody came through it, yet it cost 10,000 for 4 clicks.


@pytest.fixture
def customers(acquisition_shop) -> pd.DataFrame:
    return acquisition_shop["customers"]


@pytest.fixture
def orders(acquisition_shop) -> pd.DataFrame:
    return acquisition_shop["orders"]


@pytest.fixture
def marketing(acquisition_shop) -> pd.DataFrame:
    return acquisition_shop["marketing"]


# ------------------------------------------------------------------- channel economics


def test_channel_economics_by_hand(customers, orders, marketing):
    out = channel_economics(customers, orders, marketing).set_index("channel")
    assert out.index.tolist() == ["paid_search", "email", "affiliate", "direct"]  # label-map order
    paid = out.loc["paid_search"]
    assert paid["visits"] == 3 and paid["clicks"] == 50 and paid["new_customers"] == 2
    assert paid["conversion_rate"] == pytest.approx(2 / 3)
    assert paid["spend_vnd"] == 100_000
    assert paid["cpc_vnd"] == pytest.approx(2_000)  # 100,000 / 50
    assert paid["cpa_vnd"] == pytest.approx(50_000)  # 100,000 / 2
    assert paid["revenue_vnd"] == 300_000 and paid["margin_vnd"] == 60_000
    assert paid["roi"] == pytest.approx(-0.4)  # (60,000 − 100,000) / 100,000
    email = out.loc["email"]
    assert email["conversion_rate"] == pytest.approx(0.5)  # 2 of 4
    assert email["cpc_vnd"] == pytest.approx(8_000) and email["cpa_vnd"] == pytest.approx(20_000)
    assert email["roi"] == pytest.approx(1.0)  # (80,000 − 40,000) / 40,000
    # Spent on a channel that brought nobody: CPA undefined, ROI −100%.
    affiliate = out.loc["affiliate"]
    assert affiliate["new_customers"] == 0 and math.isnan(affiliate["cpa_vnd"]) and affiliate["roi"] == -1.0
    assert math.isnan(affiliate["conversion_rate"])  # no visitor
    # Free channel: CPC and CPA 0, ROI undefined.
    direct = out.loc["direct"]
    assert direct["cpc_vnd"] == 0 and direct["cpa_vnd"] == 0 and math.isnan(direct["roi"])
    assert out["ltv_roi"].isna().all()


def test_channel_economics_visits_from_marketing(customers, orders, marketing):
    out = channel_economics(customers, orders, marketing, visits_from="marketing").set_index("channel")
    assert out.loc["paid_search", "visits"] == 50
    assert out.loc["paid_search", "conversion_rate"] == pytest.approx(0.04)  # 2 / 50
    # CPA = CPC / conversion rate when visits are the clicks: 2,000 / 0.04 = 50,000.
    assert out.loc["paid_search", "cpc_vnd"] / out.loc["paid_search", "conversion_rate"] == pytest.approx(50_000)
    assert out.loc["affiliate", "conversion_rate"] == 0.0  # 0 of 4 clicks


def test_channel_economics_ltv_as_a_number_and_per_customer(customers, orders, marketing):
    flat = channel_economics(customers, orders, marketing, ltv_vnd=100_000).set_index("channel")
    assert flat.loc["paid_search", "ltv_roi"] == pytest.approx(1.0)  # (100,000 × 2 − 100,000) / 100,000
    assert flat.loc["email", "ltv_roi"] == pytest.approx(4.0)  # (200,000 − 40,000) / 40,000
    assert flat.loc["affiliate", "ltv_roi"] == -1.0 and math.isnan(flat.loc["affiliate", "ltv_vnd"])
    assert math.isnan(flat.loc["direct", "ltv_roi"])
    truth = pd.DataFrame({"customer_id": [f"KH{i}" for i in range(1, 9)],
                          "lifetime_value_vnd": [300_000, 100_000, 0, 50_000, 30_000, 0, 0, 0]})
    per = channel_economics(customers, orders, marketing, ltv_vnd=truth).set_index("channel")
    assert per.loc["paid_search", "ltv_vnd"] == pytest.approx(200_000)  # (300,000 + 100,000) / 2
    assert per.loc["paid_search", "ltv_roi"] == pytest.approx(3.0)  # (400,000 − 100,000) / 100,000
    assert per.loc["email", "ltv_roi"] == pytest.approx(1.0)  # (80,000 − 40,000) / 40,000
    series = truth.set_index("customer_id")["lifetime_value_vnd"]
    assert channel_economics(customers, orders, marketing, ltv_vnd=series).equals(
        channel_economics(customers, orders, marketing, ltv_vnd=truth))


def test_channel_economics_edges(customers, orders, marketing):
    empty = channel_economics(customers.iloc[:0], orders.iloc[:0], marketing.iloc[:0])
    assert len(empty) == 0 and "roi" in empty.columns
    one = channel_economics(customers.iloc[:1], orders.iloc[:2], marketing.iloc[:2])
    assert one[["channel", "new_customers", "roi"]].values.tolist() == [["paid_search", 1, pytest.approx(-0.6)]]
    with pytest.raises(DataError) as err:
        channel_economics(customers.iloc[1:], orders, marketing)
    assert err.value.fields == ["orders.customer_id"]
    with pytest.raises(DataError) as err:
        channel_economics(customers, orders, marketing, ltv_vnd=pd.Series({"KH1": 1.0}))
    assert err.value.fields == ["ltv_vnd"] and "KH2" in str(err.value)
    with pytest.raises(DataError) as err:
        channel_economics(customers, orders, marketing, ltv_vnd="lots")
    assert err.value.fields == ["ltv_vnd"]
    with pytest.raises(DataError) as err:
        channel_economics(customers, orders, marketing, visits_from="ga4")
    assert err.value.fields == ["visits_from"]


@pytest.mark.parametrize(("table", "column"), [("customers", "acquired_via"), ("orders", "margin_vnd"),
                                               ("marketing", "purpose"), ("marketing", "clicks")])
def test_channel_economics_missing_column(customers, orders, marketing, table, column):
    frames = {"customers": customers, "orders": orders, "marketing": marketing}
    frames[table] = frames[table].drop(columns=column)
    with pytest.raises(DataError) as err:
        channel_economics(frames["customers"], frames["orders"], frames["marketing"])
    assert err.value.fields == [f"{table}.{column}"]


# ----------------------------------------------------------------------------- scorecard


def test_agrawal_scorecard_by_hand(customers, orders, marketing):
    out = agrawal_scorecard(customers, orders, marketing, as_of="2027-01-01 00:00:00").set_index("channel")
    assert list(out.columns) == [c for part in SCORECARD_PARTS.values() for c in part]
    email = out.loc["email"]
    # Attraction: 4 visits for 40,000 → 10,000 a visit. Conversion: 2 of 4, 20,000 each.
    assert email["visits"] == 4 and email["cost_per_visit_vnd"] == pytest.approx(10_000)
    assert email["conversion_rate"] == pytest.approx(0.5) and email["cpa_vnd"] == pytest.approx(20_000)
    # Retention: KH4 bought twice → repeat rate 1/2. Cut-off 180 days before 1 Jan 2027 = 5 Jul 2026:
    # KH4 (last order 1 Oct) is still active, KH5 (only order 1 Mar) has lapsed → churn 1/2.
    assert email["repeat_customers"] == 1 and email["repeat_rate"] == pytest.approx(0.5)
    assert email["churn_rate"] == pytest.approx(0.5)
    paid = out.loc["paid_search"]
    # KH1 (last order 1 Sep) active, KH2 (1 Mar) lapsed.
    assert paid["repeat_rate"] == pytest.approx(0.5) and paid["churn_rate"] == pytest.approx(0.5)
    assert math.isnan(out.loc["affiliate", "repeat_rate"]) and math.isnan(out.loc["affiliate", "churn_rate"])


def test_agrawal_scorecard_as_of_and_lapse(customers, orders, marketing):
    # Default as_of: the end of the last marketing day, 31 Dec 2026 → 1 Jan 2027.
    assert agrawal_scorecard(customers, orders, marketing).equals(
        agrawal_scorecard(customers, orders, marketing, as_of=pd.Timestamp("2027-01-01")))
    # On 1 Aug 2026 with 90 days: cut-off 3 May. KH1's second order (1 Sep) is not seen yet.
    early = agrawal_scorecard(customers, orders, marketing, as_of="2026-08-01", lapse_days=90).set_index("channel")
    assert early.loc["paid_search", "repeat_customers"] == 0
    assert early.loc["paid_search", "churn_rate"] == pytest.approx(1.0)  # KH1 (10 Jan) and KH2 (1 Mar) both lapsed
    # KH4 bought on 1 Feb and is at risk; KH5 on 1 Mar: both lapsed by 3 May.
    assert early.loc["email", "churn_rate"] == pytest.approx(1.0)
    # Customers too new to have lapsed are not at risk: 400 days leaves nobody at risk.
    assert agrawal_scorecard(customers, orders, marketing, lapse_days=400)["churn_rate"].isna().all()


def test_agrawal_scorecard_edges(customers, orders, marketing):
    empty = agrawal_scorecard(customers.iloc[:0], orders.iloc[:0], marketing.iloc[:0], as_of="2026-12-31")
    assert len(empty) == 0
    with pytest.raises(DataError) as err:
        agrawal_scorecard(customers.iloc[:0], orders.iloc[:0], marketing.iloc[:0])
    assert err.value.fields == ["as_of"]
    single = agrawal_scorecard(customers.iloc[7:], orders.iloc[6:], marketing.iloc[3:4])
    assert single[["channel", "new_customers", "repeat_rate"]].values.tolist() == [["direct", 1, 0.0]]
    with pytest.raises(DataError) as err:
        agrawal_scorecard(customers, orders, marketing, lapse_days=0)
    assert err.value.fields == ["lapse_days"]
    with pytest.raises(DataError) as err:
        agrawal_scorecard(customers, orders.drop(columns="at"), marketing)
    assert err.value.fields == ["orders.at"]
    with pytest.raises(DataError) as err:
        agrawal_scorecard(customers, orders, marketing, as_of="not a date")
    assert err.value.fields == ["as_of"]


# ------------------------------------------------------------------------- shipped data


def test_shipped_data_channel_economics():
    tables = shipped_tables()
    out = channel_economics(tables["customers"], tables["orders"], tables["marketing"],
                            ltv_vnd=tables["truth"]).set_index("channel")
    # Paid search pays the auction's price, 128,000 / 7 + 1 VND, for every paid click (rounded daily spend);
    # fraudulent clicks (5%) bring no visitor, so a visitor costs more than a click.
    price = 128_000 / 7 + 1
    clicks = paid_search_clicks(tables["marketing"])
    assert clicks["cpc_vnd"] == pytest.approx(price, rel=1e-4)
    assert clicks["invalid_share"] == pytest.approx(0.05, abs=0.02)
    assert out.loc["paid_search", "cpc_vnd"] == pytest.approx(clicks["cost_per_visit_vnd"], rel=1e-9)
    assert out.loc["paid_search", "cpc_vnd"] > price
    assert out["new_customers"].sum() == tables["orders"]["customer_id"].nunique()
    card = agrawal_scorecard(tables["customers"], tables["orders"], tables["marketing"])
    assert card["visits"].sum() == len(tables["customers"])
