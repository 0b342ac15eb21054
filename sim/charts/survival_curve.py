"""Kaplan–Meier survival curve: the share of customers not yet churned, days after their first order.

Lecture 001, Quản trị duy trì khách hàng (retention curves); the estimate comes from
:func:`sim.measures.retention.survival_curve`.

Typical use::

    from sim.measures import nps, retention
    from sim.charts.survival_curve import survival_curve
    curve = retention.survival_curve(orders, method="true", truth=truth,
                                     groups=nps.customer_nps_group(surveys), by="nps_group")
    chart = survival_curve(curve, by="nps_group", method="true")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.checks import check_choice
from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.style import base_config, colour_scale, labelled, order
from sim.measures.frames import require_columns

COLUMNS = ("days", "at_risk", "events", "censored", "survival")


def survival_curve(curve: pd.DataFrame, by: str | None = None, *, kind: str | None = None,
                   method: str | None = None) -> alt.Chart:
    """Step line of the Kaplan–Meier survival S(t), one line per group when ``by`` is given.

    Lecture 001, Quản trị duy trì khách hàng. S(t) = Π (1 − dᵢ/nᵢ) over the churn times up to t.

    Args:
        curve: the table of :func:`sim.measures.retention.survival_curve` (``days``,
            ``at_risk``, ``events``, ``censored``, ``survival``, and the ``by`` column when grouped).
        by: the group column (``persona``, ``nps_group``, …), or None for one line.
        kind: the label-map kind of the group values, for names and fixed colours; default
            ``by`` itself when the label map has such a kind (``persona``, ``nps_group``, ``channel``…).
        method: ``"observed"`` or ``"true"``, to say in the subtitle which churn the curve uses.

    Returns:
        An Altair line chart (step-after interpolation) with tooltips.

    Raises:
        DataError: a missing column, or an unknown ``method`` or ``kind``.
    """
    require_columns(curve, [*COLUMNS, *([by] if by is not None else [])], "curve")
    if method is not None:
        check_choice("method", method, ["observed", "true"])
    if kind is not None and kind not in LABELS:
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.base.labels.LABELS", "must be a kind of sim.base.labels.LABELS")])
    subtitle = label("survival_chart", f"method_{method}") if method is not None else []
    data = curve[[*([by] if by is not None else []), *COLUMNS]].copy()
    tooltip = [alt.Tooltip("days:Q", title=label("survival_chart", "days"), format=".1f"),
               alt.Tooltip("survival:Q", title=label("survival_chart", "survival"), format=".1%"),
               alt.Tooltip("at_risk:Q", title=label("survival_chart", "at_risk")),
               alt.Tooltip("events:Q", title=label("survival_chart", "events")),
               alt.Tooltip("censored:Q", title=label("survival_chart", "censored"))]
    encoding = {
        "x": alt.X("days:Q", title=label("survival_chart", "days")),
        "y": alt.Y("survival:Q", title=label("survival_chart", "survival"), scale=alt.Scale(domain=[0, 1]),
                   axis=alt.Axis(format=".0%")),
    }
    if by is not None:
        kind = kind if kind is not None else (by if by in LABELS else None)
        data = data.rename(columns={by: "group"})
        if kind is not None:
            data = labelled(data, "group", kind)
            present = list(dict.fromkeys(data["group"]))
            scale, sort = colour_scale(kind, present), order(kind)
        else:
            data["group"] = data["group"].astype(str)
            scale, sort = alt.Scale(), "ascending"
        encoding["color"] = alt.Color("group:N", title=label("survival_chart", "group"), scale=scale, sort=sort)
        tooltip.insert(0, alt.Tooltip("group:N", title=label("survival_chart", "group")))
    chart = alt.Chart(data, title=alt.Title(label("survival_chart", "title"), subtitle=subtitle)).mark_line(
        interpolate="step-after").encode(tooltip=tooltip, **encoding).properties(width=520, height=320)
    return base_config(chart)
