"""Recommendation e-mails on and off: a run's summary by hand, and the direction of the effect."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError, ScenarioError
from sim.experiments.recommendation_uplift import recommendation_uplift, run_summary

ORDERS = pd.DataFrame({"customer_id": ["C1", "C1", "C2"], "margin_vnd": [100, 50, 30],
                       "via_recommendation": [False, True, False]})
MARKETING = pd.DataFrame({"channel": ["recommendation_email", "email", "recommendation_email"],
                          "spend_vnd": [30, 1000, 10]})


def test_run_summary_hand_worked():
    out = run_summary(ORDERS, MARKETING)
    # 3 orders, 1 via a recommendation; buyers C1 (2 orders) and C2 (1): repeat rate 1/2;
    # margin 100 + 50 + 30 = 180; recommendation spend 30 + 10 = 40; net 180 − 40 = 140.
    assert out == {"orders": 3, "recommendation_orders": 1, "buyers": 2, "repeat_rate": 0.5, "margin_vnd": 180.0,
                   "recommendation_cost_vnd": 40.0, "net_margin_vnd": 140.0}


def test_run_summary_edges():
    out = run_summary(ORDERS.iloc[0:0], MARKETING.iloc[0:0])
    assert (out["orders"], out["buyers"], out["margin_vnd"]) == (0, 0, 0.0)
    assert math.isnan(out["repeat_rate"])
    one = run_summary(ORDERS.iloc[[2]], MARKETING)
    assert (one["buyers"], one["repeat_rate"]) == (1, 0.0)  # no repeat buyer
    with pytest.raises(DataError) as err:
        run_summary(ORDERS.drop(columns="margin_vnd"), MARKETING)
    assert "orders.margin_vnd" in err.value.fields
    with pytest.raises(DataError) as err:
        run_summary(ORDERS, MARKETING.drop(columns="channel"))
    assert "marketing.channel" in err.value.fields


def test_recommendation_uplift_direction():
    out = recommendation_uplift("demo", seed=4, customers=1500)
    assert list(out.index) == ["with", "without", "difference", "difference_se"]
    assert out.loc["with", "recommendation_orders"] > 0
    assert out.loc["without", "recommendation_orders"] == 0
    assert out.loc["without", "recommendation_cost_vnd"] == 0 < out.loc["with", "recommendation_cost_vnd"]
    assert out.loc["difference", "orders"] == out.loc["with", "orders"] - out.loc["without", "orders"]
    assert math.isnan(out.loc["difference_se", "orders"])


def test_recommendation_uplift_replications_and_a_scenario_with_the_lever_off():

    off = sim.load_scenario("demo", retention={"personalization": {"enabled": False}})
    out = recommendation_uplift(off, seed=4, customers=1500, replications=2)  # "with" turns the lever on
    assert out.loc["with", "recommendation_orders"] > 0 and out.loc["without", "recommendation_orders"] == 0
    assert out.loc["difference_se", "orders"] >= 0


def test_recommendation_uplift_bad_arguments():
    with pytest.raises(DataError) as err:
        recommendation_uplift("demo", seed=-1)
    assert "seed" in err.value.fields
    with pytest.raises(DataError) as err:
        recommendation_uplift("demo", replications=0)
    assert "replications" in err.value.fields
    with pytest.raises(DataError) as err:
        recommendation_uplift(42)
    assert "scenario" in err.value.fields
    with pytest.raises(ScenarioError):
        recommendation_uplift("no_such_preset")
