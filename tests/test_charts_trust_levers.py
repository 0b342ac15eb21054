"""Trust-lever chart: off and on dots with intervals, the difference written the Vietnamese way."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_png, to_svg
from sim.charts.trust_levers import STATE_COLOURS, difference_text, lever_effects_chart, measure_label
from sim.measures.trust_levers import MEASURES, lever_effects

# Two levers, seeds 1–3 (the hand example of tests/test_analytics_levers.py for the reviews):
#   reviews:        off 0.20, 0.22, 0.24; on 0.25, 0.26, 0.30 → +5.0 points, interval 2.5 … 7.5
#   security badge: off 0.30, 0.30, 0.30; on 0.20, 0.20, 0.20 → −10.0 points, sd 0 → interval −10.0 … −10.0
RUNS = {
    "trust.security_badge": pd.DataFrame({"trust.security_badge": [False] * 3 + [True] * 3, "seed": [1, 2, 3] * 2,
                                          "journey_conversion": [0.3, 0.3, 0.3, 0.2, 0.2, 0.2]}),
    "trust.reviews": pd.DataFrame({"trust.reviews": [False] * 3 + [True] * 3, "seed": [1, 2, 3] * 2,
                                   "journey_conversion": [0.20, 0.22, 0.24, 0.25, 0.26, 0.30]}),
}


def layers(spec: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        out.setdefault(layer["mark"]["type"], []).append(layer)
    return out


def test_difference_text_by_hand():
    assert difference_text(0.041, 0.012, 0.070, 0.95) == "+4,1 điểm %\n(khoảng tin cậy 95%: 1,2 – 7,0)"
    assert difference_text(-0.082, -0.139, -0.025, 0.95) == "−8,2 điểm %\n(khoảng tin cậy 95%: −13,9 – −2,5)"
    assert difference_text(0.05, math.nan, math.nan, 0.95) == "+5,0 điểm %"
    assert difference_text(0.0, -0.01, 0.01, 0.9) == "0,0 điểm %\n(khoảng tin cậy 90%: −1,0 – 1,0)"
    assert difference_text(math.nan, math.nan, math.nan, 0.95) == "–"


def test_measure_label():
    assert all(measure_label(m) != m for m in MEASURES)  # every measure of trust_measures has a label
    assert measure_label("journey_conversion") == label("kpi", "journey_conversion")
    assert measure_label("evaluation_dropout_rate") == label("lever_chart", "evaluation_dropout_rate")
    assert measure_label("dropout_security_concern") == (f"{label('lever_chart', 'dropout_because')}: "
                                                         f"{label('reason', 'security_concern').lower()}")


def test_lever_effects_chart_spec():
    spec = lever_effects_chart(lever_effects(RUNS)).to_dict()
    assert spec["title"]["text"] == label("lever_chart", "title")
    assert spec["title"]["subtitle"] == f"{label('lever_chart', 'n_seeds')}: 3"
    by_mark = layers(spec)
    assert set(by_mark) == {"rule", "point", "text"}
    rule, point = by_mark["rule"][0]["encoding"], by_mark["point"][0]["encoding"]
    assert (rule["x"]["field"], rule["x2"]["field"], rule["y"]["field"]) == ("ci_low", "ci_high", "lever")
    assert rule["x"]["title"] == label("kpi", "journey_conversion")
    assert point["x"]["field"] == "mean" and point["yOffset"]["field"] == "state"
    # the levers in the label map's order, whatever the order of the table
    assert point["y"]["sort"] == [label("lever", "trust.security_badge"), label("lever", "trust.reviews")]
    scale = point["color"]["scale"]
    assert scale["domain"] == [label("lever_state", "off"), label("lever_state", "on")]
    assert scale["range"] == list(STATE_COLOURS.values())
    assert {t["field"] for t in point["tooltip"]} == {"lever", "state", "mean", "ci_low", "ci_high", "n_seeds"}
    texts = [t for layer in by_mark["text"] for t in spec["datasets"][layer["data"]["name"]]]
    written = {row["lever"]: row["text"] for row in texts if "lever" in row}
    # reviews: d = 0.05, 0.04, 0.06 → +5,0 points, interval 0.05 ± 4.302653 · 0.01 / √3 = 2,5 … 7,5
    assert written[label("lever", "trust.reviews")] == "+5,0 điểm %\n(khoảng tin cậy 95%: 2,5 – 7,5)"
    assert written[label("lever", "trust.security_badge")] == "−10,0 điểm %\n(khoảng tin cậy 95%: −10,0 – −10,0)"
    assert {"text": label("lever_chart", "difference")} in texts
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_lever_effects_chart_one_seed_and_export():
    one = {k: v[v["seed"] == 1] for k, v in RUNS.items()}
    chart = lever_effects_chart(lever_effects(one))
    assert chart.to_dict()["title"]["subtitle"] == f"{label('lever_chart', 'n_seeds')}: 1"
    assert lever_effects_chart(lever_effects(one), title="Cá nhân hóa").to_dict()["title"]["text"] == "Cá nhân hóa"
    assert to_svg(chart).lstrip().startswith("<svg")
    assert to_png(chart, scale=1.0)[:4] == b"\x89PNG"


def test_lever_effects_chart_empty_and_missing_column():
    empty = lever_effects(RUNS).iloc[0:0]
    assert lever_effects_chart(empty).to_dict()["title"]["text"] == label("lever_chart", "title")
    with pytest.raises(DataError) as err:
        lever_effects_chart(lever_effects(RUNS).drop(columns="on_mean"))
    assert "on_mean" in str(err.value)
