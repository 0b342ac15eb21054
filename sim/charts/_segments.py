"""Shared drawing of segment sizes (activity segments, lifecycle segments): one bar per segment.

Used by :mod:`sim.charts.activity_segments` and :mod:`sim.charts.lifecycle_segments`; both take
the table of :func:`sim.measures.extension.segment_summary`.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, order
from sim.measures.frames import require_columns

COLUMNS = ["segment", "customers", "share", "mean_orders"]
"""The columns every segment summary has."""


def _count(n: object) -> str:
    return vi_number(float(n), 0)


def _percent(x: object) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{vi_number(100 * float(x))}%"


def segment_bars(summary: pd.DataFrame, kind: str, chart: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """Bars of customers per segment, labelled ``count (share)``; with ``churned_share``, a second bar chart of it.

    Args:
        summary: ``segment``, ``customers``, ``share``, ``mean_orders`` (and ``churned``, ``churned_share``).
        kind: the label kind of the segment keys (``activity_segment``, ``lifecycle_segment``), for names and colours.
        chart: the label kind holding the chart's ``title`` and ``segment`` axis name.
        subtitle: a line under the title.

    Raises:
        DataError: a missing column.
    """
    require_columns(summary, COLUMNS, "summary")
    with_truth = "churned_share" in summary.columns
    data = labelled(summary[[*COLUMNS, *(["churned", "churned_share"] if with_truth else [])]], "segment", kind)
    data["bar_text"] = [f"{_count(n)} ({_percent(s)})" for n, s in zip(data["customers"], data["share"], strict=True)]
    present = list(dict.fromkeys(data["segment"]))
    sort = [lbl for lbl in order(kind) if lbl in present] + [lbl for lbl in present if lbl not in order(kind)]
    y = alt.Y("segment:N", title=label(chart, "segment"), sort=sort, axis=alt.Axis(labelLimit=320))
    colour = alt.Color("segment:N", title=label(chart, "segment"), scale=colour_scale(kind, present), sort=sort, legend=None)
    tooltip = [alt.Tooltip("segment:N", title=label("segment_summary", "segment")),
               alt.Tooltip("customers:Q", title=label("segment_summary", "customers")),
               alt.Tooltip("share:Q", title=label("segment_summary", "share"), format=".1%"),
               alt.Tooltip("mean_orders:Q", title=label("segment_summary", "mean_orders"), format=".2f")]
    if with_truth:
        tooltip += [alt.Tooltip("churned:Q", title=label("segment_summary", "churned")),
                    alt.Tooltip("churned_share:Q", title=label("segment_summary", "churned_share"), format=".1%")]
    height = max(120, 48 * len(present))
    top = max([float(n) for n in data["customers"]] + [1.0]) * 1.25
    sizes = alt.layer(
        alt.Chart().mark_bar().encode(y=y, x=alt.X("customers:Q", title=label("segment_summary", "customers"),
                                                  scale=alt.Scale(domain=[0, top])), color=colour, tooltip=tooltip),
        alt.Chart().mark_text(align="left", dx=4, fontSize=12).encode(y=y, x="customers:Q", text="bar_text:N"),
        data=data, width=360, height=height)
    title = alt.Title(label(chart, "title"), subtitle=subtitle or [])
    if not with_truth:
        return base_config(sizes.properties(title=title))
    bare = alt.Y("segment:N", sort=sort, axis=None)
    churn = alt.layer(
        alt.Chart().mark_bar(opacity=0.8).encode(
            y=bare, x=alt.X("churned_share:Q", title=label("segment_summary", "churned_share"), axis=alt.Axis(format="%"),
                            scale=alt.Scale(domain=[0, 1])), color=colour, tooltip=tooltip),
        alt.Chart().mark_text(align="left", dx=4, fontSize=12).encode(y=bare, x="churned_share:Q",
                                                                      text=alt.Text("churned_share:Q", format=".0%")),
        data=data, width=260, height=height)
    return base_config(alt.hconcat(sizes, churn, title=title))
