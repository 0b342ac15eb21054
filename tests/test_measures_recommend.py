"""Item-item collaborative filtering, worked by hand on tiny order tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures.recommend import hit_rate, item_similarity, purchase_matrix, top_n


def orders(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(customer_id, product_id, at) rows; order ids in row order."""
    return pd.DataFrame({"order_id": [f"DH{i:03d}" for i in range(len(rows))],
                         "customer_id": [r[0] for r in rows], "product_id": [r[1] for r in rows],
                         "at": [r[2] for r in rows]})


# Three customers, four items (each row one order):
#   C1 bought A, B (and A again);  C2 bought A, C;  C3 bought B, C, D.
# Buyers: A {C1, C2}, B {C1, C3}, C {C2, C3}, D {C3}.
# cos(A, B) = |{C1}| / √(2·2) = 1/2;  cos(A, C) = |{C2}| / 2 = 1/2;  cos(A, D) = 0 / √2 = 0;
# cos(B, C) = |{C3}| / 2 = 1/2;  cos(B, D) = |{C3}| / √(2·1) = 1/√2 = 0.707107;  cos(C, D) = 0.707107.
# Scores (items not yet bought):
#   C1 {A, B}: C = 1/2 + 1/2 = 1.0, D = 0 + 0.707107 = 0.707107
#   C2 {A, C}: B = 1/2 + 1/2 = 1.0, D = 0 + 0.707107 = 0.707107
#   C3 {B, C, D}: A = 1/2 + 1/2 + 0 = 1.0
SMALL = orders([("C1", "A", "2026-01-01"), ("C1", "B", "2026-01-02"), ("C1", "A", "2026-01-03"),
                ("C2", "A", "2026-01-01"), ("C2", "C", "2026-01-02"),
                ("C3", "B", "2026-01-01"), ("C3", "C", "2026-01-02"), ("C3", "D", "2026-01-03")])


def test_purchase_matrix_hand_worked():
    m = purchase_matrix(SMALL)
    assert list(m.index) == ["C1", "C2", "C3"] and list(m.columns) == ["A", "B", "C", "D"]
    assert m.to_numpy().tolist() == [[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1]]  # A twice for C1 still counts 1


def test_item_similarity_hand_worked():
    s = item_similarity(SMALL)
    assert s.loc["A", "B"] == pytest.approx(0.5)
    assert s.loc["A", "C"] == pytest.approx(0.5)
    assert s.loc["A", "D"] == 0.0
    assert s.loc["B", "D"] == pytest.approx(0.707107, abs=1e-6)
    assert s.loc["D", "C"] == pytest.approx(0.707107, abs=1e-6)
    assert [s.loc[i, i] for i in "ABCD"] == pytest.approx([1.0, 1.0, 1.0, 1.0])


def test_top_n_hand_worked():
    out = top_n(SMALL, n=2)
    rows = list(out.itertuples(index=False, name=None))
    assert [r[:3] for r in rows] == [("C1", 1, "C"), ("C1", 2, "D"), ("C2", 1, "B"), ("C2", 2, "D"), ("C3", 1, "A")]
    assert [r[3] for r in rows] == pytest.approx([1.0, 0.707107, 1.0, 0.707107, 1.0], abs=1e-6)


def test_top_n_popular_baseline():
    out = top_n(SMALL, n=1, method="popular")
    # Buyers: A 2, B 2, C 2, D 1. C1 lacks C and D → C (2); C2 lacks B, D → B; C3 lacks A → A.
    assert list(zip(out["customer_id"], out["product_id"], out["score"], strict=True)) == [
        ("C1", "C", 2.0), ("C2", "B", 2.0), ("C3", "A", 2.0)]


def test_top_n_ties_and_no_co_buyers():
    lonely = orders([("C1", "X", "2026-01-01"), ("C2", "Z", "2026-01-01"), ("C3", "Y", "2026-01-01")])
    # Nobody shares an item: every cosine score is 0, so item_cf recommends nothing.
    assert top_n(lonely, n=2).empty
    # Popular: every other item was bought once; ties go to the smaller product_id.
    out = top_n(lonely, n=1, method="popular")
    assert out["product_id"].tolist() == ["Y", "X", "X"]


def test_top_n_edges():
    empty = SMALL.iloc[0:0]
    assert top_n(empty).empty
    assert list(top_n(empty).columns) == ["customer_id", "rank", "product_id", "score"]
    assert purchase_matrix(empty).empty and item_similarity(empty).empty
    single = orders([("C1", "A", "2026-01-01"), ("C1", "B", "2026-01-02")])
    assert top_n(single).empty  # one customer has bought every item there is
    with pytest.raises(DataError) as err:
        top_n(SMALL.drop(columns="product_id"))
    assert "orders.product_id" in err.value.fields
    with pytest.raises(DataError) as err:
        top_n(SMALL, n=0)
    assert "n" in err.value.fields
    with pytest.raises(DataError) as err:
        top_n(SMALL, method="random")
    assert "method" in err.value.fields
    with pytest.raises(DataError) as err:
        item_similarity(SMALL.drop(columns="customer_id"))
    assert "orders.customer_id" in err.value.fields


