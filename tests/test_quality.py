"""RATER / SERVQUAL answers follow the store's real service levels; e-service levers."""

from __future__ import annotations

import pytest

import sim
from sim.base.codes import RATER, SERVQUAL10
from sim.engine.model import evaluation_risks
from sim.engine.quality import service_levels


def test_service_levels_of_the_default_shop_by_hand():
    levels = service_levels(sim.load_scenario("default"))
    assert levels["tangibles"] == pytest.approx(0.5 * 0.6 + 0.5 * 0.5)
    assert levels["reliability"] == pytest.approx((0.985 - 0.95) / 0.05)
    assert levels["responsiveness"] == pytest.approx(1 - (3.0 - 1.0) / 5.0)
    assert levels["assurance"] == pytest.approx(0.5 * (0.6 * 0 + 0.4 * 1) + 0.5 * 0.85)
    assert levels["empathy"] == pytest.approx(0.6 * 1 + 0.4 * (22 - 8) / 24)


def test_surveys_have_expectation_and_perception_per_rater_dimension(default_result):
    surveys = default_result.surveys
    for dim in RATER:
        for kind in ("expectation", "perception"):
            column = surveys[f"{dim}_{kind}"]
            assert column.between(1, 7).all() and column.notna().all()


def test_faster_pages_are_perceived_as_more_responsive():
    slow = sim.simulate(sim.load_scenario({"base": "demo", "service_quality": {"page_load_seconds": 6.0}}), seed=8)
    fast = sim.simulate(sim.load_scenario({"base": "demo", "service_quality": {"page_load_seconds": 1.0}}), seed=8)
    gap = fast.surveys["responsiveness_perception"].mean() - slow.surveys["responsiveness_perception"].mean()
    # Level 0 → 1 moves the mean perception by 4 points on the 1–7 scale (less after clipping at 7).
    assert gap > 2.5
    assert fast.surveys["tangibles_perception"].mean() == pytest.approx(
        slow.surveys["tangibles_perception"].mean(), abs=0.5)


def test_ten_servqual_dimensions_are_an_option():
    result = sim.simulate(sim.load_scenario({"base": "demo", "service_quality": {"servqual_ten_dimensions": True}}),
                          seed=2)
    columns = [c for c in result.surveys.columns if c.endswith(("_expectation", "_perception"))]
    assert columns == [f"{d}_{k}" for d in SERVQUAL10 for k in ("expectation", "perception")]


def test_core_e_services_guard_security_and_value_added_ones_reduce_doubt():
    base = sim.load_scenario("default")
    no_core = sim.load_scenario({"e_services": {"core": False}})
    value_added = sim.load_scenario({"e_services": {"value_added": True}})
    r_base = evaluation_risks(base, 0.5, repeat=False, loyalty=0.0)
    assert evaluation_risks(no_core, 0.5, repeat=False, loyalty=0.0)[0] == pytest.approx(r_base[0] * 1.3)
    assert evaluation_risks(value_added, 0.5, repeat=False, loyalty=0.0)[1] == pytest.approx(r_base[1] * 0.85)


def test_e_services_move_satisfaction():
    low = sim.simulate(sim.load_scenario({"base": "demo", "e_services": {"foundation_quality": 0.0, "core": False}}),
                       seed=9)
    high = sim.simulate(sim.load_scenario({"base": "demo", "e_services": {"foundation_quality": 1.0,
                                                                          "value_added": True}}), seed=9)
    assert high.surveys["satisfaction"].mean() > low.surveys["satisfaction"].mean() + 0.4


def test_bad_service_quality_values_are_refused():
    with pytest.raises(sim.ScenarioError) as info:
        sim.load_scenario({"service_quality": {"page_load_seconds": -1}})
    assert "service_quality.page_load_seconds" in info.value.fields


def test_information_seekers_ask_more_than_directed_buyers(default_result):
    tickets, customers = default_result.tickets, default_result.customers
    questions = tickets[tickets["request"] == "pre_purchase_question"]
    asked = questions.merge(customers[["customer_id", "persona"]], on="customer_id")["persona"].value_counts()
    visitors = customers["persona"].value_counts()
    rate = asked / visitors
    assert rate["directed_information_seeker"] > 1.5 * rate["directed_buyer"]
