"""Cohort retention heatmap: rows are cohorts (month of first order), columns months since the first order.

Lecture 001, Quản trị duy trì khách hàng (retention by cohort).

Typical use::

    from sim.measures.retention import cohort_retention
    from sim.charts.cohort_heatmap import cohort_heatmap
    chart = cohort_heatmap(cohort_retention(orders))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.style import base_config
from sim.measures.frames import require_columns

COLUMNS = ("cohort", "months_since_first", "customers", "active", "retention")


def cohort_heatmap(retention: pd.DataFrame, show_values: bool = True) -> alt.LayerChart:
    """Heatmap of the retention rate per cohort and month since the first order, with tooltips.

    Lecture 001, Quản trị duy trì khách hàng. The colour scale runs from 0 to the highest
    retention after month 0 (month 0 is 100 % by definition and would wash out the rest; it is
    drawn in the darkest colour).

    Args:
        retention: the long table of :func:`sim.measures.retention.cohort_retention`
            (``cohort``, ``months_since_first``, ``customers``, ``active``, ``retention``).
        show_values: write the percentage in each cell.

    Returns:
        An Altair chart (rect marks, with a text layer when ``show_values``).

    Raises:
        DataError: a missing column.
    """
    require_columns(retention, list(COLUMNS), "retention")
    data = retention[list(COLUMNS)].copy()
    data["cohort"] = data["cohort"].astype(str)
    later = data.loc[data["months_since_first"] > 0, "retention"]
    top = float(later.max()) if len(later) and later.max() > 0 else 1.0
    cohort_title, month_title = label("cohort_chart", "cohort"), label("cohort_chart", "months_since_first")
    tooltip = [alt.Tooltip("cohort:O", title=cohort_title),
               alt.Tooltip("months_since_first:O", title=month_title),
               alt.Tooltip("customers:Q", title=label("cohort_chart", "customers")),
               alt.Tooltip("active:Q", title=label("cohort_chart", "active")),
               alt.Tooltip("retention:Q", title=label("cohort_chart", "retention"), format=".1%")]
    base = alt.Chart(data).encode(
        x=alt.X("months_since_first:O", title=month_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", title=cohort_title, sort="ascending"),
        tooltip=tooltip,
    )
    cells = base.mark_rect().encode(
        color=alt.Color("retention:Q", title=label("cohort_chart", "retention"),
                        scale=alt.Scale(scheme="blues", domain=[0, top], clamp=True),
                        legend=alt.Legend(format=".0%")),
    )
    layers = [cells]
    if show_values:
        layers.append(base.mark_text(fontSize=10).encode(
            text=alt.Text("retention:Q", format=".0%"),
            color=alt.condition(alt.datum.retention > top * 0.6, alt.value("white"), alt.value("black")),
        ))
    chart = alt.layer(*layers, title=label("cohort_chart", "title")).properties(width=520, height=320)
    return base_config(chart)
