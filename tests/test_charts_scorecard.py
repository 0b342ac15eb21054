"""The scorecard chart and table: parts, the whole-shop row, a sweep's means and intervals, Vietnamese text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_svg
from sim.charts.scorecard import channel_table, scorecard_chart


@pytest.fixture
def card() -> pd.DataFrame:
    # Paid search: 3 visitors for 100,000, 2 buy (one twice); e-mail: 4 visitors for 40,000, 2 buy (one twice);
    # whole shop: 7 visitors, 140,000, 4 buyers → conversion 4 / 7, CPA 35,000, repeat rate 2 / 4.
    return pd.DataFrame({
        "channel": ["paid_search", "email", "all"], "visits": [3, 4, 7], "spend_vnd": [100_000.0, 40_000.0, 140_000.0],
        "cost_per_visit_vnd": [100_000 / 3, 10_000.0, 20_000.0], "new_customers": [2, 2, 4],
        "conversion_rate": [2 / 3, 0.5, 4 / 7], "cpa_vnd": [50_000.0, 20_000.0, 35_000.0], "repeat_customers": [1, 1, 2],
        "repeat_rate": [0.5, 0.5, 0.5], "churn_rate": [math.nan, 0.5, 0.5]})


@pytest.fixture
def sweep() -> pd.DataFrame:
    # Means and intervals of two settings of one lever (made-up numbers, as channel_sweep lays them out).
    rows = []
    for budget, shift in ((3500.0, 0.0), (14000.0, 1.0)):
        for channel in ("social", "all"):
            for column, mean in (("visits", 100.0), ("conversion_rate", 0.3), ("repeat_rate", 0.25)):
                rows.append({"channels.social.daily_budget_vnd": budget, "channel": channel, "part": "x", "column": column,
                             "mean": mean * (1 + shift), "sd": 0.0, "ci_low": mean * 0.9, "ci_high": mean * 1.1,
                             "n_runs": 5})
    return pd.DataFrame(rows)


def _text(title: object) -> str:
    """A title as one line (titles are wrapped into lines to fit their panel)."""
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_scorecard_chart_three_parts(card):
    spec = scorecard_chart(card).to_dict()
    assert spec["title"]["text"] == label("scorecard", "title")
    panels = spec["hconcat"]
    assert [_text(p["title"]) for p in panels] == [label("scorecard_part", k) for k in ("attraction", "conversion", "retention")]
    # the channels are named once, at the left, and every panel has the same rows (the whole shop too)
    axes = [p["layer"][0]["encoding"]["y"] for p in panels]
    assert axes[0].get("axis") != None and axes[1]["axis"] is None and axes[2]["axis"] is None  # noqa: E711
    assert axes[0]["scale"]["domain"] == axes[1]["scale"]["domain"] == axes[2]["scale"]["domain"]
    bars = [p["layer"][0] for p in panels]
    assert [_text(b["encoding"]["x"]["title"]) for b in bars] == [label("scorecard", "visits"), label("scorecard", "conversion_rate"),
                                                          label("scorecard", "repeat_rate")]
    # Visits are a count: the whole shop (the sum) is not drawn there, only in the rate panels, in grey.
    visits = {r["channel"] for r in spec["datasets"][panels[0]["data"]["name"]]}
    assert visits == {label("channel", "paid_search"), label("channel", "email")}
    colour = bars[1]["encoding"]["color"]["scale"]
    assert colour["domain"][-1] == label("scorecard", "all") and colour["range"][-1] == "#555555"
    assert label("scorecard", "not_shown") in spec["title"]["subtitle"]
    assert spec["resolve"]["scale"]["color"] == "independent"


def test_scorecard_chart_other_measures(card):
    spec = scorecard_chart(card, measures={"attraction": "cost_per_visit_vnd", "retention": "churn_rate"}).to_dict()
    assert [_text(p["layer"][0]["encoding"]["x"]["title"]) for p in spec["hconcat"]] == [
        label("scorecard", "cost_per_visit_vnd"), label("scorecard", "conversion_rate"), label("scorecard", "churn_rate")]
    assert spec["title"]["subtitle"] == []  # no count: the whole shop is drawn everywhere
    with pytest.raises(DataError) as err:
        scorecard_chart(card, measures={"retention": "visits"})
    assert err.value.fields == ["measures['retention']"]
    with pytest.raises(DataError) as err:
        scorecard_chart(card, measures={"loyalty": "repeat_rate"})
    assert err.value.fields == ["measures"]
    with pytest.raises(DataError) as err:
        scorecard_chart(card.drop(columns="repeat_rate"))
    assert err.value.fields == ["scorecard.repeat_rate"]


def test_scorecard_chart_of_a_sweep(sweep):
    spec = scorecard_chart(sweep).to_dict()
    first = spec["hconcat"][1]["layer"]
    assert [layer["mark"]["type"] for layer in first] == ["rule", "point"]
    assert first[0]["encoding"]["x"]["field"] == "ci_low" and first[0]["encoding"]["x2"]["field"] == "ci_high"
    assert first[1]["encoding"]["x"]["field"] == "mean"
    assert first[1]["encoding"]["color"]["scale"]["domain"] == ["3.500", "14.000"]  # Vietnamese numbers
    assert "channels.social.daily_budget_vnd" in first[1]["encoding"]["color"]["title"]
    rows = _rows(spec)
    assert {r["channel"] for r in rows if r["column"] == "visits"} == {label("channel", "social")}
    assert {r["channel"] for r in rows if r["column"] == "conversion_rate"} == {label("channel", "social"),
                                                                                label("scorecard", "all")}
    with pytest.raises(DataError) as err:
        scorecard_chart(sweep.drop(columns="ci_high"))
    assert err.value.fields == ["channel_sweep.ci_high"]


def test_channel_table_of_a_scorecard(card):
    styled = channel_table(card)
    frame = styled.data
    assert frame.iloc[:, 0].tolist() == [label("channel", "paid_search"), label("channel", "email"), label("scorecard", "all")]
    assert frame.columns[1] == (label("scorecard_part", "attraction"), label("scorecard", "visits"))
    assert frame.columns[-1] == (label("scorecard_part", "retention"), label("scorecard", "churn_rate"))
    html = styled.to_html()
    assert "57,1%" in html  # 4 / 7 written the Vietnamese way
    assert "140.000 ₫" in html and "33.333 ₫" in html  # 100,000 / 3 in đồng without decimals
    assert "—" in html and "nan" not in html.lower()  # NaN churn rate
    with pytest.raises(DataError):
        channel_table(card.drop(columns="channel"))


def test_channel_table_of_campaign_measures():
    # Paid search: 100,000 for 50 clicks, 2 new customers with 60,000 margin → CPC 2,000, ROI −40%.
    economics = pd.DataFrame({"channel": ["paid_search"], "clicks": [50], "cpc_vnd": [2_000.0], "roi": [-0.4],
                              "ltv_vnd": [math.nan]})
    styled = channel_table(economics)
    assert styled.data.iloc[0].tolist() == [label("channel", "paid_search"), "50", "2.000 ₫", "−40,0%", "—"]
    html = styled.to_html()
    for key in ("clicks", "cpc_vnd", "roi", "ltv_vnd"):
        assert label("channel_economics_chart", key) in html


def test_scorecard_chart_svg_and_empty(card):
    svg = to_svg(scorecard_chart(card))
    assert "Sự chuyển đổi (Conversion)" in svg and "Toàn cửa hàng" in svg
    assert scorecard_chart(card.iloc[:0]).to_dict()["hconcat"]
