"""Charts of customer value: the LTV grid (Chaffey Fig 9.15) and the RFM segments (Fig 9.17)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.ltv_grid import ltv_grid
from sim.charts.render import to_png, to_svg
from sim.charts.rfm_segments import rfm_segments
from sim.engine.io import shipped_tables
from sim.measures import rfm, value

# Four customers, one in each cell of the 2×2 grid (median split, see test_analytics_value.py).
VALUES = pd.DataFrame({"historical_margin_vnd": [100, 200, 300, 400], "future_value_vnd": [40, 10, 30, 20]})
GRID = value.ltv_grid_counts(value.ltv_segments(VALUES))

SUMMARY = pd.DataFrame({
    "segment": ["champions", "lost", "new"], "customers": [2, 5, 1], "share": [0.25, 0.625, 0.125],
    "mean_recency_days": [3.0, 200.0, 1.0], "mean_frequency": [4.0, 1.0, 1.0], "mean_monetary_vnd": [900_000.0, 80_000.0, 50_000.0],
})


def _encodings(layer: dict) -> dict[str, tuple[str, str]]:
    return {ch: (enc.get("field"), enc.get("type")) for ch, enc in layer["encoding"].items() if isinstance(enc, dict)}


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


# --- ltv_grid --------------------------------------------------------------------------------------

def test_ltv_grid_spec():
    spec = ltv_grid(GRID).to_dict()
    cells, text = spec["layer"]
    assert cells["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    enc = _encodings(cells)
    assert enc["x"] == ("current_level", "ordinal") and enc["y"] == ("future_level", "ordinal")
    assert enc["color"] == ("tier", "nominal")
    assert _encodings(text)["text"] == ("cell_text", "nominal")
    assert {t["field"] for t in cells["encoding"]["tooltip"]} >= {"tier", "action", "customers", "share"}
    assert spec["title"] == label("ltv_chart", "title")
    assert cells["encoding"]["x"]["title"] == "Giá trị hiện tại (current value)"
    # High future value on top: the y axis runs from Cao down to Thấp.
    assert cells["encoding"]["y"]["sort"] == ["Cao", "Thấp"]


def test_ltv_grid_cells_are_labelled_in_vietnamese():
    rows = {(r["current_level"], r["future_level"]): r for r in _data(ltv_grid(GRID).to_dict())}
    assert rows[("Cao", "Cao")]["tier"] == "Bạch kim (Platinum)"
    assert rows[("Thấp", "Thấp")]["action"] == "Giảm chi phí phục vụ (Reduce costs)"
    assert rows[("Thấp", "Cao")]["cell_text"] == "Bạc (Silver)\nMở rộng: bán kèm, bán gia tăng (Extend)\nSố khách hàng: 1"


def test_ltv_grid_three_levels_and_large_counts():
    big = GRID.assign(customers=[1234, 0, 5, 6])
    rows = _data(ltv_grid(big).to_dict())
    assert rows[0]["cell_text"].endswith("Số khách hàng: 1.234")
    nine = value.ltv_grid_counts(value.ltv_segments(VALUES, split="tercile"), levels=3)
    spec = ltv_grid(nine).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["Thấp", "Trung bình", "Cao"]
    assert len(_data(spec)) == 9


def test_ltv_grid_renders_png_and_svg_with_the_vietnamese_title():
    chart = ltv_grid(GRID)
    assert to_png(chart).startswith(b"\x89PNG")
    assert "Phân khúc theo giá trị vòng đời (LTV)" in to_svg(chart)


def test_charts_of_empty_tables_still_build():
    empty_grid = value.ltv_grid_counts(value.ltv_segments(VALUES.iloc[0:0]))
    assert [r["customers"] for r in _data(ltv_grid(empty_grid).to_dict())] == [0, 0, 0, 0]
    empty_summary = rfm.rfm_segment_summary(pd.DataFrame(columns=["segment", "recency_days", "frequency", "monetary_vnd"]))
    assert rfm_segments(empty_summary).to_dict()["hconcat"][0]["mark"]["type"] == "bar"


def test_ltv_grid_missing_column():
    with pytest.raises(DataError) as err:
        ltv_grid(GRID.drop(columns="tier"))
    assert err.value.fields == ["grid.tier"]


# --- rfm_segments ----------------------------------------------------------------------------------

def test_rfm_segments_spec():
    spec = rfm_segments(SUMMARY).to_dict()
    sizes, money = spec["hconcat"]
    assert sizes["mark"]["type"] == "bar" and money["mark"]["type"] == "bar"
    assert _encodings(sizes)["x"] == ("customers", "quantitative")
    assert _encodings(sizes)["y"] == ("segment", "nominal")
    assert _encodings(sizes)["color"] == ("segment", "nominal")
    assert _encodings(money)["x"] == ("mean_monetary_vnd", "quantitative")
    assert {t["field"] for t in sizes["encoding"]["tooltip"]} >= {"segment", "customers", "mean_monetary_vnd"}
    assert spec["title"] == "Phân khúc RFM: số khách hàng và giá trị tiền tệ trung bình"
    # Best segment first, in the map's order, with Vietnamese names.
    assert sizes["encoding"]["y"]["sort"] == ["Khách hàng tốt nhất (Champions)", "Khách hàng mới (New customers)", "Đã mất (Lost)"]


def test_rfm_segments_keeps_a_students_own_segment_and_renders():
    chart = rfm_segments(pd.concat([SUMMARY, SUMMARY.iloc[[0]].assign(segment="vip")]))
    assert chart.to_dict()["hconcat"][0]["encoding"]["y"]["sort"][-1] == "vip"
    assert "Phân khúc RFM" in to_svg(chart)


def test_rfm_segments_missing_column():
    with pytest.raises(DataError) as err:
        rfm_segments(SUMMARY.drop(columns="mean_monetary_vnd"))
    assert err.value.fields == ["summary.mean_monetary_vnd"]


# --- the shipped data ------------------------------------------------------------------------------

def test_charts_on_the_shipped_data():

    orders = shipped_tables()["orders"]
    estimates = value.ltv_estimates(orders, horizon_years=1)
    grid = ltv_grid(value.ltv_grid_counts(value.ltv_segments(estimates)))
    assert sum(row["customers"] for row in _data(grid.to_dict())) == orders["customer_id"].nunique()
    summary = rfm.rfm_segment_summary(rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(orders))))
    assert len(_data(rfm_segments(summary).to_dict())) == len(rfm.RFM_SEGMENTS)
