"""The «Giả định của mô hình» tables read their values from the scenario."""

import pytest

import sim
from sim.base.errors import ScenarioError
from sim.scenario.assumptions import parameter_table, parameter_value, shown_value


def test_values_are_read_from_the_scenario_and_follow_its_changes():
    default = sim.load_scenario("default")
    changed = sim.with_changes(default, {"evaluation.security_concern_prob": 0.5})
    # default.yaml: evaluation.security_concern_prob 0.26, trust.reviews true, loyalty.curvature 5.0
    assert parameter_value(default, "evaluation.security_concern_prob") == pytest.approx(0.26)
    assert parameter_value(changed, "evaluation.security_concern_prob") == pytest.approx(0.5)
    table = parameter_table(default, ["trust.reviews", "loyalty.curvature"])
    assert table["parameter"].tolist() == ["trust.reviews", "loyalty.curvature"]
    assert table["value"].tolist() == ["Có", "5"]


def test_an_unknown_field_is_named_in_the_error():
    with pytest.raises(ScenarioError) as err:
        parameter_value(sim.load_scenario("default"), "evaluation.no_such_prob")
    assert "evaluation.no_such_prob" in str(err.value)


def test_values_are_written_in_the_unit_their_name_states():
    # 0.26 is a probability -> 26,0%; 20,000,000 ₫; a switch -> Có/Không; curvature 5.0 -> 5
    table = parameter_table(sim.load_scenario("default"), [
        "evaluation.security_concern_prob", "channels.organic_search.content_cost_per_month_vnd", "trust.reviews",
        "loyalty.curvature"])
    assert table["value"].tolist() == ["26,0%", "20.000.000 ₫", "Có", "5"]


def test_a_group_of_values_is_written_item_by_item():
    """A value per key, each in the unit of the group's name: ``share_prob`` {a: 0.25, b: 0.5} → «a: 25,0%; b: 50,0%»."""
    assert shown_value("x.share_prob", {"a": 0.25, "b": 0.5}) == "a: 25,0%; b: 50,0%"
    assert shown_value("x.hours", [1.0, 2.0]) == "1; 2"
