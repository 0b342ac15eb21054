"""Retention charts: cohort heatmap, Kaplan–Meier survival curve, satisfaction–loyalty curve."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.cohort_heatmap import cohort_heatmap
from sim.charts.render import to_png, to_svg
from sim.charts.satisfaction_loyalty import satisfaction_loyalty, zone_bands
from sim.charts.style import colours
from sim.charts.survival_curve import survival_curve, thin_curve
from sim.engine.io import shipped_tables
from sim.measures import nps, retention

ORDERS = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "C", "C"],
                       "at": ["2026-01-05", "2026-02-10", "2026-04-01", "2026-01-20", "2026-02-03", "2026-03-03"]})


def title_of(spec: dict) -> str:
    """The title's text (a long title is wrapped into lines to fit a notebook column: joined again here)."""
    text = spec["title"] if isinstance(spec["title"], str) else spec["title"]["text"]
    return text if isinstance(text, str) else " ".join(text)


def layer_with(spec: dict, mark: str) -> dict:
    for layer in spec.get("layer", [spec]):
        if layer["mark"]["type"] == mark:
            return layer
    raise AssertionError(f"no {mark} layer")


# --- cohort heatmap -----------------------------------------------------------------------------

def test_cohort_heatmap_spec():
    spec = cohort_heatmap(retention.cohort_retention(ORDERS)).to_dict()
    assert title_of(spec) == label("cohort_chart", "title")
    cells = layer_with(spec, "rect")
    enc = cells["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"]) == ("months_since_first", "ordinal")
    assert (enc["y"]["field"], enc["y"]["type"]) == ("cohort", "ordinal")
    assert (enc["color"]["field"], enc["color"]["type"]) == ("retention", "quantitative")
    assert {t["field"] for t in enc["tooltip"]} == {"cohort", "months_since_first", "customers", "active", "retention"}
    # colour scale up to the best month after month 0: 1.0 (cohort 2026-02, month 1)
    assert enc["color"]["scale"]["domain"] == [0, 1.0]
    text = layer_with(spec, "text")
    assert text["encoding"]["text"]["field"] == "retention"


def test_cohort_heatmap_without_values_single_and_empty():
    spec = cohort_heatmap(retention.cohort_retention(ORDERS), show_values=False).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect"]
    single = retention.cohort_retention(ORDERS.iloc[[0]])
    assert layer_with(cohort_heatmap(single).to_dict(), "rect")["encoding"]["color"]["scale"]["domain"] == [0, 1.0]
    empty = retention.cohort_retention(ORDERS.iloc[0:0])
    assert title_of(cohort_heatmap(empty).to_dict()) == label("cohort_chart", "title")


def test_cohort_heatmap_missing_column():
    with pytest.raises(DataError) as err:
        cohort_heatmap(retention.cohort_retention(ORDERS).drop(columns="active"))
    assert err.value.fields == ["retention.active"]


def test_cohort_heatmap_exports_png_and_svg():
    chart = cohort_heatmap(retention.cohort_retention(ORDERS))
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    assert label("cohort_chart", "title") in to_svg(chart)


# --- survival curve -----------------------------------------------------------------------------

CURVE = retention.kaplan_meier([2, 3, 5, 6, 8], [True, False, True, True, False])


def test_survival_curve_spec_single_line():
    spec = survival_curve(CURVE, method="true").to_dict()
    assert spec["mark"] == {"type": "line", "interpolate": "step-after"}
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"]) == ("days", "quantitative")
    assert (enc["y"]["field"], enc["y"]["type"]) == ("survival", "quantitative")
    assert "color" not in enc
    assert {t["field"] for t in enc["tooltip"]} == {"days", "survival", "at_risk", "events", "censored"}
    assert spec["title"]["text"] == label("survival_chart", "title")
    assert spec["title"]["subtitle"] == [label("survival_chart", "method_true")]


