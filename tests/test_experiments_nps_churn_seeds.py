"""Promoters' churn over seeds and follow-ups: the pieces worked by hand, and one small real run."""

import math

import pandas as pd
import pytest

from sim.experiments import nps_churn_seeds as ncs


def test_ordered_needs_strictly_increasing_churn():
    assert ncs.ordered({"promoter": 0.65, "passive": 0.80, "detractor": 0.85}) is True
    assert ncs.ordered({"promoter": 0.94, "passive": 0.99, "detractor": 0.97}) is False  # passives churn most
    assert ncs.ordered({"promoter": 0.5, "passive": 0.5, "detractor": 0.9}) is False      # a tie is not an order
    assert ncs.ordered({"promoter": math.nan, "passive": 0.5, "detractor": 0.9}) is False


def test_churn_by_follow_up_counts_answers_within_each_follow_up():
    surveys = pd.DataFrame({"customer_id": ["a", "b", "c", "d"],
                            "at": pd.to_datetime(["2026-01-01"] * 4),
                            "nps_score": [10, 8, 3, 9]})
    truth = pd.DataFrame({"customer_id": ["a", "b", "c", "d"],
                          "churned_at": pd.to_datetime([None, "2026-03-01", "2027-06-01", "2026-12-31"])})
    rates = ncs.churn_by_follow_up({"surveys": surveys, "truth": truth})
    # promoters a (never churns), d (churns day 364): within 180 days 0/2, by the end 1/2
    # passive b churns on day 59: 1/1 both; detractor c churns on day 516: 0/1 within 180 days, 1/1 by the end
    assert rates["days_180.promoter"] == 0 and rates["run_end.promoter"] == pytest.approx(0.5)
    assert rates["days_180.passive"] == 1 and rates["run_end.passive"] == 1
    assert rates["days_180.detractor"] == 0 and rates["run_end.detractor"] == 1


def test_per_seed_and_ordering_table_count_the_seeds_in_order():
    runs = pd.DataFrame({"seed": [1, 2],
                         "days_180.promoter": [0.6, 0.6], "days_180.passive": [0.7, 0.8], "days_180.detractor": [0.8, 0.9],
                         "run_end.promoter": [0.9, 0.9], "run_end.passive": [0.95, 0.99], "run_end.detractor": [0.97, 0.97]})
    table = ncs.ordering_table(ncs.per_seed(runs)).set_index("follow_up")
    # within 180 days both seeds are in order; by the end only seed 1 (seed 2: 0.99 > 0.97)
    assert table.loc["days_180", "seeds_run"] == 2 and table.loc["days_180", "seeds_ordered"] == 2
    assert table.loc["run_end", "seeds_ordered"] == 1
    assert table.loc["run_end", "passive_churn_rate"] == pytest.approx(0.97)  # (0.95 + 0.99) / 2
    assert list(table.index) == ["days_180", "run_end"]


def test_a_small_run_gives_one_row_per_seed_and_follow_up():
    table = ncs.nps_churn_over_seeds("demo", seeds=[1, 2])
    assert len(table) == 4 and set(table["follow_up"]) == set(ncs.FOLLOW_UPS)
    for name in ncs.FOLLOW_UPS:
        part = table[table["follow_up"] == name]
        assert ((part["promoter_churn_rate"] >= 0) & (part["detractor_churn_rate"] <= 1)).all()
    # churning by the end of the run includes churning within 180 days
    wide = table.pivot(index="seed", columns="follow_up", values="promoter_churn_rate")
    assert (wide["run_end"] >= wide["days_180"]).all()
