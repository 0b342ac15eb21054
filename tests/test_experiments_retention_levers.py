"""Retention levers and the measures of the two retention goals, on hand-worked examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.experiments.retention_levers import LEVERS, lever_grid, lever_sweep, one_at_a_time
from sim.measures.retention import MEASURES, retention_measures

# A buys twice, B once, C three times: 6 orders, 3 buyers. The latest order is 2026-06-30.
ORDERS = pd.DataFrame({
    "customer_id": ["A", "A", "B", "C", "C", "C"],
    "at": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-02-01", "2026-01-10", "2026-05-01", "2026-06-30"]),
    "amount_vnd": [100_000, 200_000, 150_000, 50_000, 60_000, 70_000],
})
# Only B (a buyer) and D (never bought) have a churn date.
TRUTH = pd.DataFrame({"customer_id": ["A", "B", "C", "D"],
                      "churned_at": pd.to_datetime([None, "2026-07-15", None, "2026-02-01"])})
TABLES = {"orders": ORDERS, "truth": TRUTH}


def test_lever_grid_full_factorial_and_one_setting():
    assert lever_grid() == {"retention.personalization.enabled": [False, True],
                            "retention.community.enabled": [False, True],
                            "retention.loyalty_programme.enabled": [False, True]}
    assert lever_grid(True, False, None) == {"retention.personalization.enabled": [True],
                                             "retention.community.enabled": [False],
                                             "retention.loyalty_programme.enabled": [False, True]}
    assert list(lever_grid()) == list(LEVERS.values())


def test_lever_grid_fields_are_scenario_fields():
    changed = sim.with_changes(sim.load_scenario("demo"), {field: values[0] for field, values in lever_grid(True, True, False).items()})
    assert changed.retention.personalization.enabled is True
    assert changed.retention.community.enabled is True
    assert changed.retention.loyalty_programme.enabled is False


def test_lever_grid_refuses_a_value_that_is_not_a_switch():
    with pytest.raises(DataError) as err:
        lever_grid(personalization="yes")
    assert err.value.fields == ["personalization"]
    with pytest.raises(DataError):
        lever_grid(community=1)


def test_retention_measures_hand_worked():
    out = retention_measures(TABLES)
    assert list(out) == list(MEASURES)
    # buyers with ≥ 2 orders: A and C → 2/3
    assert out["repeat_rate"] == pytest.approx(2 / 3)
    # 6 orders / 3 buyers
    assert out["orders_per_buyer"] == pytest.approx(2.0)
    # days since the last order on 2026-06-30: A (1 March) 121, B (1 February) 149, C 0 → only C within 90 days
    assert out["active_share"] == pytest.approx(1 / 3)
    # buyers with a churn date: only B (D never bought) → 1/3
    assert out["true_churn_share"] == pytest.approx(1 / 3)


def test_active_share_moves_with_the_threshold():
    # A's gap 121 ≤ 130 → A and C active; B's gap 149 ≤ 150 → all three
    assert retention_measures(TABLES, active_days=130)["active_share"] == pytest.approx(2 / 3)
    assert retention_measures(TABLES, active_days=150)["active_share"] == pytest.approx(1.0)


def test_retention_measures_without_buyers_is_nan():
    out = retention_measures({"orders": ORDERS.iloc[0:0], "truth": TRUTH})
    assert set(out) == set(MEASURES)
    assert all(math.isnan(v) for v in out.values())


def test_retention_measures_refuses_bad_input():
    with pytest.raises(DataError) as err:
        retention_measures({"orders": ORDERS, "truth": TRUTH[TRUTH["customer_id"] != "C"]})
    assert err.value.fields == ["truth.customer_id"]
    with pytest.raises(DataError) as err:
        retention_measures({"orders": ORDERS})
    assert err.value.fields == ["tables['truth']"]
    with pytest.raises(DataError) as err:
        retention_measures({"orders": ORDERS.drop(columns="amount_vnd"), "truth": TRUTH})
    assert err.value.fields == ["orders.amount_vnd"]
    with pytest.raises(DataError) as err:
        retention_measures(TABLES, active_days=0)
    assert err.value.fields == ["active_days"]
    with pytest.raises(DataError):
        retention_measures("orders.csv")


def test_retention_measures_on_a_run_and_in_a_sweep(demo_result):
    out = retention_measures(demo_result)
    assert all(0.0 <= out[m] <= 1.0 for m in ("repeat_rate", "active_share", "true_churn_share"))
    assert out["orders_per_buyer"] >= 1.0
    summary = sim.sweep("demo", lever_grid(False, True, False), seeds=[1, 2], measures=retention_measures)
    assert set(summary["measure"]) == set(MEASURES)
    assert summary["retention.community.enabled"].tolist() == [True] * len(MEASURES)
    assert (summary["n_runs"] == 2).all()


def test_one_at_a_time_settings():
    assert one_at_a_time() == [{}, {"personalization": True}, {"community": True}, {"loyalty_programme": True},
                               {"personalization": True, "community": True, "loyalty_programme": True}]


def test_lever_sweep_runs_only_the_settings_given():
    out = lever_sweep([{}, {"community": True}], "demo", seeds=iter([1, 2]), measures=retention_measures)
    # two settings × four measures, each over the same two seeds
    assert len(out) == 2 * len(MEASURES)
    assert (out["n_runs"] == 2).all()
    assert out[LEVERS["community"]].tolist() == [False] * len(MEASURES) + [True] * len(MEASURES)
    assert not out[LEVERS["personalization"]].any() and not out[LEVERS["loyalty_programme"]].any()
    # the same figures as sim.sweep with the same seeds
    direct = sim.sweep("demo", lever_grid(False, True, False), seeds=[1, 2], measures=retention_measures)
    pd.testing.assert_frame_equal(out.iloc[len(MEASURES):].reset_index(drop=True), direct)


def test_lever_sweep_refuses_bad_settings():
    with pytest.raises(DataError) as err:
        lever_sweep([{"newsletter": True}], seeds=1)
    assert err.value.fields == ["newsletter"]
    with pytest.raises(DataError) as err:
        lever_sweep([{"community": "on"}], seeds=1)
    assert err.value.fields == ["community"]
    with pytest.raises(DataError) as err:
        lever_sweep([], seeds=1)
    assert err.value.fields == ["settings"]
    with pytest.raises(DataError):
        lever_sweep(["community"], seeds=1)
