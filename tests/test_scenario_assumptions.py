"""Parameters named in the «Giả định của mô hình» boxes are read from the scenario."""

import pytest

import sim
from sim.base.errors import ScenarioError
from sim.scenario.assumptions import parameter_table, parameter_value


def test_values_follow_the_scenario_they_are_read_from():
    changed = sim.with_changes("default", {"survey.per_loyalty": 3.5, "churn.loyalty_protection": 0.5,
                                           "channels.paid_search.match_type": "broad"})
    table = parameter_table(changed, ["survey.per_loyalty", "churn.loyalty_protection",
                                      "channels.paid_search.match_type"])
    assert table["parameter"].tolist() == ["survey.per_loyalty", "churn.loyalty_protection",
                                           "channels.paid_search.match_type"]
    assert table["value"].tolist() == [3.5, 0.5, "broad"]


def test_a_nested_mapping_is_read_by_key():
    changed = sim.with_changes("default", {"channels.paid_search.match_reach.broad": 6.0})
    assert parameter_value(changed, "channels.paid_search.match_reach.broad") == 6.0


def test_an_unknown_field_is_named_in_the_error():
    with pytest.raises(ScenarioError, match="per_loyality"):
        parameter_value(sim.load_scenario("default"), "survey.per_loyality")
