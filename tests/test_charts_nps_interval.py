"""NPS interval chart and NPS-churn chart: valid specs, labels from the map, hand-worked data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.nps_churn import churn_rows, nps_churn
from sim.charts.nps_interval import nps_interval
from sim.charts.render import to_png, to_svg
from sim.charts.style import colours
from sim.measures import nps

TEN = pd.DataFrame({"nps_score": [10, 10, 9, 9, 8, 7, 6, 5, 3, 10]})
CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B"], "persona": ["directed_buyer", "bargain_hunter"]})
# A: one detractor (3) and one passive (8) → NPS (0 − 1)/2 = −50; B: two promoters → NPS 100
SURVEYS = pd.DataFrame({"customer_id": ["A", "A", "B", "B"], "nps_score": [3, 8, 10, 9]})


def layers(spec: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        out.setdefault(layer["mark"]["type"], []).append(layer)
    return out


def rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_one_summary_is_one_row_on_a_fixed_axis():
    chart = nps_interval(nps.nps_summary(TEN))
    spec = chart.to_dict()
    marks = layers(spec)
    assert set(marks) == {"rule", "point", "text"}
    bar = next(layer for layer in marks["rule"] if "x2" in layer["encoding"])
    assert (bar["encoding"]["x"]["field"], bar["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert bar["encoding"]["x"]["scale"]["domain"] == [-100, 100]
    data = rows(spec, bar)
    assert len(data) == 1
    # hand-worked for TEN: 5 promoters, 2 passives, 3 detractors → NPS 20, 95 % CI −34.0 … 74.0
    assert data[0]["group"] == label("nps_interval_chart", "all")
    assert data[0]["nps"] == pytest.approx(20.0)
    assert data[0]["ci_low"] == pytest.approx(-34.0, abs=0.05)
    assert data[0]["ci_high"] == pytest.approx(74.0, abs=0.05)
    assert data[0]["answers"] == "n = 10"
    assert spec["title"]["text"] == label("nps_interval_chart", "title")
    assert " 95%" in spec["title"]["subtitle"]


def test_nps_by_persona_labels_and_sorts_by_nps():
    table = nps.nps_by(SURVEYS, CUSTOMERS, by="persona")
    spec = nps_interval(table).to_dict()
    point = layers(spec)["point"][0]
    assert point["encoding"]["y"]["sort"] == [label("persona", "bargain_hunter"), label("persona", "directed_buyer")]
    assert point["encoding"]["y"]["title"] == label("nps_interval_chart", "persona")
    by_group = {r["group"]: r["nps"] for r in rows(spec, point)}
    assert by_group == {label("persona", "bargain_hunter"): pytest.approx(100.0),
                        label("persona", "directed_buyer"): pytest.approx(-50.0)}


def test_level_in_the_subtitle_and_an_unlabelled_group():
    table = nps.nps_by(SURVEYS, CUSTOMERS.assign(team=["x", "y"]), by="team", level=0.9)
    spec = nps_interval(table).to_dict()
    assert " 90%" in spec["title"]["subtitle"]
    point = layers(spec)["point"][0]
    assert {r["group"] for r in rows(spec, point)} == {"x", "y"}
    assert point["encoding"]["y"]["title"] == label("nps_interval_chart", "group")


def test_no_answers_draws_without_a_dot_value():
    empty = nps.nps_summary(pd.DataFrame({"nps_score": pd.Series([], dtype=int)}))
    spec = nps_interval(empty).to_dict()
    data = rows(spec, layers(spec)["point"][0])
    assert data[0]["respondents"] == 0
    assert data[0]["nps"] is None or math.isnan(data[0]["nps"])


def test_nps_interval_refuses_bad_input():
    with pytest.raises(DataError) as err:
        nps_interval(nps.nps_by(SURVEYS, CUSTOMERS).drop(columns="ci_low"))
    assert err.value.fields == ["table.ci_low"]
    with pytest.raises(DataError) as err:
        nps_interval(nps.nps_summary(TEN), kind="no_such_kind")
    assert err.value.fields == ["kind"]
    with pytest.raises(DataError):
        nps_interval([1, 2, 3])


def test_nps_interval_exports():
    chart = nps_interval(nps.nps_by(SURVEYS, CUSTOMERS, by="persona"))
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    assert label("nps_interval_chart", "title") in to_svg(chart)


# --- churn by NPS group -------------------------------------------------------------------------

# P answers 10 and never churns; D answers 2 and churns 31 days later → true churn within 180 days:
# promoters 0/1, passives none (NaN), detractors 1/1
CHURN_SURVEYS = pd.DataFrame({"customer_id": ["P", "D"], "at": pd.to_datetime(["2026-01-01", "2026-01-01"]),
                              "nps_score": [10, 2]})
CHURN_TRUTH = pd.DataFrame({"customer_id": ["P", "D"], "churned_at": pd.to_datetime([None, "2026-02-01"])})


def test_churn_rows_stack_the_two_measures():
    true = nps.nps_churn(CHURN_SURVEYS, truth=CHURN_TRUTH, method="true")
    stacked = churn_rows(observed=true, true=true)
    assert stacked["method"].tolist() == ["observed"] * 3 + ["true"] * 3
    assert stacked["nps_group"].tolist() == ["promoter", "passive", "detractor"] * 2
    with pytest.raises(DataError) as err:
        churn_rows()
    assert err.value.fields == ["observed"]
    with pytest.raises(DataError) as err:
        churn_rows(true=true.drop(columns="churned"))
    assert err.value.fields == ["true.churned"]


def test_nps_churn_chart_hand_worked():
    true = nps.nps_churn(CHURN_SURVEYS, truth=CHURN_TRUTH, method="true")
    spec = nps_churn(true=true, within_days=180).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["xOffset"]["field"] == "method"
    assert enc["y"]["scale"]["domain"] == [0, 1]
    assert enc["x"]["sort"] == [label("nps_group", g) for g in ("promoter", "passive", "detractor")]
    data = {r["nps_group"]: r["churn_rate"] for r in spec["datasets"][spec["data"]["name"]]}
    assert data[label("nps_group", "promoter")] == pytest.approx(0.0)
    assert data[label("nps_group", "detractor")] == pytest.approx(1.0)
    assert data[label("nps_group", "passive")] is None or math.isnan(data[label("nps_group", "passive")])
    assert spec["title"]["subtitle"] == "Rời bỏ trong 180 ngày sau câu trả lời"
    assert enc["color"]["scale"]["domain"] == [label("churn_method", "true")]
    assert enc["color"]["scale"]["range"] == [colours("churn_method")[label("churn_method", "true")]]


def test_nps_churn_chart_both_measures_and_bad_follow_up():
    true = nps.nps_churn(CHURN_SURVEYS, truth=CHURN_TRUTH, method="true")
    spec = nps_churn(observed=true, true=true).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == [label("churn_method", "observed"), label("churn_method", "true")]
    assert spec["title"]["subtitle"] == []
    with pytest.raises(DataError) as err:
        nps_churn(true=true, within_days=0)
    assert err.value.fields == ["within_days"]
    assert to_png(nps_churn(true=true, within_days=90), scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
