"""Effect of the retention levers: mean and confidence interval of each measure, one row per setting.

Lecture 001, Các công cụ marketing điện tử cơ bản duy trì khách hàng (personalization, online
communities; a loyalty programme). The input is the summary of :func:`sim.sweep` with
:func:`sim.experiments.retention_levers.lever_grid` as parameters and
:func:`sim.measures.retention.retention_measures` as measures.

Typical use::

    import sim
    from sim.experiments.retention_levers import lever_grid
    from sim.measures.retention import retention_measures
    from sim.charts.retention_levers import retention_levers
    summary = sim.sweep("demo", lever_grid(), seeds=5, measures=retention_measures)
    retention_levers(summary)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config
from sim.experiments.retention_levers import LEVERS
from sim.measures.frames import require_columns

SUMMARY = ("measure", "mean", "ci_low", "ci_high", "n_runs")
"""The columns of a :func:`sim.sweep` summary this chart reads, besides the three lever fields."""
DEFAULT_MEASURES = ("repeat_rate", "active_share", "true_churn_share")
"""The measures drawn by default: goal 2 (repeat buying, activity) and goal 1 (true churn)."""
_COLOURS = PALETTES["lever_role"]


def setting_name(row: pd.Series) -> str:
    """The levers switched on in one row, by their labels joined with " + "; "no lever" when none is on, "all three" when all are.

    Raises:
        DataError: a lever value that is not ``True``/``False``.
    """
    on = []
    for key, field in LEVERS.items():
        value = row[field]
        if not isinstance(value, bool) and str(value) not in ("True", "False"):
            raise DataError([(field, value, "phải là True (bật) hoặc False (tắt)", "must be True (on) or False (off)")])
        if value is True or str(value) == "True":
            on.append(label("retention_lever", key))
    if len(on) == len(LEVERS):
        return label("retention_lever", "all")
    return " + ".join(on) if on else label("retention_lever", "none")


def _rows(summary: pd.DataFrame, role: str, measures: tuple[str, ...], table: str) -> pd.DataFrame:
    require_columns(summary, [*LEVERS.values(), *SUMMARY], table)
    part = summary[summary["measure"].isin(measures)].copy()
    names = [setting_name(row) for _, row in part.iterrows()]
    prefix = f"{label('retention_lever_chart', 'reference')}: " if role == "reference" else ""
    part["setting"] = [prefix + name for name in names]
    part["role"] = role
    return part[["setting", "role", *SUMMARY]]


def retention_levers(summary: pd.DataFrame, *, measures: tuple[str, ...] | list[str] = DEFAULT_MEASURES,
                     reference: pd.DataFrame | None = None) -> alt.VConcatChart:
    """One panel per measure: a dot (mean over the seeds) and a bar (confidence interval) per setting.

    Lecture 001, Quản trị duy trì khách hàng. Interval: mean ± t(1 − α/2, n − 1) · sd / √n over
    the n seeds (:func:`sim.experiments.replicate.summarize`).

    Args:
        summary: a :func:`sim.sweep` summary with the three lever fields of
            :data:`sim.experiments.retention_levers.LEVERS`, ``measure``, ``mean``, ``ci_low``,
            ``ci_high`` and ``n_runs``.
        measures: the measures to draw, in order (keys of the label kinds ``retention_measure``
            or ``kpi``). Shares (names ending in ``_rate`` or ``_share``) get a percent axis;
            every axis starts near the data (not at 0), so small differences stay visible.
        reference: optionally a second summary of the same shape (e.g. every lever off), drawn
            in grey above the others and named "Đối chứng: …".

    Returns:
        An Altair vertical concatenation, one layered panel per measure, with tooltips.

    Raises:
        DataError: a missing column, a lever value that is not True/False, or a measure that
            is in neither table.
    """
    measures = tuple(measures)
    parts = ([_rows(reference, "reference", measures, "reference")] if reference is not None else [])
    parts.append(_rows(summary, "chosen", measures, "summary"))
    data = pd.concat(parts, ignore_index=True)
    missing = [m for m in measures if m not in set(data["measure"])]
    if missing:
        raise DataError([("measures", m, "không có trong bảng tóm tắt (cột measure)", "is not in the summary (column measure)")
                         for m in missing])
    data["role_name"] = [label("retention_lever_chart", r) for r in data["role"]]
    order = list(dict.fromkeys(data["setting"]))
    runs = sorted({int(n) for n in data["n_runs"]})
    subtitle = (f"{label('retention_lever_chart', 'subtitle')} 95%; {label('retention_lever_chart', 'runs')}: "
                f"{', '.join(str(n) for n in runs)}")
    setting_title = label("retention_lever_chart", "setting")
    present = list(dict.fromkeys(data["role"]))
    colour = alt.Color("role_name:N", title=label("retention_lever_chart", "role"),
                       scale=alt.Scale(domain=[label("retention_lever_chart", r) for r in present],
                                       range=[_COLOURS[r] for r in present]),
                       legend=alt.Legend(orient="bottom") if len(present) > 1 else None)
    panels = []
    for measure in measures:
        kind = "retention_measure" if measure in LABELS["retention_measure"] else "kpi"
        title = label(kind, measure)
        shares = measure.endswith(("_rate", "_share"))
        axis = alt.Axis(format=".0%") if shares else alt.Axis()
        rows = data[data["measure"] == measure]
        scale = alt.Scale(zero=False)
        if shares:  # a t interval can pass 0 % or 100 %; a share cannot
            low, high = float(rows[["ci_low", "mean"]].min().min()), float(rows[["ci_high", "mean"]].max().max())
            scale = alt.Scale(domain=[max(0.0, low), min(1.0, high)], clamp=True, nice=False)
        tooltip = [alt.Tooltip("setting:N", title=setting_title),
                   alt.Tooltip("mean:Q", title=label("retention_lever_chart", "mean"), format=".1%" if shares else ".3f"),
                   alt.Tooltip("ci_low:Q", title=label("retention_lever_chart", "ci_low"), format=".1%" if shares else ".3f"),
                   alt.Tooltip("ci_high:Q", title=label("retention_lever_chart", "ci_high"), format=".1%" if shares else ".3f"),
                   alt.Tooltip("n_runs:Q", title=label("retention_lever_chart", "n_runs"))]
        base = alt.Chart(rows).encode(
            y=alt.Y("setting:N", title=None, sort=order, axis=alt.Axis(labelLimit=520)), tooltip=tooltip)
        bars = base.mark_rule(strokeWidth=4, opacity=0.45).encode(
            x=alt.X("ci_low:Q", title=None, scale=scale, axis=axis), x2="ci_high:Q", color=colour)
        dots = base.mark_point(filled=True, size=80).encode(x=alt.X("mean:Q", scale=scale), color=colour)
        panels.append(alt.layer(bars, dots, title=alt.Title(title, fontSize=13)).properties(width=360, height=alt.Step(24)))
    chart = alt.vconcat(*panels, title=alt.Title(label("retention_lever_chart", "title"), subtitle=subtitle))
    return base_config(chart)
