"""Before/after comparison of scenarios and the five customer-centred steps, on hand-made summaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.experiments.comparison import (
    CENTRED_KPIS,
    CUSTOMER_CENTRED_STEPS,
    DIFFERENCE_COLUMNS,
    centred_kpis,
    compare_variants,
    kpi_differences,
    kpi_label_map,
    step_changes,
    steps_table,
    sweep_differences,
)
from sim.measures.kpis import headline
from sim.measures.service_desk import deflection
from sim.measures.service_quality import servqual_gaps


def summary(rows: list[tuple[str, float, float, float]], n: int = 5) -> pd.DataFrame:
    """A summary as sim.replicate gives it: measure, mean, sd, ci_low, ci_high, n_runs."""
    return pd.DataFrame([{"measure": m, "mean": mean, "sd": 1.0, "ci_low": lo, "ci_high": hi, "n_runs": n}
                         for m, mean, lo, hi in rows])


BASELINE = summary([("buyer_rate", 0.30, 0.28, 0.32), ("nps", 5.0, -5.0, 15.0), ("margin_vnd", 0.0, -1.0, 1.0),
                    ("chat_service_level", math.nan, math.nan, math.nan)])
VARIANT = summary([("buyer_rate", 0.35, 0.33, 0.37), ("nps", 8.0, 0.0, 16.0), ("margin_vnd", 2.0, 1.5, 2.5),
                   ("chat_service_level", math.nan, math.nan, math.nan)], n=4)


def _row(table: pd.DataFrame, measure: str) -> pd.Series:
    return table.set_index("measure").loc[measure]


def test_kpi_differences_hand_worked():
    table = kpi_differences(BASELINE, VARIANT)
    assert list(table.columns) == list(DIFFERENCE_COLUMNS)
    assert list(table["measure"]) == ["buyer_rate", "nps", "margin_vnd", "chat_service_level"]
    rate = _row(table, "buyer_rate")
    # 0.35 − 0.30 = 0.05; 0.05 / 0.30 = 1/6; [0.33, 0.37] starts above 0.32: no overlap.
    assert rate["difference"] == pytest.approx(0.05)
    assert rate["relative_difference"] == pytest.approx(1 / 6)
    assert not rate["intervals_overlap"]
    assert (rate["baseline_mean"], rate["variant_mean"], rate["variant_ci_low"]) == pytest.approx((0.30, 0.35, 0.33))
    # nps: 8 − 5 = 3, 3 / 5 = 0.6; [0, 16] and [−5, 15] share [0, 15].
    nps = _row(table, "nps")
    assert (nps["difference"], nps["relative_difference"]) == pytest.approx((3.0, 0.6))
    assert nps["intervals_overlap"]
    # margin: baseline mean 0 → no relative difference; [1.5, 2.5] is above [−1, 1].
    margin = _row(table, "margin_vnd")
    assert margin["difference"] == 2.0 and math.isnan(margin["relative_difference"]) and not margin["intervals_overlap"]
    # No data in either: NA overlap. Summaries have no per-seed values: no paired interval.
    assert pd.isna(_row(table, "chat_service_level")["intervals_overlap"])
    assert table["paired_ci_low"].isna().all() and table["paired_differs"].isna().all()
    assert (table["n_runs"] == 4).all()  # the smaller of 5 and 4
    assert str(table["intervals_overlap"].dtype) == "boolean"


def test_kpi_differences_measures_choose_and_order():
    table = kpi_differences(BASELINE, VARIANT, measures=["nps", "buyer_rate"])
    assert list(table["measure"]) == ["nps", "buyer_rate"]
    with pytest.raises(DataError) as err:
        kpi_differences(BASELINE, VARIANT.iloc[:2], measures=["margin_vnd"])
    assert err.value.fields == ["variant.measure"]
    # Without ``measures`` only those in both tables are compared.
    assert list(kpi_differences(BASELINE, VARIANT.iloc[:2])["measure"]) == ["buyer_rate", "nps"]


def test_kpi_differences_paired_runs_hand_worked():
    """Three seeds; baseline 0.30, 0.20, 0.25 and variant 0.34, 0.25, 0.28.

    Per-seed differences 0.04, 0.05, 0.03: mean 0.04, sd 0.01, t(0.975, 2) = 4.3027 (t table), so the
    paired half-width is 4.3027 × 0.01 / √3 = 0.024841 and the paired interval [0.015159, 0.064841]
    leaves out 0. Each setting alone: baseline mean 0.25, sd 0.05, half-width 4.3027 × 0.05 / √3 = 0.124207;
    variant mean 0.29, sd √0.0021 = 0.045826, half-width 0.113839 – the two intervals overlap.
    """
    base = pd.DataFrame({"seed": [1, 2, 3], "buyer_rate": [0.30, 0.20, 0.25]})
    variant = pd.DataFrame({"seed": [1, 2, 3], "buyer_rate": [0.34, 0.25, 0.28]})
    row = _row(kpi_differences(base, variant), "buyer_rate")
    assert row["baseline_mean"] == pytest.approx(0.25) and row["variant_mean"] == pytest.approx(0.29)
    assert row["baseline_ci_low"] == pytest.approx(0.25 - 0.124207, abs=1e-5)
    assert row["variant_ci_high"] == pytest.approx(0.29 + 0.113839, abs=1e-5)
    assert row["intervals_overlap"]
    assert row["paired_ci_low"] == pytest.approx(0.015159, abs=1e-5)
    assert row["paired_ci_high"] == pytest.approx(0.064841, abs=1e-5)
    assert row["paired_differs"]
    assert row["n_runs"] == 3


def test_kpi_differences_pairs_by_seed_and_needs_two_pairs():
    base = pd.DataFrame({"seed": [3, 1, 2], "nps": [10.0, 0.0, 5.0]})
    variant = pd.DataFrame({"seed": [1, 2, 9], "nps": [1.0, 6.0, 50.0]})
    row = _row(kpi_differences(base, variant), "nps")
    # Seeds 1 and 2 pair up, both +1: sd 0, the paired interval is [1, 1].
    assert (row["paired_ci_low"], row["paired_ci_high"]) == pytest.approx((1.0, 1.0))
    one = _row(kpi_differences(base, variant.iloc[:1]), "nps")
    assert math.isnan(one["paired_ci_low"]) and pd.isna(one["paired_differs"])


def test_kpi_differences_bad_input():
    with pytest.raises(DataError) as err:
        kpi_differences(BASELINE.drop(columns="ci_high"), VARIANT)
    assert "baseline.ci_high" in err.value.fields
    sweep_like = BASELINE.assign(**{"trust.reviews": False})
    with pytest.raises(DataError) as err:
        kpi_differences(sweep_like, VARIANT)
    assert err.value.fields == ["baseline"]
    with pytest.raises(DataError) as err:
        kpi_differences(BASELINE, VARIANT, level=1.0)
    assert err.value.fields == ["level"]


def test_compare_variants_stacks_with_a_variant_column():
    table = compare_variants(BASELINE, {"loyalty": VARIANT, "structure": BASELINE}, measures=["nps"])
    assert list(table.columns) == ["variant", *DIFFERENCE_COLUMNS]
    assert list(table["variant"]) == ["loyalty", "structure"]
    assert list(table["difference"]) == [3.0, 0.0]
    with pytest.raises(DataError):
        compare_variants(BASELINE, {})


def test_sweep_differences_hand_made():
    sweep = pd.concat([BASELINE.assign(**{"trust.reviews": False}), VARIANT.assign(**{"trust.reviews": True})],
                      ignore_index=True)
    table = sweep_differences(sweep, "trust.reviews", False, measures=["buyer_rate"])
    assert list(table.columns) == ["variant", *DIFFERENCE_COLUMNS]
    assert table["variant"].tolist() == [True]
    assert table["difference"].iloc[0] == pytest.approx(0.05)
    with pytest.raises(DataError) as err:
        sweep_differences(sweep, "trust.reviews", "maybe")
    assert err.value.fields == ["baseline_value"]


def test_sweep_differences_compares_within_the_other_parameters():
    """Two parameters: agents 1 and 2 are compared at each value of reviews separately."""
    def block(agents: int, reviews: bool, mean: float) -> pd.DataFrame:
        return summary([("nps", mean, mean - 1, mean + 1)]).assign(**{"service.chat.agents": agents, "trust.reviews": reviews})

    sweep = pd.concat([block(1, False, 0.0), block(1, True, 10.0), block(2, False, 4.0), block(2, True, 11.0)],
                      ignore_index=True)
    table = sweep_differences(sweep, "service.chat.agents", 1)
    assert list(table.columns[:2]) == ["trust.reviews", "variant"]
    diffs = dict(zip(table["trust.reviews"], table["difference"], strict=True))
    assert diffs == {False: 4.0, True: 1.0}


def test_step_changes_merge_the_chosen_steps():
    assert step_changes([]) == {}
    assert step_changes({"loyalty": False, "structure": False}) == {}
    assert step_changes(["loyalty"]) == CUSTOMER_CENTRED_STEPS["loyalty"]
    both = step_changes({"simple_transactions": True, "loyalty": True, "structure": False})
    assert both == {**CUSTOMER_CENTRED_STEPS["simple_transactions"], **CUSTOMER_CENTRED_STEPS["loyalty"]}
    assert step_changes("loyalty") == CUSTOMER_CENTRED_STEPS["loyalty"]
    with pytest.raises(DataError) as err:
        step_changes(["loyalty", "free_shipping"])
    assert err.value.fields == ["steps"]


def test_steps_are_labelled_disjoint_and_valid_scenario_changes():
    assert list(CUSTOMER_CENTRED_STEPS) == [k for k in LABELS["centred_step"] if k != "all_steps"]
    fields = [f for changes in CUSTOMER_CENTRED_STEPS.values() for f in changes]
    assert len(fields) == len(set(fields))  # no field belongs to two steps
    for preset in ("default", "demo"):
        changed = sim.with_changes(preset, step_changes(CUSTOMER_CENTRED_STEPS))
        assert changed.trust.security_badge is True and changed.retention.community.enabled is True
    assert set(kpi_label_map()) == set(CENTRED_KPIS)
    assert kpi_label_map()["nps"] == LABELS["kpi"]["nps"][0]
    assert kpi_label_map("en")["deflection_rate"] == LABELS["service_kpi"]["deflection_rate"][1]


def test_centred_kpis_add_two_service_measures(demo_result):
    values = centred_kpis(demo_result)
    assert list(values) == list(CENTRED_KPIS)
    assert {k: values[k] for k in headline(demo_result)} == pytest.approx(headline(demo_result), nan_ok=True)
    assert values["servqual_gap"] == pytest.approx(servqual_gaps(demo_result.surveys)["gap"].mean())
    assert values["deflection_rate"] == pytest.approx(deflection(demo_result.tickets)["deflection_rate"].iloc[0])


def test_steps_table_before_and_after():
    demo = sim.load_scenario("demo")
    table = steps_table(demo, {"loyalty": {"retention.community.enabled": True}, "my_step": {"trust.reviews": False}})
    assert list(table.columns) == ["step", "field", "before", "after"]
    # The demo shop has no community and shows reviews (default.yaml).
    assert table.to_dict("records") == [
        {"step": "loyalty", "field": "retention.community.enabled", "before": False, "after": True},
        {"step": "my_step", "field": "trust.reviews", "before": True, "after": False},
    ]
    full = steps_table(demo)
    assert list(dict.fromkeys(full["step"])) == list(CUSTOMER_CENTRED_STEPS)
    assert len(full) == sum(len(c) for c in CUSTOMER_CENTRED_STEPS.values())
    with pytest.raises(DataError) as err:
        steps_table(demo, {"x": {"trust.free_shipping": True}})
    assert err.value.fields == ["trust.free_shipping"]
