"""NPS with its confidence interval: a dot and a bar per group, on an axis fixed from −100 to 100.

Lecture 001, Chỉ số khách hàng thiện cảm (Net promoter score – NPS); Reichheld (2006). The
interval is the one of :func:`sim.measures.nps.nps_from_counts`. The axis does not move with
the data, so when fewer customers answer (or a segment is small) the bar is visibly wider.

Typical use::

    from sim.measures import nps
    from sim.charts.nps_interval import nps_interval
    nps_interval(nps.nps_summary(surveys))                               # one bar: all answers
    nps_interval(nps.nps_by(surveys, customers, by="persona"))           # one bar per persona
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import LABELS, label
from sim.charts.style import base_config, plot_width, title_above, widest_px
from sim.measures.frames import require_columns
from sim.measures.nps import SUMMARY_COLUMNS

COLUMNS = ("respondents", "nps", "ci_low", "ci_high", "level")
"""The columns every row needs (from :func:`sim.measures.nps.nps_summary` or :func:`~sim.measures.nps.nps_by`)."""
_LABEL_LIMIT = 320
_GAP = 8
"""Pixels between the plot and the number of answers written right of it."""


def _frame(table: pd.DataFrame | pd.Series, by: str | None) -> tuple[pd.DataFrame, str | None]:
    """The rows as a DataFrame and the group column (None for a single summary)."""
    if isinstance(table, pd.Series):
        return pd.DataFrame([table]), None
    if not isinstance(table, pd.DataFrame):
        raise DataError([("table", type(table).__name__, "cần kết quả của nps_summary (Series) hoặc nps_by (DataFrame)",
                          "expected the result of nps_summary (a Series) or nps_by (a DataFrame)")])
    if by is None:
        extra = [c for c in table.columns if c not in SUMMARY_COLUMNS]
        by = extra[0] if extra else None
    return table, by


def nps_interval(table: pd.DataFrame | pd.Series, by: str | None = None, *, kind: str | None = None) -> alt.LayerChart:
    """Dot-and-bar chart of the NPS and its confidence interval, one row per group.

    Lecture 001, NPS = %ủng hộ (9–10) − %không hài lòng (0–6); interval
    NPS ± z × 100 × √((p_P + p_D − (p_P − p_D)²) / n) (normal approximation, Reichheld 2006).

    Args:
        table: a Series from :func:`sim.measures.nps.nps_summary` (one row, "all answers"), or a
            DataFrame from :func:`sim.measures.nps.nps_by` (``respondents``, ``nps``, ``ci_low``,
            ``ci_high``, ``level`` and the group column).
        by: the group column; default the first column that is not a summary column
            (``persona``, ``channel``…), or none (every row is "all answers").
        kind: the label-map kind of the group values; default ``by`` when the map has such a kind.

    Returns:
        An Altair layered chart: a dashed line at 0, the interval bars, the NPS dots and the
        number of answers to the right of the plot, with tooltips. Rows are sorted by NPS, highest first;
        a group with no answers has no dot.

    Raises:
        DataError: a missing column, or an unknown ``kind``.
    """
    data, by = _frame(table, by)
    require_columns(data, [*COLUMNS, *([by] if by is not None else [])], "table")
    if kind is not None and kind not in LABELS:
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.base.labels.LABELS", "must be a kind of sim.base.labels.LABELS")])
    kind = kind if kind is not None else (by if by in LABELS else None)
    keep = [c for c in SUMMARY_COLUMNS if c in data.columns]
    out = data[keep].reset_index(drop=True).astype({c: float for c in keep if c != "respondents"})
    out["respondents"] = out["respondents"].astype(int)
    if by is None:
        out.insert(0, "group", label("nps_interval_chart", "all"))
    else:
        out.insert(0, "group", [label(kind, key) if kind else str(key) for key in data[by]])
    out["answers"] = [f"n = {vi_number(n, 0)}" for n in out["respondents"]]
    order = list(out.sort_values("nps", ascending=False, na_position="last", kind="stable")["group"])
    levels = out["level"].dropna()
    level = float(levels.iloc[0]) if len(levels) else math.nan
    level_text = "" if math.isnan(level) else f" {vi_number(100 * level, 0 if (100 * level) % 1 == 0 else 1)}%"
    subtitle = (f"{label('nps_interval_chart', 'subtitle')}{level_text}; "
                f"{label('nps_interval_chart', 'axis_fixed')}")
    group_title = label("nps_interval_chart", by if by in LABELS["nps_interval_chart"] else "group")
    x_scale = alt.Scale(domain=[-100, 100], nice=False, clamp=True)
    x_title = label("nps_interval_chart", "nps")
    y = alt.Y("group:N", title=group_title, sort=order, axis=title_above(order, limit=_LABEL_LIMIT))
    width = plot_width(min(widest_px(order), _LABEL_LIMIT) + 12 + _GAP + widest_px(out["answers"], 11), most=520)
    tooltip = [alt.Tooltip("group:N", title=group_title),
               alt.Tooltip("respondents:Q", title=label("nps_interval_chart", "respondents")),
               alt.Tooltip("nps:Q", title=x_title, format=".1f"),
               alt.Tooltip("ci_low:Q", title=label("nps_interval_chart", "ci_low"), format=".1f"),
               alt.Tooltip("ci_high:Q", title=label("nps_interval_chart", "ci_high"), format=".1f")]
    tooltip += [alt.Tooltip(f"{c}:Q", title=label("nps_interval_chart", c), format=".1%")
                for c in ("promoter_share", "passive_share", "detractor_share") if c in out.columns]
    base = alt.Chart(out).encode(y=y, tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(strokeDash=[4, 4], color="#888888").encode(
        x=alt.X("x:Q", scale=x_scale))
    bars = base.mark_rule(strokeWidth=4, color="#9ecae1").encode(
        x=alt.X("ci_low:Q", scale=x_scale, title=x_title), x2="ci_high:Q")
    dots = base.mark_point(filled=True, size=90, color="#08519c").encode(x=alt.X("nps:Q", scale=x_scale))
    counts = base.mark_text(align="left", fontSize=11, color="#555555").encode(x=alt.value(width + _GAP), text="answers:N")
    title = alt.Title(label("nps_interval_chart", "title"), subtitle=subtitle)
    chart = alt.layer(zero, bars, dots, counts, title=title).properties(width=width, height=alt.Step(30))
    return base_config(chart)
