"""Charts of customer extension: cross-sell and up-sell shares, and a lever's effect over seeds (lecture 001)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.offer_effect import offer_effect_chart
from sim.charts.offer_shares import offer_shares_chart
from sim.charts.render import to_png, to_svg
from sim.measures import extension

# fashion: 4 orders, 2 cross-sold (50%), 1 up-sold (25%); books: 2 orders, none.
SHARES = pd.DataFrame({"orders": [2, 4], "cross_sell_orders": [0, 2], "cross_sell_share": [0.0, 0.5],
                       "up_sell_orders": [0, 1], "up_sell_share": [0.0, 0.25]},
                      index=pd.Index(["books", "fashion"], name="category"))

# A sweep of two settings, one measure known to the labels and one that is not.
SWEEP = pd.DataFrame({
    "catalogue.up_sell_prob": [0.0, 0.0, 0.3, 0.3],
    "measure": ["up_sell_share", "other", "up_sell_share", "other"],
    "mean": [0.0, 1.0, 0.2, 2.0], "sd": [0.0, 0.1, 0.02, 0.2],
    "ci_low": [0.0, 0.9, 0.18, 1.8], "ci_high": [0.0, 1.1, 0.22, 2.2], "n_runs": [5, 5, 5, 5],
})


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_offer_shares_chart_two_bars_per_category():
    spec = offer_shares_chart(SHARES, "category").to_dict()
    assert spec["mark"]["type"] == "bar"
    # groups down the left (long names stay whole), the two offers side by side within each
    assert spec["encoding"]["y"]["field"] == "group" and spec["encoding"]["yOffset"]["field"] == "offer"
    assert spec["encoding"]["x"]["field"] == "share"
    assert spec["encoding"]["y"]["title"] == "Ngành hàng"
    # categories in the label map's order: fashion (Thời trang) before books (Sách)
    assert spec["encoding"]["y"]["sort"] == ["Thời trang", "Sách"]
    assert spec["title"] == label("offer_chart", "title")
    rows = {(r["group"], r["offer"]): (r["share"], r["accepted"], r["orders"]) for r in _data(spec)}
    assert rows[("Thời trang", "Bán kèm (cross-sell)")] == (0.5, 2, 4)
    assert rows[("Thời trang", "Bán gia tăng (up-sell)")] == (0.25, 1, 4)
    assert rows[("Sách", "Bán kèm (cross-sell)")] == (0.0, 0, 2)


def test_offer_shares_chart_other_groupings_and_bad_input():
    tiers = SHARES.set_axis(pd.Index([1, 3], name="price_tier"))
    spec = offer_shares_chart(tiers, "price_tier").to_dict()
    assert spec["encoding"]["y"]["sort"] == ["1", "3"]
    assert spec["encoding"]["y"]["title"].startswith("Phân khúc giá")
    channels = SHARES.set_axis(pd.Index(["email", "direct"], name="acquired_via"))
    assert "Truy cập trực tiếp" in offer_shares_chart(channels, "acquired_via").to_dict()["encoding"]["y"]["sort"]
    with pytest.raises(DataError) as err:
        offer_shares_chart(SHARES.drop(columns="up_sell_share"))
    assert err.value.fields == ["shares.up_sell_share"]
    with pytest.raises(DataError) as err:
        offer_shares_chart(SHARES, "category", kind="no_such_kind")
    assert err.value.fields == ["kind"]


def test_offer_shares_chart_on_real_orders_renders(demo_result):
    chart = offer_shares_chart(extension.offer_shares(demo_result.orders, by="category"), "category")
    assert to_png(chart).startswith(b"\x89PNG")
    assert "Bán kèm (cross-sell)" in to_svg(chart)


def test_offer_effect_chart_facets_the_known_measures():
    spec = offer_effect_chart(SWEEP, "catalogue.up_sell_prob").to_dict()
    assert spec["facet"]["field"] == "measure" and spec["columns"] == 2  # two per row fit a notebook column
    assert spec["resolve"]["scale"]["y"] == "independent"
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["line", "rule", "point"]
    rule = spec["spec"]["layer"][1]["encoding"]
    assert (rule["y"]["field"], rule["y2"]["field"]) == ("ci_low", "ci_high")
    # only the measure the labels know, with its Vietnamese name
    rows = _data(spec)
    assert {r["measure"] for r in rows} == {"Tỷ lệ đơn bán gia tăng"} and len(rows) == 2
    assert spec["spec"]["layer"][0]["encoding"]["x"]["title"] == "Xác suất bán gia tăng (up_sell_prob)"
    assert spec["spec"]["layer"][0]["encoding"]["x"]["axis"]["values"] == [0.0, 0.3]


def test_offer_effect_chart_chosen_measures_renders_and_bad_input():
    chart = offer_effect_chart(SWEEP, "catalogue.up_sell_prob", measures=["up_sell_share", "other"])
    assert {r["measure"] for r in _data(chart.to_dict())} == {"Tỷ lệ đơn bán gia tăng", "other"}
    assert to_png(chart).startswith(b"\x89PNG")
    with pytest.raises(DataError) as err:
        offer_effect_chart(SWEEP, "catalogue.cross_sell_prob")
    assert err.value.fields == ["sweep.catalogue.cross_sell_prob"]
