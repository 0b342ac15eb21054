"""Trust levers off and on: the two means with their confidence intervals, and the difference.

Lecture 000 §1 (two main reasons not to buy on the web: no guarantee of security, quality cannot
be verified; the trust levers answer them).

Typical use::

    from sim.measures import trust_levers as levers
    from sim.charts.trust_levers import lever_effects_chart
    lever_effects_chart(levers.lever_effects(runs, measure="journey_conversion"))
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config, plot_width, widest_px
from sim.measures.frames import require_columns

_COLUMNS = ["lever", "measure", "n_seeds", "off_mean", "off_ci_low", "off_ci_high", "on_mean", "on_ci_low",
            "on_ci_high", "difference", "difference_ci_low", "difference_ci_high", "level"]
STATE_COLOURS: dict[str, str] = dict(PALETTES["lever_state"])
"""Grey for a lever switched off, green for on."""
_ROW_HEIGHT = 56
_LABEL_LIMIT = 340


def measure_label(measure: str) -> str:
    """Display name of a measure of :func:`sim.measures.trust_levers.trust_measures` or of the headline KPIs.

    ``dropout_<reason>`` reads "Tỷ lệ rời bỏ ở bước đánh giá vì: <reason's label>".
    """
    if measure in LABELS["kpi"]:
        return label("kpi", measure)
    if measure.startswith("dropout_") and measure[len("dropout_"):] in LABELS["reason"]:
        return f"{label('lever_chart', 'dropout_because')}: {label('reason', measure[len('dropout_'):]).lower()}"
    return label("lever_chart", measure)


def difference_text(difference: float, low: float, high: float, level: float) -> str:
    """The difference in percentage points, and its interval on a second line: ``+4,1 điểm %`` / ``(khoảng tin cậy 95%: 1,2 – 7,0)``.

    Args:
        difference: on − off, as a share (0.041 is 4.1 points).
        low, high: the interval's ends (NaN: the interval is left out).
        level: the confidence level (0.95 → 95%).
    """
    if math.isnan(difference):
        return "–"
    points = 100 * difference
    text = f"{'+' if points > 0 and vi_number(points) != '0,0' else ''}{vi_number(points)} {label('lever_chart', 'points')}"
    if math.isnan(low) or math.isnan(high):
        return text
    pct = vi_number(100 * level, 0 if (100 * level) % 1 == 0 else 1)
    return f"{text}\n({label('lever_chart', 'ci')} {pct}%: {vi_number(100 * low)} – {vi_number(100 * high)})"


def lever_effects_chart(effects: pd.DataFrame, *, title: str | None = None) -> alt.LayerChart:
    """Per lever: a grey dot (off) and a green dot (on) with their intervals; the difference on the right.

    Lecture 000 §1. Each dot is the mean of a rate over the seeds and its bar the confidence
    interval; the right column gives on − off in percentage points with the interval of the paired
    differences (:func:`sim.measures.trust_levers.lever_effects`). An interval of the difference that
    does not include 0 says the lever's effect is more than chance at that level.

    Args:
        effects: the table of :func:`sim.measures.trust_levers.lever_effects` (rates between 0 and 1:
            conversion, drop-out rates).
        title: the chart's title; default the trust levers' title of the label map.

    Returns:
        An Altair layered chart (interval bars, dots with tooltips, the difference written at the
        right); the axis is named after the measure.

    Raises:
        DataError: a missing column.
    """
    require_columns(effects, _COLUMNS, "lever_effects")
    table = effects[_COLUMNS].reset_index(drop=True)
    table["lever"] = [label("lever", lever) for lever in table["lever"]]
    levers = [label("lever", key) for key in LABELS["lever"]]
    levers += [lever for lever in dict.fromkeys(table["lever"]) if lever not in levers]
    levers = [lever for lever in levers if lever in set(table["lever"])]
    long = pd.concat([pd.DataFrame({"lever": table["lever"], "state": label("lever_state", state),
                                    "mean": table[f"{state}_mean"], "ci_low": table[f"{state}_ci_low"],
                                    "ci_high": table[f"{state}_ci_high"], "n_seeds": table["n_seeds"]})
                      for state in ("off", "on")], ignore_index=True)
    written = table[["difference", "difference_ci_low", "difference_ci_high", "level"]].itertuples(index=False)
    text = pd.DataFrame({"lever": table["lever"], "text": [difference_text(*row) for row in written]})
    measures = list(dict.fromkeys(table["measure"]))
    axis_title = measure_label(measures[0]) if len(measures) == 1 else label("lever_chart", "mean")
    states = [label("lever_state", s) for s in STATE_COLOURS]
    colour = alt.Color("state:N", title=label("lever_chart", "state"), sort=states,
                       scale=alt.Scale(domain=states, range=list(STATE_COLOURS.values())),
                       legend=alt.Legend(orient="top", direction="horizontal"))
    y = alt.Y("lever:N", title=None, sort=levers, axis=alt.Axis(labelLimit=_LABEL_LIMIT))
    written_px = widest_px(line for t in text["text"] for line in t.split("\n"))
    width = plot_width(min(widest_px(levers), _LABEL_LIMIT) + 12 + 12 + written_px, most=360)
    offset = alt.YOffset("state:N", sort=states, scale=alt.Scale(paddingOuter=0.6))
    tooltip = [alt.Tooltip("lever:N", title=label("lever_chart", "lever")),
               alt.Tooltip("state:N", title=label("lever_chart", "state")),
               alt.Tooltip("mean:Q", title=label("lever_chart", "mean"), format=".1%"),
               alt.Tooltip("ci_low:Q", title=label("lever_chart", "ci_low"), format=".1%"),
               alt.Tooltip("ci_high:Q", title=label("lever_chart", "ci_high"), format=".1%"),
               alt.Tooltip("n_seeds:Q", title=label("lever_chart", "n_seeds"))]
    base = alt.Chart(long)
    bars = base.mark_rule(strokeWidth=3).encode(
        y=y, yOffset=offset, x=alt.X("ci_low:Q", title=axis_title, scale=alt.Scale(zero=False),
                                     axis=alt.Axis(format=".0%")),
        x2="ci_high:Q", color=colour, tooltip=tooltip)
    dots = base.mark_point(filled=True, size=90, opacity=1).encode(
        y=y, yOffset=offset, x="mean:Q", color=colour, tooltip=tooltip)
    diff = alt.Chart(text).mark_text(align="left", fontSize=12, dx=12, lineBreak="\n", lineHeight=15).encode(
        y=y, x=alt.value(width), text="text:N")
    header = alt.Chart(pd.DataFrame({"text": [label("lever_chart", "difference")]})).mark_text(
        align="left", fontSize=12, fontWeight="bold", dx=12, dy=-10).encode(
        x=alt.value(width), y=alt.value(0), text="text:N")
    seeds = sorted(set(table["n_seeds"].astype(int)))
    subtitle = f"{label('lever_chart', 'n_seeds')}: {', '.join(str(s) for s in seeds)}"
    heading = label("lever_chart", "title") if title is None else title
    chart = alt.layer(bars, dots, diff, header, title=alt.Title(heading, subtitle=subtitle))
    chart = chart.properties(width=width, height=_ROW_HEIGHT * max(len(levers), 1))
    return base_config(chart)
