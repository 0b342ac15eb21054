"""Before and after: each KPI's mean and confidence interval for the baseline and for one or more variants.

Lecture 000 §5 (the five steps to customer-centred e-commerce, compared with the shop before them).
The table comes from :func:`sim.experiments.comparison.kpi_differences` (one variant) or
:func:`sim.experiments.comparison.compare_variants` (several, with a ``variant`` column). One small panel
per KPI, each with its own horizontal scale since KPIs have different units; in each, a dot at the
mean and a line over the interval, the baseline in grey at the top. A filled dot: the variant's
interval does not overlap the baseline's. Shares are drawn in percent (the panel's name says so).

Typical use::

    from sim.experiments.comparison import kpi_differences
    from sim.charts.kpi_comparison import kpi_comparison_chart
    kpi_comparison_chart(kpi_differences(before, after), kpis=["buyer_rate", "nps", "margin_vnd"])
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import MISSING, format_difference, format_value, is_missing
from sim.base.labels import LABELS, label
from sim.charts.palette import BASELINE, SEQUENCE, UNKNOWN
from sim.charts.style import base_config, colours, has_colours, plot_width, widest_px, wrapped_labels
from sim.experiments.comparison import KPI_LABEL_KINDS
from sim.measures.frames import require_columns
from sim.measures.kpis import kpi_unit

_LABEL_LIMIT = 240
"""Setting names longer than this (px) are written on two or more lines."""
_SPACING = 24
_HEADER_SIZE = 13
_COLUMNS = ["measure", "baseline_mean", "baseline_ci_low", "baseline_ci_high", "variant_mean", "variant_ci_low",
            "variant_ci_high", "difference", "relative_difference", "intervals_overlap"]
SHARE_MEASURES: frozenset[str] = frozenset({"buyer_rate", "journey_conversion", "repeat_rate", "active_share",
                                            "chat_service_level", "deflection_rate"})
"""Measures that are shares (0–1), drawn in percent; so is any name ending in ``_rate`` or ``_share``."""
BASELINE_COLOUR = BASELINE
"""Grey: the baseline (before the change)."""
HOLLOW = "white"
"""The fill of a dot whose interval overlaps the baseline's."""


def is_share(measure: str) -> bool:
    """Whether a KPI is a share (0–1), drawn and written in percent (:func:`sim.measures.kpis.kpi_unit`)."""
    return kpi_unit(measure) == "share"


def _colour_scale(settings: list[str], variant_kind: str) -> alt.Scale:
    """The baseline grey; a variant with a label of ``variant_kind`` its fixed colour; any other the next free colour."""
    known = colours(variant_kind) if has_colours(variant_kind) else {}
    free = iter(c for c in SEQUENCE if c not in {known.get(s) for s in settings})
    chosen = [BASELINE_COLOUR] + [known[s] if s in known else next(free, UNKNOWN) for s in settings[1:]]
    return alt.Scale(domain=settings, range=chosen)


def measure_label(measure: str) -> str:
    """A KPI's display name from the first label kind of :data:`~sim.experiments.comparison.KPI_LABEL_KINDS` that has it."""
    kind = next((k for k in KPI_LABEL_KINDS if measure in LABELS.get(k, {})), KPI_LABEL_KINDS[0])
    return label(kind, measure)


def _panel_name(measure: str) -> str:
    """The KPI's name over its panel ("– đơn vị: %" for a share)."""
    name = measure_label(measure)
    return f"{name} – {label('kpi_comparison_chart', 'percent')}" if is_share(measure) else name


def _header_lines(kpis: list[str], width_px: float) -> dict[str, str]:
    """``labelExpr`` writing the panel names wider than their panel on two or more lines (none when all fit)."""
    wrapped, _ = wrapped_labels([_panel_name(m) for m in kpis], width_px, _HEADER_SIZE, bold=True)
    return {"labelExpr": wrapped} if wrapped else {}


def _row(measure: str, setting: str, values: tuple[float, float, float, float, float], overlap: object) -> dict:
    """One dot and interval: ``values`` = (mean, low, high, difference, relative difference); shares × 100."""
    mean, low, high, diff, rel = (float(v) for v in values)
    unit = kpi_unit(measure)
    scale = 100.0 if unit == "share" else 1.0
    yes, no = label("kpi_comparison_chart", "yes"), label("kpi_comparison_chart", "no")
    return {"measure": _panel_name(measure), "setting": setting, "mean": mean * scale, "ci_low": low * scale,
            "ci_high": high * scale, "mean_text": format_value(mean, unit),
            "ci_text": f"{format_value(low, unit)} … {format_value(high, unit)}",
            "difference_text": format_difference(diff, unit),
            "relative_text": MISSING if is_missing(rel) else ("+" if rel > 0 else "") + format_value(rel, "share"),
            "overlap": MISSING if pd.isna(overlap) else (yes if overlap else no),
            "hollow": bool(not pd.isna(overlap) and overlap)}


