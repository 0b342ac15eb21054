"""Waits at the service desk: the share of requests answered within each wait, per tool, with the target.

Lecture 000 §4–6 (Dịch vụ khách hàng; phòng chat, email); the curve comes from
:func:`sim.measures.service_desk.wait_ecdf`. Its height at the target line is the
service level of :func:`sim.measures.service_desk.service_level`.

Typical use::

    from sim.measures.service_desk import wait_ecdf
    from sim.charts.wait_times import wait_times_chart
    chart = wait_times_chart(wait_ecdf(tickets), target_min=2)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.labels import label
from sim.charts.style import TITLE_SIZE, base_config, colour_scale, labelled, legend_below, order, plot_width, widest_px
from sim.measures.frames import require_columns

SCALES: tuple[str, ...] = ("symlog", "linear")
"""x-axis scales: ``symlog`` shows chat waits (minutes) and e-mail waits (hours) on one axis; ``linear`` is plain."""

_HEIGHT = 300


def _minutes(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} {label('wait_chart', 'minutes')}"


def wait_times_chart(ecdf: pd.DataFrame, target_min: float, *, scale: str = "symlog", width: int | None = None) -> alt.LayerChart:
    """Step lines of the share of offered requests answered within each wait, one per tool, and a rule at the target.

    share_answered(w) = answered with wait ≤ w / (answered + reneged); the line levels
    off below 100 % by the share of customers who gave up. Lecture 000 §4–6.

    Args:
        ecdf: the table of :func:`sim.measures.service_desk.wait_ecdf` (``tool``, ``wait_min``, ``share_answered``).
        target_min: the answer-time target in minutes, drawn as a vertical rule (≥ 0).
        scale: ``"symlog"`` (default: short and long waits both readable) or ``"linear"``.
        width: the plot's width in px; default as wide as a notebook column allows (the legend is below).

    Returns:
        An Altair layered chart (step lines with tooltips, and the target rule).

    Raises:
        DataError: a missing column, a bad ``target_min`` or ``scale``.
    """
    require_columns(ecdf, ["tool", "wait_min", "share_answered"], "ecdf")
    target = float(check_range("target_min", target_min, 0.0))
    check_choice("scale", scale, SCALES)
    data = labelled(ecdf[["tool", "wait_min", "share_answered"]], "tool", "tool")
    present = list(dict.fromkeys(data["tool"]))
    tool_title = label("wait_chart", "tool")
    axis = alt.Axis()
    if scale == "symlog":  # ticks 0, 1, 2, 5, 10, 20, 50 … up to the longest wait
        longest = max([target, *data["wait_min"].dropna().tolist()])
        ticks = [0] + [m * 10**e for e in range(6) for m in (1, 2, 5) if m * 10**e <= max(longest, 1) * 2]
        axis = alt.Axis(values=ticks)
    x = alt.X("wait_min:Q", title=label("wait_chart", "wait_min"), scale=alt.Scale(type=scale), axis=axis)
    title = alt.Title(label("wait_chart", "title"), subtitle=label("wait_chart", "subtitle"))
    lines = alt.Chart(data).mark_line(interpolate="step-after", point=alt.OverlayMarkDef(size=16, filled=True)).encode(
        x=x,
        y=alt.Y("share_answered:Q", title=label("wait_chart", "share_answered"), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("tool:N", title=tool_title, scale=colour_scale("tool", present), sort=order("tool"),
                        legend=legend_below(present)),
        tooltip=[alt.Tooltip("tool:N", title=tool_title),
                 alt.Tooltip("wait_min:Q", title=label("wait_chart", "wait_min"), format=",.1f"),
                 alt.Tooltip("share_answered:Q", title=label("wait_chart", "share_answered"), format=".1%")],
    )
    target_text = f"{label('wait_chart', 'target')}: {_minutes(target)}"
    marker = pd.DataFrame({"wait_min": [target], "text": [target_text]})
    rule = alt.Chart(marker).mark_rule(color="#444444", strokeDash=[6, 4]).encode(
        x="wait_min:Q", tooltip=[alt.Tooltip("text:N", title=label("wait_chart", "target"))])
    text = alt.Chart(marker).mark_text(align="left", dx=4, dy=-8, color="#444444", fontSize=12).encode(
        x="wait_min:Q", y=alt.value(_HEIGHT), text="text:N")
    width = width if width is not None else plot_width(widest_px(["100%"]) + 2 * TITLE_SIZE)
    chart = alt.layer(lines, rule, text, title=title).properties(width=width, height=_HEIGHT)
    return base_config(chart)
