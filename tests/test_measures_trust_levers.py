"""Trust levers: evaluation-stage measures, off/on comparison over seeds, pooling runs — worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base.codes import EVALUATION_REASONS
from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.measures import funnel
from sim.measures.trust_levers import LEVERS, MEASURES, lever_effects, pool, trust_measures
from sim.scenario.schema import Trust

COLUMNS = ["customer_id", "journey_no", "stage", "event", "reason"]

# Five journeys:
#   A1: need → search → evaluated → purchased → post-purchase    (bought)
#   B1: need → search → drop-out at evaluation, security concern
#   C1: need → search → drop-out at evaluation, quality cannot be verified
#   D1: need → drop-out at stage 1, no real need
#   A2: need → search → drop-out at evaluation, security concern
ROWS = [
    ("A", 1, 1, "need_campaign", None), ("A", 1, 2, "search_external", None), ("A", 1, 3, "evaluated", None),
    ("A", 1, 4, "purchased", None), ("A", 1, 5, "post_purchase", None),
    ("B", 1, 1, "need_spontaneous", None), ("B", 1, 2, "search_external", None),
    ("B", 1, 3, "dropout", "security_concern"),
    ("C", 1, 1, "need_campaign", None), ("C", 1, 2, "search_external", None),
    ("C", 1, 3, "dropout", "quality_unverifiable"),
    ("D", 1, 1, "need_campaign", None), ("D", 1, 1, "dropout", "no_real_need"),
    ("A", 2, 1, "need_recommendation", None), ("A", 2, 2, "search_internal", None),
    ("A", 2, 3, "dropout", "security_concern"),
]


@pytest.fixture
def journey() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


# ----------------------------------------------------------------------------- trust_measures


def test_trust_measures_by_hand(journey):
    out = trust_measures({"journey": journey})
    assert list(out) == list(MEASURES)
    # 5 journeys started, 1 bought: 1/5.
    assert out["journey_conversion"] == pytest.approx(0.2)
    # A1, B1, C1, A2 reach evaluation (4); B1, C1, A2 drop out there (3): 3/4.
    assert out["evaluation_dropout_rate"] == pytest.approx(0.75)
    # security: B1 and A2 → 2/4; quality: C1 → 1/4; the other reasons 0/4.
    assert out["dropout_security_concern"] == pytest.approx(0.5)
    assert out["dropout_quality_unverifiable"] == pytest.approx(0.25)
    assert out["dropout_return_worry"] == out["dropout_poor_reviews"] == out["dropout_price_too_high"] == 0.0
    # the reasons add up to the evaluation drop-out rate
    assert sum(out[f"dropout_{r}"] for r in ("security_concern", "quality_unverifiable", "return_worry",
                                             "poor_reviews", "price_too_high")) == pytest.approx(0.75)


def test_trust_measures_nobody_reaches_evaluation(journey):
    only_d = journey[journey["customer_id"] == "D"]
    out = trust_measures({"journey": only_d})
    assert out["journey_conversion"] == 0.0  # 0 of 1 journey bought
    assert math.isnan(out["evaluation_dropout_rate"]) and math.isnan(out["dropout_security_concern"])


def test_trust_measures_empty_and_missing():
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})
    assert all(math.isnan(v) for v in trust_measures({"journey": empty}).values())
    with pytest.raises(DataError) as err:
        trust_measures({"orders": empty})
    assert "journey" in str(err.value)
    with pytest.raises(DataError):
        trust_measures({"journey": pd.DataFrame({"customer_id": ["A"]})})


def test_trust_measures_on_a_run(demo_result):
    out = trust_measures(demo_result)
    assert 0 < out["journey_conversion"] < 1
    parts = sum(out[m] for m in MEASURES if m.startswith("dropout_"))
    assert parts == pytest.approx(out["evaluation_dropout_rate"])


# ----------------------------------------------------------------------------- lever_effects

LEVER = "trust.reviews"


def runs_table(rows: list[tuple[bool, int, float]], lever: str = LEVER) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[lever, "seed", "journey_conversion"])


def test_lever_effects_by_hand():
    # off 0.20, 0.22, 0.24 and on 0.25, 0.26, 0.30 for seeds 1, 2, 3 (rows shuffled);
    # seed 4 has only an off run and seed 5 an on run that is NaN: both are left out.
    table = runs_table([(True, 2, 0.26), (False, 1, 0.20), (False, 3, 0.24), (True, 1, 0.25), (False, 4, 0.9),
                        (True, 3, 0.30), (False, 2, 0.22), (True, 5, float("nan")), (False, 5, 0.5)])
    out = lever_effects({LEVER: table})
    row = out.iloc[0]
    assert (row["lever"], row["measure"], row["n_seeds"], row["level"]) == (LEVER, "journey_conversion", 3, 0.95)
    # t(0.975, 2) = 4.302653.
    # off: mean 0.22, sd 0.02 → half-width 4.302653 · 0.02 / √3 = 0.049683
    assert row["off_mean"] == pytest.approx(0.22)
    assert (row["off_ci_low"], row["off_ci_high"]) == pytest.approx((0.170317, 0.269683), abs=1e-6)
    # on: mean 0.27, deviations −0.02, −0.01, 0.03 → sd √(0.0014 / 2) = 0.026458 → half 0.065724
    assert row["on_mean"] == pytest.approx(0.27)
    assert (row["on_ci_low"], row["on_ci_high"]) == pytest.approx((0.204276, 0.335724), abs=1e-6)
    # paired: d = 0.05, 0.04, 0.06 → mean 0.05, sd 0.01 → half 4.302653 · 0.01 / √3 = 0.024841
    assert row["difference"] == pytest.approx(0.05)
    assert (row["difference_ci_low"], row["difference_ci_high"]) == pytest.approx((0.025159, 0.074841), abs=1e-6)


def test_lever_effects_keeps_the_mapping_order_and_other_levels():
    first = runs_table([(False, 1, 0.1), (True, 1, 0.3), (False, 2, 0.3), (True, 2, 0.3)], "trust.return_policy")
    second = runs_table([(False, 1, 0.2), (True, 1, 0.1)], "trust.security_badge")
    out = lever_effects({"trust.return_policy": first, "trust.security_badge": second}, level=0.5)
    assert out["lever"].tolist() == ["trust.return_policy", "trust.security_badge"]
    # return policy: d = 0.2, 0.0 → mean 0.1, sd 0.141421; t(0.75, 1) = 1 → half 0.141421 / √2 = 0.1
    assert out.loc[0, "difference"] == pytest.approx(0.1)
    assert (out.loc[0, "difference_ci_low"], out.loc[0, "difference_ci_high"]) == pytest.approx((0.0, 0.2))
    # security badge: one seed, no spread → the intervals are NaN, the means are the values
    assert out.loc[1, "n_seeds"] == 1
    assert out.loc[1, "difference"] == pytest.approx(-0.1)
    assert np.isnan(out.loc[1, ["off_ci_low", "on_ci_high", "difference_ci_low"]].astype(float)).all()


def test_lever_effects_refuses_bad_input():
    good = runs_table([(False, 1, 0.2), (True, 1, 0.3)])
    with pytest.raises(DataError):
        lever_effects({})
    with pytest.raises(DataError):
        lever_effects({LEVER: good}, measure="nps")  # missing column
    with pytest.raises(DataError):
        lever_effects({LEVER: good}, level=1.0)
    with pytest.raises(DataError) as err:
        lever_effects({LEVER: runs_table([("yes", 1, 0.2), (True, 1, 0.3)])})
    assert "False" in str(err.value)
    with pytest.raises(DataError) as err:
        lever_effects({LEVER: runs_table([(False, 1, 0.2), (False, 1, 0.25), (True, 1, 0.3)])})
    assert "seed" in str(err.value)
    with pytest.raises(DataError):
        lever_effects({LEVER: runs_table([(False, 1, 0.2), (True, 2, 0.3)])})  # no seed in both states


def test_lever_effects_on_a_sweep_table():
    # the shape sim.sweep(..., runs=True) returns: the lever column first, the measures, then the seed
    table = pd.DataFrame({LEVER: [False, False, True, True], "journey_conversion": [0.2, 0.3, 0.4, 0.5],
                          "evaluation_dropout_rate": [0.5, 0.4, 0.3, 0.2], "seed": [7, 8, 7, 8]})
    out = lever_effects({LEVER: table}, measure="evaluation_dropout_rate")
    assert out.loc[0, "difference"] == pytest.approx(-0.2)  # (0.3 − 0.5 + 0.2 − 0.4) / 2
    assert out.loc[0, "difference_ci_low"] == pytest.approx(-0.2)  # both pairs differ by −0.2: sd 0


def test_levers_are_the_scenario_trust_fields_and_have_labels():
    assert list(LEVERS) == [f"trust.{name}" for name in Trust.model_fields]
    assert set(LEVERS) <= set(LABELS["lever"])
    assert set(EVALUATION_REASONS) <= set(LABELS["reason"])


# ----------------------------------------------------------------------------- pool


def test_pool_keeps_runs_apart(journey):
    customers = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "persona": ["directed_buyer"] * 4,
                              "referred_by": [None, "A", None, None]})
    run = {"customers": customers, "journey": journey}
    pooled = pool([run, run])
    assert len(pooled["customers"]) == 8 and len(pooled["journey"]) == 2 * len(journey)
    assert pooled["customers"]["customer_id"].tolist()[:5] == ["1:A", "1:B", "1:C", "1:D", "2:A"]
    assert pooled["customers"]["run"].tolist() == [1, 1, 1, 1, 2, 2, 2, 2]
    referred = pooled["customers"]["referred_by"].tolist()
    assert pd.isna(referred[4]) and referred[5] == "2:A"  # nobody referred A; A referred B
    # the same five journeys twice: 10 journeys, 2 purchases — not five merged journeys
    assert funnel.conversion(pooled["journey"])[["started", "purchased"]].iloc[0].tolist() == [10, 2]
    assert funnel.funnel(pooled["journey"], pooled["customers"], by="persona")["reached"].tolist() == [10, 8, 8, 2, 2]
    assert run["customers"]["customer_id"].tolist() == ["A", "B", "C", "D"]  # inputs untouched


def test_pool_results_and_errors(demo_result, journey):
    pooled = pool([demo_result], tables=("journey",))
    assert list(pooled) == ["journey"] and len(pooled["journey"]) == len(demo_result.journey)
    with pytest.raises(DataError):
        pool([])
    with pytest.raises(DataError):
        pool([{"journey": journey}])  # no customers table
    with pytest.raises(DataError):
        pool(["demo"])
    with pytest.raises(DataError):
        pool([{"journey": journey.drop(columns="customer_id")}], tables=("journey",))