def test_thin_curve_keeps_the_last_row_of_each_span():
    """Days 0…999 in 10 spans of 99.9 days: the first row, then the last day of each span: 99, 199, …, 899, 999.
    The rows kept are the curve's own (S and the counts unchanged); each group is thinned on its own."""
    days = list(range(1000))
    curve = pd.DataFrame({"days": days, "at_risk": [1000 - d for d in days], "events": 1, "censored": 0,
                          "survival": [1 - d / 1000 for d in days]})
    thin = thin_curve(curve, max_steps=10)
    assert thin["days"].tolist() == [0, 99, 199, 299, 399, 499, 599, 699, 799, 899, 999]
    pd.testing.assert_frame_equal(thin, curve.loc[thin.index])
    both = pd.concat([curve.assign(persona="a"), curve.assign(persona="b").iloc[:5]], ignore_index=True)
    thin = thin_curve(both, "persona", max_steps=10)
    assert (thin["persona"] == "a").sum() == 11 and (thin["persona"] == "b").sum() == 5  # a short curve is kept whole
    assert len(thin_curve(curve, max_steps=2000)) == 1000
    with pytest.raises(DataError):
        thin_curve(curve, max_steps=0)


def test_observed_survival_says_why_it_stays_at_one_until_the_lapse_threshold():
    """Observed churn needs 180 days without an order: no buyer can churn sooner, so S(t) = 1 for t < 180. The chart
    marks the threshold and its subtitle says so (the report's Kaplan–Meier figure)."""
    spec = survival_curve(CURVE, method="observed", lapsed_days=180).to_dict()
    sentence = " ".join(spec["title"]["subtitle"][1:])  # wrapped into lines to fit a notebook column
    assert sentence == label("survival_chart", "flat_until_lapse").format(days="180")
    assert "180 ngày" in sentence
    line, rule, text = spec["layer"]
    assert (line["mark"]["type"], rule["mark"]["type"], text["mark"]["type"]) == ("line", "rule", "text")
    marker = spec["datasets"][rule["data"]["name"]] if "name" in rule.get("data", {}) else rule["data"]["values"]
    assert marker[0]["days"] == 180
    # the true churn has no threshold: nothing is added
    assert len(survival_curve(CURVE, method="true", lapsed_days=180).to_dict()["title"]["subtitle"]) == 1
    with pytest.raises(DataError):
        survival_curve(CURVE, method="observed", lapsed_days=0)


def test_survival_curve_by_nps_group_uses_labels_and_fixed_colours():
    curve = pd.concat([CURVE.assign(nps_group="promoter"), CURVE.assign(nps_group="detractor")], ignore_index=True)
    spec = survival_curve(curve, by="nps_group").to_dict()
    enc = spec["encoding"]
    assert (enc["color"]["field"], enc["color"]["type"]) == ("group", "nominal")
    domain, colour_range = enc["color"]["scale"]["domain"], enc["color"]["scale"]["range"]
    assert domain == [label("nps_group", "promoter"), label("nps_group", "detractor")]
    assert colour_range == [colours("nps_group")[d] for d in domain]


def test_survival_curve_unknown_group_kind_and_bad_input():
    curve = CURVE.assign(team="x")
    enc = survival_curve(curve, by="team").to_dict()["encoding"]
    assert enc["color"]["field"] == "group"
    with pytest.raises(DataError) as err:
        survival_curve(CURVE, by="persona")
    assert err.value.fields == ["curve.persona"]
    with pytest.raises(DataError) as err:
        survival_curve(CURVE.drop(columns="survival"))
    assert err.value.fields == ["curve.survival"]
    with pytest.raises(DataError) as err:
        survival_curve(CURVE, method="guess")
    assert err.value.fields == ["method"]
    with pytest.raises(DataError) as err:
        survival_curve(curve, by="team", kind="no_such_kind")
    assert err.value.fields == ["kind"]


def test_survival_curve_empty():
    spec = survival_curve(retention.kaplan_meier([], [])).to_dict()
    assert spec["mark"]["type"] == "line"


# --- satisfaction–loyalty -----------------------------------------------------------------------

SURVEYS = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "at": ["2026-01-01"] * 4,
                        "satisfaction": [5, 5, 4, 2], "nps_score": [10, 8, 9, 3]})


