"""Pieces of the model checked on hand-worked examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sim
from sim.base.rng import UniformStream, cumulative, make_streams
from sim.engine.channels import channel_plan, paid_search_auction
from sim.engine.model import competing_risks, evaluation_risks, loyalty_target
from sim.measures.retention import loyalty_zone


def test_auction_generalized_second_price():
    # Ranks: ours 20,000 × 7 = 140,000; competitors 150,000, 128,000, 72,000, 63,000.
    out = paid_search_auction(20000, 7, [25000, 16000, 12000, 9000], [6, 8, 6, 7],
                              [0.06, 0.035, 0.025, 0.018, 0.012], 200, 400000, 1500)
    assert out.position == 2
    assert out.cpc_vnd == pytest.approx(128000 / 7 + 1)  # 18,286.71 VND
    assert out.ctr == 0.035
    assert out.clicks_per_day == pytest.approx(7.0)  # 200 × 0.035, under the budget cap of 21.9
    assert out.impressions_per_day == pytest.approx(200.0)


def test_auction_budget_cap_and_top_position_and_reserve():
    # Alone at the top with no one below: pay the reserve price.
    out = paid_search_auction(10000, 5, [], [], [0.1], 1000, 30000, 1500)
    assert (out.position, out.cpc_vnd) == (1, 1500)
    assert out.clicks_per_day == pytest.approx(20.0)  # budget 30,000 / 1,500 < 1000 × 0.1
    # Below every slot: not shown.
    out = paid_search_auction(100, 1, [5000, 5000], [5, 5], [0.1], 1000, 30000, 1500)
    assert out.position == 0 and out.clicks_per_day == 0


def test_channel_plan_of_the_default_shop():
    plan = channel_plan(sim.load_scenario("default"))
    assert plan.visits_per_day["organic_search"] == pytest.approx(15 * 0.45)
    assert plan.visits_per_day["email"] == pytest.approx(15000 * 2 / 30 * 0.004)
    assert plan.visits_per_day["social"] == pytest.approx(25000 / 6000)
    assert plan.visits_per_day["direct"] == 2.5


def test_loyalty_curve_by_hand():
    # f(s) = 0.03 + 0.97 × ((s − 1) / 4) ** 4
    assert loyalty_target(1, 0.03, 4) == pytest.approx(0.03)
    assert loyalty_target(3, 0.03, 4) == pytest.approx(0.03 + 0.97 * 0.0625)
    assert loyalty_target(4, 0.03, 4) == pytest.approx(0.03 + 0.97 * 0.31640625)
    assert loyalty_target(5, 0.03, 4) == pytest.approx(1.0)


def test_competing_risks_by_hand():
    passing, cum = competing_risks([0.2, 0.5])
    assert passing == pytest.approx(0.4)
    h1, h2 = -math.log(0.8), -math.log(0.5)
    assert cum[0] == pytest.approx(h1 / (h1 + h2))
    assert cum[1] == 1.0


def test_trust_levers_cut_their_own_risk():
    base = sim.load_scenario("default")
    off = sim.load_scenario({"trust": {"security_badge": False, "reviews": False,
                                       "return_policy": False, "quality_verification": False}})
    on = sim.load_scenario({"trust": {"security_badge": True, "reviews": True,
                                      "return_policy": True, "quality_verification": True}})
    r_off = evaluation_risks(off, 0.5, repeat=False, loyalty=0.0)
    r_on = evaluation_risks(on, 0.5, repeat=False, loyalty=0.0)
    ev = base.evaluation
    assert r_off[:3] == pytest.approx([0.26, 0.30, 0.14])
    assert r_off[3] == 0.0  # no reviews shown: no poor-review risk
    assert r_on[0] == pytest.approx(0.26 * 0.3)
    assert r_on[1] == pytest.approx(0.30 * 0.4 * 0.7)
    assert r_on[2] == pytest.approx(0.14 * 0.4)
    assert r_on[3] == pytest.approx(ev.poor_reviews_prob * (5 - 4.3) / 4)
    assert r_on[4] == r_off[4] == pytest.approx(0.5 * 0.12)
    loyal = evaluation_risks(on, 0.5, repeat=True, loyalty=1.0)
    assert loyal[0] == pytest.approx(0.26 * 0.3 * 0.3)
    assert loyal[4] == pytest.approx(0.5 * 0.12 * (1 - 0.6))


def test_streams_are_independent_and_reproducible():
    g1, u1 = make_streams(5)
    g2, u2 = make_streams(5)
    assert [u1["journey"].u() for _ in range(5)] == [u2["journey"].u() for _ in range(5)]
    assert np.array_equal(g1["names"].random(5), g2["names"].random(5))
    assert u1["journey"].u() != u1["purchase"].u()


def test_scalar_stream_distributions():
    _, streams = make_streams(11)
    u: UniformStream = streams["lifecycle"]
    n = 40000
    exp = [u.exponential(3.0) for _ in range(n)]
    assert abs(np.mean(exp) - 3.0) < 4 * 3.0 / math.sqrt(n)
    pois = [u.poisson(1.5) for _ in range(n)]
    assert abs(np.mean(pois) - 1.5) < 4 * math.sqrt(1.5 / n)
    geo = [u.geometric(0.25) for _ in range(n)]
    assert abs(np.mean(geo) - 4.0) < 4 * math.sqrt(0.75 / 0.0625 / n)
    norm = [u.normal(1.0, 2.0) for _ in range(n)]
    assert abs(np.mean(norm) - 1.0) < 4 * 2.0 / math.sqrt(n)
    assert abs(np.std(norm) - 2.0) < 0.05
    picks = [u.choice(cumulative([1, 3])) for _ in range(n)]
    assert abs(np.mean(picks) - 0.75) < 4 * math.sqrt(0.75 * 0.25 / n)


def test_heskett_zones_of_the_default_shop():
    lo = sim.load_scenario("default").loyalty
    zones = [loyalty_zone(s, defection_max_satisfaction=lo.defection_max_satisfaction,
                          affection_min_satisfaction=lo.affection_min_satisfaction) for s in range(1, 6)]
    assert zones == ["defection", "defection", "indifference", "indifference", "affection"]


def test_zones_must_be_in_order():
    with pytest.raises(sim.ScenarioError) as info:
        sim.load_scenario({"loyalty": {"defection_max_satisfaction": 4, "affection_min_satisfaction": 3}})
    assert "loyalty" in info.value.fields
