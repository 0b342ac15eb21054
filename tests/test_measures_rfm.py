"""RFM / FRAC (lecture 001, Quản trị mở rộng; Chaffey Fig 9.17): hand-worked examples, edge cases, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures import rfm

AS_OF = "2026-01-31 00:00:00"

# Five customers scored by hand, as_of = 2026-01-31 00:00 (C2's order of 2026-02-05 is after as_of: ignored).
#            last order   recency  F   M total  M mean
#   C1       2026-01-30      1     3   600,000  200,000   (100k + 200k + 300k)
#   C2       2026-01-01     30     1    50,000   50,000
#   C3       2026-01-25      6     2   800,000  400,000
#   C4       2026-01-15     16     1   100,000  100,000
#   C5       2026-01-29      2     2    50,000   25,000   (20k + 30k)
# With n = 5, score = ceil(5 × rank / 5) = rank (worst = 1), ties at their lowest rank:
#   R (smaller recency is better): C2 1, C4 2, C3 3, C5 4, C1 5
#   F: 1 -> C2, C4 rank 1; 2 -> C3, C5 rank 3; 3 -> C1 rank 5
#   M total: 50k -> C2, C5 rank 1; 100k C4 3; 600k C1 4; 800k C3 5
#   cells: C1 554, C2 111, C3 335, C4 213, C5 431
#   segments: C1 R5 F5 champions; C2 R1 F1 lost; C3 R3 F3 need attention; C4 R2 F1 hibernating;
#             C5 R4 F3 potential loyalist
ORDERS = pd.DataFrame({
    "customer_id": ["C1", "C1", "C1", "C2", "C2", "C3", "C3", "C4", "C5", "C5"],
    "at": ["2026-01-30 00:00:00", "2026-01-20 00:00:00", "2026-01-10 00:00:00", "2026-01-01 00:00:00", "2026-02-05 00:00:00",
           "2026-01-25 00:00:00", "2026-01-05 00:00:00", "2026-01-15 00:00:00", "2026-01-29 00:00:00", "2026-01-28 00:00:00"],
    "amount_vnd": [100_000, 200_000, 300_000, 50_000, 999_000, 400_000, 400_000, 100_000, 20_000, 30_000],
    "category": ["fashion", "books", "fashion", "home", "home", "electronics", "books", "home", "beauty", "home"],
})


def scored(monetary: str = "total") -> pd.DataFrame:
    return rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(ORDERS, AS_OF, monetary)))


# --- rfm_table -------------------------------------------------------------------------------------

def test_rfm_table_by_hand():
    out = rfm.rfm_table(ORDERS, AS_OF)
    assert out["customer_id"].tolist() == ["C1", "C2", "C3", "C4", "C5"]
    assert out["recency_days"].tolist() == [1, 30, 6, 16, 2]
    assert out["frequency"].tolist() == [3, 1, 2, 1, 2]
    assert out["monetary_vnd"].tolist() == [600_000, 50_000, 800_000, 100_000, 50_000]
    assert rfm.rfm_table(ORDERS, AS_OF, "mean")["monetary_vnd"].tolist() == [200_000, 50_000, 400_000, 100_000, 25_000]


def test_rfm_table_default_as_of_is_the_last_order():
    # Last order: C2 on 2026-02-05, which now counts: C2 recency 0, F 2, M 1,049,000; C1 recency 6.
    out = rfm.rfm_table(ORDERS)
    assert out.loc[out["customer_id"] == "C2", ["recency_days", "frequency", "monetary_vnd"]].values.tolist() == [[0, 2, 1_049_000]]
    assert out.loc[out["customer_id"] == "C1", "recency_days"].item() == 6


def test_rfm_table_edge_cases_and_bad_input():
    empty = rfm.rfm_table(ORDERS.iloc[0:0])
    assert empty.empty and list(empty.columns) == ["customer_id", "last_order_at", "recency_days", "frequency", "monetary_vnd"]
    single = rfm.rfm_table(ORDERS[ORDERS["customer_id"] == "C4"])
    assert single[["recency_days", "frequency", "monetary_vnd"]].values.tolist() == [[0, 1, 100_000]]
    with pytest.raises(DataError) as err:
        rfm.rfm_table(ORDERS.drop(columns="amount_vnd"))
    assert err.value.fields == ["orders.amount_vnd"]
    with pytest.raises(DataError) as err:
        rfm.rfm_table(ORDERS, monetary="median")
    assert err.value.fields == ["monetary"]
    with pytest.raises(DataError) as err:
        rfm.rfm_table(ORDERS, as_of="yesterday-ish")
    assert err.value.fields == ["as_of"]


# --- rfm_scores ------------------------------------------------------------------------------------

def test_rfm_scores_by_hand():
    out = rfm.rfm_scores(rfm.rfm_table(ORDERS, AS_OF))
    assert out["r_score"].tolist() == [5, 1, 3, 2, 4]
    assert out["f_score"].tolist() == [5, 1, 3, 1, 3]
    assert out["m_score"].tolist() == [4, 1, 5, 3, 1]
    assert out["rfm_cell"].tolist() == ["554", "111", "335", "213", "431"]
    # average order value: C5 25k (1), C2 50k (2), C4 100k (3), C1 200k (4), C3 400k (5)
    assert scored("mean")["m_score"].tolist() == [4, 2, 5, 3, 1]


def test_rfm_scores_make_quintiles_of_ten_different_customers():
    # ranks 1..10 -> ceil(5 × rank / 10) = 1, 1, 2, 2, 3, 3, 4, 4, 5, 5
    table = pd.DataFrame({"recency_days": range(10, 0, -1), "frequency": range(1, 11), "monetary_vnd": range(1, 11)})
    out = rfm.rfm_scores(table)
    assert out["f_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert out["r_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]  # recency 10 is the worst


def test_rfm_scores_edge_cases():
    # One customer: rank 1 of 1 -> ceil(5 × 1 / 1) = 5 everywhere.
    one = rfm.rfm_scores(pd.DataFrame({"recency_days": [3], "frequency": [1], "monetary_vnd": [10]}))
    assert one["rfm_cell"].tolist() == ["555"]
    # Two customers: ranks 1, 2 -> ceil(2.5) = 3 and 5.
    two = rfm.rfm_scores(pd.DataFrame({"recency_days": [3, 1], "frequency": [1, 2], "monetary_vnd": [10, 20]}))
    assert two["rfm_cell"].tolist() == ["333", "555"]
    # Six identical customers: all tie at rank 1 -> ceil(5 / 6) = 1; a tie never splits.
    same = rfm.rfm_scores(pd.DataFrame({"recency_days": [4] * 6, "frequency": [2] * 6, "monetary_vnd": [7] * 6}))
    assert same["rfm_cell"].tolist() == ["111"] * 6
    empty = rfm.rfm_scores(rfm.rfm_table(ORDERS.iloc[0:0]))
    assert empty.empty and {"r_score", "f_score", "m_score", "rfm_cell"} <= set(empty.columns)


def test_rfm_scores_bad_input():
    with pytest.raises(DataError) as err:
        rfm.rfm_scores(rfm.rfm_table(ORDERS, AS_OF).drop(columns="frequency"))
    assert err.value.fields == ["rfm.frequency"]
    with pytest.raises(DataError) as err:
        rfm.rfm_scores(pd.DataFrame({"recency_days": [1, None], "frequency": [1, 2], "monetary_vnd": [1, 2]}))
    assert err.value.fields == ["rfm.recency_days"]


# --- rfm_segment / rfm_segments ----------------------------------------------------------------------

# The whole map, written out row by row (R = 5 at the top, F = 1..5 left to right).
MAP = {
    5: ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
    4: ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
    3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    1: ["lost", "hibernating", "at_risk", "at_risk", "cant_lose"],
}


@pytest.mark.parametrize("r", [1, 2, 3, 4, 5])
def test_rfm_segment_map(r):
    assert [rfm.rfm_segment(r, f) for f in range(1, 6)] == MAP[r]


@pytest.mark.parametrize(("r", "f", "field"), [(0, 3, "r_score"), (6, 3, "r_score"), (3, 2.5, "f_score"), (3, "5", "f_score")])
def test_rfm_segment_refuses_bad_scores(r, f, field):
    with pytest.raises(DataError) as err:
        rfm.rfm_segment(r, f)
    assert err.value.fields == [field]


def test_rfm_segments_by_hand():
    assert scored()["segment"].tolist() == ["champions", "lost", "need_attention", "hibernating", "potential_loyalist"]


def test_rfm_segments_edge_cases_and_bad_input():
    assert rfm.rfm_segments(pd.DataFrame({"r_score": [], "f_score": []}))["segment"].tolist() == []
    assert rfm.rfm_segments(pd.DataFrame({"r_score": [5], "f_score": [5]}))["segment"].tolist() == ["champions"]
    with pytest.raises(DataError) as err:
        rfm.rfm_segments(pd.DataFrame({"r_score": [5]}))
    assert err.value.fields == ["scores.f_score"]


# --- rfm_segment_summary --------------------------------------------------------------------------

def test_rfm_segment_summary_by_hand():
    out = rfm.rfm_segment_summary(scored()).set_index("segment")
    assert list(out.index) == list(rfm.RFM_SEGMENTS)
    assert out["customers"].to_dict() == {"champions": 1, "loyal": 0, "potential_loyalist": 1, "new": 0, "promising": 0,
                                          "need_attention": 1, "about_to_sleep": 0, "at_risk": 0, "cant_lose": 0,
                                          "hibernating": 1, "lost": 1}
    assert out.loc["champions", ["share", "mean_recency_days", "mean_frequency", "mean_monetary_vnd"]].tolist() == [0.2, 1, 3, 600_000]
    assert math.isnan(out.loc["loyal", "mean_monetary_vnd"])


def test_rfm_segment_summary_groups_several_customers_and_keeps_unknown_segments():
    table = pd.DataFrame({"segment": ["lost", "lost", "vip"], "recency_days": [10, 30, 1], "frequency": [1, 3, 9],
                          "monetary_vnd": [100, 300, 5]})
    out = rfm.rfm_segment_summary(table).set_index("segment")
    assert out.index[-1] == "vip"  # a student's own segment comes after the map's
    assert out.loc["lost", ["customers", "mean_recency_days", "mean_frequency", "mean_monetary_vnd"]].tolist() == [2, 20, 2, 200]
    assert out.loc["lost", "share"] == pytest.approx(2 / 3)


def test_rfm_segment_summary_edge_cases_and_bad_input():
    empty = rfm.rfm_segment_summary(scored().iloc[0:0])
    assert empty["customers"].sum() == 0 and empty["share"].isna().all() and len(empty) == len(rfm.RFM_SEGMENTS)
    with pytest.raises(DataError) as err:
        rfm.rfm_segment_summary(scored().drop(columns="segment"))
    assert err.value.fields == ["segmented.segment"]


# --- FRAC: main_category, frac_table, category_frequency ---------------------------------------------

def test_main_category_by_hand():
    # C1: fashion 2 orders (400k), books 1 -> fashion.      C3: electronics 1 (400k), books 1 (400k): tie on orders
    # and amount -> alphabetical: books.                     C5: beauty 1 (20k), home 1 (30k): tie on orders -> home (more money)
    out = rfm.main_category(ORDERS, AS_OF)
    assert dict(zip(out["customer_id"], out["main_category"], strict=True)) == {
        "C1": "fashion", "C2": "home", "C3": "books", "C4": "home", "C5": "home"}
    assert out["categories"].tolist() == [2, 1, 2, 1, 2]


def test_frac_table_adds_the_category_to_rfm():
    out = rfm.frac_table(ORDERS, AS_OF)
    assert list(out.columns) == ["customer_id", "last_order_at", "recency_days", "frequency", "monetary_vnd", "main_category",
                                 "categories"]
    assert out["main_category"].tolist() == ["fashion", "home", "books", "home", "home"]
    assert rfm.rfm_scores(out)["rfm_cell"].tolist() == ["554", "111", "335", "213", "431"]


def test_category_frequency_by_hand():
    out = rfm.category_frequency(ORDERS, AS_OF)
    assert list(out.columns) == ["beauty", "books", "electronics", "fashion", "home"]
    assert out.loc["C1"].tolist() == [0, 1, 0, 2, 0]
    assert out.loc["C2"].tolist() == [0, 0, 0, 0, 1]  # the February order is after as_of
    assert out.loc["C5"].tolist() == [1, 0, 0, 0, 1]


def test_frac_edge_cases_and_bad_input():
    assert rfm.frac_table(ORDERS.iloc[0:0]).empty
    assert rfm.category_frequency(ORDERS.iloc[0:0]).empty
    assert rfm.main_category(ORDERS.iloc[[7]])["main_category"].tolist() == ["home"]  # one customer, one order
    for func in (rfm.main_category, rfm.frac_table, rfm.category_frequency):
        with pytest.raises(DataError) as err:
            func(ORDERS.drop(columns="category"))
        assert err.value.fields == ["orders.category"]


def test_shipped_data_scores_and_segments_every_customer():

    orders = shipped_tables()["orders"]
    out = rfm.rfm_segments(rfm.rfm_scores(rfm.frac_table(orders)))
    assert len(out) == orders["customer_id"].nunique()
    assert out["r_score"].between(1, 5).all() and set(out["segment"]) <= set(rfm.RFM_SEGMENTS)
    assert rfm.rfm_segment_summary(out)["customers"].sum() == len(out)