def _long(table: pd.DataFrame, kpis: list[str], variant_kind: str, baseline_name: str | None = None) -> pd.DataFrame:
    """One row per KPI × setting: the baseline once per KPI, then each variant."""
    base_name = baseline_name or label("kpi_comparison_chart", "baseline")
    rows = []
    for measure in kpis:
        part = table[table["measure"] == measure]
        first = part.iloc[0]
        rows.append(_row(measure, base_name, (first["baseline_mean"], first["baseline_ci_low"], first["baseline_ci_high"],
                                              math.nan, math.nan), pd.NA))
        for _, r in part.iterrows():
            name = label(variant_kind, r["variant"]) if "variant" in part.columns else label("kpi_comparison_chart", "variant")
            rows.append(_row(measure, name, (r["variant_mean"], r["variant_ci_low"], r["variant_ci_high"], r["difference"],
                                             r["relative_difference"]), r["intervals_overlap"]))
    return pd.DataFrame(rows, columns=["measure", "setting", "mean", "ci_low", "ci_high", "mean_text", "ci_text",
                                       "difference_text", "relative_text", "overlap", "hollow"])


def kpi_comparison_chart(table: pd.DataFrame, *, kpis: Sequence[str] | None = None,
                         variant_kind: str = "centred_step", baseline_name: str | None = None) -> alt.FacetChart:
    """Dot-and-interval panels, one per KPI, of the baseline and the variant(s).

    Each panel shows, per setting, the mean over seeds (dot) and its confidence interval (line); the
    baseline is grey and first. A variant's dot is hollow when its interval overlaps the baseline's
    (``intervals_overlap`` is True), filled otherwise. KPI names come from the label kind ``kpi`` (the two
    service measures of :func:`~sim.experiments.comparison.centred_kpis` from ``service_kpi``), variant
    names from ``variant_kind``; shares are drawn in percent, and the tooltips write every value in its
    own unit (differences of shares in percentage points). Lecture 000 §5 (before and after the
    customer-centred steps).

    Args:
        table: the table of :func:`sim.experiments.comparison.kpi_differences`, or of
            :func:`~sim.experiments.comparison.compare_variants` (with a ``variant`` column).
        kpis: the KPIs to draw, in this order; default every measure of the table.
        variant_kind: the label kind of the variant names (unknown names are shown as they are).
        baseline_name: the baseline's display name (default: the label "Kịch bản gốc (trước)").

    Returns:
        An Altair facet chart, two panels per row, each with its own horizontal scale, with tooltips
        (mean, interval, difference, relative difference, overlap).

    Raises:
        DataError: a missing column, or a KPI that is not in the table.
    """
    require_columns(table, _COLUMNS, "comparison")
    names = list(dict.fromkeys(table["measure"])) if kpis is None else list(kpis)
    missing = [k for k in names if k not in set(table["measure"])]
    if missing:
        raise DataError([("kpis", k, "chỉ số này không có trong bảng so sánh", "this KPI is not in the comparison table")
                         for k in missing])
    data = _long(table, names, variant_kind, baseline_name)
    settings = list(dict.fromkeys(data["setting"]))
    scale = _colour_scale(settings, variant_kind)
    lab = lambda key: label("kpi_comparison_chart", key)  # noqa: E731
    wrapped, lines = wrapped_labels(settings, _LABEL_LIMIT)
    names_px = min(widest_px(settings), _LABEL_LIMIT) + 12
    width = plot_width(names_px + _SPACING, most=2 * 300) // 2  # two panels side by side
    y = alt.Y("setting:N", title=None, sort=settings,
              axis=alt.Axis(labelLimit=_LABEL_LIMIT + 10, **({"labelExpr": wrapped} if wrapped else {})))
    color = alt.Color("setting:N", title=lab("setting"), scale=scale, sort=settings, legend=None)  # names on the y axis
    tooltip = [alt.Tooltip("setting:N", title=lab("setting")), alt.Tooltip("mean_text:N", title=lab("mean")),
               alt.Tooltip("ci_text:N", title=lab("ci")), alt.Tooltip("difference_text:N", title=lab("difference")),
               alt.Tooltip("relative_text:N", title=lab("relative_difference")), alt.Tooltip("overlap:N", title=lab("overlap"))]
    base = alt.Chart()
    interval = base.mark_rule(strokeWidth=2.5).encode(
        y=y, x=alt.X("ci_low:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(format=",.2~f", tickCount=4)),
        x2="ci_high:Q", color=color, tooltip=tooltip)
    fill = alt.condition(alt.datum.hollow, alt.value(HOLLOW), alt.Fill("setting:N", scale=scale, sort=settings, legend=None))
    dots = base.mark_point(size=90, strokeWidth=2, opacity=1, fillOpacity=1).encode(
        y=y, x=alt.X("mean:Q"), color=color, fill=fill, tooltip=tooltip)
    title = alt.Title(lab("title"), subtitle=[lab("subtitle")])
    chart = alt.layer(interval, dots, data=data).properties(width=width, height=alt.Step(4 + 14 * lines)).facet(
        facet=alt.Facet("measure:N", title=None, sort=[_panel_name(m) for m in names],
                        header=alt.Header(labelFontSize=_HEADER_SIZE, labelFontWeight="bold", labelAnchor="start",
                                          labelLimit=width + _SPACING, **_header_lines(names, width))),
        columns=2, title=title, spacing={"row": 16, "column": _SPACING},
    ).resolve_scale(x="independent")
    return base_config(chart)
