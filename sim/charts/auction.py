"""The paid-search auction: who gets which position, and what each pays per click.

Lecture 001 (Quản trị thu hút khách hàng, quảng cáo tìm kiếm trả tiền; Chaffey ch. 9): ad rank = max CPC
bid × Quality Score; the ads are listed by ad rank; each shown ad pays just enough to keep its place
(generalized second price). One bar per advertiser, as long as its ad rank, in ranking order; the
text gives the position and the price per click. The shop's own bar has a black outline.

Typical use::

    from sim.experiments.acquisition_whatif import scenario_auction
    from sim.charts.auction import auction_chart
    auction_chart(scenario_auction("default", max_cpc_vnd=15_000, quality_score=9))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.formats import format_value, vi_number
from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config
from sim.measures.frames import require_columns

_COLUMNS = ["advertiser", "bid_vnd", "quality_score", "ad_rank", "status", "position", "cpc_vnd"]
_STATUS_COLOURS = PALETTES["auction_status"]
_EXTRA = ("ctr", "clicks_per_day", "spend_per_day_vnd")


def auction_chart(table: pd.DataFrame, *, highlight: str = "shop") -> alt.LayerChart:
    """Bars of ad rank per advertiser, coloured by outcome, with position and CPC written next to them.

    Lecture 001, paid search. Ad rank = bid × Quality Score; a shown ad pays CPC = ad rank of the
    ad below / own Quality Score + 1 VND (never above its bid nor below the reserve price). The
    subtitle sums up the ``highlight`` advertiser: its position, CPC and, when the table has them
    (:func:`sim.experiments.acquisition_whatif.scenario_auction`), its clicks and spend per day.

    Args:
        table: the table of :func:`sim.engine.auction.gsp_auction` or of
            :func:`~sim.experiments.acquisition_whatif.scenario_auction` (``advertiser``, ``bid_vnd``,
            ``quality_score``, ``ad_rank``, ``status``, ``position``, ``cpc_vnd``; maybe ``ctr``,
            ``clicks_per_day``, ``spend_per_day_vnd``), in ranking order.
        highlight: the advertiser drawn with an outline and summed up in the subtitle
            (``"shop"`` in ``scenario_auction``); a name not in the table outlines nothing.

    Returns:
        An Altair layered chart (bars and text) with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(table, _COLUMNS, "auction")
    extra = [c for c in _EXTRA if c in table.columns]
    data = table[_COLUMNS + extra].copy()
    data["ours"] = data["advertiser"].astype(str) == str(highlight)
    data["position"] = data["position"].astype("Float64").astype(float)
    data["text"] = [_text(s, p, c) for s, p, c in zip(data["status"], data["position"], data["cpc_vnd"], strict=True)]
    subtitle = [line for _, row in data[data["ours"]].iterrows() for line in _summary(row)]
    data["status"] = [label("auction_status", s) for s in data["status"]]
    data["advertiser"] = [label("advertiser", a) for a in data["advertiser"]]

    def lab(key: str) -> str:
        return label("auction_chart", key)

    present = list(dict.fromkeys(data["status"]))
    domain = [label("auction_status", k) for k in LABELS["auction_status"] if label("auction_status", k) in present]
    colours = alt.Scale(domain=domain, range=[_STATUS_COLOURS[k] for k in LABELS["auction_status"]
                                              if label("auction_status", k) in present])
    formats = {"bid_vnd": ",.0f", "quality_score": ".1f", "ad_rank": ",.0f", "position": ".0f", "cpc_vnd": ",.0f",
               "ctr": ".1%", "clicks_per_day": ",.1f", "spend_per_day_vnd": ",.0f"}
    tooltip = [alt.Tooltip("advertiser:N", title=lab("advertiser")), alt.Tooltip("status:N", title=lab("status"))]
    tooltip += [alt.Tooltip(f"{c}:Q", title=lab(c), format=formats[c])
                for c in ["bid_vnd", "quality_score", "ad_rank", "position", "cpc_vnd", *extra]]
    y = alt.Y("advertiser:N", title=lab("advertiser"), sort=list(dict.fromkeys(data["advertiser"])))
    x = alt.X("ad_rank:Q", title=lab("ad_rank"), axis=alt.Axis(format=",.0f"),
              scale=alt.Scale(domain=[0, max(float(data["ad_rank"].max()) * 1.5, 1.0)] if len(data) else alt.Undefined))
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y, x=x, color=alt.Color("status:N", title=lab("status"), scale=colours, legend=alt.Legend(orient="bottom")),
        stroke=alt.condition(alt.datum.ours, alt.value("#000000"), alt.value(None)),
        strokeWidth=alt.condition(alt.datum.ours, alt.value(2.5), alt.value(0)),
        tooltip=tooltip)
    texts = [base.transform_filter(alt.datum.ours if ours else ~alt.datum.ours)
             .mark_text(align="left", dx=4, fontSize=12, fontWeight="bold" if ours else "normal")
             .encode(y=y, x=x, text="text:N", tooltip=tooltip) for ours in (False, True)]
    chart = alt.layer(bars, *texts, title=alt.Title(lab("title"), subtitle=subtitle)).properties(width=460, height=alt.Step(30))
    return base_config(chart)


def _text(status: str, position: float, cpc: float) -> str:
    if status != "shown" or pd.isna(position):
        return label("auction_status", status)
    return f"{label('auction_chart', 'position')} {int(position)} · CPC {format_value(float(cpc), 'vnd')}"


def _summary(row: pd.Series) -> list[str]:
    """Two subtitle lines: the ad rank worked out, then position, CPC, clicks and spend."""
    name = label("advertiser", row["advertiser"])
    rank = (f"{vi_number(float(row['bid_vnd']), 0)} × {vi_number(float(row['quality_score']), 1)} = "
            f"{vi_number(float(row['ad_rank']), 0)}")
    parts = [_text(row["status"], row["position"], row["cpc_vnd"])]
    if "clicks_per_day" in row.index and row["status"] == "shown":
        parts.append(f"{label('auction_chart', 'clicks_per_day')}: {vi_number(float(row['clicks_per_day']), 1)}")
    if "spend_per_day_vnd" in row.index and row["status"] == "shown":
        parts.append(f"{label('auction_chart', 'spend_per_day_vnd')}: {vi_number(float(row['spend_per_day_vnd']), 0)}")
    return [f"{name}: {label('auction_chart', 'ad_rank')} {rank}", " · ".join(parts)]
