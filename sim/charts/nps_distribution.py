"""Bars of the 0–10 would-recommend scores, coloured by promoter / passive / detractor, NPS in the subtitle.

Lecture 001, Chỉ số khách hàng thiện cảm (Net promoter score – NPS); Reichheld (2006).

Typical use::

    from sim.measures import nps
    from sim.charts.nps_distribution import nps_distribution
    chart = nps_distribution(nps.score_distribution(surveys), nps.nps_summary(surveys))
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width
from sim.measures.frames import require_columns


def nps_subtitle(summary: pd.Series) -> str:
    """The subtitle line for an NPS summary: ``NPS = 20,0 điểm · khoảng tin cậy 95%: −34,0 – 74,0 · số câu trả lời: 10``.

    Lecture 001, NPS = %ủng hộ − %không hài lòng, with the interval of
    :func:`sim.measures.nps.nps_from_counts`; numbers written the Vietnamese way (20,0; 1.561).

    Args:
        summary: a Series from :func:`sim.measures.nps.nps_summary` (``nps``, ``ci_low``, ``ci_high``,
            ``level``, ``respondents``).
    """
    require_columns(pd.DataFrame([summary]), ["nps", "ci_low", "ci_high", "level", "respondents"], "summary")
    n = int(summary["respondents"])
    answers = f"{label('nps_chart', 'respondents')}: {vi_number(n, 0)}"
    if not n or math.isnan(float(summary["nps"])):
        return f"NPS = – · {answers}"
    level = f"{vi_number(100 * float(summary['level']), 0 if float(summary['level']) * 100 % 1 == 0 else 1)}%"
    return (f"NPS = {vi_number(float(summary['nps']))} {label('nps_chart', 'points')} · {label('nps_chart', 'ci')} {level}: "
            f"{vi_number(float(summary['ci_low']))} – {vi_number(float(summary['ci_high']))} · {answers}")


_AXIS_PX = 70
"""The count axis and its title, left of the bars."""


def nps_distribution(distribution: pd.DataFrame, summary: pd.Series | None = None) -> alt.Chart:
    """Bar chart: number of answers for each score 0–10, coloured by the three NPS groups.

    Lecture 001, NPS: ủng hộ 9–10, thụ động 7–8, không hài lòng 0–6.

    Args:
        distribution: the table of :func:`sim.measures.nps.score_distribution`
            (``nps_score``, ``nps_group``, ``count``, ``share``).
        summary: optionally the Series of :func:`sim.measures.nps.nps_summary`; its NPS and
            confidence interval go in the subtitle.

    Returns:
        An Altair bar chart with tooltips (score, group, count, share).

    Raises:
        DataError: a missing column.
    """
    require_columns(distribution, ["nps_score", "nps_group", "count", "share"], "distribution")
    data = labelled(distribution[["nps_score", "nps_group", "count", "share"]], "nps_group", "nps_group")
    present = list(dict.fromkeys(data["nps_group"]))
    title = alt.Title(label("nps_chart", "title"), subtitle=nps_subtitle(summary) if summary is not None else [])
    chart = alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X("nps_score:O", title=label("nps_chart", "nps_score"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=label("nps_chart", "count")),
        color=alt.Color("nps_group:N", title=label("nps_chart", "nps_group"),
                        scale=colour_scale("nps_group", present), sort=order("nps_group"), legend=legend_below(present)),
        tooltip=[alt.Tooltip("nps_score:O", title=label("nps_chart", "nps_score")),
                 alt.Tooltip("nps_group:N", title=label("nps_chart", "nps_group")),
                 alt.Tooltip("count:Q", title=label("nps_chart", "count")),
                 alt.Tooltip("share:Q", title=label("nps_chart", "share"), format=".1%")],
    ).properties(width=plot_width(_AXIS_PX), height=300)
    return base_config(chart)