# Held-out test. Last order of each customer with ≥ 2 orders is held out:
#   C1: A, B, C → train {A, B}, hold C        C2: A, C, B → train {A, C}, hold B
#   C3: B, C, D → train {B, C}, hold D        C4: A, D    → train {A}, hold D
#   C5: D (one order, training only)
# Training buyers: A {1, 2, 4}, B {1, 3}, C {2, 3}, D {5}.
# cos(A, B) = 1/√(3·2) = 0.408248; cos(A, C) = 1/√6 = 0.408248; cos(B, C) = 1/√(2·2) = 0.5; D shares no buyer: 0.
# item_cf, n = 1: C1 {A, B} → C (0.408 + 0.5 = 0.908): hit; C2 {A, C} → B (0.908): hit;
#                 C3 {B, C} → A (0.816); D scores 0: miss;  C4 {A} → B and C tie at 0.408, B first: miss.
#   → 2 hits / 4 = 0.5; with n = 2 nothing changes (D never gets a positive score): 0.5.
# popular (training counts A 3, B 2, C 2, D 1), n = 1: C1 → C hit; C2 → B hit; C3 → A miss; C4 → B miss: 0.5;
#   n = 2: C3 → A, D: hit; C4 → B, C: miss → 3/4 = 0.75.
HELD = orders([("C1", "A", "2026-01-01"), ("C1", "B", "2026-01-02"), ("C1", "C", "2026-01-03"),
               ("C2", "A", "2026-01-01"), ("C2", "C", "2026-01-02"), ("C2", "B", "2026-01-03"),
               ("C3", "B", "2026-01-01"), ("C3", "C", "2026-01-02"), ("C3", "D", "2026-01-03"),
               ("C4", "A", "2026-01-01"), ("C4", "D", "2026-01-02"),
               ("C5", "D", "2026-01-01")])


def test_hit_rate_hand_worked():
    one = hit_rate(HELD, n=1)
    assert (one["customers"], one["hits"], one["hit_rate"], one["repeat_purchases"]) == (4, 2, 0.5, 0)
    assert hit_rate(HELD, n=2)["hit_rate"] == 0.5
    assert hit_rate(HELD, n=1, method="popular")["hit_rate"] == 0.5
    assert hit_rate(HELD, n=2, method="popular")["hit_rate"] == 0.75


def test_hit_rate_holds_out_by_time_not_by_row_order():
    shuffled = HELD.sample(frac=1.0, random_state=3)
    assert hit_rate(shuffled, n=1)["hits"] == 2


@pytest.mark.filterwarnings("ignore:Could not infer format")
def test_hit_rate_edges():
    repeat = orders([("C1", "A", "2026-01-01"), ("C1", "A", "2026-02-01")])
    out = hit_rate(repeat)  # the held-out item was bought before: not evaluated
    assert (out["customers"], out["hits"], out["repeat_purchases"]) == (0, 0, 1)
    assert math.isnan(out["hit_rate"])
    no_repeat_buyers = orders([("C1", "A", "2026-01-01"), ("C2", "B", "2026-01-01")])
    assert hit_rate(no_repeat_buyers)["customers"] == 0
    assert hit_rate(HELD.iloc[0:0])["customers"] == 0
    with pytest.raises(DataError) as err:
        hit_rate(HELD.drop(columns="at"))
    assert "orders.at" in err.value.fields
    with pytest.raises(DataError) as err:
        hit_rate(HELD.assign(at="yesterday"))
    assert "orders.at" in err.value.fields


def test_on_the_shipped_orders():

    o = shipped_tables()["orders"]
    recs = top_n(o, n=3)
    assert recs.groupby("customer_id")["rank"].max().le(3).all()
    bought = set(zip(o["customer_id"], o["product_id"], strict=True))
    assert not any((c, p) in bought for c, p in zip(recs["customer_id"], recs["product_id"], strict=True))
    out = hit_rate(o, n=10)
    assert out["customers"] > 100 and 0.0 < out["hit_rate"] < 1.0


def test_collaborative_filtering_beats_best_sellers_on_the_shipped_data():
    """Repeat buyers take the product that goes with their last one; item-item CF finds those pairs, popularity cannot."""

    orders = shipped_tables()["orders"]
    cf = hit_rate(orders, n=3, method="item_cf")
    popular = hit_rate(orders, n=3, method="popular")
    assert cf["customers"] == popular["customers"] > 500
    assert cf["hit_rate"] > 1.3 * popular["hit_rate"]
