"""The e-performance scorecard of Agrawal, Arjona & Lemmens (2001): attraction, conversion, retention per channel.

Lecture 001, Marketing chuyển đổi (conversion marketing). One panel per part of the scorecard, one bar
per channel; the whole shop (every channel together) is the grey bar at the bottom of the panels whose
measure is a rate or a cost per unit. Given the means of several seeds for two or more settings (a sweep),
the chart shows each setting's mean and 95% interval instead, so a change of channel mix can be read off.

Typical use::

    from sim.experiments.acquisition_whatif import channel_measures, channel_sweep, scorecard_with_total
    from sim.charts.scorecard import channel_table, scorecard_chart
    card = scorecard_with_total(result)
    channel_table(card)                        # the table, Vietnamese headers, grouped by part
    scorecard_chart(card)                      # visits, conversion rate, repeat rate per channel
    summary = sim.sweep("demo", {"channels.social.daily_budget_vnd": [3500.0, 14000.0]}, seeds=5,
                        measures=channel_measures)
    scorecard_chart(channel_sweep(summary))    # the same parts, mean and interval per setting
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import LABELS, label
from sim.charts.palette import SEQUENCE
from sim.charts.palette import TOTAL as TOTAL_COLOUR
from sim.charts.style import TITLE_SIZE, base_config, colour_scale, legend_below, plot_width, widest_px, wrap_px
from sim.charts.tables import styled
from sim.measures.acquisition import SCORECARD_PARTS
from sim.measures.frames import require_columns

TOTAL = "all"
"""The ``channel`` value of the whole-shop row (see :mod:`sim.experiments.acquisition_whatif`)."""
DEFAULT_MEASURES: Mapping[str, str] = {"attraction": "visits", "conversion": "conversion_rate", "retention": "repeat_rate"}
"""The column drawn for each part unless another is asked for."""
COUNTS: tuple[str, ...] = ("visits", "spend_vnd", "new_customers", "repeat_customers")
"""Columns that are counts or sums: the whole shop's value is the sum of the channels', so it is not drawn."""
_RATES = ("conversion_rate", "repeat_rate", "churn_rate")
_PERCENT = (*_RATES, "roi", "ltv_roi")
_TOTAL_COLOUR = TOTAL_COLOUR
_SETTING_COLOURS = SEQUENCE
_SPACING = 24
_PART_SIZE = 14
_ROOM = 1.45
"""The value axis reaches this many times the largest value, leaving room for the number written after the bar."""
_SWEEP = ["channel", "column", "mean", "ci_low", "ci_high"]
_SUMMARY_EXTRA = {"channel", "part", "column", "mean", "sd", "ci_low", "ci_high", "n_runs", "measure", "seed"}


def scorecard_chart(table: pd.DataFrame, *, measures: Mapping[str, str] | None = None) -> alt.HConcatChart:
    """Three panels side by side (attraction, conversion, retention), one bar or point per channel.

    Lecture 001, Marketing chuyển đổi: the scorecard of Agrawal et al. (2001). The default measures
    are visits (attraction), conversion rate = new customers / visits (conversion) and repeat rate =
    repeat customers / new customers (retention); any column of the part can be chosen instead.

    Two kinds of table are accepted:

    * one run's scorecard (:func:`sim.measures.acquisition.agrawal_scorecard` or
      :func:`sim.experiments.acquisition_whatif.scorecard_with_total`): bars coloured by channel, the
      whole-shop row (``channel == "all"``) as a grey bar, except for counts (visits, spend, new and
      repeat customers), where it would only be the sum of the bars above it;
    * several seeds and settings (:func:`sim.experiments.acquisition_whatif.channel_sweep`): for each
      channel one point per setting at the mean, with a bar for the 95% confidence interval.

    Args:
        table: one of the two tables above.
        measures: part → column, e.g. ``{"attraction": "cost_per_visit_vnd"}``; parts not given keep
            :data:`DEFAULT_MEASURES`.

    Returns:
        An Altair chart (three panels) with tooltips.

    Raises:
        DataError: a missing column, an unknown part, or a column that is not in its part.
    """
    chosen = _measures(measures)
    sweep = "mean" in table.columns if isinstance(table, pd.DataFrame) else False
    require_columns(table, _SWEEP if sweep else ["channel", *chosen.values()], "channel_sweep" if sweep else "scorecard")
    # one row per channel in every panel, named once at the left: the panels read across like a table
    rows = _channel_order([str(k) for k in table["channel"]])
    names_px = widest_px(rows) + 12
    width = plot_width(names_px + (len(chosen) - 1) * _SPACING + 20, most=3 * 220) // len(chosen)  # 20: the last tick label
    draw = _sweep_panel if sweep else _run_panel
    panels = [draw(table, part, column, rows=rows, width=width, first=i == 0) for i, (part, column) in enumerate(chosen.items())]
    subtitle = [f"{label('scorecard', 'mean')} ± {label('scorecard', 'ci')}"] if sweep else []
    if any(column in COUNTS for column in chosen.values()) and (table["channel"] == TOTAL).any():
        subtitle.append(label("scorecard", "not_shown"))
    chart = alt.hconcat(*panels, spacing=_SPACING, title=alt.Title(label("scorecard", "title"), subtitle=subtitle))
    if not sweep:
        chart = chart.resolve_scale(color="independent")  # the whole-shop bar is grey where it is drawn
    return base_config(chart)


def channel_table(table: pd.DataFrame) -> pd.io.formats.style.Styler:
    """A per-channel table for reading: Vietnamese channel names down, labelled columns, Vietnamese numbers.

    Lecture 001, Marketing chuyển đổi (the Agrawal et al. 2001 scorecard) and Quản trị thu hút khách hàng
    (Chaffey Fig. 9.6). A scorecard (exactly the scorecard's columns) has its columns grouped by the
    three parts; any other table (e.g. the campaign measures of ``channel_economics``) keeps its columns,
    labelled from the label map. Written by :func:`sim.charts.tables.styled`: rates and ROI in percent, money
    in đồng, counts without decimals, "—" where a denominator is zero.

    Args:
        table: ``channel`` and measures, e.g. :func:`sim.experiments.acquisition_whatif.scorecard_with_total`
            or :func:`sim.experiments.acquisition_whatif.economics_with_total`; ``channel == "all"`` is the whole shop.

    Returns:
        A pandas Styler: the channel first, then one column per measure (under its part for a scorecard).

    Raises:
        DataError: no ``channel`` column.
    """
    require_columns(table, ["channel"], "channel_table")
    columns = [c for c in table.columns if c != "channel"]
    shown = table[columns].copy()
    shown.index = pd.Index([_channel(c) for c in table["channel"]], name="channel")
    if columns == [c for cols in SCORECARD_PARTS.values() for c in cols]:
        part_of = {c: part for part, cols in SCORECARD_PARTS.items() for c in cols}
        shown.columns = pd.MultiIndex.from_tuples([(label("scorecard_part", part_of[c]), c) for c in columns])
    return styled(shown, labels=["scorecard", "channel_economics_chart"])


# --------------------------------------------------------------------------- panels


def _measures(measures: Mapping[str, str] | None) -> dict[str, str]:
    chosen = dict(DEFAULT_MEASURES)
    for part, column in (measures or {}).items():
        if part not in SCORECARD_PARTS:
            raise DataError([("measures", part, f"phần của thẻ điểm phải là một trong {list(SCORECARD_PARTS)}",
                              f"a part of the scorecard must be one of {list(SCORECARD_PARTS)}")])
        if column not in SCORECARD_PARTS[part]:
            raise DataError([(f"measures[{part!r}]", column, f"chỉ nhận các cột {list(SCORECARD_PARTS[part])}",
                              f"only the columns {list(SCORECARD_PARTS[part])}")])
        chosen[part] = column
    return chosen


def _channel(key: object) -> str:
    return label("scorecard", TOTAL) if key == TOTAL else label("channel", key)


def _format(column: str) -> str:
    return ".0%" if column in _RATES else ",.0f"


def _channel_order(keys: list[str]) -> list[str]:
    known = [k for k in LABELS["channel"] if k in keys]
    return [_channel(k) for k in known + sorted(set(keys) - set(known) - {TOTAL}) + ([TOTAL] if TOTAL in keys else [])]


def _rows_axis(rows: list[str], first: bool) -> alt.Y:
    """The channels down the panel, the same rows in every panel (an empty row where the whole shop is not drawn)."""
    return alt.Y("channel:N", title=None, sort=rows, scale=alt.Scale(domain=rows), axis=alt.Axis() if first else None)


def _part_title(part: str, width: int) -> alt.Title:
    """The part's name over its panel, no wider than the panel."""
    return alt.Title(wrap_px(label("scorecard_part", part), width, _PART_SIZE, bold=True), fontSize=_PART_SIZE)


def _x_title(column: str, width: int) -> list[str]:
    return wrap_px(label("scorecard", column), width, TITLE_SIZE, bold=True)


def _run_panel(table: pd.DataFrame, part: str, column: str, *, rows: list[str], width: int, first: bool) -> alt.LayerChart:
    data = table[table["channel"] != TOTAL] if column in COUNTS else table
    data = data.assign(channel=[_channel(k) for k in data["channel"]], value=data[column])
    present = [c for c in rows if c in set(data["channel"])]
    scale = colour_scale("channel", present)
    scale = alt.Scale(domain=scale.domain, range=[_TOTAL_COLOUR if d == _channel(TOTAL) else r
                                                  for d, r in zip(scale.domain, scale.range, strict=True)])
    fmt = _format(column)
    tooltip = [alt.Tooltip("channel:N", title=label("scorecard", "channel"))]
    tooltip += [alt.Tooltip(f"{c}:Q", title=label("scorecard", c), format=_format(c))
                for cols in SCORECARD_PARTS.values() for c in cols if c in table.columns]
    y = _rows_axis(rows, first)
    values = pd.to_numeric(data["value"], errors="coerce").dropna()
    high = float(values.max()) if len(values) else 1.0
    low = min(0.0, float(values.min())) if len(values) else 0.0
    # room right of the longest bar for its number
    x = alt.X("value:Q", title=_x_title(column, width), axis=alt.Axis(format=fmt, tickCount=4),
              scale=alt.Scale(domain=[low, high * _ROOM if high > 0 else 1.0], nice=False))
    # The data sit on the layer, not on each mark: composing and configuring charts copies less.
    bars = alt.Chart().mark_bar().encode(
        y=y, x=x, color=alt.Color("channel:N", scale=scale, legend=None, sort=present), tooltip=tooltip)
    text = alt.Chart().mark_text(align="left", dx=3, fontSize=11).encode(
        y=y, x=x, text=alt.Text("value:Q", format=fmt), tooltip=tooltip)
    return alt.layer(bars, text, data=data, title=_part_title(part, width)).properties(width=width, height=alt.Step(26))


def _setting_text(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) and not pd.isna(value):
        return vi_number(float(value), 0 if float(value).is_integer() else 2)
    return str(value)


def _sweep_panel(table: pd.DataFrame, part: str, column: str, *, rows: list[str], width: int, first: bool) -> alt.LayerChart:
    settings = [c for c in table.columns if c not in _SUMMARY_EXTRA]
    data = table[table["column"] == column]
    if column in COUNTS:
        data = data[data["channel"] != TOTAL]
    names = [" · ".join(_setting_text(row[s]) for s in settings) or label("scorecard", "mean") for _, row in data.iterrows()]
    data = data.assign(channel=[_channel(k) for k in data["channel"]], setting=names)
    setting_order = list(dict.fromkeys(names))
    colours = alt.Scale(domain=setting_order, range=[_SETTING_COLOURS[i % len(_SETTING_COLOURS)] for i in range(len(setting_order))])
    fmt = _format(column)
    legend_title = ", ".join(settings) if settings else label("column", "setting")
    tooltip = [alt.Tooltip("channel:N", title=label("scorecard", "channel")),
               alt.Tooltip("setting:N", title=legend_title),
               alt.Tooltip("mean:Q", title=f"{label('scorecard', column)} – {label('scorecard', 'mean')}", format=fmt),
               alt.Tooltip("ci_low:Q", title=f"{label('scorecard', 'ci')} (−)", format=fmt),
               alt.Tooltip("ci_high:Q", title=f"{label('scorecard', 'ci')} (+)", format=fmt)]
    if "n_runs" in data.columns:
        tooltip.append(alt.Tooltip("n_runs:Q", title=label("scorecard", "runs"), format=",d"))
    y = _rows_axis(rows, first)
    offset = alt.YOffset("setting:N", sort=setting_order)
    colour = alt.Color("setting:N", title=f"{label('column', 'setting')} ({legend_title})", scale=colours,
                       sort=setting_order, legend=legend_below(setting_order, left_px=widest_px(rows)))
    interval = alt.Chart().mark_rule(strokeWidth=2).encode(
        y=y, yOffset=offset, x=alt.X("ci_low:Q", title=_x_title(column, width), axis=alt.Axis(format=fmt, tickCount=4)),
        x2="ci_high:Q", color=colour, tooltip=tooltip)
    points = alt.Chart().mark_point(filled=True, size=60).encode(y=y, yOffset=offset, x="mean:Q", color=colour, tooltip=tooltip)
    return alt.layer(interval, points, data=data, title=_part_title(part, width)).properties(width=width, height=alt.Step(14))
