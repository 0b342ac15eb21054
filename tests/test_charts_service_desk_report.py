"""Charts of the service-desk report: life cycle × tool, the staffing panel's chart, the gap-priority grid."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.desk_staffing import MAX_STEPS, desk_staffing_chart, thin_ecdf
from sim.charts.gap_priority import PRIORITY_COLOURS, WIDTH_PX, gap_priority_chart, place_labels
from sim.charts.lifecycle_tools import lifecycle_tools_chart
from sim.charts.render import to_png, to_svg

NAN = float("nan")
TABLE = pd.DataFrame({"lifecycle_stage": ["requirements", "requirements", "ownership", "ownership", "retirement"],
                      "tool": ["faq", "chat", "tracking_page", "email", "faq"],
                      "requests": [3, 1, 2, 0, 0], "share_of_stage": [0.75, 0.25, 1.0, 0.0, NAN]})
ECDF = pd.DataFrame({"tool": ["chat", "chat", "email"], "wait_min": [0.0, 1.0, 30.0], "share_answered": [0.5, 0.75, 1.0]})
SUMMARY = pd.DataFrame({"tool": ["tracking_page", "faq", "auto", "chat", "email"], "requests": [0, 2, 1, 4, 2],
                        "share": [0, 2 / 9, 1 / 9, 4 / 9, 2 / 9], "service_level": [NAN, NAN, NAN, 0.5, 0.0],
                        "mean_wait_min": [NAN, NAN, NAN, 2.0, 60.0], "reneged_share": [NAN, NAN, NAN, 0.25, 0.0],
                        "satisfaction_points": [NAN, 0.0, 0.0, -0.02, -0.9], "utilisation": [NAN, NAN, NAN, 0.5, 1.2]})
PRIORITIES = pd.DataFrame({"dimension": ["reliability", "empathy", "flat"], "expectation": [5.0, 5.0, 5.0],
                           "perception": [4.0, 5.5, 6.0], "gap": [-1.0, 0.5, 1.0], "correlation": [0.9, 0.4, NAN],
                           "standardized_coefficient": [0.89, 0.45, NAN], "rank": [1.0, 2.0, NAN],
                           "priority": ["concentrate", "overkill", None]})


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_lifecycle_tools_chart_spec():
    spec = lifecycle_tools_chart(TABLE).to_dict()
    assert spec["title"] == label("lifecycle_tool_chart", "title")
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["y"]["sort"][:4] == ["Xác định yêu cầu", "Mua mặt hàng", "Sở hữu mặt hàng", "Không dùng nữa (bán lại)"]
    assert enc["x"]["field"] == "requests" and enc["x"]["stack"] == "zero"
    assert enc["color"]["field"] == "tool"
    rows = _rows(spec)
    # Segments with no requests are not drawn; names come from the label map.
    assert len(rows) == 3
    assert {r["tool"] for r in rows} == {"Câu hỏi thường gặp (FAQ)", "Phòng chat", "Trang theo dõi đơn hàng"}
    assert to_png(lifecycle_tools_chart(TABLE))[:4] == b"\x89PNG"


def test_lifecycle_tools_chart_missing_column():
    with pytest.raises(DataError) as err:
        lifecycle_tools_chart(TABLE.drop(columns="share_of_stage"))
    assert "table.share_of_stage" in err.value.fields


def test_desk_staffing_chart_spec():
    chart = desk_staffing_chart(ECDF, SUMMARY, 2)
    spec = chart.to_dict()
    assert spec["title"]["text"] == label("desk_chart", "title")
    # Service level of the agent tools in the first line (chat 0.5, e-mail 0.0); 0 + 2 + 1 + 4 + 2 = 9 requests.
    assert spec["title"]["subtitle"] == ["Mức phục vụ – tỷ lệ được trả lời trong 2 phút: Phòng chat 50%, E-mail 0%",
                                         "9 yêu cầu"]
    waits, points = spec["hconcat"]
    assert " ".join(waits["title"]["text"]) == label("wait_chart", "title") and "config" not in waits  # wrapped to its panel
    assert " ".join(points["title"]["text"]) == label("desk_chart", "satisfaction_points")
    bars = points["layer"][0]
    assert (bars["mark"]["type"], bars["encoding"]["x"]["field"]) == ("bar", "satisfaction_points")
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    names = {r.get("tool") for r in _rows(spec)}
    assert "Trang theo dõi đơn hàng" not in names  # no requests, no bar
    assert "<svg" in to_svg(chart)


def test_desk_staffing_chart_flags_unfinished_requests_and_bad_arguments():
    spec = desk_staffing_chart(ECDF, SUMMARY, 2, unfinished=1500).to_dict()
    assert spec["title"]["subtitle"][1] == f"9 yêu cầu; 1.500 {label('desk_chart', 'unfinished')}"
    with pytest.raises(DataError) as err:
        desk_staffing_chart(ECDF, SUMMARY, 2, unfinished=-1)
    assert "unfinished" in err.value.fields
    with pytest.raises(DataError) as err:
        desk_staffing_chart(ECDF, SUMMARY.drop(columns="utilisation"), 2)
    assert "summary.utilisation" in err.value.fields


def test_thin_ecdf_hand_worked():
    # chat: 10 steps at waits 0 … 9; at most 4 kept: ranks linspace(0, 9, 4) = 0, 3, 6, 9, and rank 4
    # (wait 4, the last one at or below the 4.5-minute target); e-mail has 3 rows and keeps them all.
    ecdf = pd.DataFrame({"tool": ["chat"] * 10 + ["email"] * 3, "wait_min": [*range(10), 0.0, 10.0, 20.0],
                         "share_answered": [(i + 1) / 10 for i in range(10)] + [0.0, 0.5, 1.0]})
    out = thin_ecdf(ecdf, 4.5, max_steps=4)
    assert out[out["tool"] == "chat"]["wait_min"].tolist() == [0, 3, 4, 6, 9]
    assert out[out["tool"] == "email"]["wait_min"].tolist() == [0.0, 10.0, 20.0]
    assert thin_ecdf(ecdf.iloc[0:0], 2).empty


def test_desk_staffing_chart_draws_at_most_max_steps_per_tool():
    long = pd.DataFrame({"tool": "email", "wait_min": [float(i) for i in range(1000)],
                         "share_answered": [(i + 1) / 1000 for i in range(1000)]})
    rows = [r for r in _rows(desk_staffing_chart(long, SUMMARY, 2).to_dict()) if "share_answered" in r]
    assert MAX_STEPS <= len(rows) <= MAX_STEPS + 1
    assert {"tool": "E-mail", "wait_min": 2.0, "share_answered": 0.003} in rows  # the step at the target is kept


def test_gap_priority_chart_spec():
    spec = gap_priority_chart(PRIORITIES).to_dict()
    assert spec["title"] == label("gap_priority_chart", "title")
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["rule", "rule", "point", "text", "text"]  # names right of their point, then left of it
    points = spec["layer"][2]["encoding"]
    assert (points["x"]["field"], points["y"]["field"]) == ("gap", "standardized_coefficient")
    assert points["color"]["scale"]["range"] == list(PRIORITY_COLOURS.values())
    rows = _rows(spec)
    named = [r for r in rows if "dimension" in r]
    # The dimension without β is left out; names and quadrants come from the label map.
    assert {r["dimension"] for r in named} == {"Tin cậy", "Đồng cảm"}
    assert {r["priority"] for r in named} == {label("gap_priority", "concentrate"), label("gap_priority", "overkill")}
    median = [r for r in rows if set(r) == {"standardized_coefficient"}]
    assert math.isclose(median[0]["standardized_coefficient"], 0.67)  # (0.89 + 0.45) / 2
    assert to_png(gap_priority_chart(PRIORITIES))[:4] == b"\x89PNG"


def test_gap_priority_chart_missing_column():
    with pytest.raises(DataError) as err:
        gap_priority_chart(PRIORITIES.drop(columns="priority"))
    assert "priorities.priority" in err.value.fields


def test_names_of_two_points_in_one_place_go_either_side():
    """Two points at (100, 100), names 50 px wide: the first (right of its point) spans x 109–159; the second
    would cover it there, so it goes left of the point, ending 9 px before it (x 41–91), level with the point."""
    assert place_labels([(100.0, 100.0), (100.0, 100.0)], [50.0, 50.0]) == [("left", 109.0, 100.0), ("right", 91.0, 100.0)]


def test_names_near_the_right_edge_stay_inside_and_apart():
    """Three points close together near the right edge: no name leaves the plot and no two names overlap."""
    points, widths = [(450.0, 100.0), (452.0, 104.0), (455.0, 98.0)], [140.0, 60.0, 70.0]
    anchors = place_labels(points, widths)
    boxes = []
    for (side, x, y), w in zip(anchors, widths, strict=True):
        start = x if side == "left" else x - w
        assert 0 <= start and start + w <= WIDTH_PX
        boxes.append((start, y - 7.5, start + w, y + 7.5))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
