"""Chart of the RFM grid, recency × frequency coloured by monetary score (lecture 001, RFM; Chaffey Fig 9.17)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_png, to_svg
from sim.charts.rfm_grid import rfm_grid_chart
from sim.measures import extension

# Two champions (R 5, F 5, M 5 and 3) and one lost customer (R 1, F 1, M 1).
GRID = extension.rfm_grid(pd.DataFrame({"r_score": [5, 5, 1], "f_score": [5, 5, 1], "m_score": [5, 3, 1],
                                        "monetary_vnd": [900, 300, 50]}))


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_rfm_grid_chart_spec():
    spec = rfm_grid_chart(GRID, subtitle="M = tổng").to_dict()
    empty, cells, text = spec["layer"]
    assert [empty["mark"]["type"], cells["mark"]["type"], text["mark"]["type"]] == ["rect", "rect", "text"]
    assert cells["encoding"]["x"]["field"] == "f_score" and cells["encoding"]["y"]["field"] == "r_score"
    assert cells["encoding"]["color"]["field"] == "mean_m_score"
    assert cells["encoding"]["color"]["scale"]["domain"] == [1, 5]
    # R = 5 (most recent) at the top
    assert cells["encoding"]["y"]["sort"] == [5, 4, 3, 2, 1]
    assert text["encoding"]["text"]["field"] == "customers"
    assert spec["title"]["text"] == label("rfm_grid_chart", "title") and spec["title"]["subtitle"] == "M = tổng"
    rows = {(r["r_score"], r["f_score"]): r for r in _data(spec)}
    assert len(rows) == 25
    assert rows[(5, 5)]["segment"] == "Khách hàng tốt nhất (Champions)" and rows[(5, 5)]["customers"] == 2
    assert rows[(1, 1)]["segment"] == "Đã mất (Lost)"


def test_rfm_grid_chart_renders_and_refuses_a_missing_column():
    chart = rfm_grid_chart(GRID)
    assert to_png(chart).startswith(b"\x89PNG")
    assert "Lưới RFM" in to_svg(chart)
    with pytest.raises(DataError) as err:
        rfm_grid_chart(GRID.drop(columns="segment"))
    assert err.value.fields == ["grid.segment"]
