"""Charts of the funnel, the drop-out reasons and the channels' economics: valid specs, Vietnamese labels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.channel_economics import channel_economics_chart
from sim.charts.dropout_reasons import dropout_reasons_chart
from sim.charts.funnel import funnel_chart
from sim.charts.render import to_png, to_svg
from sim.engine.io import shipped_tables
from sim.measures.acquisition import channel_economics
from sim.measures.funnel import dropout_reasons, funnel


def _mark(spec: dict) -> str:
    mark = spec["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.fixture
def funnel_table() -> pd.DataFrame:
    # 10 journeys: 10 start, 6 search, 4 are evaluated, 3 buy, 2 are past delivery.
    return pd.DataFrame({"stage": [1, 2, 3, 4, 5], "reached": [10, 6, 4, 3, 2],
                         "share_of_started": [1.0, 0.6, 0.4, 0.3, 0.2], "step_rate": [1.0, 0.6, 4 / 6, 0.75, 2 / 3],
                         "dropped": [4, 2, 1, 0, 0], "dropout_rate": [0.4, 2 / 6, 0.25, 0.0, 0.0],
                         "in_progress": [0, 0, 0, 1, 0]})


@pytest.fixture
def persona_table(funnel_table) -> pd.DataFrame:
    a = funnel_table.assign(persona="directed_buyer")
    b = funnel_table.assign(persona="bargain_hunter", reached=[5, 2, 1, 1, 0])
    return pd.concat([a, b], ignore_index=True)[["persona", *funnel_table.columns]]


@pytest.fixture
def reasons_table() -> pd.DataFrame:
    return pd.DataFrame({"stage": [1, 3, 3], "reason": ["no_real_need", "security_concern", "quality_unverifiable"],
                         "count": [4, 2, 1], "share_of_stage": [1.0, 2 / 3, 1 / 3], "share_of_all": [4 / 7, 2 / 7, 1 / 7]})


@pytest.fixture
def economics_table() -> pd.DataFrame:
    return pd.DataFrame({"channel": ["paid_search", "email", "direct"], "new_customers": [2, 2, 1],
                         "spend_vnd": [100_000.0, 40_000.0, 0.0], "cpc_vnd": [2_000.0, 8_000.0, 0.0],
                         "cpa_vnd": [50_000.0, 20_000.0, 0.0], "conversion_rate": [2 / 3, 0.5, 1.0],
                         "roi": [-0.4, 1.0, math.nan], "ltv_roi": [3.0, 1.0, math.nan]})


# ------------------------------------------------------------------------------ funnel


def test_funnel_chart_spec(funnel_table):
    spec = funnel_chart(funnel_table).to_dict()
    assert spec["title"] == label("funnel_chart", "title")
    bars, text = spec["layer"]
    assert _mark(bars) == "bar" and _mark(text) == "text"
    assert bars["encoding"]["x"]["field"] == "reached" and bars["encoding"]["x"]["type"] == "quantitative"
    assert bars["encoding"]["x"]["stack"] == "center"  # the funnel's shape
    assert bars["encoding"]["y"] == {**bars["encoding"]["y"], "field": "stage", "type": "nominal"}
    assert bars["encoding"]["y"]["sort"][0] == "Phát hiện nhu cầu"
    assert {t["field"] for t in bars["encoding"]["tooltip"]} >= {"stage", "reached", "share_of_started", "dropped"}
    rows = _rows(spec)
    assert {r["stage"] for r in rows} == {label("stage", k) for k in "12345"}
    assert "6 (60,0%)" in {r["text"] for r in rows}


def test_funnel_chart_by_persona(persona_table):
    spec = funnel_chart(persona_table).to_dict()
    enc = spec["encoding"]
    assert _mark(spec) == "bar"
    assert enc["x"]["field"] == "share_of_started"  # shares make groups of different sizes comparable
    assert enc["color"]["field"] == "persona" and enc["yOffset"]["field"] == "persona"
    assert enc["color"]["title"] == label("funnel_chart", "persona")
    assert enc["color"]["scale"]["domain"] == [label("persona", "directed_buyer"), label("persona", "bargain_hunter")]
    counts = funnel_chart(persona_table, measure="reached").to_dict()
    assert counts["encoding"]["x"]["field"] == "reached"


def test_funnel_chart_bad_input(funnel_table):
    with pytest.raises(DataError) as err:
        funnel_chart(funnel_table, measure="dropped")
    assert err.value.fields == ["measure"]
    with pytest.raises(DataError) as err:
        funnel_chart(funnel_table.drop(columns="reached"))
    assert err.value.fields == ["funnel.reached"]
    empty = funnel_chart(funnel_table.iloc[:0]).to_dict()  # no rows: still a valid spec
    assert _mark(empty["layer"][0]) == "bar"


def test_funnel_chart_renders_offline_with_vietnamese_text(funnel_table):
    chart = funnel_chart(funnel_table)
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    svg = to_svg(chart)
    assert label("funnel_chart", "title") in svg
    assert "Đánh giá các phương án" in svg


# ---------------------------------------------------------------------- drop-out reasons


def test_dropout_reasons_chart_spec(reasons_table):
    spec = dropout_reasons_chart(reasons_table).to_dict()
    assert spec["title"] == label("dropout_chart", "title")
    enc = spec["encoding"]
    assert _mark(spec) == "bar"
    assert enc["x"]["field"] == "count" and enc["x"]["type"] == "quantitative"
    assert enc["y"]["field"] == "stage" and enc["color"]["field"] == "reason"
    assert enc["color"]["title"] == label("dropout_chart", "reason")
    assert {r["reason"] for r in _rows(spec)} == {"Chỉ xem, chưa có nhu cầu thật", "Lo ngại an toàn, bảo mật",
                                                  "Không kiểm định được chất lượng"}
    shares = dropout_reasons_chart(reasons_table, normalize=True).to_dict()
    assert shares["encoding"]["x"]["field"] == "share_of_stage"
    assert shares["encoding"]["x"]["axis"]["format"] == ".0%"


def test_dropout_reasons_chart_by_group_is_faceted(reasons_table):
    grouped = pd.concat([reasons_table.assign(channel="email"), reasons_table.assign(channel="social")])
    spec = dropout_reasons_chart(grouped).to_dict()
    assert spec["facet"]["row"]["field"] == "channel"
    assert spec["facet"]["row"]["header"]["labelOrient"] == "top"  # the group's name above its panel, not beside it
    assert _mark(spec["spec"]) == "bar"
    assert spec["title"]["text"] == label("dropout_chart", "title")
    assert spec["title"]["subtitle"] == [label("funnel_chart", "channel")]


def test_dropout_reasons_chart_bad_input(reasons_table):
    with pytest.raises(DataError) as err:
        dropout_reasons_chart(reasons_table.drop(columns="reason"))
    assert err.value.fields == ["dropout_reasons.reason"]
    with pytest.raises(DataError) as err:
        dropout_reasons_chart(reasons_table, normalize="yes")
    assert err.value.fields == ["normalize"]


# ---------------------------------------------------------------------- channel economics


def test_channel_economics_chart_spec(economics_table):
    spec = channel_economics_chart(economics_table).to_dict()
    assert spec["title"]["text"] == label("channel_economics_chart", "title")
    # Direct costs nothing, so it has no ROI: named in the subtitle, not drawn.
    assert label("channel", "direct") in spec["title"]["subtitle"][0]
    marks = [_mark(layer) for layer in spec["layer"]]
    assert marks[:3] == ["rule", "text", "circle"] and set(marks[3:]) == {"text"}
    points = spec["layer"][2]["encoding"]
    assert points["x"]["field"] == "cpa_vnd" and points["x"]["type"] == "quantitative"
    assert points["y"]["field"] == "roi" and points["y"]["title"] == label("channel_economics_chart", "roi")
    assert points["size"]["field"] == "new_customers" and points["color"]["field"] == "channel"
    assert points["color"]["scale"]["domain"] == [label("channel", "paid_search"), label("channel", "email")]
    lifetime = channel_economics_chart(economics_table, roi="ltv_roi").to_dict()
    assert lifetime["layer"][2]["encoding"]["y"]["field"] == "ltv_roi"


def test_channel_economics_chart_bad_input(economics_table):
    with pytest.raises(DataError) as err:
        channel_economics_chart(economics_table, roi="profit")
    assert err.value.fields == ["roi"]
    with pytest.raises(DataError) as err:
        channel_economics_chart(economics_table.assign(ltv_roi=math.nan), roi="ltv_roi")
    assert err.value.fields == ["channel_economics.ltv_roi"]
    with pytest.raises(DataError) as err:
        channel_economics_chart(economics_table.drop(columns="cpa_vnd"))
    assert err.value.fields == ["channel_economics.cpa_vnd"]
    nothing = channel_economics_chart(economics_table.iloc[:0]).to_dict()
    assert nothing["title"]["subtitle"] == []


def test_channel_economics_chart_svg(economics_table):
    svg = to_svg(channel_economics_chart(economics_table))
    assert "Quảng cáo tìm kiếm trả tiền" in svg and "Hòa vốn" in svg


# -------------------------------------------------------------------------- shipped data


def test_charts_of_the_shipped_data():
    t = shipped_tables()
    for chart in (funnel_chart(funnel(t["journey"])),
                  funnel_chart(funnel(t["journey"], t["customers"], by="persona")),
                  dropout_reasons_chart(dropout_reasons(t["journey"]), normalize=True),
                  dropout_reasons_chart(dropout_reasons(t["journey"], by="channel")),
                  channel_economics_chart(channel_economics(t["customers"], t["orders"], t["marketing"],
                                                            ltv_vnd=t["truth"]), roi="ltv_roi")):
        assert chart.to_dict()