def test_zone_bands_by_hand():
    # default zones: defection 1–2 -> [0.5, 2.5]; indifference 3–4 -> [2.5, 4.5]; affection 5 -> [4.5, 5.5]
    bands = zone_bands(retention.satisfaction_loyalty(SURVEYS, measure="promoter"))
    assert bands.values.tolist() == [["defection", 0.5, 2.5], ["indifference", 2.5, 4.5], ["affection", 4.5, 5.5]]
    with pytest.raises(DataError):
        zone_bands(pd.DataFrame({"satisfaction": [1]}))


def test_satisfaction_loyalty_spec():
    spec = satisfaction_loyalty(retention.satisfaction_loyalty(SURVEYS, measure="promoter"), measure="promoter").to_dict()
    assert title_of(spec) == label("satisfaction_loyalty_chart", "title")
    bands = layer_with(spec, "rect")["encoding"]
    assert (bands["x"]["field"], bands["x2"]["field"], bands["color"]["field"]) == ("x_start", "x_end", "loyalty_zone")
    assert bands["color"]["scale"]["domain"] == [label("loyalty_zone", z) for z in ("defection", "indifference", "affection")]
    assert bands["color"]["scale"]["range"] == [colours("loyalty_zone")[d] for d in bands["color"]["scale"]["domain"]]
    names = layer_with(spec, "text")["encoding"]
    assert names["text"]["field"] == "loyalty_zone"
    line = layer_with(spec, "line")["encoding"]
    assert (line["x"]["field"], line["x"]["type"]) == ("satisfaction", "quantitative")
    assert (line["y"]["field"], line["y"]["type"]) == ("loyal_share", "quantitative")
    assert line["y"]["title"] == label("satisfaction_loyalty_chart", "loyal_share_promoter")
    assert {t["field"] for t in line["tooltip"]} == {"satisfaction", "loyalty_zone", "respondents", "loyal", "loyal_share"}
    zone_rows = next(iter(v for v in spec["datasets"].values() if "x_start" in v[0]))
    assert [r["loyalty_zone"] for r in zone_rows] == [label("loyalty_zone", z) for z in ("defection", "indifference", "affection")]


def test_satisfaction_loyalty_empty_and_bad_input():
    empty = retention.satisfaction_loyalty(SURVEYS.iloc[0:0], measure="promoter")
    assert layer_with(satisfaction_loyalty(empty).to_dict(), "line")["encoding"]["y"]["title"] == label(
        "satisfaction_loyalty_chart", "loyal_share")
    with pytest.raises(DataError) as err:
        satisfaction_loyalty(empty.drop(columns="loyalty_zone"))
    assert err.value.fields == ["curve.loyalty_zone"]
    with pytest.raises(DataError) as err:
        satisfaction_loyalty(empty, measure="visits")
    assert err.value.fields == ["measure"]


# --- smoke test on the shipped data -------------------------------------------------------------

def test_retention_charts_on_the_shipped_data():

    t = shipped_tables()
    heat = cohort_heatmap(retention.cohort_retention(t["orders"])).to_dict()
    assert layer_with(heat, "rect")["encoding"]["color"]["field"] == "retention"
    curve = retention.survival_curve(t["orders"], method="true", truth=t["truth"],
                                     groups=nps.customer_nps_group(t["surveys"]), by="nps_group")
    spec = survival_curve(curve, by="nps_group", method="true").to_dict()
    assert len(spec["encoding"]["color"]["scale"]["domain"]) == 3
    by_persona = retention.survival_curve(t["orders"], groups=t["customers"], by="persona")
    assert survival_curve(by_persona, by="persona", method="observed").to_dict()["mark"]["type"] == "line"
    sl = satisfaction_loyalty(retention.satisfaction_loyalty(t["surveys"], t["orders"]), measure="repurchase").to_dict()
    assert layer_with(sl, "line")["encoding"]["y"]["field"] == "loyal_share"
    assert to_png(satisfaction_loyalty(retention.satisfaction_loyalty(t["surveys"], t["orders"])), scale=1.0)[:4] == b"\x89PNG"
