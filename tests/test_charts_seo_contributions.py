"""The SEO contributions chart: points earned against the most possible, the score in the title."""

from __future__ import annotations

import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_svg
from sim.charts.seo_contributions import seo_contributions_chart
from sim.measures.seo import seo_contributions


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_seo_chart_by_hand():
    # Title 1, keyword density 0.5, h1 1, backlinks 0.5; the twelve importances sum to 39.2.
    # Score = 100 × (4.9 + 0.5 × 3.7 + 3.1 + 0.5 × 4.0) / 39.2 = 100 × 11.85 / 39.2 = 30.23.
    # On-page: 100 × (4.9 + 1.85 + 3.1) / (4.9 + 3.7 + 3.1 + 2.8 + 2.8 + 2.0 + 1.0) = 985 / 20.3 = 48.52;
    # off-page: 100 × 2.0 / (4.0 + 4.4 + 3.5 + 3.5 + 3.5) = 200 / 18.9 = 10.58.
    table = seo_contributions({"title": 1, "keyword_density": 0.5, "h1": 1, "backlinks": 0.5})
    spec = seo_contributions_chart(table).to_dict()
    assert spec["title"]["text"] == f"{label('seo_chart', 'title')}: 30,2 / 100 {label('seo_chart', 'points')}"
    assert spec["title"]["subtitle"] == [f"{label('seo_part', 'on_page')}: 48,5 / 100 · {label('seo_part', 'off_page')}: 10,6 / 100"]
    most, earned, text = spec["layer"]
    assert most["mark"]["type"] == "bar" and most["encoding"]["x"]["field"] == "max_contribution"
    assert earned["encoding"]["x"]["field"] == "contribution" and earned["encoding"]["color"]["field"] == "part"
    assert text["mark"]["type"] == "text"
    rows = {r["factor"]: r for r in _rows(spec)}
    # The title tag earns all of its 100 × 4.9 / 39.2 = 12.5 points.
    assert rows[label("seo_factor", "title")]["text"] == "12,5 / 12,5"
    # Meta keywords not done: 0 of 100 × 1.0 / 39.2 = 2.55 points.
    assert rows[label("seo_factor", "meta_keywords")]["text"] == "0,0 / 2,6"
    assert rows[label("seo_factor", "backlinks")]["part"] == label("seo_part", "off_page")
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == label("seo_factor", "title")


def test_seo_chart_edges():
    nothing = seo_contributions_chart(seo_contributions({})).to_dict()
    assert nothing["title"]["text"].endswith(": 0,0 / 100 điểm")
    with pytest.raises(DataError) as err:
        seo_contributions_chart(seo_contributions({"title": 1}).drop(columns="max_contribution"))
    assert err.value.fields == ["seo_contributions.max_contribution"]


def test_seo_chart_svg():
    svg = to_svg(seo_contributions_chart(seo_contributions({"title": 1, "anchor_text": 1})))
    assert "Điểm SEO của trang" in svg and "Tối ưu ngoài trang" in svg
