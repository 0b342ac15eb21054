"""The four basic CRM activities together: selection, acquisition, retention, extension.

Lecture 001 (Chương 6, "Bốn hoạt động tiếp thị cơ bản của quản trị quan hệ khách hàng"; Chaffey ch. 9,
Fig 9.1). One panel per activity; each panel lists the activity's measures from
:func:`sim.measures.four_activities.four_activities`. The panels are stacked in one column rather than the
figure's 2 × 2, so that the long Vietnamese names of the measures fit a notebook column. Shares get a
bar (0–100 %), counts, money and means per customer are written out.

Typical use::

    from sim.measures.four_activities import four_activities
    from sim.charts.four_activities import four_activities_chart
    four_activities_chart(four_activities(result))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.formats import Unit, format_value
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, order, plot_width, widest_px
from sim.measures.frames import require_columns

_COLUMNS = ["activity", "measure", "value", "unit"]
_LABEL_LIMIT = 330
UNITS: dict[str, Unit] = {"share": "share", "count": "count", "vnd": "vnd"}
"""How each ``unit`` of :func:`~sim.measures.four_activities.four_activities` is written; any other (a mean per customer)
is a plain number (:func:`sim.base.formats.format_value`)."""
INSIDE_FROM = 0.8
"""A share at least this large has its value written inside the bar (white), so the text stays in the panel."""


def four_activities_chart(table: pd.DataFrame) -> alt.FacetChart:
    """Four panels, one per CRM activity, one under the other (so the chart fits a notebook column), a row per measure.

    A share (``unit == "share"``) is drawn as a bar on a 0–100 % axis with its value beside it (inside
    the bar when it is ≥ 80 %); any other measure is a row with its value written at the left. Activity
    and measure names come from the label kinds ``crm_activity`` and ``crm_measure``; each activity keeps
    one colour. Lecture 001, the four activities of CRM (Chaffey Fig 9.1).

    Args:
        table: the table of :func:`sim.measures.four_activities.four_activities` (``activity``, ``measure``,
            ``value``, ``unit``), rows in display order.

    Returns:
        An Altair facet chart with tooltips (activity, measure, value).

    Raises:
        DataError: a missing column.
    """
    require_columns(table, _COLUMNS, "four_activities")
    measure_order = [label("crm_measure", m) for m in dict.fromkeys(table["measure"])]
    data = labelled(labelled(table[_COLUMNS], "activity", "crm_activity"), "measure", "crm_measure")
    values = pd.to_numeric(data["value"], errors="coerce")
    is_share = (data["unit"] == "share") & values.notna()
    data["text"] = [format_value(v, UNITS.get(u, "number")) for v, u in zip(values, data["unit"], strict=True)]
    data["bar"] = values.where(is_share)
    data["text_x"] = values.where(is_share, 0.0)
    data["inside"] = is_share & (values >= INSIDE_FROM)
    present = list(dict.fromkeys(data["activity"]))
    lab = label("four_activities_chart", "measure")
    y = alt.Y("measure:N", title=None, sort=measure_order, axis=alt.Axis(labelLimit=_LABEL_LIMIT))
    x = alt.X("text_x:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%", tickCount=5))
    tooltip = [alt.Tooltip("activity:N", title=label("four_activities_chart", "activity")),
               alt.Tooltip("measure:N", title=lab),
               alt.Tooltip("text:N", title=label("four_activities_chart", "value"))]
    base = alt.Chart()
    bars = base.mark_bar(opacity=0.85).encode(
        y=y, x=alt.X("bar:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%", tickCount=5)),
        color=alt.Color("activity:N", title=label("four_activities_chart", "activity"),
                        scale=colour_scale("crm_activity", present), sort=order("crm_activity"), legend=None),
        tooltip=tooltip)
    outside = base.transform_filter(~alt.datum.inside).mark_text(align="left", dx=4, fontSize=12).encode(
        y=y, x=x, text="text:N", tooltip=tooltip)
    inside = base.transform_filter(alt.datum.inside).mark_text(align="right", dx=-4, fontSize=12, color="white",
                                                               fontWeight="bold").encode(y=y, x=x, text="text:N", tooltip=tooltip)
    title = alt.Title(label("four_activities_chart", "title"), subtitle=[label("four_activities_chart", "subtitle")])
    names = min(widest_px(data["measure"]), _LABEL_LIMIT) + 12
    width = plot_width(names + widest_px(data["text"]) + 12, most=360)
    chart = alt.layer(bars, outside, inside, data=data).properties(width=width, height=alt.Step(26)).facet(
        facet=alt.Facet("activity:N", title=None, sort=order("crm_activity"),
                        header=alt.Header(labelFontSize=14, labelFontWeight="bold", labelAnchor="start")),
        columns=1, title=title, spacing={"row": 20},
    ).resolve_scale(y="independent")
    return base_config(chart)
