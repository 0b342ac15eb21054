"""Permission-marketing charts: the opt-in list over time, and a lever's effect over several seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.permission import FLOW_COLOURS, list_growth, list_lever_effects
from sim.charts.render import to_png, to_svg
from sim.measures import permission

# The hand-worked example of tests/test_analytics_permission.py: weeks of 05, 12 and 19 Jan 2026 with
# 3, 1, 2 prospects; 2, 1, 1 opt-ins; 0, 1, 2 unsubscribes; house-list e-mails to customers 10, 20, 40
# with 0, 1, 2 unsubscribes.
CUSTOMERS = pd.DataFrame({
    "first_seen_at": pd.to_datetime(["2026-01-05 10:00", "2026-01-06 09:00", "2026-01-07 12:00", "2026-01-13 08:00",
                                     "2026-01-21 15:00", "2026-01-22 11:00"]),
    "email_opt_in": [True, True, False, True, False, False],
    "unsubscribed_at": pd.to_datetime([None, "2026-01-20 08:00", None, "2026-01-14 09:00", None, "2026-01-23 10:00"]),
})
MARKETING = pd.DataFrame({
    "date": ["2026-01-08", "2026-01-15", "2026-01-15", "2026-01-22"],
    "channel": ["email", "email", "email", "email"],
    "purpose": ["retention", "retention", "acquisition", "retention"],
    "emails_sent": [10, 20, 500, 40],
    "unsubscribes": [0, 1, 3, 2],
})


def title_of(spec: dict) -> tuple[str, object]:
    """The title's text and subtitle, each joined into one line again (long ones are wrapped to fit a notebook column)."""
    title = spec["title"]
    if isinstance(title, str):
        return title, None
    def joined(v):
        return " ".join(v) if isinstance(v, list) else v
    return joined(title["text"]), joined(title.get("subtitle"))


def test_list_growth_spec():
    spec = list_growth(permission.list_growth(CUSTOMERS, MARKETING)).to_dict()
    text, subtitle = title_of(spec)
    assert text == label("list_chart", "title")
    # the hand-worked example: opt-in 4/6 = 66,7%; 3 left after 70 e-mails = 4,29%; 1 subscriber left
    assert "66,7%" in subtitle and "4,29%" in subtitle and subtitle.endswith(": 1")
    top, bottom = spec["vconcat"]
    assert [layer["mark"]["type"] for layer in top["layer"]] == ["area", "line"]
    assert {layer["encoding"]["y"]["field"] for layer in top["layer"]} == {"subscribers"}
    # the size is counted at the end of each period, and drawn there
    assert {layer["encoding"]["x"]["field"] for layer in top["layer"]} == {"period_end"}
    assert bottom["mark"]["type"] == "bar"
    enc = bottom["encoding"]
    assert (enc["x"]["field"], enc["x2"]["field"], enc["y"]["field"]) == ("period_start", "period_end", "people")
    assert enc["color"]["scale"]["domain"] == [label("list_chart", k) for k in FLOW_COLOURS]
    assert enc["color"]["scale"]["range"] == list(FLOW_COLOURS.values())
    # unsubscribes are drawn below zero: W3 had 2
    data = pd.DataFrame(spec["datasets"][bottom["data"]["name"]])
    out = data[data["flow"] == label("list_chart", "unsubscribes")]["people"].tolist()
    assert out == [0, -1, -2]
    tooltips = {t["field"] for t in top["layer"][1]["encoding"]["tooltip"]}
    assert {"prospects", "opt_ins", "opt_in_rate", "unsubscribes", "subscribers", "unsubscribe_rate"} <= tooltips


def test_list_growth_without_marketing_monthly_and_empty():
    spec = list_growth(permission.list_growth(CUSTOMERS, freq="M")).to_dict()
    _text, subtitle = title_of(spec)
    assert label("list_measure", "unsubscribe_rate") not in subtitle
    assert spec["vconcat"][0]["layer"][1]["encoding"]["x"]["axis"]["format"] == "%m/%Y"
    empty = list_growth(permission.list_growth(CUSTOMERS.iloc[0:0])).to_dict()
    assert title_of(empty)[0] == label("list_chart", "title")
    with pytest.raises(DataError) as err:
        list_growth(permission.list_growth(CUSTOMERS).drop(columns="subscribers"))
    assert err.value.fields == ["growth.subscribers"]


def test_list_growth_exports_png_and_svg():
    chart = list_growth(permission.list_growth(CUSTOMERS, MARKETING))
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    assert label("list_chart", "opt_ins") in to_svg(chart)


PARAM = "permission_marketing.sends_per_month"
SUMMARY = pd.DataFrame({
    PARAM: [1.0, 1.0, 4.0, 4.0],
    "measure": ["subscribers", "unsubscribe_rate", "subscribers", "unsubscribe_rate"],
    "mean": [270.0, 0.002, 243.0, 0.011],
    "sd": [15.0, 0.001, 12.0, 0.002],
    "ci_low": [250.0, 0.001, 228.0, 0.009],
    "ci_high": [290.0, 0.003, 258.0, 0.013],
    "n_runs": [5, 5, 5, 5],
})


def test_list_lever_effects_spec():
    spec = list_lever_effects(SUMMARY, PARAM).to_dict()
    text, subtitle = title_of(spec)
    assert text == label("list_chart", "lever_title")
    assert subtitle.endswith(": 5")
    panels = spec["concat"]
    # in the order of permission.MEASURES: subscribers, then unsubscribe_rate
    assert [" ".join(p["title"]["text"]) for p in panels] == [label("list_measure", "subscribers"),
                                                               label("list_measure", "unsubscribe_rate")]
    rule, line = panels[1]["layer"]
    assert (rule["mark"]["type"], line["mark"]["type"]) == ("rule", "line")
    assert (rule["encoding"]["y"]["field"], rule["encoding"]["y2"]["field"]) == ("ci_low", "ci_high")
    assert line["encoding"]["y"]["axis"]["format"] == ".1%"
    assert " ".join(line["encoding"]["x"]["title"]) == label("lever", PARAM)  # on lines as wide as the small chart
    # the dotted parameter is renamed, so Vega-Lite does not read it as a nested field
    data = pd.DataFrame(spec["datasets"][panels[0]["data"]["name"]])
    assert data["value"].tolist() == [1.0, 4.0] and data["mean"].tolist() == [270.0, 243.0]


def test_list_lever_effects_chosen_measures_and_errors():
    spec = list_lever_effects(SUMMARY, PARAM, measures=["unsubscribe_rate"]).to_dict()
    assert len(spec["concat"]) == 1
    with pytest.raises(DataError) as err:
        list_lever_effects(SUMMARY, PARAM, measures=["cac_vnd"])
    assert err.value.fields == ["measures"]
    with pytest.raises(DataError) as err:
        list_lever_effects(SUMMARY, "permission_marketing.incentive_vnd")
    assert err.value.fields == ["summary.permission_marketing.incentive_vnd"]
    assert to_png(list_lever_effects(SUMMARY, PARAM), scale=1.0)[:4] == b"\x89PNG"
