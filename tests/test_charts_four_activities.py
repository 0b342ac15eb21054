"""The four-activities chart: valid spec, Vietnamese labels and numbers, offline export."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.four_activities import four_activities_chart
from sim.charts.render import to_png, to_svg

TABLE = pd.DataFrame({
    "activity": ["selection", "selection", "acquisition", "retention", "extension", "extension"],
    "measure": ["prospects", "opt_in_rate", "cac_vnd", "repeat_rate", "orders_per_customer", "my_measure"],
    "value": [9984.0, 0.4294, 158051.5, 0.9, 1.5172, math.nan],
    "unit": ["count", "share", "vnd", "share", "per_customer", "share"],
})


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_values_written_in_their_unit():
    texts = [row["text"] for row in _rows(four_activities_chart(TABLE).to_dict())]
    assert texts == ["9.984", "42,9%", "158.052 ₫", "90,0%", "1,52", "—"]   # a mean per customer: up to 2 decimals


def test_four_activities_chart_spec():
    spec = four_activities_chart(TABLE).to_dict()
    assert spec["title"]["text"] == label("four_activities_chart", "title")
    assert spec["facet"]["field"] == "activity" and spec["columns"] == 1  # one column: fits a notebook column
    assert spec["facet"]["sort"] == ["Chọn lựa khách hàng (customer selection)", "Thu hút khách hàng (customer acquisition)",
                                     "Duy trì khách hàng (customer retention)", "Mở rộng khách hàng (customer extension)"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    bars, outside, inside = spec["spec"]["layer"]
    assert bars["mark"]["type"] == "bar" and outside["mark"]["type"] == "text" and inside["mark"]["type"] == "text"
    assert bars["encoding"]["x"]["field"] == "bar" and bars["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["y"]["sort"][:2] == ["Số khách tiềm năng", "Tỷ lệ đồng ý nhận e-mail (opt-in)"]
    assert {t["field"] for t in bars["encoding"]["tooltip"]} == {"activity", "measure", "text"}
    rows = {row["measure"]: row for row in _rows(spec)}
    # Shares get a bar; the others are written at x = 0 with no bar.
    assert rows["Tỷ lệ đồng ý nhận e-mail (opt-in)"]["bar"] == pytest.approx(0.4294)
    assert rows["Số khách tiềm năng"]["bar"] is None and rows["Số khách tiềm năng"]["text_x"] == 0
    assert rows["Chi phí để có một khách hàng mới – CAC (VND)"]["text"] == "158.052 ₫"
    # A share of 90 % is written inside its bar; an unknown measure keeps its key; NaN shows a dash and no bar.
    assert rows["Tỷ lệ khách hàng mua lặp lại"]["inside"] is True
    assert rows["Tỷ lệ đồng ý nhận e-mail (opt-in)"]["inside"] is False
    assert rows["my_measure"]["text"] == "—" and rows["my_measure"]["bar"] is None


def test_four_activities_chart_exports_offline():
    chart = four_activities_chart(TABLE)
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    svg = to_svg(chart)
    assert "Duy trì khách hàng (customer retention)" in svg and "42,9%" in svg


def test_four_activities_chart_missing_column():
    with pytest.raises(DataError) as err:
        four_activities_chart(TABLE.drop(columns="unit"))
    assert "four_activities.unit" in err.value.fields


def test_four_activities_chart_empty_table_still_builds():
    spec = four_activities_chart(TABLE.iloc[0:0]).to_dict()
    assert spec["facet"]["field"] == "activity"
