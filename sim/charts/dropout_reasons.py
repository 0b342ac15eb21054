"""Why customers leave, stage by stage: stacked bars of drop-out reasons.

Lecture 000 §1 (the two main reasons not to buy on the web: no guarantee of security, quality
cannot be verified) and §2 (the five stages of the purchase decision).

Typical use::

    from sim.measures.funnel import dropout_reasons
    from sim.charts.dropout_reasons import dropout_reasons_chart
    dropout_reasons_chart(dropout_reasons(journey))
    dropout_reasons_chart(dropout_reasons(journey), normalize=True)   # shares within each stage
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

_COLUMNS = ["stage", "reason", "count", "share_of_stage", "share_of_all"]


def dropout_reasons_chart(table: pd.DataFrame, *, normalize: bool = False) -> alt.Chart:
    """One horizontal bar per stage, split into its drop-out reasons, each with its fixed colour.

    Lecture 000 §1–2. The bar's length is the number of drop-outs at the stage, or, with
    ``normalize=True``, 100% split into the reasons' shares of that stage's drop-outs
    (``share_of_stage``), so the stages' reasons can be compared whatever their size.

    Args:
        table: the table of :func:`sim.measures.funnel.dropout_reasons` (``stage``, ``reason``,
            ``count``, ``share_of_stage``, ``share_of_all``); with a group column (``persona``,
            ``channel`` or ``segment``, from ``by=``) the chart has one panel per group.
        normalize: show shares within each stage instead of counts.

    Returns:
        An Altair stacked bar chart with tooltips (stage, reason, count, shares); faceted by the
        group when there is one.

    Raises:
        DataError: a missing column, or ``normalize`` not a bool.
    """
    require_columns(table, _COLUMNS, "dropout_reasons")
    if not isinstance(normalize, bool):
        raise DataError([("normalize", normalize, "phải là True hoặc False", "must be True or False")])
    group = next((g for g in ("persona", "channel", "segment") if g in table.columns), None)
    data = table[([group] if group else []) + _COLUMNS].copy()
    data["stage"] = data["stage"].astype(int).astype(str)
    data = labelled(labelled(data, "stage", "stage"), "reason", "reason")
    if group:
        data = labelled(data, group, group)
    reasons = order("reason")
    present = list(dict.fromkeys(data["reason"]))
    data["reason_order"] = [reasons.index(r) if r in reasons else len(reasons) for r in data["reason"]]
    measure = "share_of_stage" if normalize else "count"
    width = plot_width(widest_px(order("stage")) + 16)
    chart = alt.Chart(data, title=alt.Undefined if group else label("dropout_chart", "title")).mark_bar().encode(
        y=alt.Y("stage:N", title=None if group else label("dropout_chart", "stage"), sort=order("stage"),
                axis=title_above(order("stage"))),
        x=alt.X(f"{measure}:Q", title=label("dropout_chart", measure), stack="zero",
                axis=alt.Axis(format=".0%" if normalize else ",d")),
        color=alt.Color("reason:N", title=label("dropout_chart", "reason"), scale=colour_scale("reason", present),
                        sort=reasons, legend=legend_below(present, left_px=widest_px(order("stage")))),
        order=alt.Order("reason_order:Q"),
        tooltip=[alt.Tooltip("stage:N", title=label("dropout_chart", "stage")),
                 alt.Tooltip("reason:N", title=label("dropout_chart", "reason")),
                 alt.Tooltip("count:Q", title=label("dropout_chart", "count"), format=",d"),
                 alt.Tooltip("share_of_stage:Q", title=label("dropout_chart", "share_of_stage"), format=".1%"),
                 alt.Tooltip("share_of_all:Q", title=label("dropout_chart", "share_of_all"), format=".1%")],
    ).properties(width=width, height=220 if group is None else alt.Step(24))
    if group:
        # each group's name above its panel (not beside it), so the names take no width from the bars
        chart = chart.facet(row=alt.Row(f"{group}:N", title=None, sort=order(group),
                                        header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                                                          labelFontSize=13, labelFontWeight="bold")),
                            title=alt.Title(label("dropout_chart", "title"),
                                            subtitle=[label("funnel_chart", group)]),
                            spacing=12)
    return base_config(chart)
