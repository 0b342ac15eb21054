"""Godin's four steps: each lever moves the measure the lecture says, in the direction it says."""

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.experiments.permission_steps import STEP_LEVERS, step_measures
from sim.experiments.sweep_values import mean_at, ratio_at


def test_step_measures_are_godin_steps_of_the_run():
    customers = pd.DataFrame({"email_opt_in": [True, True, False, False],
                              "permission_widened_at": pd.to_datetime(["2026-02-01", None, None, None])})
    marketing = pd.DataFrame({"channel": ["email"], "purpose": ["retention"], "emails_sent": [100], "opens": [25],
                              "unsubscribes": [1]})
    # 2 of 4 opt in, 25 of 100 opened, 1 unsubscribe per 100 e-mails, 1 of 2 subscribers widened
    assert step_measures({"customers": customers, "marketing": marketing}) == pytest.approx(
        {"opt_in_rate": 0.5, "open_rate": 0.25, "unsubscribe_rate": 0.01, "widened_share": 0.5})


def test_mean_at_reads_one_row_and_names_a_missing_one():
    summary = pd.DataFrame({"x": [0, 0, 100], "measure": ["a", "b", "a"], "mean": [0.1, 0.2, 0.52]})
    assert mean_at(summary, "x", 100, "a") == 0.52
    with pytest.raises(DataError, match="b"):
        mean_at(summary, "x", 100, "b")
    # 0.52 / 0.1 = 5.2
    assert ratio_at(summary, "x", 100, 0, "a") == pytest.approx(5.2)


@pytest.mark.parametrize(("step", "measure", "sign"), [("incentive", "opt_in_rate", 1), ("teaching", "open_rate", 1),
                                                       ("additional_incentive", "widened_share", 1)])
def test_each_step_moves_its_measure(step, measure, sign):
    field, values = STEP_LEVERS[step]
    low, high = values[0], values[-1]
    runs = [step_measures(sim.simulate(sim.with_changes("demo", {field: v}), seed=3)) for v in (low, high)]
    # the lecture's direction: more incentive, teaching or extra incentive → more opt-ins, opens, wider permission
    assert sign * (runs[1][measure] - runs[0][measure]) > 0
