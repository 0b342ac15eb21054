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
import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import LABELS, label
from sim.charts.style import base_config, colour_scale, has_colours, labelled, order
from sim.measures.frames import require_columns

COLUMNS = ("days", "at_risk", "events", "censored", "survival")
MAX_STEPS = 240
"""At most this many steps of each group's curve are drawn (about one every 2 px): a saved notebook stays light."""
_HEIGHT = 320


def thin_curve(curve: pd.DataFrame, by: str | None = None, max_steps: int = MAX_STEPS) -> pd.DataFrame:
    """At most ``max_steps`` + 1 rows of each group's curve, for drawing.

    The days are cut into ``max_steps`` equal spans; the curve's first row and the last row of each span are kept. S(t) is a
    step function: at every kept time it is exact; between two kept times the several steps of a span are drawn as
    one, never more than a span (1/``max_steps`` of the axis) away. The rows kept are the table's own, so their
    tooltips (at risk, churned, censored at that time) stay true.

    Raises:
        DataError: a missing column, or ``max_steps`` not a whole number ≥ 1.
    """
    require_columns(curve, ["days", *([by] if by is not None else [])], "curve")
    steps = int(check_range("max_steps", max_steps, 1, None, integer=True))
    parts = []
    for _, rows in (curve.groupby(by, sort=False) if by is not None else [(None, curve)]):
        if len(rows) <= steps + 1:
            parts.append(rows)
            continue
        days = rows["days"].to_numpy(float)
        edges = np.linspace(days.min(), days.max(), steps + 1)
        span = np.clip(np.searchsorted(edges, days, side="right") - 1, 0, steps - 1)
        last = np.r_[span[1:] != span[:-1], True]  # the last row of each span
        last[0] = True  # and the first row of the curve
        parts.append(rows[last])
    return pd.concat(parts) if parts else curve.iloc[:0]


def survival_curve(curve: pd.DataFrame, by: str | None = None, *, kind: str | None = None,
                   method: str | None = None, lapsed_days: float | None = None) -> alt.TopLevelMixin:
    """Step line of the Kaplan–Meier survival S(t), one line per group when ``by`` is given.

    Lecture 001, Quản trị duy trì khách hàng. S(t) = Π (1 − dᵢ/nᵢ) over the churn times up to t. At most
    :data:`MAX_STEPS` steps of each line are drawn (:func:`thin_curve`).

    Args:
        curve: the table of :func:`sim.measures.retention.survival_curve` (``days``,
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
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.base.labels.LABELS", "must be a kind of sim.base.labels.LABELS")])
    subtitle = [label("survival_chart", f"method_{method}")] if method is not None else []
    threshold = None
    if lapsed_days is not None and method == "observed":
        threshold = float(check_range("lapsed_days", lapsed_days, 0, None, low_open=True))
        days = vi_number(threshold, 0 if threshold % 1 == 0 else 1)
        subtitle.append(label("survival_chart", "flat_until_lapse").format(days=days))
    data = thin_curve(curve[[*([by] if by is not None else []), *COLUMNS]], by).copy()
    data["days"], data["survival"] = data["days"].astype(float).round(3), data["survival"].astype(float).round(5)
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
