"""The SEO score from the lecture's on-page and off-page factor weights, worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.measures.seo import SEO_WEIGHTS, seo_contributions, seo_score

# Sum of the importances: on-page 4.9 + 3.7 + 3.1 + 2.8 + 2.8 + 2 + 1 = 20.3; off-page 4 + 4.4 + 3.5 × 3 = 18.9;
# all 39.2.
PAGE = {"title": 1, "keyword_density": 0.5, "h1": 1, "backlinks": 0.5}


def test_weights_are_the_lectures():
    assert {f: w for f, (_part, w) in SEO_WEIGHTS.items()} == {
        "title": 4.9, "keyword_density": 3.7, "h1": 3.1, "h2": 2.8, "document_name": 2.8, "meta_description": 2.0,
        "meta_keywords": 1.0, "backlinks": 4.0, "anchor_text": 4.4, "hub": 3.5, "authority": 3.5, "link_velocity": 3.5}
    assert [f for f, (part, _w) in SEO_WEIGHTS.items() if part == "off_page"] == [
        "backlinks", "anchor_text", "hub", "authority", "link_velocity"]
    assert set(SEO_WEIGHTS) == set(LABELS["seo_factor"])


def test_score_by_hand():
    # 100 × (4.9 × 1 + 3.7 × 0.5 + 3.1 × 1 + 4 × 0.5) / 39.2 = 100 × 11.85 / 39.2 = 30.2296.
    assert seo_score(PAGE) == pytest.approx(30.229591836734695)
    # The same page rated on a 0–5 scale.
    assert seo_score({"title": 5, "keyword_density": 2.5, "h1": 5, "backlinks": 2.5}, rating_max=5) == pytest.approx(
        30.229591836734695)
    # On-page only: 100 × 9.85 / 20.3 = 48.52; off-page only: 100 × 2 / 18.9 = 10.58.
    assert seo_score(PAGE, part="on_page") == pytest.approx(48.52216748768473)
    assert seo_score(PAGE, part="off_page") == pytest.approx(10.582010582010582)


def test_contributions_by_hand():
    table = seo_contributions(PAGE).set_index("factor")
    assert list(table.columns) == ["part", "weight", "rating", "contribution", "max_contribution"]
    assert table.loc["title", "contribution"] == pytest.approx(12.5)  # 100 × 4.9 / 39.2
    assert table.loc["backlinks", "contribution"] == pytest.approx(100 * 2.0 / 39.2)
    assert table.loc["meta_keywords", ["rating", "contribution"]].tolist() == [0.0, 0.0]  # not rated: 0
    assert table["max_contribution"].sum() == pytest.approx(100.0)
    assert table["contribution"].sum() == pytest.approx(seo_score(PAGE))


def test_degenerate_pages():
    assert seo_score({}) == 0.0
    assert seo_score(dict.fromkeys(SEO_WEIGHTS, 1.0)) == pytest.approx(100.0)
    assert seo_score(dict.fromkeys(SEO_WEIGHTS, 5), rating_max=5) == pytest.approx(100.0)
    # Perfect on-page work and nothing off the page: 100 × 20.3 / 39.2 = 51.79.
    on_page = {f: 1 for f, (part, _w) in SEO_WEIGHTS.items() if part == "on_page"}
    assert seo_score(on_page) == pytest.approx(51.785714285714285)
    assert seo_score(pd.Series(PAGE)) == pytest.approx(seo_score(PAGE))


def test_unknown_factor_lists_the_allowed_names():
    with pytest.raises(DataError) as err:
        seo_score({"title": 1, "meta_title": 1})
    assert err.value.fields == ["ratings['meta_title']"]
    assert "keyword_density" in str(err.value) and "link_velocity" in str(err.value)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"ratings": {"title": 1.5}}, "ratings['title']"),
    ({"ratings": {"title": -0.1}}, "ratings['title']"),
    ({"ratings": {"title": "high"}}, "ratings['title']"),
    ({"ratings": {"title": 4}, "rating_max": 0}, "rating_max"),
    ({"ratings": ["title"]}, "ratings"),
    ({"ratings": PAGE, "part": "both"}, "part"),
])
def test_bad_input(kwargs, field):
    with pytest.raises(DataError) as err:
        seo_score(**kwargs)
    assert err.value.fields == [field]


def test_score_feeds_the_scenario_lever():
    scenario = sim.load_scenario({"base": "demo", "channels": {"organic_search": {"seo_score": seo_score(PAGE) / 100}}})
    assert scenario.channels.organic_search.seo_score == pytest.approx(0.30229591836734695)
