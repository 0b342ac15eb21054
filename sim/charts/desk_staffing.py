"""The service desk at a glance: waits per tool, the service level, and what each tool does to satisfaction.

Lecture 000 §4–6 (Dịch vụ khách hàng; phòng chat, email, FAQ, trả lời tự động). Left:
the wait chart of :mod:`sim.charts.wait_times` (share answered within each wait, with
the target). Right, above: the service level of chat and e-mail (answered within the
target / offered); below: the mean satisfaction points a request of each tool brings
(:func:`sim.measures.service_desk.service_points`). It is the chart of the
staffing panel.

Typical use::

    from sim.experiments.desk_staffing import desk_what_if
    from sim.charts.desk_staffing import desk_staffing_chart
    r = desk_what_if("default", chat_agents=2, email_agents=2, faq_coverage=0.3, requests_per_hour=10)
    chart = desk_staffing_chart(r["ecdf"], r["summary"], r["target_min"], unfinished=r["unfinished"])
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.labels import label
from sim.charts.style import TITLE_SIZE, base_config, colour_scale, fit_title, labelled, order, plot_width, widest_px
from sim.charts.wait_times import wait_times_chart
from sim.measures.frames import require_columns

_SUMMARY = ["tool", "requests", "service_level", "satisfaction_points", "utilisation", "mean_wait_min"]
_WAITS_PX = 360
"""Width of the wait chart beside the satisfaction points, so that both fit a notebook column."""
MAX_STEPS = 120
"""At most this many steps of each tool's wait curve are drawn (a panel must redraw in well under a second)."""


def thin_ecdf(ecdf: pd.DataFrame, target_min: float, max_steps: int = MAX_STEPS) -> pd.DataFrame:
    """At most ``max_steps`` rows per tool of a wait curve, for drawing.

    Rows are kept evenly spaced in rank (``numpy.linspace`` over the tool's rows); the
    first and the last row, and the last row at or below the target, are always kept,
    so the curve still starts, ends and crosses the target line at the right height.
    Between kept rows the step curve is drawn a little low (never high).
    """
    parts = []
    for _, rows in ecdf.groupby("tool", sort=False):
        n = len(rows)
        if n <= max_steps:
            parts.append(rows)
            continue
        keep = set(np.linspace(0, n - 1, max_steps).round().astype(int).tolist())
        at_target = np.flatnonzero(rows["wait_min"].to_numpy(float) <= target_min)
        if len(at_target):
            keep.add(int(at_target[-1]))
        parts.append(rows.iloc[sorted(keep)])
    return pd.concat(parts) if parts else ecdf


def _minutes(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " " + label("wait_chart", "minutes")


def desk_staffing_chart(ecdf: pd.DataFrame, summary: pd.DataFrame, target_min: float, *,
                        unfinished: int = 0) -> alt.HConcatChart:
    """Waits (left) and the satisfaction points of each tool (right), the service level in the subtitle.

    * service level per agent tool = answered within T / (answered + reneged), written in the
      subtitle (it is also the height of each wait curve at the target line);
    * satisfaction points per tool = mean over its requests of
      bonus·[resolved, wait ≤ T] − min(max, per_hour·wait/60) − unresolved·[not resolved].

    When ``unfinished`` > 0 the subtitle also says how many requests were still waiting
    at the end of the run (the queue could not keep up; their waits are missing).
    Each tool's wait curve is drawn with at most :data:`MAX_STEPS` steps (:func:`thin_ecdf`),
    and the figure is kept small: Altair checks the whole specification, data rows
    included, each time a chart is shown, and a panel must redraw in well under a second.
    Lecture 000 §4–6.

    Args:
        ecdf: :func:`sim.measures.service_desk.wait_ecdf` of the tickets.
        summary: :func:`sim.measures.service_desk.desk_summary`.
        target_min: the service-level target T in minutes (≥ 0).
        unfinished: requests still waiting at the end (≥ 0).

    Returns:
        An Altair horizontally concatenated chart.

    Raises:
        DataError: a missing column or a bad number.
    """
    target = float(check_range("target_min", target_min, 0.0))
    waiting = int(check_range("unfinished", unfinished, 0, integer=True))
    require_columns(summary, _SUMMARY, "summary")
    data = labelled(summary[_SUMMARY][summary["requests"] > 0], "tool", "tool")
    side = plot_width(widest_px(data["tool"]) + 12 + _WAITS_PX + 32 + widest_px(["100%"]) + 2 * TITLE_SIZE, most=260)
    waits = wait_times_chart(thin_ecdf(ecdf, target), target, width=_WAITS_PX)  # its configuration is set once, below
    waits.config = alt.Undefined
    waits = fit_title(waits, _WAITS_PX + widest_px(["100%"]) + 2 * TITLE_SIZE)
    tools = order("tool")
    tool_title = label("wait_chart", "tool")
    tip = [alt.Tooltip("tool:N", title=tool_title),
           alt.Tooltip("requests:Q", title=label("service_report", "requests"), format=",d"),
           alt.Tooltip("service_level:Q", title=label("service_report", "service_level"), format=".1%"),
           alt.Tooltip("mean_wait_min:Q", title=label("service_report", "mean_wait_min"), format=",.1f"),
           alt.Tooltip("utilisation:Q", title=label("service_report", "utilisation"), format=".0%"),
           alt.Tooltip("satisfaction_points:Q", title=label("service_report", "satisfaction_points"), format="+.2f")]
    points = alt.Chart(data).mark_bar().encode(
        y=alt.Y("tool:N", title=None, sort=tools),
        x=alt.X("satisfaction_points:Q", title=None),
        color=alt.Color("tool:N", scale=colour_scale("tool", list(data["tool"])), legend=None),
        tooltip=tip)
    zero = alt.Chart().mark_rule(color="#444444").encode(x=alt.datum(0))
    points = fit_title(alt.layer(points, zero, title=label("desk_chart", "satisfaction_points")).properties(
        width=side, height=alt.Step(30)), side + widest_px(data["tool"]))
    levels = [f"{name} {_percent(level)}" for name, level in zip(data["tool"], data["service_level"], strict=True)
              if pd.notna(level)]  # self-service tools have no service level
    subtitle = [f"{label('desk_chart', 'service_level')} {_minutes(target)}: {', '.join(levels) or '–'}"]
    total = f"{int(summary['requests'].sum()):,}".replace(",", ".") + " " + label("desk_chart", "requests")
    if waiting:
        total += f"; {waiting:,}".replace(",", ".") + " " + label("desk_chart", "unfinished")
    title = alt.Title(label("desk_chart", "title"), subtitle=[*subtitle, total],
                      subtitleColor="#e45756" if waiting else "#444444")
    # each panel keeps its own colour scale: the wait lines (chat, e-mail) and the bars (every tool used)
    chart = alt.hconcat(waits, points, spacing=32, title=title).resolve_scale(color="independent")
    return base_config(chart)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"
