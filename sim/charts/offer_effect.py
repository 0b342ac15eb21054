"""What an extension lever does over several seeds: mean and 95% interval of each measure per setting.

Lecture 001, "Mở rộng khách hàng" (cross-sell, up-sell raise the customer's value). The table
comes from :func:`sim.sweep` with ``measures=`` :func:`sim.measures.extension.offer_measures`.

Typical use::

    import sim
    from sim.measures import extension
    from sim.charts.offer_effect import offer_effect_chart
    table = sim.sweep("demo", {"catalogue.up_sell_prob": [0.0, 0.1, 0.3]}, seeds=5, measures=extension.offer_measures)
    chart = offer_effect_chart(table, "catalogue.up_sell_prob")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import LABELS, label
from sim.charts.style import base_config, plot_width
from sim.measures.frames import require_columns

_AXIS_PX = 64
"""Room for a small chart's vertical axis."""
_SPACING = 24
_COLUMNS = ["measure", "mean", "ci_low", "ci_high", "n_runs"]


def offer_effect_chart(sweep: pd.DataFrame, parameter: str, measures: list[str] | None = None) -> alt.FacetChart:
    """One small chart per measure: its mean over the seeds at each parameter value, with the 95% interval.

    Args:
        sweep: the tidy table of :func:`sim.sweep` (the ``parameter`` column, ``measure``,
            ``mean``, ``ci_low``, ``ci_high``, ``n_runs``).
        parameter: the swept scenario field, e.g. ``"catalogue.up_sell_prob"``.
        measures: the measures to draw, in order (each small chart's y axis is the mean over the seeds);
            default every measure of the table that the ``offer_measure`` labels name, in the label map's order.

    Returns:
        An Altair faceted chart (line, interval rules and points; each measure its own y scale).

    Raises:
        DataError: a missing column.
    """
    require_columns(sweep, [parameter, *_COLUMNS], "sweep")
    known = list(LABELS["offer_measure"])
    present = set(sweep["measure"])
    measures = measures if measures is not None else [m for m in known if m in present]
    data = sweep[sweep["measure"].isin(measures)][[parameter, *_COLUMNS]].rename(columns={parameter: "setting"})
    data["measure"] = [label("offer_measure", m) for m in data["measure"]]
    names = [label("offer_measure", m) for m in measures]
    x_title = label("offer_effect_chart", parameter) if parameter in LABELS["offer_effect_chart"] else parameter
    settings = sorted({float(v) for v in data["setting"]})
    x = alt.X("setting:Q", title=x_title, axis=alt.Axis(values=settings, format=".2~f"))
    tooltip = [alt.Tooltip("setting:Q", title=x_title),
               alt.Tooltip("measure:N", title=label("offer_effect_chart", "measure")),
               alt.Tooltip("mean:Q", title=label("offer_effect_chart", "mean"), format=",.3~f"),
               alt.Tooltip("ci_low:Q", title=label("offer_effect_chart", "ci_low"), format=",.3~f"),
               alt.Tooltip("ci_high:Q", title=label("offer_effect_chart", "ci_high"), format=",.3~f"),
               alt.Tooltip("n_runs:Q", title=label("offer_effect_chart", "n_runs"))]
    base = alt.Chart().encode(x=x, tooltip=tooltip)
    y = alt.Y("mean:Q", title=None, scale=alt.Scale(zero=False))
    line = base.mark_line(color="#4c78a8").encode(y=y)
    rules = base.mark_rule(color="#4c78a8", strokeWidth=2).encode(y="ci_low:Q", y2="ci_high:Q")
    points = base.mark_point(color="#4c78a8", filled=True, size=70).encode(y=y)
    width = plot_width(2 * _AXIS_PX + _SPACING + 12, most=2 * 300) // 2  # two small charts side by side
    chart = (alt.layer(line, rules, points, data=data).properties(width=width, height=160)
             .facet(facet=alt.Facet("measure:N", sort=names, title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")),
                    columns=2, spacing=_SPACING,
                    title=label("offer_effect_chart", "title"))
             .resolve_scale(y="independent"))
    return base_config(chart)
