"""The funnel of the five-stage purchase decision process, overall or split by persona, channel or segment.

Lecture 000 §2 (Quá trình quyết định mua hàng) and lecture 001 (Quy trình mua hàng trực tuyến,
Chaffey ch. 9 Fig. 9.3).

Typical use::

    from sim.measures.funnel import funnel
    from sim.charts.funnel import funnel_chart
    funnel_chart(funnel(journey))                                  # one funnel
    funnel_chart(funnel(journey, customers, by="persona"))         # one bar per persona and stage
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.checks import check_choice
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

MEASURES: tuple[str, ...] = ("reached", "share_of_started")
"""What the bars show: journeys reaching the stage, or their share of the journeys started."""
_GROUPS = ("persona", "channel", "segment")
_COLUMNS = ["stage", "reached", "share_of_started", "step_rate", "dropped", "dropout_rate"]
_GAP = 12
"""Pixels between the widest bar and the column of numbers."""


def funnel_chart(table: pd.DataFrame, *, measure: str | None = None) -> alt.Chart:
    """Bars of the journeys reaching each stage, widest at the need and narrowing to the purchase.

    Lecture 000 §2, the five stages. Without a group the bars are centred, so the chart has
    the funnel's shape, and each stage's count and share of the journeys started are written in a
    column right of the funnel (inside a short bar they would not fit). With a group column (``persona``, ``channel`` or ``segment``, as
    :func:`sim.measures.funnel.funnel` returns it with ``by=``) each stage has one bar per group,
    coloured with the group's fixed colour; shares make groups of different sizes comparable.

    Args:
        table: the table of :func:`sim.measures.funnel.funnel` (``stage``, ``reached``,
            ``share_of_started``, ``step_rate``, ``dropped``, ``dropout_rate``; maybe a group column).
        measure: ``"reached"`` or ``"share_of_started"``; default ``"reached"`` for one funnel and
            ``"share_of_started"`` for a split one.

    Returns:
        An Altair chart with tooltips (stage, group, count, share of started, step rate, drop-outs).

    Raises:
        DataError: a missing column or a bad ``measure``.
    """
    require_columns(table, _COLUMNS, "funnel")
    group = next((g for g in _GROUPS if g in table.columns), None)
    measure = measure if measure is not None else ("reached" if group is None else "share_of_started")
    check_choice("measure", measure, MEASURES)
    data = table[([group] if group else []) + _COLUMNS].copy()
    data["stage"] = data["stage"].astype(int).astype(str)
    data = labelled(data, "stage", "stage")
    tooltip = [alt.Tooltip("stage:N", title=label("funnel_chart", "stage"))]
    if group:
        data = labelled(data, group, group)
        tooltip.append(alt.Tooltip(f"{group}:N", title=label("funnel_chart", group)))
    tooltip += [alt.Tooltip("reached:Q", title=label("funnel_chart", "reached"), format=",d"),
                alt.Tooltip("share_of_started:Q", title=label("funnel_chart", "share_of_started"), format=".1%"),
                alt.Tooltip("step_rate:Q", title=label("funnel_chart", "step_rate"), format=".1%"),
                alt.Tooltip("dropped:Q", title=label("funnel_chart", "dropped"), format=",d"),
                alt.Tooltip("dropout_rate:Q", title=label("funnel_chart", "dropout_rate"), format=".1%")]
    y = alt.Y("stage:N", title=label("funnel_chart", "stage"), sort=order("stage"))
    fmt = ",d" if measure == "reached" else ".0%"
    if group is None:
        data["text"] = [f"{vi_number(r, 0)} ({vi_number(100 * s)}%)" if not math.isnan(s) else vi_number(r, 0) for r, s in
                        zip(data["reached"].astype(int), data["share_of_started"], strict=True)]
        base = alt.Chart(data)
        width = plot_width(widest_px(order("stage")) + 16 + _GAP + widest_px(data["text"], 13, bold=True), most=460)
        bars = base.mark_bar().encode(
            y=y,
            x=alt.X(f"{measure}:Q", stack="center", axis=None, title=label("funnel_chart", measure)),
            color=alt.Color("stage:N", scale=colour_scale("stage"), sort=order("stage"), legend=None),
            tooltip=tooltip)
        # the numbers in a column right of the funnel: never cut by a short bar, never white on white
        text = base.mark_text(align="left", dx=_GAP, fontSize=13, fontWeight="bold", color="#222222").encode(
            y=y, x=alt.value(width), text=alt.Text("text:N"), tooltip=tooltip)
        chart = alt.layer(bars, text, title=label("funnel_chart", "title")).properties(width=width, height=260)
    else:
        present = list(dict.fromkeys(data[group]))
        chart = alt.Chart(data, title=label("funnel_chart", "title")).mark_bar().encode(
            y=y.axis(title_above(order("stage"))),
            yOffset=alt.YOffset(f"{group}:N", sort=order(group)),
            x=alt.X(f"{measure}:Q", title=label("funnel_chart", measure), axis=alt.Axis(format=fmt)),
            color=alt.Color(f"{group}:N", title=label("funnel_chart", group), scale=colour_scale(group, present),
                            sort=order(group), legend=legend_below(present, left_px=widest_px(order("stage")))),
            tooltip=tooltip,
        ).properties(width=plot_width(widest_px(order("stage")) + 16), height=alt.Step(8 if len(present) > 3 else 14))
    return base_config(chart)
