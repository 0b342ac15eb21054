"""The funnel of the baseline and the current setting, for the lecturer's dashboard."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.baseline_funnel import DATASET, baseline_funnel_chart, baseline_funnel_spec, baseline_funnel_vega
from sim.charts.render import VEGA_MIMETYPE, chart_output, to_svg, to_vega, vega_to_svg
from sim.measures.funnel import FUNNEL_MEASURES, funnel_measures

# Two journeys: KH1 drops out at evaluation (stage 3); KH2 goes through all five stages.
# Reached: stage 1 → 2, 2 → 2, 3 → 2, 4 → 1, 5 → 1.
JOURNEY = pd.DataFrame({
    "customer_id": ["KH1", "KH1", "KH1", "KH2", "KH2", "KH2", "KH2", "KH2"],
    "journey_no": [1, 1, 1, 1, 1, 1, 1, 1],
    "stage": [1, 2, 3, 1, 2, 3, 4, 5],
    "event": ["need_spontaneous", "search_external", "dropout", "need_campaign", "search_external", "evaluated",
              "purchased", "post_purchase"],
})


def _summary(means: list[float], half: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame({"measure": list(FUNNEL_MEASURES), "mean": means, "sd": 0.0,
                         "ci_low": [m - half for m in means], "ci_high": [m + half for m in means], "n_runs": 3})


def test_funnel_measures_by_hand():
    assert funnel_measures({"journey": JOURNEY}) == {"funnel_stage_1": 2.0, "funnel_stage_2": 2.0, "funnel_stage_3": 2.0,
                                                     "funnel_stage_4": 1.0, "funnel_stage_5": 1.0}


def test_funnel_measures_of_an_empty_journey_table():
    assert set(funnel_measures({"journey": JOURNEY.iloc[:0]}).values()) == {0.0}


def test_baseline_funnel_chart_spec():
    base, now = _summary([100, 60, 50, 25, 24]), _summary([120, 70, 58, 31, 30])
    spec = baseline_funnel_chart(base, now).to_dict()
    assert spec["title"]["text"] == label("baseline_funnel_chart", "title")
    bars, whiskers, text = spec["layer"]
    assert bars["mark"]["type"] == "bar" and whiskers["mark"]["type"] == "rule" and text["mark"]["type"] == "text"
    rows = [r for rows in spec["datasets"].values() for r in rows]
    assert len(rows) == 10
    first = {(r["stage"], r["run"]): r["mean"] for r in rows}
    assert first[("Phát hiện nhu cầu", "Kịch bản gốc (baseline)")] == 100
    assert first[("Phát hiện nhu cầu", "Hiện tại (current)")] == 120
    # the axis leaves 15 % room right of the highest whisker (121) for the labels: 121 × 1.15 = 139.15.
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, pytest.approx(139.15)]
    assert bars["encoding"]["color"]["scale"]["range"] == ["#bab0ac", "#3182bd"]
    assert "<svg" in to_svg(baseline_funnel_chart(base, now))


def test_baseline_funnel_chart_needs_the_funnel_measures():
    with pytest.raises(DataError) as err:
        baseline_funnel_chart(_summary([1, 1, 1, 1, 1]).iloc[:4], _summary([1, 1, 1, 1, 1]))
    assert "baseline.measure" in err.value.fields
    with pytest.raises(DataError):
        baseline_funnel_chart(_summary([1, 1, 1, 1, 1]).drop(columns="ci_high"), _summary([1, 1, 1, 1, 1]))


def _named(spec: dict) -> dict:
    """The specification with its data under one name (Altair names it after a hash of the rows)."""
    (name,) = spec["datasets"]
    return {**spec, "data": {"name": "rows"}, "datasets": {"rows": spec["datasets"][name]}}


@pytest.mark.parametrize("wide", [False, True])
def test_the_fast_specification_is_altairs_chart(wide):
    """baseline_funnel_spec reuses the chart Altair built for the first pair of settings: for another pair (other
    means, a larger range, a stage with no interval) it gives exactly what Altair gives for that pair."""
    first = baseline_funnel_spec(_summary([100, 60, 50, 25, 24]), _summary([120, 70, 58, 31, 30]), wide=wide)
    assert first["data"] == {"name": DATASET}
    base, now = _summary([400, 300, 200, 100, 50], half=10.0), _summary([420.5, 310, 190, 90, 45])
    now.loc[4, ["ci_low", "ci_high"]] = float("nan")
    fast = baseline_funnel_spec(base, now, wide=wide)
    assert _named(fast) == _named(baseline_funnel_chart(base, now, wide=wide).to_dict())
    # x runs to 1,15 × the largest mean or upper end: the current stage 1's upper end 420,5 + 1 → 1,15 × 421,5 = 484,725
    assert fast["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, pytest.approx(484.725)]
    assert fast["datasets"][DATASET][9]["ci_high"] is None
    assert "<svg" in to_svg(fast)


@pytest.mark.parametrize("wide", [False, True])
def test_the_fast_vega_specification_is_the_compiled_chart(wide):
    """baseline_funnel_vega fills in a copy of the chart compiled once: for another pair of settings it is what
    compiling Altair's chart of that pair gives."""
    baseline_funnel_vega(_summary([100, 60, 50, 25, 24]), _summary([120, 70, 58, 31, 30]), wide=wide)
    base, now = _summary([400, 300, 200, 100, 50], half=10.0), _summary([420.5, 310, 190, 90, 45])
    fast = baseline_funnel_vega(base, now, wide=wide)
    assert fast == to_vega(_named(baseline_funnel_chart(base, now, wide=wide).to_dict()) | {"data": {"name": DATASET},
                           "datasets": {DATASET: baseline_funnel_spec(base, now, wide=wide)["datasets"][DATASET]}})
    svg = vega_to_svg(fast)
    assert ">421</text>" in svg  # the bar's number, rounded as the chart writes it: 420,5 → 421
    output = chart_output(fast, actions=False)
    assert list(output["data"]) == [VEGA_MIMETYPE, "text/plain"]
    assert output["metadata"][VEGA_MIMETYPE]["embed_options"]["actions"] is False
    assert output["metadata"][VEGA_MIMETYPE]["embed_options"]["renderer"] == "svg"
