"""Chart of formula LTV against the retention rate (lecture 001, LTV modelling; Chaffey Fig 9.14)."""

from __future__ import annotations

import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.ltv_formula import ltv_formula_chart
from sim.charts.render import to_png, to_svg
from sim.measures import extension

# m = 1,000,000, d = 0.1, r = 0.6: LTV = 1,000,000 × 0.6 / 0.5 = 1,200,000 (written 1.200.000 the Vietnamese way)
CURVE = extension.formula_ltv_curve(1_000_000, 0.6, 0.1, max_retention=0.75, step=0.25)


def test_ltv_formula_chart_layers_and_subtitle():
    spec = ltv_formula_chart(CURVE).to_dict()
    line, rule, point, text = spec["layer"]
    assert [line["mark"]["type"], rule["mark"]["type"], point["mark"]["type"], text["mark"]["type"]] == ["line", "rule", "point", "text"]
    assert line["encoding"]["x"]["field"] == "retention_rate" and line["encoding"]["y"]["field"] == "ltv_vnd"
    assert line["encoding"]["x"]["title"] == "Tỷ lệ duy trì r (retention rate)"
    assert spec["title"]["text"] == label("ltv_formula_chart", "title")
    assert spec["title"]["subtitle"] == "m = 1.000.000 VND mỗi năm · d = 0,10 · r đã chọn = 0,60: LTV = 1.200.000 VND"
    # the marked point is only the chosen rate
    marked = [d for name, d in spec["datasets"].items() if len(d) == 1]
    assert marked and marked[0][0]["retention_rate"] == 0.6 and marked[0][0]["ltv_vnd"] == pytest.approx(1_200_000)


def test_ltv_formula_chart_without_attrs_or_chosen_row_still_builds():
    plain = CURVE.copy()
    plain.attrs = {}
    assert ltv_formula_chart(plain).to_dict()["title"]["subtitle"] == []
    none_chosen = CURVE.assign(chosen=False)
    assert ltv_formula_chart(none_chosen).to_dict()["title"]["subtitle"] == []


def test_ltv_formula_chart_renders_and_refuses_a_missing_column():
    chart = ltv_formula_chart(CURVE)
    assert to_png(chart).startswith(b"\x89PNG")
    assert "LTV = m × r / (1 + d − r)" in to_svg(chart)
    with pytest.raises(DataError) as err:
        ltv_formula_chart(CURVE.drop(columns="chosen"))
    assert err.value.fields == ["curve.chosen"]
