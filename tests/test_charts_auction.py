"""The paid-search auction chart: ranking order, outcome colours, position and CPC, the shop outlined."""

from __future__ import annotations

import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.auction import auction_chart
from sim.charts.render import to_svg
from sim.engine.auction import gsp_auction


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.fixture
def table():
    # 2 slots: A bids 10,000 with QS 6 (rank 60,000), B 8,000 with QS 9 (rank 72,000), C 12,000 with QS 4
    # (rank 48,000) → B first, paying 60,000 / 9 + 1 = 6,667.67; A second, paying 48,000 / 6 + 1 = 8,001; C no slot.
    return gsp_auction([10_000, 8_000, 12_000], [6, 9, 4], slots=2, advertisers=["A", "B", "C"])


def test_auction_chart_by_hand(table):
    spec = auction_chart(table, highlight="A").to_dict()
    assert " ".join(spec["title"]["text"]) == label("auction_chart", "title")  # wrapped to fit a notebook column
    assert spec["title"]["subtitle"] == [f"A: {label('auction_chart', 'ad_rank')} 10.000 × 6,0 = 60.000",
                                         f"{label('auction_chart', 'position')} 2 · CPC 8.001 ₫"]
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["field"] == "ad_rank"
    assert bars["encoding"]["y"]["sort"] == ["B", "A", "C"]  # ranking order
    assert bars["encoding"]["color"]["scale"]["domain"] == [label("auction_status", "shown"),
                                                            label("auction_status", "outranked")]
    rows = {r["advertiser"]: r for r in _rows(spec)}
    assert rows["B"]["text"] == f"{label('auction_chart', 'position')} 1 · CPC 6.668 ₫"
    assert rows["C"]["text"] == label("auction_status", "outranked")
    assert rows["A"]["ours"] and not rows["B"]["ours"]


def test_auction_chart_shop_labels_and_edges(table):
    renamed = table.assign(advertiser=["competitor_1", "shop", "competitor_2"])
    spec = auction_chart(renamed).to_dict()
    assert {r["advertiser"] for r in _rows(spec)} == {label("advertiser", "shop"), label("advertiser", "competitor_1"),
                                                      label("advertiser", "competitor_2")}
    assert spec["title"]["subtitle"][0].startswith(label("advertiser", "shop"))
    empty = auction_chart(table.iloc[:0]).to_dict()
    assert empty["title"]["subtitle"] == []
    with pytest.raises(DataError) as err:
        auction_chart(table.drop(columns="ad_rank"))
    assert err.value.fields == ["auction.ad_rank"]


def test_auction_chart_svg(table):
    svg = to_svg(auction_chart(table, highlight="B"))
    assert "Hạng quảng cáo" in svg and "Bị xếp sau" in svg
