"""The paid-search levers' table against days worked by hand from the default shop's parameters."""

import math

import pytest

import sim
from sim.experiments.paid_search_levers import VARIANTS, lever_table, plan_summary

CPC = 18_286.71  # the default shop's GSP price: position 2, (ad rank of the next, 16,000 × 8) / 7 + 1 ₫ ≈ 18,286.71 ₫


def test_exact_match_day_of_the_default_shop():
    day = plan_summary(sim.load_scenario("default"))
    # 200 searches × CTR 0.035 = 7 visitors, all relevant; 5% fraud: 7 / 0.95 = 7.368 paid clicks
    assert day["matched_searches"] == pytest.approx(200)
    assert day["visitors"] == pytest.approx(7) and day["relevant_visitors"] == pytest.approx(7)
    assert day["invalid_clicks"] == pytest.approx(7 / 0.95 - 7)
    assert day["spend_vnd"] == pytest.approx(7 / 0.95 * CPC, rel=1e-4)  # ≈ 134,744 ₫
    # evening: 35% of the searches → 7 × 0.35 = 2.45 visitors
    assert day["evening_visitors"] == pytest.approx(2.45)


def test_broad_match_reaches_more_but_runs_out_of_budget_before_the_evening():
    day = plan_summary(sim.with_changes("default", {"channels.paid_search.match_type": "broad"}))
    # 200 × 4 = 800 searches, relevance 0.4; wanted 800 × 0.035 / 0.95 = 29.47 paid clicks = 538,929 ₫ > 400,000 ₫:
    # the budget buys 400,000 / CPC = 21.874 paid clicks → 20.78 visitors, 8.31 relevant
    paid = 400_000 / CPC
    assert day["matched_searches"] == pytest.approx(800) and day["relevance"] == pytest.approx(0.4)
    assert day["spend_vnd"] == pytest.approx(400_000)
    assert day["visitors"] == pytest.approx(paid * 0.95, rel=1e-4)
    assert day["relevant_visitors"] == pytest.approx(paid * 0.95 * 0.4, rel=1e-4)
    assert day["cost_per_relevant_visitor_vnd"] == pytest.approx(400_000 / (paid * 0.95 * 0.4), rel=1e-4)
    # spent from midnight: night, morning, afternoon take 800 × 0.035 × (0.08 + 0.27 + 0.30) / 0.95 = 19.16 paid
    # clicks; the evening gets the rest, 21.874 − 19.158 = 2.716 paid → 2.58 visitors (not 800 × 0.035 × 0.35 = 9.8)
    assert day["evening_visitors"] == pytest.approx((paid - 800 * 0.035 * 0.65 / 0.95) * 0.95, rel=1e-3)


def test_day_parting_moves_a_small_budget_to_the_evening():
    table = lever_table("default", {k: VARIANTS[k] for k in ("small_budget", "small_budget_day_parting")})
    small, parted = table.set_index("variant").loc["small_budget"], table.set_index("variant").loc["small_budget_day_parting"]
    # same 60,000 ₫ spent either way; with day parting 45% of it goes to the evening: 27,000 / CPC × 0.95 = 1.403 visitors
    assert small["spend_vnd"] == pytest.approx(60_000) and parted["spend_vnd"] == pytest.approx(60_000)
    assert small["evening_visitors"] == pytest.approx(0)
    assert parted["evening_visitors"] == pytest.approx(27_000 / CPC * 0.95, rel=1e-4)


def test_the_table_has_one_row_per_variant_in_order():
    table = lever_table("default")
    assert table["variant"].tolist() == list(VARIANTS)
    content = table.set_index("variant").loc["content_network"]
    # content network: 60,000 ₫ / 2,500 ₫ = 24 paid clicks, 15% fraud → 20.4 visitors, 35% relevant = 7.14
    assert content["visitors"] == pytest.approx(7 + 20.4)
    assert content["relevant_visitors"] == pytest.approx(7 + 7.14)
    assert not math.isnan(content["cost_per_relevant_visitor_vnd"])
