"""NPS distribution chart: a valid Vega-Lite spec with Vietnamese text, fixed group colours, PNG/SVG export."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.nps_distribution import nps_distribution, nps_subtitle
from sim.charts.render import to_png, to_svg
from sim.charts.style import colours
from sim.engine.io import shipped_tables
from sim.measures import nps

TEN = pd.DataFrame({"nps_score": [10, 10, 9, 9, 8, 7, 6, 5, 3, 10]})


def title_of(spec: dict) -> tuple[str, str]:
    title = spec["title"]
    if isinstance(title, str):
        return title, ""
    subtitle = title.get("subtitle", "")
    return title["text"], subtitle if isinstance(subtitle, str) else " ".join(subtitle)


def test_nps_distribution_spec():
    spec = nps_distribution(nps.score_distribution(TEN), nps.nps_summary(TEN)).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"]) == ("nps_score", "ordinal")
    assert (enc["y"]["field"], enc["y"]["type"]) == ("count", "quantitative")
    assert (enc["color"]["field"], enc["color"]["type"]) == ("nps_group", "nominal")
    assert {t["field"] for t in enc["tooltip"]} == {"nps_score", "nps_group", "count", "share"}
    assert enc["x"]["title"] == label("nps_chart", "nps_score")
    text, subtitle = title_of(spec)
    assert text == label("nps_chart", "title")
    # hand-worked: NPS 20, 95 % CI −34.0 … 74.0, ten answers
    assert subtitle == "NPS = 20,0 điểm · khoảng tin cậy 95%: −34,0 – 74,0 · số câu trả lời: 10"


def test_nps_distribution_uses_the_fixed_group_colours():
    enc = nps_distribution(nps.score_distribution(TEN)).to_dict()["encoding"]
    fixed = colours("nps_group")
    assert dict(zip(enc["color"]["scale"]["domain"], enc["color"]["scale"]["range"], strict=True)) == fixed
    assert label("nps_group", "promoter") in enc["color"]["scale"]["domain"]


def test_nps_distribution_without_summary_and_empty():
    empty = nps.score_distribution(pd.DataFrame({"nps_score": pd.Series([], dtype=int)}))
    spec = nps_distribution(empty, nps.nps_summary(pd.DataFrame({"nps_score": pd.Series([], dtype=int)}))).to_dict()
    assert title_of(spec)[1] == "NPS = – · số câu trả lời: 0"
    assert title_of(nps_distribution(nps.score_distribution(TEN)).to_dict())[0] == label("nps_chart", "title")


def test_nps_subtitle_all_promoters():
    # four promoters: NPS 100, CI width 0
    assert nps_subtitle(nps.nps_from_counts(4, 0, 0)) == "NPS = 100,0 điểm · khoảng tin cậy 95%: 100,0 – 100,0 · số câu trả lời: 4"


def test_nps_distribution_missing_column():
    with pytest.raises(DataError) as err:
        nps_distribution(nps.score_distribution(TEN).drop(columns="share"))
    assert err.value.fields == ["distribution.share"]
    with pytest.raises(DataError) as err:
        nps_subtitle(pd.Series({"nps": 1.0}))
    assert "summary.ci_low" in err.value.fields


def test_nps_distribution_exports_png_and_svg():
    chart = nps_distribution(nps.score_distribution(TEN), nps.nps_summary(TEN))
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    svg = to_svg(chart)
    assert label("nps_chart", "title") in svg
    assert "NPS = 20,0" in svg


def test_nps_distribution_on_the_shipped_data():

    surveys = shipped_tables()["surveys"]
    spec = nps_distribution(nps.score_distribution(surveys), nps.nps_summary(surveys)).to_dict()
    assert spec["mark"]["type"] == "bar"
    rows = next(iter(spec["datasets"].values()))
    assert sum(r["count"] for r in rows) == len(surveys)
