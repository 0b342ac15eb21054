"""Charts of the service desk and of service quality: valid specs, Vietnamese labels, offline export."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_png, to_svg
from sim.charts.servqual_gaps import BELOW_COLOUR, MEETS_COLOUR, servqual_gaps_chart
from sim.charts.wait_times import wait_times_chart
from sim.engine.io import shipped_tables
from sim.measures.service_desk import wait_ecdf
from sim.measures.service_quality import servqual_gaps

ECDF = pd.DataFrame({"tool": ["chat", "chat", "email", "email", "email"],
                     "wait_min": [0.0, 1.0, 0.0, 10.0, 20.0],
                     "share_answered": [0.2, 0.4, 0.0, 0.5, 1.0]})
GAPS = pd.DataFrame({"dimension": ["tangibles", "reliability", "my_own"], "respondents": [3, 3, 2],
                     "expectation": [6.0, 4.0, 5.0], "perception": [5.0, 6.0, 5.0], "gap": [-1.0, 2.0, 0.0]})


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def test_wait_times_chart_spec():
    spec = wait_times_chart(ECDF, target_min=2).to_dict()
    assert spec["title"]["text"] == label("wait_chart", "title") == "Thời gian chờ của khách hàng theo công cụ hỗ trợ dịch vụ"
    lines, rule, text = _layers(spec)
    assert lines["mark"]["type"] == "line" and lines["mark"]["interpolate"] == "step-after"
    enc = lines["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"], enc["x"]["scale"]["type"]) == ("wait_min", "quantitative", "symlog")
    assert (enc["y"]["field"], enc["y"]["type"]) == ("share_answered", "quantitative")
    assert (enc["color"]["field"], enc["color"]["type"]) == ("tool", "nominal")
    assert enc["x"]["title"] == "Thời gian chờ (phút)"
    assert {t["field"] for t in enc["tooltip"]} == {"tool", "wait_min", "share_answered"}
    assert rule["mark"]["type"] == "rule" and text["mark"]["type"] == "text"
    data = spec["datasets"]
    values = [row for rows in data.values() for row in rows]
    assert {"tool": "Phòng chat", "wait_min": 0.0, "share_answered": 0.2} in values  # the tool's name from the label map
    assert any(row.get("text") == "Mục tiêu: 2 phút" for row in values)


def test_wait_times_chart_linear_scale_and_bad_arguments():
    spec = wait_times_chart(ECDF, target_min=1.5, scale="linear").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "linear"
    values = [row for rows in spec["datasets"].values() for row in rows]
    assert any(row.get("text") == "Mục tiêu: 1,5 phút" for row in values)
    with pytest.raises(DataError) as err:
        wait_times_chart(ECDF, target_min=2, scale="log")
    assert "scale" in err.value.fields
    with pytest.raises(DataError) as err:
        wait_times_chart(ECDF, target_min=-2)
    assert "target_min" in err.value.fields
    with pytest.raises(DataError) as err:
        wait_times_chart(ECDF.drop(columns="share_answered"), target_min=2)
    assert "ecdf.share_answered" in err.value.fields


def test_wait_times_chart_empty_data_still_builds():
    empty = ECDF.iloc[0:0]
    spec = wait_times_chart(empty, target_min=2).to_dict()
    assert spec["layer"][0]["mark"]["type"] == "line"


def test_servqual_gaps_chart_spec():
    spec = servqual_gaps_chart(GAPS).to_dict()
    assert spec["title"] == label("servqual_chart", "title")
    assert "SERVQUAL" in spec["title"] and "cảm nhận − kỳ vọng" in spec["title"]
    bars, zero = _layers(spec)
    assert bars["mark"]["type"] == "bar" and zero["mark"]["type"] == "rule"
    enc = bars["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"]) == ("gap", "quantitative")
    assert (enc["y"]["field"], enc["y"]["type"]) == ("dimension", "nominal")
    assert enc["y"]["sort"] == ["Phương tiện hữu hình", "Tin cậy", "my_own"]  # table order; unknown names kept
    assert enc["color"]["scale"]["range"] == [BELOW_COLOUR, MEETS_COLOUR]
    assert {t["field"] for t in enc["tooltip"]} == {"dimension", "expectation", "perception", "gap", "respondents"}
    rows = [row for rows in spec["datasets"].values() for row in rows if "dimension" in row]
    direction = {row["dimension"]: row["direction"] for row in rows}
    assert direction == {"Phương tiện hữu hình": "Thấp hơn kỳ vọng", "Tin cậy": "Đạt hoặc vượt kỳ vọng",
                         "my_own": "Đạt hoặc vượt kỳ vọng"}


def test_servqual_gaps_chart_missing_column():
    with pytest.raises(DataError) as err:
        servqual_gaps_chart(GAPS.drop(columns="gap"))
    assert "gaps.gap" in err.value.fields


def test_export_png_and_svg_offline():
    chart = servqual_gaps_chart(GAPS)
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Khoảng cách chất lượng dịch vụ" in to_svg(chart)
    assert "Thời gian chờ của khách hàng" in to_svg(wait_times_chart(ECDF, target_min=2))


def test_charts_on_the_shipped_data():

    t = shipped_tables()
    wait_spec = wait_times_chart(wait_ecdf(t["tickets"]), target_min=2).to_dict()
    tools = {row["tool"] for rows in wait_spec["datasets"].values() for row in rows if "tool" in row}
    assert tools == {"Phòng chat", "E-mail"}
    gap_spec = servqual_gaps_chart(servqual_gaps(t["surveys"])).to_dict()
    assert gap_spec["layer"][0]["encoding"]["y"]["sort"] == ["Phương tiện hữu hình", "Tin cậy", "Đáp ứng", "Đảm bảo", "Đồng cảm"]
