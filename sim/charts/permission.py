"""The opt-in e-mail list over time, and what a lever does to it over several seeds.

Lecture 001, "Marketing cho phép (Permission marketing)" (Godin 1999; Chaffey Fig 9.2):
an incentive raises opt-ins, too many e-mails raise unsubscribes. The numbers come from
:mod:`sim.measures.permission`.

Typical use::

    import sim
    from sim.measures import permission
    from sim.charts.permission import list_growth, list_lever_effects
    r = sim.simulate("default", seed=2026)
    list_growth(permission.list_growth(r.customers, r.marketing, freq="W"))
    sweep = sim.sweep("demo", {"permission_marketing.sends_per_month": [1, 4, 12]}, seeds=5,
                      measures=permission.list_measures)
    list_lever_effects(sweep, "permission_marketing.sends_per_month")
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.palette import PALETTES
from sim.charts.style import TITLE_SIZE, base_config, plot_width, wrap_px
from sim.measures.frames import require_columns
from sim.measures.permission import GROWTH_COLUMNS, MEASURES, list_summary

FLOW_COLOURS: dict[str, str] = dict(PALETTES["list_flow"])
"""Green for people joining the list, red for people leaving it."""

FORMATS: dict[str, str] = {"opt_in_rate": ".0%", "unsubscribe_rate": ".1%", "unsubscribed_share": ".0%",
                           "cac_vnd": ",.0f", "subscribers": ",.0f"}
"""Number format of each measure's axis (others: one decimal, as means over seeds usually have)."""

_AXIS_PX = 64
"""Room for a small chart's vertical axis (labels such as 100.000 or 12,5%)."""
_SPACING = 24


def _width() -> int:
    return plot_width(_AXIS_PX + TITLE_SIZE + 12, most=620)


def _percent(value: float, digits: int = 1) -> str:
    return "–" if value is None or math.isnan(value) else f"{vi_number(100 * value, digits)}%"


def _subtitle(growth: pd.DataFrame) -> str:
    s = list_summary(growth)
    parts = [f"{label('list_measure', 'opt_in_rate')}: {_percent(s['opt_in_rate'])}"]
    if "unsubscribe_rate" in s.index:
        parts.append(f"{label('list_measure', 'unsubscribe_rate')}: {_percent(s['unsubscribe_rate'], 2)}")
    parts.append(f"{label('list_measure', 'subscribers')}: {vi_number(s['subscribers'], 0)}")
    return " · ".join(parts)


