"""Charts of activity segments (Chaffey Fig 9.13) and lifecycle segments (Fig 9.16)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.activity_segments import activity_segments_chart
from sim.charts.lifecycle_segments import lifecycle_segments_chart
from sim.charts.render import to_png, to_svg
from sim.measures import extension, retention

# active 2 (40%), inactive 1 (20%), lapsed 2 (40%); truly churned 0, 1 and 1 of them.
SUMMARY = pd.DataFrame({"segment": ["active", "inactive", "lapsed"], "customers": [2, 1, 2], "share": [0.4, 0.2, 0.4],
                        "mean_orders": [2.0, 2.0, 1.0]})
WITH_TRUTH = SUMMARY.assign(churned=[0, 1, 1], churned_share=[0.0, 1.0, 0.5])


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_activity_chart_bars_in_the_segments_order_and_colours():
    spec = activity_segments_chart(SUMMARY, active_days=90, lapsed_days=180).to_dict()
    bars, text = spec["layer"]
    assert bars["mark"]["type"] == "bar" and text["mark"]["type"] == "text"
    assert bars["encoding"]["x"]["field"] == "customers" and bars["encoding"]["y"]["field"] == "segment"
    assert bars["encoding"]["y"]["sort"] == ["Đang hoạt động", "Không hoạt động", "Đã ngừng mua (lapsed)"]
    assert bars["encoding"]["color"]["scale"]["range"] == ["#54a24b", "#eeca3b", "#e45756"]
    assert spec["title"]["text"] == label("activity_chart", "title")
    assert spec["title"]["subtitle"] == "Đang hoạt động: mua trong 90 ngày gần nhất · đã ngừng mua: không mua quá 180 ngày"
    # count and share written the Vietnamese way
    assert [row["bar_text"] for row in _data(spec)] == ["2 (40,0%)", "1 (20,0%)", "2 (40,0%)"]


def test_activity_chart_with_the_truth_has_a_second_panel():
    spec = activity_segments_chart(WITH_TRUTH).to_dict()
    sizes, churn = spec["hconcat"]
    assert churn["layer"][0]["encoding"]["x"]["field"] == "churned_share"
    assert churn["layer"][0]["encoding"]["x"]["title"] == "Tỷ lệ đã rời bỏ thật (theo truth)"
    assert "subtitle" not in spec["title"] or spec["title"]["subtitle"] == []
    assert {t["field"] for t in sizes["layer"][0]["encoding"]["tooltip"]} >= {"customers", "share", "churned_share"}


def test_activity_chart_renders_and_refuses_a_missing_column():
    chart = activity_segments_chart(WITH_TRUTH, active_days=60, lapsed_days=120)
    assert to_png(chart).startswith(b"\x89PNG")
    assert "Phân khúc theo hoạt động" in to_svg(chart)
    with pytest.raises(DataError) as err:
        activity_segments_chart(SUMMARY.drop(columns="share"))
    assert err.value.fields == ["summary.share"]


def test_lifecycle_chart_from_the_demo_run(demo_result):
    segments = retention.lifecycle_segments(demo_result.customers, demo_result.journey, demo_result.orders)
    chart = lifecycle_segments_chart(extension.segment_summary(segments, "lifecycle_segment", retention.LIFECYCLE_SEGMENTS))
    spec = chart.to_dict()
    assert spec["title"]["text"] == label("lifecycle_chart", "title")
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == "Khách truy cập"
    assert spec["layer"][0]["encoding"]["y"]["sort"][-1] == "Khách đã ngừng mua (lapsed)"
    assert sum(row["customers"] for row in _data(spec)) == len(demo_result.customers)
    assert "Phân khúc theo vòng đời khách hàng" in to_svg(chart)


def test_segment_charts_of_empty_summaries_still_build():
    empty = extension.segment_summary(pd.DataFrame(columns=["customer_id", "orders", "lifecycle_segment"]), "lifecycle_segment",
                                      retention.LIFECYCLE_SEGMENTS)
    rows = _data(lifecycle_segments_chart(empty).to_dict())
    assert [r["customers"] for r in rows] == [0] * 6 and rows[0]["bar_text"] == "0 (–)"
