"""Churn after the survey by NPS group: observed and true churn side by side.

Lecture 001, Chỉ số khách hàng thiện cảm (NPS; Reichheld 2006) and Quản trị duy trì khách hàng:
promoters should churn less than passives, and passives less than detractors. The rates come
from :func:`sim.measures.nps.nps_churn`, once with ``method="observed"`` (no order in the
follow-up: what a shop sees) and once with ``method="true"`` (the simulator's answer key).

Typical use::

    from sim.measures import nps
    from sim.charts.nps_churn import nps_churn
    nps_churn(observed=nps.nps_churn(surveys, orders=orders, method="observed"),
              true=nps.nps_churn(surveys, truth=truth, method="true"), within_days=180)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import MAX_WIDTH_PX, base_config, colour_scale, labelled, legend_below, order
from sim.measures.frames import require_columns

COLUMNS = ("nps_group", "respondents", "churned", "churn_rate")
"""The columns of each table (as :func:`sim.measures.nps.nps_churn` returns them)."""


def churn_rows(observed: pd.DataFrame | None = None, true: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two tables stacked, with a ``method`` column (``observed`` / ``true``); keys, not labels.

    Raises:
        DataError: neither table given, or a missing column.
    """
    given = {name: table for name, table in (("observed", observed), ("true", true)) if table is not None}
    if not given:
        raise DataError([("observed", None, "cần ít nhất một bảng: observed hoặc true",
                          "give at least one table: observed or true")])
    parts = [require_columns(table, list(COLUMNS), name)[list(COLUMNS)].assign(method=name) for name, table in given.items()]
    return pd.concat(parts, ignore_index=True)


def nps_churn(observed: pd.DataFrame | None = None, true: pd.DataFrame | None = None, *,
              within_days: float | None = None) -> alt.Chart:
    """Grouped bars: churn rate of promoters, passives and detractors, for each churn measure.

    Lecture 001 (Reichheld 2006): churn_rate = answers followed by churn / answers judged, in
    each NPS group (ủng hộ 9–10, thụ động 7–8, không hài lòng 0–6).

    Args:
        observed: the table of ``nps_churn(..., method="observed")``, or None.
        true: the table of ``nps_churn(..., method="true")``, or None.
        within_days: the follow-up used for both tables, for the subtitle (or None).

    Returns:
        An Altair bar chart: x the NPS group, bars side by side per churn measure (fixed
        colours of kind ``churn_method``), y the churn rate 0–100 %, with tooltips.

    Raises:
        DataError: neither table given, a missing column, or ``within_days`` ≤ 0.
    """
    rows = churn_rows(observed, true)
    if within_days is not None:
        within_days = float(check_range("within_days", within_days, 0, None, low_open=True))
    data = labelled(labelled(rows, "nps_group", "nps_group"), "method", "churn_method")
    data["churn_rate"] = data["churn_rate"].astype(float)
    present = list(dict.fromkeys(data["method"]))
    method_title = label("nps_churn_chart", "method")
    group_title = label("nps_churn_chart", "nps_group")
    rate_title = label("nps_churn_chart", "churn_rate")
    subtitle = (f"{label('nps_churn_chart', 'within')} {vi_number(within_days, 0 if within_days % 1 == 0 else 1)} "
                f"{label('nps_churn_chart', 'days_after')}") if within_days is not None else []
    chart = alt.Chart(data, title=alt.Title(label("nps_churn_chart", "title"), subtitle=subtitle)).mark_bar().encode(
        x=alt.X("nps_group:N", title=group_title, sort=order("nps_group"), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("method:N", sort=order("churn_method")),
        y=alt.Y("churn_rate:Q", title=rate_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=alt.Color("method:N", title=method_title, scale=colour_scale("churn_method", present),
                        sort=order("churn_method"), legend=legend_below(columns=1, labelLimit=MAX_WIDTH_PX - 60)),
        tooltip=[alt.Tooltip("nps_group:N", title=group_title),
                 alt.Tooltip("method:N", title=method_title),
                 alt.Tooltip("respondents:Q", title=label("nps_churn_chart", "respondents")),
                 alt.Tooltip("churned:Q", title=label("nps_churn_chart", "churned")),
                 alt.Tooltip("churn_rate:Q", title=rate_title, format=".1%")],
    ).properties(width=480, height=300)
    return base_config(chart)