def list_growth(growth: pd.DataFrame) -> alt.VConcatChart:
    """Above: the list's size at the end of each period; below: opt-ins (up) and unsubscribes (down) per period.

    Lecture 001, "Marketing cho phép" (Godin 1999): subscribers = cumulative opt-ins −
    cumulative unsubscribes. The subtitle gives the whole period's opt-in rate, unsubscribe
    rate per e-mail to customers (when the table has it) and the list's final size
    (:func:`sim.measures.permission.list_summary`). Each bar spans its period.

    Args:
        growth: the table of :func:`sim.measures.permission.list_growth`.

    Returns:
        Two Altair charts stacked, sharing the time axis, with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(growth, list(GROWTH_COLUMNS), "growth")
    data = growth.reset_index(drop=True).copy()
    monthly = len(data) > 0 and (data["period_end"] - data["period_start"]).min() >= pd.Timedelta(days=28)
    date_format = "%m/%Y" if monthly else "%d/%m/%Y"
    axis = alt.Axis(format=date_format, tickCount="month") if monthly else alt.Axis(format=date_format)
    x = alt.X("period_start:T", title=label("list_chart", "time"), axis=axis)
    tooltip = [alt.Tooltip("period_start:T", title=label("list_chart", "period_start"), format=date_format),
               alt.Tooltip("prospects:Q", title=label("list_measure", "prospects"), format=",.0f"),
               alt.Tooltip("opt_ins:Q", title=label("list_measure", "opt_ins"), format=",.0f"),
               alt.Tooltip("opt_in_rate:Q", title=label("list_measure", "opt_in_rate"), format=".1%"),
               alt.Tooltip("unsubscribes:Q", title=label("list_measure", "unsubscribes"), format=",.0f"),
               alt.Tooltip("subscribers:Q", title=label("list_measure", "subscribers"), format=",.0f")]
    if "unsubscribe_rate" in data.columns:
        tooltip += [alt.Tooltip("customer_emails_sent:Q", title=label("list_measure", "customer_emails_sent"), format=",.0f"),
                    alt.Tooltip("unsubscribe_rate:Q", title=label("list_measure", "unsubscribe_rate"), format=".2%")]
    # the list's size is counted at the end of each period, so it is drawn there
    size = alt.Chart(data).encode(x=alt.X("period_end:T", title=label("list_chart", "time"), axis=axis),
                                  y=alt.Y("subscribers:Q", title=label("list_chart", "subscribers")), tooltip=tooltip)
    top = alt.layer(size.mark_area(opacity=0.2, color="#4c78a8"),
                    size.mark_line(color="#4c78a8", point=alt.OverlayMarkDef(size=12))).properties(width=_width(), height=220)
    flows = [label("list_chart", key) for key in FLOW_COLOURS]
    long = pd.concat([pd.DataFrame({"period_start": data["period_start"], "period_end": data["period_end"],
                                    "flow": label("list_chart", key), "people": sign * data[key].astype(float),
                                    "count": data[key].astype(float)})
                      for key, sign in (("opt_ins", 1.0), ("unsubscribes", -1.0))], ignore_index=True)
    bottom = alt.Chart(long).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=x, x2="period_end:T",
        y=alt.Y("people:Q", title=label("list_chart", "flow")), y2=alt.datum(0),
        color=alt.Color("flow:N", title=label("list_chart", "kind"), sort=flows,
                        scale=alt.Scale(domain=flows, range=list(FLOW_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("period_start:T", title=label("list_chart", "period_start"), format=date_format),
                 alt.Tooltip("flow:N", title=label("list_chart", "kind")),
                 alt.Tooltip("count:Q", title=label("list_chart", "people"), format=",.0f")],
    ).properties(width=_width(), height=160)
    chart = alt.vconcat(top, bottom, title=alt.Title(label("list_chart", "title"), subtitle=_subtitle(data)))
    return base_config(chart.resolve_scale(x="shared"))


def list_lever_effects(summary: pd.DataFrame, parameter: str, measures: Sequence[str] | None = None) -> alt.ConcatChart:
    """One small chart per list measure: its mean over the seeds against the lever's value, with the interval.

    Lecture 001, "Marketing cho phép" (Godin 1999). Each point is the mean of the measure over
    the runs with that value of the lever, and its bar the confidence interval
    (``ci_low`` – ``ci_high`` of :func:`sim.sweep`); an interval that overlaps the next one says
    the two values cannot be told apart with this many seeds.

    Args:
        summary: the table of :func:`sim.sweep` with ``measures=sim.measures.permission.list_measures``
            (columns ``parameter``, ``measure``, ``mean``, ``ci_low``, ``ci_high``, ``n_runs``).
        parameter: the swept scenario field, e.g. ``"permission_marketing.incentive_vnd"``
            (its name comes from the ``lever`` labels).
        measures: which measures to draw, in order; default: every measure of
            :data:`sim.measures.permission.MEASURES` present in ``summary``.

    Returns:
        Small Altair charts side by side (two per row), each with its own axis and tooltips.

    Raises:
        DataError: a missing column, or a measure that ``summary`` does not hold.
    """
    require_columns(summary, [parameter, "measure", "mean", "ci_low", "ci_high", "n_runs"], "summary")
    present = list(dict.fromkeys(summary["measure"]))
    wanted = list(measures) if measures is not None else [m for m in MEASURES if m in present]
    missing = [m for m in wanted if m not in present]
    if missing or not wanted:
        raise DataError([("measures", missing or wanted, f"phải là các chỉ số có trong bảng: {', '.join(present)}",
                          f"must be measures the table holds: {', '.join(present)}")])
    lever = label("lever", parameter)
    width = plot_width(2 * _AXIS_PX + _SPACING + 12, most=2 * 280) // 2  # two small charts side by side
    panels = []
    for measure in wanted:
        part = summary[summary["measure"] == measure]
        data = pd.DataFrame({"value": part[parameter].astype(float).to_numpy(), "mean": part["mean"].to_numpy(float),
                             "ci_low": part["ci_low"].to_numpy(float), "ci_high": part["ci_high"].to_numpy(float),
                             "n_runs": part["n_runs"].to_numpy()})
        fmt = FORMATS.get(measure, ",.1f")
        tooltip = [alt.Tooltip("value:Q", title=lever, format=",.4~f"),
                   alt.Tooltip("mean:Q", title=label("list_chart", "mean"), format=fmt),
                   alt.Tooltip("ci_low:Q", title=label("list_chart", "ci_low"), format=fmt),
                   alt.Tooltip("ci_high:Q", title=label("list_chart", "ci_high"), format=fmt),
                   alt.Tooltip("n_runs:Q", title=label("list_chart", "runs"))]
        x = alt.X("value:Q", title=wrap_px(lever, width, TITLE_SIZE, bold=True), axis=alt.Axis(format=",.4~f"))
        base = alt.Chart(data).encode(x=x, tooltip=tooltip)
        y = alt.Y("mean:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(format=fmt))
        panels.append(alt.layer(
            base.mark_rule(strokeWidth=2, color="#9ecae1").encode(
                y=alt.Y("ci_low:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(format=fmt)), y2="ci_high:Q"),
            base.mark_line(point=alt.OverlayMarkDef(filled=True, size=60), color="#4c78a8").encode(y=y),
        ).properties(width=width, height=170, title=alt.Title(wrap_px(label("list_measure", measure), width + _AXIS_PX, 12,
                                                                       bold=True), fontSize=12)))
    runs = sorted({int(n) for n in summary["n_runs"]})
    subtitle = f"{label('list_chart', 'runs')}: {', '.join(str(n) for n in runs)}"
    chart = alt.concat(*panels, columns=2, spacing=_SPACING,
                       title=alt.Title(label("list_chart", "lever_title"), subtitle=subtitle))
    return base_config(chart)
