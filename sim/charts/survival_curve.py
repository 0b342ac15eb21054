"""Kaplan–Meier survival curve: the share of customers not yet churned, days after their first order.

Lecture 001, Quản trị duy trì khách hàng (retention curves); the estimate comes from
:func:`sim.analytics.retention.survival_curve`.

Typical use::

    from sim.analytics import nps, retention
    from sim.charts.survival_curve import survival_curve
    curve = retention.survival_curve(orders, method="true", truth=truth,
                                     groups=nps.customer_nps_group(surveys), by="nps_group")
    chart = survival_curve(curve, by="nps_group", method="true")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.analytics._frame import check_choice, check_range, require_columns
from sim.charts._style import base_config, colour_scale, has_colours, labelled, order
from sim.errors import DataError
from sim.labels import LABELS, label, vi_number

COLUMNS = ("days", "at_risk", "events", "censored", "survival")
_HEIGHT = 320


def survival_curve(curve: pd.DataFrame, by: str | None = None, *, kind: str | None = None,
                   method: str | None = None, lapsed_days: float | None = None) -> alt.TopLevelMixin:
    """Step line of the Kaplan–Meier survival S(t), one line per group when ``by`` is given.

    Lecture 001, Quản trị duy trì khách hàng. S(t) = Π (1 − dᵢ/nᵢ) over the churn times up to t.

    Args:
        curve: the table of :func:`sim.analytics.retention.survival_curve` (``days``,
            ``at_risk``, ``events``, ``censored``, ``survival``, and the ``by`` column when grouped).
        by: the group column (``persona``, ``nps_group``, …), or None for one line.
        kind: the label-map kind of the group values, for names and fixed colours; default
            ``by`` itself when the label map has such a kind (``persona``, ``nps_group``, ``channel``…).
        method: ``"observed"`` or ``"true"``, to say in the subtitle which churn the curve uses.
        lapsed_days: with ``method="observed"``, the days without an order that make a lapse: a dashed line marks
            them, and the subtitle says why the curve cannot fall before them (no one counts as churned sooner).

    Returns:
        An Altair line chart (step-after interpolation) with tooltips.

    Raises:
        DataError: a missing column, or an unknown ``method`` or ``kind``.
    """
    require_columns(curve, [*COLUMNS, *([by] if by is not None else [])], "curve")
    if method is not None:
        check_choice("method", method, ["observed", "true"])
    if kind is not None and kind not in LABELS:
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.labels.LABELS", "must be a kind of sim.labels.LABELS")])
    subtitle = [label("survival_chart", f"method_{method}")] if method is not None else []
    threshold = None
    if lapsed_days is not None and method == "observed":
        threshold = float(check_range("lapsed_days", lapsed_days, 0, None, low_open=True))
        days = vi_number(threshold, 0 if threshold % 1 == 0 else 1)
        subtitle.append(label("survival_chart", "flat_until_lapse").format(days=days))
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
        if kind is not None and has_colours(kind):
            data = labelled(data, "group", kind)
            present = list(dict.fromkeys(data["group"]))
            scale, sort = colour_scale(kind, present), order(kind)
        else:
            data["group"] = data["group"].astype(str)
            scale, sort = alt.Scale(), "ascending"
        encoding["color"] = alt.Color("group:N", title=label("survival_chart", "group"), scale=scale, sort=sort)
        tooltip.insert(0, alt.Tooltip("group:N", title=label("survival_chart", "group")))
    title = alt.Title(label("survival_chart", "title"), subtitle=subtitle)
    chart = alt.Chart(data).mark_line(interpolate="step-after").encode(tooltip=tooltip, **encoding)
    if threshold is not None:
        marker = pd.DataFrame({"days": [threshold], "text": [label("survival_chart", "lapse_threshold").format(days=days)]})
        rule = alt.Chart(marker).mark_rule(color="#444444", strokeDash=[6, 4]).encode(x="days:Q")
        # at the foot of the line: there the curve is still at its top, far above
        text = alt.Chart(marker).mark_text(align="left", baseline="bottom", dx=4, dy=-4, color="#444444", fontSize=12).encode(
            x="days:Q", y=alt.value(_HEIGHT), text="text:N")
        chart = alt.layer(chart, rule, text)
    return base_config(chart.properties(width=520, height=_HEIGHT, title=title))
