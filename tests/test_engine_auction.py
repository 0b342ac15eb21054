"""The generalized second-price auction with Quality Score, worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.engine.auction import gsp_auction
from sim.engine.channels import channel_plan, paid_search_auction

COLUMNS = ["advertiser", "bid_vnd", "quality_score", "ad_rank", "status", "position", "price_set_by", "cpc_vnd"]


def test_three_advertisers_two_slots_by_hand():
    # Ranks: A 10,000 × 6 = 60,000; B 8,000 × 9 = 72,000; C 12,000 × 4 = 48,000 → order B, A, C.
    out = gsp_auction([10_000, 8_000, 12_000], [6, 9, 4], slots=2, reserve_cpc_vnd=1_000, advertisers=["A", "B", "C"])
    assert list(out.columns) == COLUMNS
    assert out["advertiser"].tolist() == ["B", "A", "C"]
    assert out["ad_rank"].tolist() == [72_000, 60_000, 48_000]
    assert out["position"].tolist() == [1, 2, pd.NA]
    assert out["status"].tolist() == ["shown", "shown", "outranked"]
    # B pays A's rank / B's QS + 1 = 60,000 / 9 + 1 = 6,667.67; A pays C's rank / 6 + 1 = 8,001.
    assert out["cpc_vnd"].iloc[0] == pytest.approx(60_000 / 9 + 1)
    assert out["cpc_vnd"].iloc[1] == pytest.approx(8_001)
    assert math.isnan(out["cpc_vnd"].iloc[2])
    assert out["price_set_by"].tolist() == ["A", "C", None]
    # The better Quality Score buys the top position for less: B pays less than A although B is above.
    assert out["cpc_vnd"].iloc[0] < out["cpc_vnd"].iloc[1]


def test_last_ad_pays_the_reserve_when_no_one_is_below():
    out = gsp_auction([10_000, 8_000, 12_000], [6, 9, 4], slots=3, reserve_cpc_vnd=1_000, advertisers=["A", "B", "C"])
    assert out["position"].tolist() == [1, 2, 3]
    assert out["cpc_vnd"].iloc[2] == 1_000 and out["price_set_by"].iloc[2] == "reserve"


def test_bid_below_the_reserve_gets_no_slot_and_sets_no_price():
    # D bids 500 < reserve 1,000: left out, even with a rank (500 × 10 = 5,000) above nobody's.
    out = gsp_auction([10_000, 500], [6, 10], slots=3, reserve_cpc_vnd=1_000, advertisers=["A", "D"])
    assert out["status"].tolist() == ["shown", "below_reserve"]
    assert out["cpc_vnd"].iloc[0] == 1_000  # A has no one below: the reserve, not 5,000 / 6 + 1
    assert pd.isna(out["position"].iloc[1])


def test_ties_go_to_the_advertiser_listed_first_and_the_price_is_capped_at_the_bid():
    # A 5,000 × 4 = 20,000 and B 4,000 × 5 = 20,000: a tie, A is listed first.
    out = gsp_auction([5_000, 4_000], [4, 5], slots=2, reserve_cpc_vnd=100, advertisers=["A", "B"])
    assert out["advertiser"].tolist() == ["A", "B"]
    # A would pay 20,000 / 4 + 1 = 5,001 > its bid: it pays its bid, 5,000.
    assert out["cpc_vnd"].tolist() == [5_000, 100]
    swapped = gsp_auction([4_000, 5_000], [5, 4], slots=2, reserve_cpc_vnd=100, advertisers=["B", "A"])
    assert swapped["advertiser"].tolist() == ["B", "A"]


def test_price_is_never_below_the_reserve():
    # A 2,000 × 10 = 20,000; B 1,000 × 2 = 2,000 → A would pay 2,000 / 10 + 1 = 201 < reserve 1,000.
    out = gsp_auction([2_000, 1_000], [10, 2], slots=2, reserve_cpc_vnd=1_000)
    assert out["advertiser"].tolist() == ["ad_1", "ad_2"]
    assert out["cpc_vnd"].tolist() == [1_000, 1_000]


def test_edges():
    empty = gsp_auction([], [], slots=3)
    assert len(empty) == 0 and list(empty.columns) == COLUMNS
    alone = gsp_auction([3_000], [7], slots=1, reserve_cpc_vnd=800)
    assert alone["position"].tolist() == [1] and alone["cpc_vnd"].tolist() == [800]
    no_slots = gsp_auction([3_000, 2_000], [7, 7], slots=0)
    assert no_slots["status"].tolist() == ["outranked", "outranked"]
    zero_bid = gsp_auction([0, 2_000], [7, 7], slots=2)
    assert zero_bid.set_index("advertiser").loc["ad_1", "status"] == "below_reserve"
    arrays = gsp_auction(np.array([10_000, 8_000]), pd.Series([6, 9]), slots=1)
    assert arrays["advertiser"].tolist() == ["ad_2", "ad_1"]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"bids_vnd": [1_000, 2_000], "quality_scores": [5]}, "quality_scores"),
    ({"bids_vnd": [1_000], "quality_scores": [11]}, "quality_scores[0]"),
    ({"bids_vnd": [-5], "quality_scores": [5]}, "bids_vnd[0]"),
    ({"bids_vnd": ["1000"], "quality_scores": [5]}, "bids_vnd[0]"),
    ({"bids_vnd": 1_000, "quality_scores": [5]}, "bids_vnd"),
    ({"bids_vnd": [1_000], "quality_scores": [5], "slots": 1.5}, "slots"),
    ({"bids_vnd": [1_000], "quality_scores": [5], "reserve_cpc_vnd": -1}, "reserve_cpc_vnd"),
    ({"bids_vnd": [1_000, 900], "quality_scores": [5, 5], "advertisers": ["A", "A"]}, "advertisers"),
])
def test_bad_input(kwargs, field):
    with pytest.raises(DataError) as err:
        gsp_auction(**kwargs)
    assert err.value.fields == [field]


def test_the_simulator_runs_the_same_auction():
    # The default shop: ours 20,000 × 7 = 140,000; competitors 150,000, 128,000, 72,000, 63,000.
    table = gsp_auction([20_000, 25_000, 16_000, 12_000, 9_000], [7, 6, 8, 6, 7], slots=5, reserve_cpc_vnd=1_500,
                        advertisers=["shop", "c1", "c2", "c3", "c4"]).set_index("advertiser")
    assert table.loc["shop", "position"] == 2
    assert table.loc["shop", "cpc_vnd"] == pytest.approx(128_000 / 7 + 1)
    plan = channel_plan(sim.load_scenario("default"))
    assert plan.paid_search.position == 2
    assert plan.paid_search.cpc_vnd == table.loc["shop", "cpc_vnd"]
    # In a tie the shop (listed first) goes ahead and pays at most its bid.
    tie = paid_search_auction(5_000, 4, [4_000], [5], [0.1, 0.05], 100, 1e9, 100)
    assert (tie.position, tie.cpc_vnd) == (1, 5_000)
